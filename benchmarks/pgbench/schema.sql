-- The raw tables the pgbench append yardstick writes to (a database of their own, never the store's).
DROP TABLE IF EXISTS events;
DROP TABLE IF EXISTS streams;
CREATE TABLE streams (id text PRIMARY KEY, version bigint NOT NULL);
CREATE TABLE events (
    seq bigserial PRIMARY KEY,
    stream_id text NOT NULL,
    version bigint NOT NULL,
    type text NOT NULL,
    data jsonb NOT NULL,
    UNIQUE (stream_id, version));
