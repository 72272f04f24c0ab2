-- The same transaction as ../append.sql, but on the store's own tables (ledger.streams with last_hash, ledger.events with
-- event_id, metadata, recorded_at, hash and the unique event_id index): what the table shape alone costs.
-- event_id is time-ordered like Guid.CreateVersion7, so the index sees the same locality as the store's appends.
\set h :client_id + 1 + :nclients * random(0, (:households - 1) / :nclients)
BEGIN;
INSERT INTO ledger.streams (id, version, last_hash) VALUES ('household-HH' || lpad(:h::text, 6, '0'), 1, repeat('0', 64))
    ON CONFLICT (id) DO UPDATE SET version = streams.version + 1, last_hash = md5(streams.last_hash) || md5(streams.id)
    RETURNING version AS v \gset
INSERT INTO ledger.events (event_id, stream_id, version, type, data, metadata, recorded_at, hash)
    VALUES ((lpad(to_hex((extract(epoch from clock_timestamp()) * 1000000)::bigint), 16, '0') || substr(md5(random()::text), 1, 16))::uuid,
            'household-HH' || lpad(:h::text, 6, '0'), :v, 'PointsAwarded.v1',
            ('{"passbook":"HH' || lpad(:h::text, 6, '0') || '","communityId":"longhu-waisha","ruleId":"env-cleanup","ruleVersion":3,"points":10,"member":"陈美玲","note":"参加环境整治志愿服务"}')::json,
            '{"principal":"key:3f2a9c1e7b5d","correlationId":"0123456789abcdef0123456789abcdef"}'::json, now(), md5(random()::text) || md5(random()::text));
END;
