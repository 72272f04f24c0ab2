-- The ledger's event store, in its own schema so read models can live beside it.

CREATE SCHEMA IF NOT EXISTS ledger;

CREATE TABLE ledger.schema_version (
    version    integer     PRIMARY KEY,
    script     text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- CACHE 1 (the default): every position is taken from the shared sequence, so its last value is the last
-- position handed out by anyone. The reader's high-water mark relies on that.
CREATE SEQUENCE ledger.events_position_seq AS bigint;

-- One row per stream: its version, and the hash of its last event so the next event chains from it without
-- reading the events table. The row is also the append lock: appenders lock it FOR UPDATE.
CREATE TABLE ledger.streams (
    id        text   PRIMARY KEY,
    version   bigint NOT NULL,
    last_hash text   NOT NULL
);

-- data and metadata are json, NOT jsonb: json keeps the exact text, and the hash chain covers the exact text.
-- jsonb would reorder keys and drop white space, and every hash would stop matching.
CREATE TABLE ledger.events (
    position    bigint      PRIMARY KEY DEFAULT nextval('ledger.events_position_seq'),
    event_id    uuid        NOT NULL,
    stream_id   text        NOT NULL,
    version     bigint      NOT NULL,
    type        text        NOT NULL,
    data        json        NOT NULL,
    metadata    json        NOT NULL,
    recorded_at timestamptz NOT NULL,
    hash        text        NOT NULL,
    CONSTRAINT events_event_id_key UNIQUE (event_id),
    -- The final guard of optimistic concurrency, whatever happens above it.
    CONSTRAINT events_stream_version_key UNIQUE (stream_id, version)
);

ALTER SEQUENCE ledger.events_position_seq OWNED BY ledger.events.position;

-- Stored in the same transaction as the events it answers for.
CREATE TABLE ledger.idempotency_keys (
    key           text        PRIMARY KEY,
    request_hash  text        NOT NULL,
    stream_ids    text[]      NOT NULL,
    versions      bigint[]    NOT NULL,
    last_position bigint      NOT NULL,
    response      text,
    recorded_at   timestamptz NOT NULL
);

CREATE TABLE ledger.checkpoints (
    name     text   PRIMARY KEY,
    position bigint NOT NULL
);

-- Append-only at the database level, for every role including the owner. The service's own role should also
-- lack UPDATE and DELETE on these tables; a superuser can still disable the trigger, which is what tamper tests do.
CREATE FUNCTION ledger.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger.% is append-only: % is refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON ledger.events
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON ledger.events
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_change();
CREATE TRIGGER idempotency_keys_append_only BEFORE UPDATE OR DELETE ON ledger.idempotency_keys
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_change();
CREATE TRIGGER idempotency_keys_no_truncate BEFORE TRUNCATE ON ledger.idempotency_keys
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_change();
