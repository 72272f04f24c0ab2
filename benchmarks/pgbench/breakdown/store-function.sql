-- The store's own single-event append (ledger.append_event, what PostgresAppender calls for one event), driven by
-- pgbench: what the server-side append costs without .NET. Expected version -1 (any): pgbench cannot track
-- versions; the function's common path (one UPDATE of the stream row, one INSERT of the event) is the same.
\set h :client_id + 1 + :nclients * random(0, (:households - 1) / :nclients)
SELECT replayed, stream_version, event_position, event_hash FROM ledger.append_event('household-HH' || lpad(:h::text, 6, '0'), -1,
  (lpad(to_hex((extract(epoch from clock_timestamp()) * 1000000)::bigint), 16, '0') || substr(md5(random()::text), 1, 16))::uuid, 'PointsAwarded.v1',
  '{"passbook":"HH' || lpad(:h::text, 6, '0') || '","communityId":"longhu-waisha","ruleId":"env-cleanup","ruleVersion":3,"points":10,"member":"陈美玲","note":"参加环境整治志愿服务"}',
  '{"principal":"key:3f2a9c1e7b5d","correlationId":"0123456789abcdef0123456789abcdef"}', now(), NULL, NULL, true);
