-- One append in one call, so an append needs one round trip. PostgresAppender explains the contract.

-- One field of an event's canonical bytes: a 4-byte big-endian length, then the UTF-8 (see EventHasher).
-- The database encoding is UTF8 (checked at start), so a text's bytes are its UTF-8.
CREATE FUNCTION ledger.hash_field(value text) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN int4send(octet_length(value)) || convert_to(value, 'UTF8');

CREATE FUNCTION ledger.append_events(
    p_streams      text[],      -- the streams, in the caller's order, each once
    p_expected     bigint[],    -- per stream: the version expected, or -1 for any
    p_event_stream integer[],   -- per event: its stream, as a 1-based index into p_streams
    p_event_ids    uuid[],
    p_types        text[],
    p_data         text[],
    p_metadata     text[],
    p_recorded_at  timestamptz,
    p_key          text,        -- idempotency key, or NULL
    p_request_hash text,
    p_store_key    boolean)     -- store the key here (false: the caller stores it with a response)
RETURNS TABLE (replayed boolean, stream_versions bigint[], positions bigint[], versions bigint[], hashes text[])
LANGUAGE plpgsql AS $$
DECLARE
    -- A stream without a row is at version 0 after the genesis hash. No NULLs: an array built with them keeps
    -- its null bitmap after they are overwritten, and Npgsql then refuses to read it as long[].
    v_versions  bigint[] := array_fill(0::bigint, ARRAY[cardinality(p_streams)]);
    v_hashes    text[]   := array_fill(repeat('0', 64), ARRAY[cardinality(p_streams)]);
    v_recorded  text     := to_char(p_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
    v_stream    record;
    v_index     integer;
    o_versions  bigint[] := '{}';
    o_hashes    text[]   := '{}';
    o_positions bigint[] := '{}';
BEGIN
    IF p_key IS NOT NULL AND EXISTS (SELECT FROM ledger.idempotency_keys k WHERE k.key = p_key) THEN
        RETURN QUERY SELECT true, NULL::bigint[], NULL::bigint[], NULL::bigint[], NULL::text[];
        RETURN;
    END IF;

    -- Take a transaction id before drawing any position: the reader's high-water mark finds every transaction
    -- that may still commit a position through its xid (pg_stat_activity.backend_xid), and a transaction has
    -- none until it first writes, which for an INSERT into events is after nextval() has run.
    PERFORM pg_current_xact_id();

    -- Stream rows are the append locks, taken in one order (C collation) so two appends never deadlock.
    -- A stream that may be new gets its row first; ON CONFLICT waits for a concurrent creator to finish.
    INSERT INTO ledger.streams (id, version, last_hash)
    SELECT s.id, 0, repeat('0', 64)
    FROM unnest(p_streams, p_expected) AS s(id, expected)
    WHERE s.expected <= 0
    ORDER BY s.id COLLATE "C"
    ON CONFLICT (id) DO NOTHING;

    FOR v_stream IN
        SELECT s.id, s.version, s.last_hash FROM ledger.streams s
        WHERE s.id = ANY (p_streams) ORDER BY s.id COLLATE "C" FOR UPDATE
    LOOP
        v_index := array_position(p_streams, v_stream.id);
        v_versions[v_index] := v_stream.version;
        v_hashes[v_index] := v_stream.last_hash;
    END LOOP;

    -- A retry of the same request that waited on the stream locks above finds the first one's key now:
    -- give up (rolling back any new stream row) and let the caller answer with the stored result.
    IF p_key IS NOT NULL AND EXISTS (SELECT FROM ledger.idempotency_keys k WHERE k.key = p_key) THEN
        RAISE EXCEPTION 'Idempotency key % was stored by a concurrent append', p_key USING ERRCODE = 'LGRPL';
    END IF;

    -- Every version is checked before any position is drawn, so a losing writer burns none.
    FOR v_index IN 1 .. cardinality(p_streams) LOOP
        IF p_expected[v_index] >= 0 AND p_expected[v_index] <> v_versions[v_index] THEN
            RAISE EXCEPTION 'Stream % is at version %', p_streams[v_index], v_versions[v_index]
                -- The hint is for PostgresAppender (Npgsql redacts DETAIL by default, never HINT).
                USING ERRCODE = 'LGCON', HINT = json_build_object(
                    'stream', p_streams[v_index], 'actual', v_versions[v_index])::text;
        END IF;
    END LOOP;

    FOR v_event IN 1 .. cardinality(p_event_ids) LOOP
        v_index := p_event_stream[v_event];
        v_versions[v_index] := v_versions[v_index] + 1;
        v_hashes[v_index] := encode(sha256(
               decode(v_hashes[v_index], 'hex')
            || ledger.hash_field(p_event_ids[v_event]::text)
            || ledger.hash_field(p_types[v_event])
            || ledger.hash_field(p_streams[v_index])
            || ledger.hash_field(v_versions[v_index]::text)
            || ledger.hash_field(p_data[v_event])
            || ledger.hash_field(p_metadata[v_event])
            || ledger.hash_field(v_recorded)), 'hex');
        o_versions[v_event] := v_versions[v_index];
        o_hashes[v_event] := v_hashes[v_index];
    END LOOP;

    -- Positions are drawn in the order rows leave the sort, i.e. in the caller's event order.
    WITH inserted AS (
        INSERT INTO ledger.events (event_id, stream_id, version, type, data, metadata, recorded_at, hash)
        SELECT e.id, p_streams[e.stream], e.version, e.type, e.data::json, e.metadata::json, p_recorded_at, e.hash
        FROM unnest(p_event_ids, p_event_stream, o_versions, p_types, p_data, p_metadata, o_hashes)
             WITH ORDINALITY AS e(id, stream, version, type, data, metadata, hash, n)
        ORDER BY e.n
        RETURNING position)
    SELECT coalesce(array_agg(i.position ORDER BY i.position), '{}') INTO o_positions FROM inserted i;

    UPDATE ledger.streams s SET version = u.version, last_hash = u.last_hash
    FROM unnest(p_streams, v_versions, v_hashes) AS u(id, version, last_hash)
    WHERE s.id = u.id AND s.version <> u.version;

    IF p_key IS NOT NULL AND p_store_key THEN
        INSERT INTO ledger.idempotency_keys (key, request_hash, stream_ids, versions, last_position, response, recorded_at)
        VALUES (p_key, p_request_hash, p_streams, v_versions,
                coalesce(o_positions[cardinality(o_positions)], 0), NULL, p_recorded_at);
    END IF;

    RETURN QUERY SELECT false, v_versions, o_positions, o_versions, o_hashes;
END
$$;
