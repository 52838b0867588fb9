/**
 * The incoming and outgoing registers at the size of a province (R-DOC-1, R-DOC-2; QĐ 2588
 * Article 3.8: the registers exist "để quản lý và tra cứu văn bản"): search and paging that stay
 * fast at a million documents (bench/register-search.bench.ts).
 *
 * - `documents.search_text` is kept by a trigger instead of by every writer: number and notation,
 *   summary, sender, signer, identifier and — for outgoing documents — the receivers' names,
 *   folded with `fold_vi` (lower case, no accents, đ → d). The lists' `q` then compares only this
 *   column, so the trigram GIN index of 0008 answers it ("van ban" finds "văn bản", "so noi vu"
 *   finds "Sở Nội vụ"). A change of a receiver clears the column, which the trigger refills.
 * - `documents.register_at`: when the document entered its register — issued (outgoing) or
 *   received (incoming) —, else when it was created: the time the registers' date filter and
 *   register order use. A stored generated column, so it can lead indexes and keyset conditions.
 * - B-tree indexes for the filter + order combinations the lists and exports use, each ending in
 *   the id so that paging (and the export's keyset) is stable and never needs a sort:
 *   organization + direction (+ status) + register time; register time per direction for admins
 *   and supervisors (whose subtree pattern is a suffix no B-tree can lead with); the priority
 *   order (R-DL-4: urgency rank, then newest); the register number (số đến / số đi); the
 *   document date.
 * - Statistics the lists' totals rely on when they are estimates (beyond 10 000 rows, or a text
 *   search of 1 000 or more): multi-column statistics, so that the estimate for an organization's
 *   register knows organization, direction and status are correlated, and a finer histogram of
 *   the search text, so that a LIKE estimate is stable.
 * - Register entries: their own folded search text (a stored generated column over the register's
 *   snapshot: number and notation, summary, sender, receivers, signer) with a trigram index, and
 *   the register-time orders per organization and overall.
 */
import type { Migration } from '../migrate';

/** Must stay the expression urgencyRankSql('d.urgency') writes (db/repositories/documents.repository.ts), or the index is not used. */
const URGENCY_RANK = "(CASE urgency WHEN 'normal' THEN 0 WHEN 'urgent' THEN 1 WHEN 'very_urgent' THEN 2 WHEN 'express' THEN 3 ELSE 0 END)";

export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    CREATE FUNCTION documents_search_text_fill() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_text := fold_vi(concat_ws(' ', coalesce(NEW.number_and_notation, NEW.notation), NEW.summary, NEW.sender_name, NEW.signer_name, NEW.document_identifier,
        CASE WHEN NEW.direction = 'outgoing' THEN
          (SELECT string_agg(coalesce(r.receiver_name, o.name, r.receiver_code), ' ' ORDER BY r.receiver_code)
             FROM document_receivers r LEFT JOIN organizations o ON o.code = r.receiver_code
            WHERE r.document_id = NEW.id)
        END));
      RETURN NEW;
    END $$;
    -- search_text is in the column list so that a writer setting it gets the full text anyway.
    CREATE TRIGGER documents_search_text BEFORE INSERT OR UPDATE OF number_and_notation, notation, summary, sender_name, signer_name, document_identifier, search_text
      ON documents FOR EACH ROW EXECUTE FUNCTION documents_search_text_fill();

    CREATE FUNCTION document_receivers_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN UPDATE documents SET search_text = NULL WHERE id = OLD.document_id; END IF;
      IF TG_OP <> 'DELETE' THEN UPDATE documents SET search_text = NULL WHERE id = NEW.document_id; END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER document_receivers_search_text AFTER INSERT OR DELETE OR UPDATE OF document_id, receiver_code, receiver_name
      ON document_receivers FOR EACH ROW EXECUTE FUNCTION document_receivers_search_text();

    UPDATE documents SET search_text = NULL;

    ALTER TABLE documents ADD COLUMN register_at timestamptz
      GENERATED ALWAYS AS (coalesce(CASE WHEN direction = 'outgoing' THEN issued_at ELSE received_at END, created_at)) STORED;

    CREATE INDEX documents_register_idx ON documents (organization_code, direction, register_at DESC, id DESC);
    CREATE INDEX documents_register_status_idx ON documents (organization_code, direction, status, register_at DESC, id DESC);
    -- Partial rather than led by direction: the planner judges a B-tree's heap order by its first
    -- column, and a constant first column would make a scan of every organization look cheaper
    -- than one organization's own index.
    CREATE INDEX documents_incoming_register_idx ON documents (register_at DESC, id DESC) WHERE direction = 'incoming';
    CREATE INDEX documents_outgoing_register_idx ON documents (register_at DESC, id DESC) WHERE direction = 'outgoing';
    CREATE INDEX documents_priority_idx ON documents (organization_code, direction, ${URGENCY_RANK} DESC, created_at DESC, id DESC);
    CREATE INDEX documents_register_number_idx ON documents (organization_code, direction, register_number) WHERE register_number IS NOT NULL;
    CREATE INDEX documents_document_date_idx ON documents (organization_code, direction, document_date DESC NULLS LAST, id DESC);
    CREATE STATISTICS documents_org_direction_status_stats (dependencies, mcv) ON organization_code, direction, status FROM documents;
    -- A LIKE '%…%' estimate is the share of the column's histogram that matches: with the default
    -- 100 buckets a word found in 4 % of the documents matches 0–8 of them, and the estimate swings
    -- from "a handful" to "thousands" between two ANALYZE runs; 1000 buckets keep it within ~15 %.
    ALTER TABLE documents ALTER COLUMN search_text SET STATISTICS 1000;

    -- The register's snapshot as the clerk searches it, folded once when the entry is written
    -- (stored: a search rechecks a column instead of folding every candidate's snapshot again).
    CREATE FUNCTION register_entry_search_text(details jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN fold_vi(concat_ws(' ', details->>'numberAndNotation', details->>'summary', details->>'senderName', details->>'signerName',
        jsonb_path_query_array(details, '$.receivers[*].name')::text));
    ALTER TABLE register_entries ADD COLUMN search_text text GENERATED ALWAYS AS (register_entry_search_text(details)) STORED;
    CREATE INDEX register_entries_search_idx ON register_entries USING gin (search_text gin_trgm_ops);
    ALTER TABLE register_entries ALTER COLUMN search_text SET STATISTICS 1000;
    DROP INDEX register_entries_registered_idx;
    CREATE INDEX register_entries_registered_idx ON register_entries (organization_code, registered_at DESC, register, year, number);
    CREATE INDEX register_entries_time_idx ON register_entries (registered_at DESC, organization_code, register, year, number);
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`
    DROP INDEX register_entries_time_idx, register_entries_registered_idx, register_entries_search_idx;
    CREATE INDEX register_entries_registered_idx ON register_entries (organization_code, registered_at DESC);
    ALTER TABLE register_entries DROP COLUMN search_text;
    DROP FUNCTION register_entry_search_text(jsonb);
    DROP STATISTICS documents_org_direction_status_stats;
    DROP INDEX documents_register_idx, documents_register_status_idx, documents_incoming_register_idx, documents_outgoing_register_idx, documents_priority_idx,
      documents_register_number_idx, documents_document_date_idx;
    ALTER TABLE documents ALTER COLUMN search_text SET STATISTICS -1;
    ALTER TABLE documents DROP COLUMN register_at;
    DROP TRIGGER document_receivers_search_text ON document_receivers;
    DROP FUNCTION document_receivers_search_text();
    DROP TRIGGER documents_search_text ON documents;
    DROP FUNCTION documents_search_text_fill();
  `);
};
