-- Experiment only: a single-event append in two statements (UPDATE ... RETURNING, INSERT), the hash chained inside the UPDATE.
CREATE OR REPLACE FUNCTION ledger.append_one(p_stream text, p_expected bigint, p_id uuid, p_type text, p_data text, p_metadata text, p_at timestamptz)
RETURNS TABLE (version bigint, pos bigint, hash text) LANGUAGE plpgsql AS $$
DECLARE
    v_recorded text := to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
    v_version bigint; v_hash text; v_pos bigint;
BEGIN
    PERFORM pg_current_xact_id();
    UPDATE ledger.streams s SET version = s.version + 1, last_hash = encode(sha256(decode(s.last_hash, 'hex')
            || ledger.hash_field(p_id::text) || ledger.hash_field(p_type) || ledger.hash_field(p_stream)
            || ledger.hash_field((s.version + 1)::text) || ledger.hash_field(p_data) || ledger.hash_field(p_metadata)
            || ledger.hash_field(v_recorded)), 'hex')
    WHERE s.id = p_stream AND (p_expected < 0 OR s.version = p_expected)
    RETURNING s.version, s.last_hash INTO v_version, v_hash;
    IF NOT FOUND THEN
        IF p_expected > 0 OR EXISTS (SELECT FROM ledger.streams s WHERE s.id = p_stream) THEN
            RAISE EXCEPTION 'concurrency' USING ERRCODE = 'LGCON';
        END IF;
        v_version := 1;
        v_hash := encode(sha256(decode(repeat('0', 64), 'hex') || ledger.hash_field(p_id::text) || ledger.hash_field(p_type)
            || ledger.hash_field(p_stream) || ledger.hash_field('1') || ledger.hash_field(p_data) || ledger.hash_field(p_metadata)
            || ledger.hash_field(v_recorded)), 'hex');
        INSERT INTO ledger.streams (id, version, last_hash) VALUES (p_stream, 1, v_hash);
    END IF;
    INSERT INTO ledger.events (event_id, stream_id, version, type, data, metadata, recorded_at, hash)
    VALUES (p_id, p_stream, v_version, p_type, p_data::json, p_metadata::json, p_at, v_hash) RETURNING position INTO v_pos;
    RETURN QUERY SELECT v_version, v_pos, v_hash;
END
$$;
