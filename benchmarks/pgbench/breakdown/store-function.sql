-- The store's own append function (ledger.append_events), called by pgbench for one event: what the server-side
-- append costs without .NET. Expected version -1 (any): pgbench cannot track versions, and the function then
-- also runs its INSERT ... ON CONFLICT DO NOTHING on streams, which an exact expected version skips.
\set h :client_id + 1 + :nclients * random(0, (:households - 1) / :nclients)
SELECT replayed, stream_versions, positions, versions, hashes FROM ledger.append_events(ARRAY['household-HH' || lpad(:h::text, 6, '0')], ARRAY[-1::bigint], ARRAY[1], ARRAY[(lpad(to_hex((extract(epoch from clock_timestamp()) * 1000000)::bigint), 16, '0') || substr(md5(random()::text), 1, 16))::uuid], ARRAY['PointsAwarded.v1'],
  ARRAY['{"passbook":"HH' || lpad(:h::text, 6, '0') || '","communityId":"longhu-waisha","ruleId":"env-cleanup","ruleVersion":3,"points":10,"member":"陈美玲","note":"参加环境整治志愿服务"}'],
  ARRAY['{"principal":"key:3f2a9c1e7b5d","correlationId":"0123456789abcdef0123456789abcdef"}'], now(), NULL, NULL, true);
