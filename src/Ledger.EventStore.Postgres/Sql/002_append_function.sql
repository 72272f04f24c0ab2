-- Appends in one call each, so a plain append needs one round trip. PostgresAppender explains the contract;
-- both functions keep it: idempotency key first, stream rows locked in one order, every expected version checked
-- before any position is drawn (a losing writer burns none), hashes chained from each stream's last hash.
--
-- Every statement looks rows up by one key (id = value), never by "= ANY(array)" or a join with unnest():
-- plpgsql caches generic plans, and for an array the planner guesses ten rows and may pick a sequential scan
-- of ledger.streams, which grows with every household. A key lookup is an index probe whatever the table's size.
--
-- Positions are drawn only by the default of ledger.events.position, inside the INSERT of these functions: the
-- reader's high-water mark finds every transaction that may still commit a position by its ROW EXCLUSIVE lock on
-- ledger.events (see PostgresHighWaterMark). Nothing else may call nextval() on the sequence.

-- EventHasher in SQL: SHA-256 over the previous hash and each field as a 4-byte big-endian length and its UTF-8
-- (the database is UTF8, checked at start, so a text's bytes are its UTF-8). STABLE like convert_to, which lets
-- the planner inline it; declared IMMUTABLE it would run as a separate call, several times slower.
CREATE FUNCTION ledger.event_hash(
    previous text, event_id uuid, type text, stream_id text, version bigint, data text, metadata text, recorded_at text)
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT encode(sha256(decode(previous, 'hex')
        || int4send(octet_length(event_id::text)) || convert_to(event_id::text, 'UTF8')
        || int4send(octet_length(type)) || convert_to(type, 'UTF8')
        || int4send(octet_length(stream_id)) || convert_to(stream_id, 'UTF8')
        || int4send(octet_length(version::text)) || convert_to(version::text, 'UTF8')
        || int4send(octet_length(data)) || convert_to(data, 'UTF8')
        || int4send(octet_length(metadata)) || convert_to(metadata, 'UTF8')
        || int4send(octet_length(recorded_at)) || convert_to(recorded_at, 'UTF8')), 'hex')
$$;

-- The common case, one event to one stream: the stream row is locked, checked and advanced by one UPDATE, or
-- created by one INSERT, so the append costs about what "upsert the stream, insert the event" costs.
CREATE FUNCTION ledger.append_event(
    p_stream       text,
    p_expected     bigint,      -- the version expected, or -1 for any
    p_event_id     uuid,
    p_type         text,
    p_data         text,
    p_metadata     text,
    p_recorded_at  timestamptz,
    p_key          text,        -- idempotency key, or NULL
    p_request_hash text,
    p_store_key    boolean,     -- store the key here (false: the caller stores it with a response)
    OUT replayed       boolean,
    OUT stream_version bigint,
    OUT event_position bigint,
    OUT event_hash     text)
LANGUAGE plpgsql AS $$
DECLARE
    v_recorded text := to_char(p_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
    v_actual   bigint;
BEGIN
    replayed := false;
    IF p_key IS NOT NULL AND EXISTS (SELECT FROM ledger.idempotency_keys k WHERE k.key = p_key) THEN
        replayed := true;
        RETURN;
    END IF;

    LOOP
        UPDATE ledger.streams s
        SET version = s.version + 1,
            last_hash = ledger.event_hash(s.last_hash, p_event_id, p_type, p_stream, s.version + 1, p_data, p_metadata, v_recorded)
        WHERE s.id = p_stream AND (p_expected < 0 OR s.version = p_expected)
        RETURNING s.version, s.last_hash INTO stream_version, event_hash;
        EXIT WHEN FOUND;

        IF p_expected <= 0 THEN
            -- Waits for a concurrent creator of the same stream, then does nothing if it committed.
            INSERT INTO ledger.streams AS s (id, version, last_hash)
            VALUES (p_stream, 1, ledger.event_hash(repeat('0', 64), p_event_id, p_type, p_stream, 1, p_data, p_metadata, v_recorded))
            ON CONFLICT (id) DO NOTHING
            RETURNING s.version, s.last_hash INTO stream_version, event_hash;
            EXIT WHEN FOUND;
        END IF;

        SELECT s.version INTO v_actual FROM ledger.streams s WHERE s.id = p_stream;
        IF p_expected >= 0 OR NOT FOUND THEN
            RAISE EXCEPTION 'Stream % is at version %', p_stream, coalesce(v_actual, 0)
                -- The hint is for PostgresAppender (Npgsql redacts DETAIL by default, never HINT).
                USING ERRCODE = 'LGCON', HINT = json_build_object('stream', p_stream, 'actual', coalesce(v_actual, 0))::text;
        END IF;
        -- Any version, and a concurrent append created the stream after the UPDATE looked: update it now.
    END LOOP;

    -- A retry of the same request that waited on the stream lock above finds the first one's key now:
    -- give up (rolling everything back) and let the caller answer with the stored result.
    IF p_key IS NOT NULL AND EXISTS (SELECT FROM ledger.idempotency_keys k WHERE k.key = p_key) THEN
        RAISE EXCEPTION 'Idempotency key % was stored by a concurrent append', p_key USING ERRCODE = 'LGRPL';
    END IF;

    INSERT INTO ledger.events (event_id, stream_id, version, type, data, metadata, recorded_at, hash)
    VALUES (p_event_id, p_stream, stream_version, p_type, p_data::json, p_metadata::json, p_recorded_at, event_hash)
    RETURNING position INTO event_position;

    IF p_key IS NOT NULL AND p_store_key THEN
        INSERT INTO ledger.idempotency_keys (key, request_hash, stream_ids, versions, last_position, response, recorded_at)
        VALUES (p_key, p_request_hash, ARRAY[p_stream], ARRAY[stream_version], event_position, NULL, p_recorded_at);
    END IF;
END
$$;

-- Any other append: several events, several streams.
CREATE FUNCTION ledger.append_events(
    p_streams      text[],      -- the streams, in the caller's order, each once
    p_expected     bigint[],    -- per stream: the version expected, or -1 for any
    p_lock_order   integer[],   -- indexes into p_streams in the one order every appender locks them
    p_event_stream integer[],   -- per event: its stream, as a 1-based index into p_streams
    p_event_ids    uuid[],
    p_types        text[],
    p_data         text[],
    p_metadata     text[],
    p_recorded_at  timestamptz,
    p_key          text,        -- idempotency key, or NULL
    p_request_hash text,
    p_store_key    boolean,     -- store the key here (false: the caller stores it with a response)
    OUT replayed        boolean,
    OUT stream_versions bigint[],  -- per stream: its new version
    OUT positions       bigint[],  -- per event
    OUT versions        bigint[],  -- per event
    OUT hashes          text[])    -- per event
LANGUAGE plpgsql AS $$
DECLARE
    c_genesis  constant text := repeat('0', 64);
    v_recorded text := to_char(p_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
    v_hashes   text[];
    v_index    integer;
    v_version  bigint;
    v_hash     text;
BEGIN
    replayed := false;
    IF p_key IS NOT NULL AND EXISTS (SELECT FROM ledger.idempotency_keys k WHERE k.key = p_key) THEN
        replayed := true;
        RETURN;
    END IF;

    -- Stream rows are the append locks, taken in one order so two appends never deadlock. No NULLs in these
    -- arrays: an array that held one keeps its null bitmap, and Npgsql then refuses to read it as long[].
    stream_versions := array_fill(0::bigint, ARRAY[cardinality(p_streams)]);
    v_hashes := array_fill(c_genesis, ARRAY[cardinality(p_streams)]);
    FOREACH v_index IN ARRAY p_lock_order LOOP
        SELECT s.version, s.last_hash INTO v_version, v_hash FROM ledger.streams s WHERE s.id = p_streams[v_index] FOR UPDATE;
        IF NOT FOUND AND p_expected[v_index] <= 0 THEN
            -- A new stream: its row, at version 0, is the lock. ON CONFLICT waits for a concurrent creator.
            INSERT INTO ledger.streams (id, version, last_hash) VALUES (p_streams[v_index], 0, c_genesis)
            ON CONFLICT (id) DO NOTHING;
            SELECT s.version, s.last_hash INTO v_version, v_hash FROM ledger.streams s WHERE s.id = p_streams[v_index] FOR UPDATE;
        END IF;

        IF FOUND THEN
            stream_versions[v_index] := v_version;
            v_hashes[v_index] := v_hash;
        END IF;
    END LOOP;

    -- A retry of the same request that waited on the stream locks above finds the first one's key now:
    -- give up (rolling back any new stream row) and let the caller answer with the stored result.
    IF p_key IS NOT NULL AND EXISTS (SELECT FROM ledger.idempotency_keys k WHERE k.key = p_key) THEN
        RAISE EXCEPTION 'Idempotency key % was stored by a concurrent append', p_key USING ERRCODE = 'LGRPL';
    END IF;

    -- Every version is checked before any position is drawn, so a losing writer burns none.
    FOR v_index IN 1 .. cardinality(p_streams) LOOP
        IF p_expected[v_index] >= 0 AND p_expected[v_index] <> stream_versions[v_index] THEN
            RAISE EXCEPTION 'Stream % is at version %', p_streams[v_index], stream_versions[v_index]
                -- The hint is for PostgresAppender (Npgsql redacts DETAIL by default, never HINT).
                USING ERRCODE = 'LGCON', HINT = json_build_object(
                    'stream', p_streams[v_index], 'actual', stream_versions[v_index])::text;
        END IF;
    END LOOP;

    versions := '{}';
    hashes := '{}';
    FOR v_event IN 1 .. cardinality(p_event_ids) LOOP
        v_index := p_event_stream[v_event];
        v_version := stream_versions[v_index] + 1;
        stream_versions[v_index] := v_version;
        v_hashes[v_index] := ledger.event_hash(v_hashes[v_index], p_event_ids[v_event], p_types[v_event],
            p_streams[v_index], v_version, p_data[v_event], p_metadata[v_event], v_recorded);
        versions[v_event] := v_version;
        hashes[v_event] := v_hashes[v_index];
    END LOOP;

    -- Positions are drawn in the order rows leave the sort, i.e. in the caller's event order.
    WITH inserted AS (
        INSERT INTO ledger.events (event_id, stream_id, version, type, data, metadata, recorded_at, hash)
        SELECT e.id, p_streams[e.stream], e.version, e.type, e.data::json, e.metadata::json, p_recorded_at, e.hash
        FROM unnest(p_event_ids, p_event_stream, versions, p_types, p_data, p_metadata, hashes)
             WITH ORDINALITY AS e(id, stream, version, type, data, metadata, hash, n)
        ORDER BY e.n
        RETURNING position)
    SELECT array_agg(i.position ORDER BY i.position) INTO positions FROM inserted i;

    FOR v_index IN 1 .. cardinality(p_streams) LOOP
        UPDATE ledger.streams SET version = stream_versions[v_index], last_hash = v_hashes[v_index]
        WHERE id = p_streams[v_index];
    END LOOP;

    IF p_key IS NOT NULL AND p_store_key THEN
        INSERT INTO ledger.idempotency_keys (key, request_hash, stream_ids, versions, last_position, response, recorded_at)
        VALUES (p_key, p_request_hash, p_streams, stream_versions, positions[cardinality(positions)], NULL, p_recorded_at);
    END IF;
END
$$;
