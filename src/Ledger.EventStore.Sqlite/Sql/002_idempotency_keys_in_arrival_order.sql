-- An idempotency key's row holds the stored response: about a kilobyte for a receipt. Keyed by the client's random key
-- in a WITHOUT ROWID table, each new key landed on a random leaf that held three or four such rows, and spilled into an
-- overflow page: a sale wrote two to four pages of this table alone. In a rowid table the rows are appended in arrival
-- order, several to a page, and only the small unique index on the key lands at random.
CREATE TABLE idempotency_keys_in_arrival_order (
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    result       TEXT NOT NULL,
    response     TEXT,
    recorded_at  TEXT NOT NULL
);

INSERT INTO idempotency_keys_in_arrival_order (key, request_hash, result, response, recorded_at)
SELECT key, request_hash, result, response, recorded_at FROM idempotency_keys ORDER BY recorded_at, key;

-- Dropping the old table fires no DELETE trigger; its triggers go with it and are made again below.
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_keys_in_arrival_order RENAME TO idempotency_keys;
CREATE UNIQUE INDEX idempotency_keys_by_key ON idempotency_keys (key);

CREATE TRIGGER idempotency_keys_are_never_updated BEFORE UPDATE ON idempotency_keys
BEGIN
    SELECT RAISE(ABORT, 'idempotency keys are append-only: UPDATE is refused');
END;

CREATE TRIGGER idempotency_keys_are_never_deleted BEFORE DELETE ON idempotency_keys
BEGIN
    SELECT RAISE(ABORT, 'idempotency keys are append-only: DELETE is refused');
END;
