/**
 * Registers (R-DOC-1, R-DOC-2) and document identifiers (R-ORG-3), refining the tables of 0002.
 *
 * - A counter row per organization, register and year holds the next number; the allocation
 *   increments it and inserts the entry in one transaction, so a rollback consumes nothing.
 *   The document identifier uses the outgoing number, so the third counter kind is dropped.
 * - Entries record who registered and a snapshot of the register fields; every entry belongs to
 *   a counter, and its primary key makes a number impossible to hand out twice.
 * - Entries are immutable: the only changes are voiding (final) and linking the document once.
 *   A voided number stays; nothing is ever deleted.
 * - Starting-number changes are kept in an append-only log, which explains the numbers "used on
 *   paper" that have no entry.
 */
import type { Migration } from '../migrate';

export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE register_counters DROP CONSTRAINT register_counters_register_check;
    ALTER TABLE register_counters ADD CONSTRAINT register_counters_register_check CHECK (register IN ('incoming','outgoing'));

    ALTER TABLE register_entries
      ADD COLUMN registered_by uuid REFERENCES users(id),
      ADD COLUMN details jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object'),
      ADD CONSTRAINT register_entries_void_reason_check CHECK (void_reason IS NULL OR btrim(void_reason) <> ''),
      ADD CONSTRAINT register_entries_counter_fkey FOREIGN KEY (organization_code, register, year)
        REFERENCES register_counters (organization_code, register, year);
    -- A document is registered once per register (R-REC-4); after voiding it may get a new number.
    CREATE UNIQUE INDEX register_entries_document_key ON register_entries (document_id, organization_code, register)
      WHERE document_id IS NOT NULL AND voided_at IS NULL;
    CREATE INDEX register_entries_registered_idx ON register_entries (organization_code, registered_at DESC);

    CREATE FUNCTION register_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'register_entries: an entry is never deleted; void its number instead';
      END IF;
      IF OLD.voided_at IS NOT NULL THEN
        RAISE EXCEPTION 'register_entries: a voided entry is final';
      END IF;
      IF (NEW.organization_code, NEW.register, NEW.year, NEW.number, NEW.idempotency_key, NEW.registered_at, NEW.registered_by, NEW.details)
           IS DISTINCT FROM (OLD.organization_code, OLD.register, OLD.year, OLD.number, OLD.idempotency_key, OLD.registered_at, OLD.registered_by, OLD.details)
         OR (OLD.document_id IS NOT NULL AND NEW.document_id IS DISTINCT FROM OLD.document_id) THEN
        RAISE EXCEPTION 'register_entries: a registered entry is immutable; only voiding it or linking its document once is allowed';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER register_entries_immutable BEFORE UPDATE OR DELETE ON register_entries
      FOR EACH ROW EXECUTE FUNCTION register_entries_guard();
    CREATE TRIGGER register_entries_no_truncate BEFORE TRUNCATE ON register_entries
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();

    CREATE TABLE register_counter_changes (
      id bigserial PRIMARY KEY,
      organization_code varchar(13) NOT NULL,
      register varchar(10) NOT NULL,
      year int NOT NULL,
      previous_next_number int NOT NULL,
      next_number int NOT NULL CHECK (next_number >= 1),
      -- the highest registered number when the change was made (null: none yet)
      highest_registered int,
      changed_by uuid REFERENCES users(id),
      changed_at timestamptz NOT NULL DEFAULT now(),
      reason text,
      FOREIGN KEY (organization_code, register, year) REFERENCES register_counters (organization_code, register, year)
    );
    CREATE INDEX register_counter_changes_counter_idx ON register_counter_changes (organization_code, register, year, id);
    CREATE TRIGGER register_counter_changes_append_only BEFORE UPDATE OR DELETE ON register_counter_changes
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`
    DROP TABLE register_counter_changes;
    DROP TRIGGER register_entries_no_truncate ON register_entries;
    DROP TRIGGER register_entries_immutable ON register_entries;
    DROP FUNCTION register_entries_guard();
    DROP INDEX register_entries_registered_idx;
    DROP INDEX register_entries_document_key;
    ALTER TABLE register_entries
      DROP CONSTRAINT register_entries_counter_fkey,
      DROP CONSTRAINT register_entries_void_reason_check,
      DROP COLUMN details,
      DROP COLUMN registered_by;
    ALTER TABLE register_counters DROP CONSTRAINT register_counters_register_check;
    ALTER TABLE register_counters ADD CONSTRAINT register_counters_register_check CHECK (register IN ('incoming','outgoing','identifier'));
  `);
};
