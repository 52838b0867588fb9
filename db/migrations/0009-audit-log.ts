/**
 * The audit log (R-SEC-3): every action — who, what, when, from where — in one append-only
 * table whose rows the database chains by SHA-256, so a changed, removed or slipped-in row shows
 * when the chain is verified (db/repositories/audit.repository.ts `verify`, `npm run
 * audit:verify`). Replaces the placeholder `audit_log` of 0002, which nothing ever wrote.
 *
 * Chaining happens in a BEFORE INSERT trigger, whatever the client sends: under a
 * transaction-level advisory lock it reads the chain head (`audit_log_head`: last seq and hash),
 * sets seq = head + 1, at = the database clock truncated to milliseconds, prev_hash = the head's
 * hash (genesis: 64 zeros), hash = SHA-256 of the canonical text below, and moves the head. The
 * head is a row of its own, so removing the last rows still shows, and seq has no gaps from
 * rolled-back inserts (a sequence would have them). Appends wait for each other until commit:
 * append in short transactions of their own (the API does, after the response).
 *
 * Canonical text, version 1 — `hash = lower-hex(sha256(utf8(text)))` with
 *
 *   text  = "sonla-audit-v1" + LF + f(seq) + LF + f(at) + LF + f(actor_id) + LF
 *           + f(actor_username) + LF + f(organization_code) + LF + f(action) + LF
 *           + f(target_type) + LF + f(target_id) + LF + f(outcome) + LF
 *           + f(source_address) + LF + f(details) + LF + f(prev_hash)
 *   f(NULL) = "-"
 *   f(v)    = <byte length of v in UTF-8, decimal> + ":" + v      (unambiguous whatever v holds)
 *   seq, outcome: decimal; at: UTC "YYYY-MM-DDTHH:MM:SS.ffffffZ" (6 fraction digits);
 *   actor_id: lower-case hyphenated UUID; details: PostgreSQL's jsonb text output.
 *
 * The verifier rebuilds this text in TypeScript (`auditCanonicalText`): change both together,
 * with a new version tag.
 */
import type { Migration } from '../migrate';

/** pg_advisory_xact_lock key of audit appends ("2588" of QĐ 2588, migration 0009). */
export const AUDIT_LOCK_KEY = 2588_0009;

export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    DO $$
    BEGIN
      IF EXISTS (SELECT 1 FROM audit_log) THEN
        RAISE EXCEPTION 'refusing 0009-audit-log: the audit_log of 0002 holds rows; move them aside first';
      END IF;
    END $$;
    DROP TABLE audit_log;

    CREATE TABLE audit_log (
      seq bigint PRIMARY KEY CHECK (seq >= 1),
      at timestamptz NOT NULL,
      actor_id uuid,
      actor_username text,
      -- the actor's organization: what a supervisor's subtree is matched on
      organization_code text,
      -- 'POST /api/incoming/:id/accept', or a named event such as 'auth.login_failed'
      action text NOT NULL CHECK (char_length(action) BETWEEN 1 AND 300),
      target_type text,
      target_id text,
      -- HTTP status; NULL when the client went away before the answer
      outcome int CHECK (outcome BETWEEN 100 AND 599),
      source_address text,
      details jsonb,
      prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
      hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
    );
    CREATE INDEX audit_log_at_idx ON audit_log(at);
    CREATE INDEX audit_log_actor_idx ON audit_log(actor_id);
    CREATE INDEX audit_log_org_idx ON audit_log(organization_code);
    CREATE INDEX audit_log_target_idx ON audit_log(target_type, target_id);

    -- Accent-insensitive search ("dang nhap" finds "đăng nhập") on action, user name and target.
    CREATE FUNCTION audit_search_text(action text, username text, target_type text, target_id text, details jsonb)
      RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN fold_vi(coalesce(action, '') || ' ' || coalesce(username, '') || ' ' || coalesce(details->>'username', '')
        || ' ' || coalesce(target_type, '') || ' ' || coalesce(target_id, ''));
    CREATE INDEX audit_log_search_idx ON audit_log
      USING gin (audit_search_text(action, actor_username, target_type, target_id, details) gin_trgm_ops);

    -- The chain head: seq and hash of the last row. Only the chaining trigger moves it.
    CREATE TABLE audit_log_head (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      seq bigint NOT NULL,
      hash text NOT NULL
    );
    INSERT INTO audit_log_head (seq, hash) VALUES (0, repeat('0', 64));

    CREATE FUNCTION audit_field(v text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
      RETURN CASE WHEN v IS NULL THEN '-' ELSE octet_length(convert_to(v, 'UTF8'))::text || ':' || v END;

    CREATE FUNCTION audit_log_canonical(r audit_log) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
      RETURN concat_ws(chr(10),
        'sonla-audit-v1',
        audit_field(r.seq::text),
        audit_field(to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
        audit_field(r.actor_id::text),
        audit_field(r.actor_username),
        audit_field(r.organization_code),
        audit_field(r.action),
        audit_field(r.target_type),
        audit_field(r.target_id),
        audit_field(r.outcome::text),
        audit_field(r.source_address),
        audit_field(r.details::text),
        audit_field(r.prev_hash));

    CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      head_seq bigint;
      head_hash text;
    BEGIN
      -- Held until commit: concurrent appends chain one after the other, in lock order.
      PERFORM pg_advisory_xact_lock(${AUDIT_LOCK_KEY});
      SELECT h.seq, h.hash INTO head_seq, head_hash FROM audit_log_head h;
      NEW.seq := head_seq + 1;
      NEW.at := date_trunc('milliseconds', clock_timestamp());
      NEW.prev_hash := head_hash;
      NEW.hash := encode(sha256(convert_to(audit_log_canonical(NEW), 'UTF8')), 'hex');
      UPDATE audit_log_head SET seq = NEW.seq, hash = NEW.hash;
      RETURN NEW;
    END $$;
    CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

    CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- The head moves only from inside the chaining trigger (trigger depth 2).
      IF TG_TABLE_NAME = 'audit_log_head' AND TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION '% on %: the audit log is append-only (R-SEC-3)', TG_OP, TG_TABLE_NAME;
    END $$;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
    CREATE TRIGGER audit_log_head_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_log_head
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
    CREATE TRIGGER audit_log_head_no_truncate BEFORE TRUNCATE ON audit_log_head
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`
    DO $$
    BEGIN
      IF EXISTS (SELECT 1 FROM audit_log) THEN
        RAISE EXCEPTION 'refusing to undo 0009-audit-log: audit_log holds the audit trail';
      END IF;
    END $$;
    DROP FUNCTION audit_log_canonical(audit_log);
    DROP TABLE audit_log, audit_log_head;
    DROP FUNCTION audit_log_chain(), audit_log_refuse_change(), audit_field(text), audit_search_text(text, text, text, text, jsonb);

    -- The placeholder of 0002, so that its own down still finds it.
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid,
      actor_label text NOT NULL,
      action text NOT NULL,
      target_type text,
      target_id text,
      source_ip text,
      details jsonb,
      prev_hash char(64),
      hash char(64) NOT NULL UNIQUE
    );
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
  `);
};
