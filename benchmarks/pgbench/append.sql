-- One ledger append done by hand: upsert the stream row, insert one event, in one transaction.
-- Run with -D nclients=<-c value> -D households=1000: client c appends to households c+1, c+1+nclients, ...,
-- the same partition the store's writers use (Workload.HouseholdsOf), so no two clients race for a stream.
-- The payload is byte-for-byte the one the store's benchmark appends (Workload.Payload).
\set h :client_id + 1 + :nclients * random(0, (:households - 1) / :nclients)
BEGIN;
INSERT INTO streams (id, version) VALUES ('household-HH' || lpad(:h::text, 6, '0'), 1)
    ON CONFLICT (id) DO UPDATE SET version = streams.version + 1
    RETURNING version AS v \gset
INSERT INTO events (stream_id, version, type, data)
    VALUES ('household-HH' || lpad(:h::text, 6, '0'), :v, 'PointsAwarded.v1',
            ('{"passbook":"HH' || lpad(:h::text, 6, '0') || '","communityId":"longhu-waisha","ruleId":"env-cleanup","ruleVersion":3,"points":10,"member":"陈美玲","note":"参加环境整治志愿服务"}')::jsonb);
END;
