-- One statement appends an audit entry: takes the chain's lock, reads the last hash and inserts
-- the entry hashed onto it, all inside the database. Done from the client it took four round trips
-- with the lock held across three of them, and every search, export and view appends one.
-- The hash is the one AuditLog.hash computes and audit verification checks: SHA-256 over the
-- previous hash, the time in epoch microseconds (decimal text), username, action, case reference
-- and the canonical jsonb text of the detail, each prefixed by its length as a big-endian int32
-- (-1 for null, then no bytes).
CREATE FUNCTION audit_field(b bytea) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN b IS NULL THEN int4send(-1) ELSE int4send(length(b)) || b END
$$;

CREATE FUNCTION audit_append(p_micros bigint, p_username text, p_action text, p_case_ref text, p_detail text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    canonical text := p_detail::jsonb::text;
    prev bytea;
BEGIN
    -- "SHARPAUD": one writer at a time across nodes, so the chain cannot fork; held to the end of
    -- the caller's transaction, and each statement below reads what was committed before it
    PERFORM pg_advisory_xact_lock(6001118325260768580);
    SELECT hash INTO prev FROM audit_log ORDER BY seq DESC LIMIT 1;
    INSERT INTO audit_log (ts, username, action, case_ref, detail, prev_hash, hash)
    VALUES ('epoch'::timestamptz + p_micros * interval '1 microsecond', p_username, p_action, p_case_ref,
            canonical::jsonb, prev,
            sha256(audit_field(prev)
                || audit_field(convert_to(p_micros::text, 'UTF8'))
                || audit_field(convert_to(p_username, 'UTF8'))
                || audit_field(convert_to(p_action, 'UTF8'))
                || audit_field(convert_to(p_case_ref, 'UTF8'))
                || audit_field(convert_to(canonical, 'UTF8'))));
END
$$;
