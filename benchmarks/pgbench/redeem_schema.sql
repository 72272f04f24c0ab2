-- The raw tables of the redemption yardstick (a database of its own): streams carry their folded amount (a
-- household's balance, an item's stock), which is what a hand-written ledger would keep beside the version.
DROP TABLE IF EXISTS events;
DROP TABLE IF EXISTS streams;
CREATE TABLE streams (id text PRIMARY KEY, version bigint NOT NULL, amount bigint NOT NULL);
CREATE TABLE events (
    seq bigserial PRIMARY KEY,
    stream_id text NOT NULL,
    version bigint NOT NULL,
    type text NOT NULL,
    data jsonb NOT NULL,
    UNIQUE (stream_id, version));
