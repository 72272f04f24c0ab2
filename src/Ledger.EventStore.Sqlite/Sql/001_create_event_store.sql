-- The ledger's event store. Positions are the rowid: one writer at a time and no deletes make them
-- gap-free and commit-ordered, so a reader never has to wait for a hole to fill.
CREATE TABLE streams (
    id      TEXT    NOT NULL PRIMARY KEY,
    version INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE events (
    position    INTEGER NOT NULL PRIMARY KEY,
    event_id    TEXT    NOT NULL UNIQUE,
    stream_id   TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    hash        TEXT    NOT NULL,
    UNIQUE (stream_id, version)
);

-- result: {"streams":[{"streamId":..,"version":..}],"lastPosition":..}; response: what DescribeResponse rendered.
CREATE TABLE idempotency_keys (
    key          TEXT NOT NULL PRIMARY KEY,
    request_hash TEXT NOT NULL,
    result       TEXT NOT NULL,
    response     TEXT,
    recorded_at  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE checkpoints (
    name     TEXT    NOT NULL PRIMARY KEY,
    position INTEGER NOT NULL
) WITHOUT ROWID;

-- The ledger is append-only: the database itself refuses to rewrite history, whoever asks.
CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: UPDATE is refused');
END;

CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE is refused');
END;

CREATE TRIGGER idempotency_keys_are_never_updated BEFORE UPDATE ON idempotency_keys
BEGIN
    SELECT RAISE(ABORT, 'idempotency keys are append-only: UPDATE is refused');
END;

CREATE TRIGGER idempotency_keys_are_never_deleted BEFORE DELETE ON idempotency_keys
BEGIN
    SELECT RAISE(ABORT, 'idempotency keys are append-only: DELETE is refused');
END;
