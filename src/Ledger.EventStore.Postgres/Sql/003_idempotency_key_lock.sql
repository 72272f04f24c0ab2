-- The append functions of 002, with two changes. An append with an idempotency key first takes a transaction-scoped
-- advisory lock on the key, so two appends with one key take turns from the look at the key to the COMMIT (the
-- second look that 002 took after the stream locks, for a retry that waited on them, has nothing left to find). And
-- append_event waits for an append that holds its stream's row before it compares versions, as append_events does.
--
-- Why: PostgresAppender tells its caller the append is written (IEventStore's `written` hook) once the function has
-- returned, before the batch with the key's row and the COMMIT, so that the next sale of a popular item is decided
-- while this one commits. That is only true if nothing after the function can refuse the append. Under 002, two
-- appends with one key to DIFFERENT streams (a reused key, or a retry that decided otherwise) both got through the
-- function, and the later one's key row then failed on the unique index after it had been reported written. Now the
-- later one waits here, then finds the key and replays.
--
-- Until the caller's transaction ends, no other append with the key gets past this call. 1281713255 is "Ledg": the
-- two-number form of the lock never meets the one-number locks of the migrations and the read models' DDL.
-- hashtext() is 32 bits: two different keys that collide only take turns, which costs a moment.
CREATE FUNCTION ledger.lock_key_and_find(p_key text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(1281713255, hashtext(p_key));
    RETURN EXISTS (SELECT FROM ledger.idempotency_keys k WHERE k.key = p_key);
END
$$;

-- The common case, one event to one stream: the stream row is locked, checked and advanced by one UPDATE, or
-- created by one INSERT, so the append costs about what "upsert the stream, insert the event" costs.
CREATE OR REPLACE FUNCTION ledger.append_event(
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
    IF p_key IS NOT NULL AND ledger.lock_key_and_find(p_key) THEN
        replayed := true;
        RETURN;
    END IF;

    LOOP
        -- The version is compared after the UPDATE, not in its WHERE: an UPDATE skips a row whose version in its
        -- snapshot does not match, without waiting for the append that holds the row, and so would lose the race that
        -- an append decided on that append's written state (heard before its COMMIT) must wait out. Locked, the row is
        -- the committed one; a mismatch raises, which undoes the UPDATE.
        UPDATE ledger.streams s
        SET version = s.version + 1,
            last_hash = ledger.event_hash(s.last_hash, p_event_id, p_type, p_stream, s.version + 1, p_data, p_metadata, v_recorded)
        WHERE s.id = p_stream
        RETURNING s.version, s.last_hash INTO stream_version, event_hash;
        IF FOUND THEN
            v_actual := stream_version - 1;
            EXIT WHEN p_expected < 0 OR v_actual = p_expected;
        ELSIF p_expected <= 0 THEN
            -- Waits for a concurrent creator of the same stream, then does nothing if it committed: go round and meet
            -- its row in the UPDATE.
            INSERT INTO ledger.streams AS s (id, version, last_hash)
            VALUES (p_stream, 1, ledger.event_hash(repeat('0', 64), p_event_id, p_type, p_stream, 1, p_data, p_metadata, v_recorded))
            ON CONFLICT (id) DO NOTHING
            RETURNING s.version, s.last_hash INTO stream_version, event_hash;
            EXIT WHEN FOUND;
            CONTINUE;
        ELSE
            v_actual := 0;
        END IF;

        RAISE EXCEPTION 'Stream % is at version %', p_stream, v_actual
            -- The hint is for PostgresAppender (Npgsql redacts DETAIL by default, never HINT).
            USING ERRCODE = 'LGCON', HINT = json_build_object('stream', p_stream, 'actual', v_actual)::text;
    END LOOP;

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
CREATE OR REPLACE FUNCTION ledger.append_events(
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
    IF p_key IS NOT NULL AND ledger.lock_key_and_find(p_key) THEN
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
