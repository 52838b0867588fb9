/**
 * Statistics read model (SPEC §9, R-RPT-1..3; QĐ 2588 Articles 11.3, 16.3): a per-organization,
 * per-day summary of the documents table, kept exact by triggers, so that a report over any
 * organization subtree and any period reads at most (organizations × days) small rows, however
 * many documents the province has exchanged (bench/reports.bench.ts: one million).
 *
 * Why a summary table rather than indexes on `documents`: every figure of the report is keyed
 * by a different instant (issued, received, completed, recalled), and a subtree is a *suffix* of
 * the identifier code (`___.__.37.H52`), which no B-tree on the code can serve. Indexes would
 * still visit one index entry per document of the period (hundreds of thousands for a year of
 * the province); the summary visits one row per organization and day.
 *
 * How it stays exact: a summary row is a pure function of the current documents rows — the
 * triggers subtract what a document contributed before a change and add what it contributes
 * after (`report_document_facts`), so retries, corrections, re-opened processing and recalls
 * can never make it drift, and `report_summaries_rebuild()` recomputes it from scratch with the
 * same function.
 *
 * What a document contributes, each on the Vietnam calendar day (+07:00) of its own instant:
 * - outgoing, on the day it was issued: one sent document, "on paper" when at least one receiver
 *   is reached only on paper (channel `paper`: not connected, R-CONN-3), else "electronic"
 *   (internal, edXML, or electronic with an accompanying paper copy);
 * - outgoing, on the day it was recalled: one recall (R-RCL-1);
 * - incoming, on the day it was received (receipt time of R-CAL-3): one received document,
 *   "on paper" for the plain paper intake (R-REC-5), else electronic; counted as refused too when
 *   the receiver refused it (a refusal answers the arrival, R-REC-3);
 * - incoming, on the day processing was completed: on time when completed no later than its
 *   processing deadline (`due_at`; none set counts as on time), else late; and the seconds from
 *   receipt to completion, for the average processing time.
 *
 * The classification of an outgoing document needs its receivers: `documents.paper_receiver_count`
 * is kept by a trigger on `document_receivers`, so the documents trigger sees it change.
 */
import type { Migration } from '../migrate';

const COUNTERS = [
  'sent_electronic',
  'sent_paper',
  'received_electronic',
  'received_paper',
  'refused',
  'recalled',
  'completed_on_time',
  'completed_late',
  'processing_seconds',
  'processing_count',
] as const;

/** The columns of `documents` a report counts: an update that changes none of them moves nothing. */
const COUNTED = (row: 'OLD' | 'NEW') =>
  `(${row}.organization_code, ${row}.direction, ${row}.intake, ${row}.status = 'refused', ${row}.issued_at, ${row}.received_at, ` +
  `${row}.completed_at, ${row}.recalled_at, ${row}.due_at, ${row}.paper_receiver_count > 0)`;

const FACT_ARGS = (row: string) =>
  `${row}.organization_code, ${row}.direction, ${row}.intake, ${row}.status, ${row}.issued_at, ${row}.received_at, ${row}.completed_at, ` +
  `${row}.recalled_at, ${row}.due_at, ${row}.paper_receiver_count`;

/** Adds the signed facts `source` selects to the summary, netted per organization and day. */
const mergeFacts = (source: string) => `
        INSERT INTO report_daily_summaries AS s (organization_code, day, ${COUNTERS.join(', ')})
        SELECT f.organization_code, f.day, ${COUNTERS.map((c) => `sum(f.${c})`).join(', ')}
          FROM (${source}) f
         GROUP BY f.organization_code, f.day
        HAVING (${COUNTERS.map((c) => `sum(f.${c})`).join(', ')}) IS DISTINCT FROM (${COUNTERS.map(() => '0').join(', ')})
         ORDER BY f.organization_code, f.day
        ON CONFLICT (organization_code, day) DO UPDATE SET
          ${COUNTERS.map((c) => `${c} = s.${c} + EXCLUDED.${c}`).join(',\n          ')};`;

/** Adds the signed paper-receiver counts `source` selects (document_id, n) to their documents. */
const movePaperCount = (source: string) => `
        UPDATE documents d SET paper_receiver_count = d.paper_receiver_count + x.n
          FROM (SELECT document_id, sum(n) AS n FROM (${source}) c GROUP BY document_id HAVING sum(n) <> 0) x
         WHERE d.id = x.document_id;`;

export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE documents
      -- receivers of an outgoing document reached only on paper (maintained below)
      ADD COLUMN paper_receiver_count int NOT NULL DEFAULT 0 CHECK (paper_receiver_count >= 0);
    UPDATE documents d SET paper_receiver_count = p.n
      FROM (SELECT document_id, count(*) AS n FROM document_receivers WHERE channel = 'paper' GROUP BY document_id) p
     WHERE p.document_id = d.id;

    -- The Vietnam calendar day of an instant. Vietnam has kept UTC+07:00 without daylight saving
    -- since 1975 (domain/time.ts), so a fixed offset is exact and the function truly immutable.
    CREATE FUNCTION vietnam_date(timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      RETURN (($1 AT TIME ZONE 'UTC') + interval '7 hours')::date;

    CREATE TABLE report_daily_summaries (
      organization_code varchar(13) NOT NULL REFERENCES organizations(code),
      day date NOT NULL,
      -- the code's groups from the province down ('H52.37.02.000' for 000.02.37.H52): a subtree
      -- is a prefix of it ('H52.37.%'), which the B-tree below serves (byte order, C collation)
      org_path text COLLATE "C" NOT NULL GENERATED ALWAYS AS (
        substr(organization_code, 11, 3) || '.' || substr(organization_code, 8, 2) || '.' ||
        substr(organization_code, 5, 2) || '.' || substr(organization_code, 1, 3)) STORED,
      sent_electronic int NOT NULL DEFAULT 0,
      sent_paper int NOT NULL DEFAULT 0,
      received_electronic int NOT NULL DEFAULT 0,
      received_paper int NOT NULL DEFAULT 0,
      refused int NOT NULL DEFAULT 0,
      recalled int NOT NULL DEFAULT 0,
      completed_on_time int NOT NULL DEFAULT 0,
      completed_late int NOT NULL DEFAULT 0,
      processing_seconds bigint NOT NULL DEFAULT 0,
      processing_count int NOT NULL DEFAULT 0,
      PRIMARY KEY (organization_code, day)
    -- counters change in place: room on the page keeps those updates HOT (no index writes)
    ) WITH (fillfactor = 80);
    -- province-wide periods scan by day; a drill-down scans its subtree's prefix
    CREATE INDEX report_daily_summaries_day_idx ON report_daily_summaries (day, org_path);
    CREATE INDEX report_daily_summaries_path_idx ON report_daily_summaries (org_path, day);

    CREATE TYPE report_delta AS (
      organization_code varchar(13), day date,
      ${COUNTERS.map((c) => `${c} ${c === 'processing_seconds' ? 'bigint' : 'int'}`).join(', ')}
    );

    -- What one document contributes to the summary (see the header), times sign (+1 / -1).
    CREATE FUNCTION report_document_facts(sign int, org varchar, direction varchar, intake varchar, status varchar,
        issued_at timestamptz, received_at timestamptz, completed_at timestamptz, recalled_at timestamptz,
        due_at timestamptz, paper_receivers int)
      RETURNS SETOF report_delta LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT org, f.day, sign * f.se, sign * f.sp, sign * f.re, sign * f.rp, sign * f.rf, sign * f.rc,
             sign * f.ot, sign * f.lt, sign * f.ps, sign * f.pc
        FROM (VALUES
          (CASE WHEN direction = 'outgoing' THEN vietnam_date(issued_at) END,
             (paper_receivers = 0)::int, (paper_receivers > 0)::int, 0, 0, 0, 0, 0, 0, 0::bigint, 0),
          (CASE WHEN direction = 'outgoing' THEN vietnam_date(recalled_at) END, 0, 0, 0, 0, 0, 1, 0, 0, 0::bigint, 0),
          (CASE WHEN direction = 'incoming' THEN vietnam_date(received_at) END,
             0, 0, (intake <> 'paper')::int, (intake = 'paper')::int, (status = 'refused')::int, 0, 0, 0, 0::bigint, 0),
          (CASE WHEN direction = 'incoming' THEN vietnam_date(completed_at) END, 0, 0, 0, 0, 0, 0,
             (due_at IS NULL OR completed_at <= due_at)::int, coalesce(completed_at > due_at, false)::int,
             CASE WHEN received_at IS NULL THEN 0 ELSE greatest(0, round(extract(epoch FROM completed_at - received_at)))::bigint END,
             (received_at IS NOT NULL)::int)
        ) AS f(day, se, sp, re, rp, rf, rc, ot, lt, ps, pc)
       WHERE f.day IS NOT NULL
    $$;

    -- Moves a contribution: minus what the old rows counted, plus what the new rows count,
    -- netted per organization and day (a change that moves nothing writes nothing). Inserts and
    -- deletes fire once per statement with transition tables, so a bulk load of a hundred
    -- thousand documents is one grouped write per organization and day; an update fires per row
    -- and only when a counted column changed (WHEN clause), so the many updates of the
    -- processes that count nothing (search text, checks, routing, …) cost nothing here.
    -- Keys are written in order, so transactions touching the same summary rows lock them in
    -- the same order.
    CREATE FUNCTION report_summaries_track() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_LEVEL = 'ROW' THEN
        ${mergeFacts(`SELECT * FROM report_document_facts(-1, ${FACT_ARGS('OLD')}) UNION ALL SELECT * FROM report_document_facts(1, ${FACT_ARGS('NEW')})`)}
      ELSIF TG_OP = 'INSERT' THEN
        ${mergeFacts(`SELECT f.* FROM new_rows d CROSS JOIN LATERAL report_document_facts(1, ${FACT_ARGS('d')}) f`)}
      ELSE
        ${mergeFacts(`SELECT f.* FROM old_rows d CROSS JOIN LATERAL report_document_facts(-1, ${FACT_ARGS('d')}) f`)}
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER documents_report_insert AFTER INSERT ON documents REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION report_summaries_track();
    CREATE TRIGGER documents_report_update AFTER UPDATE ON documents FOR EACH ROW
      WHEN (${COUNTED('OLD')} IS DISTINCT FROM ${COUNTED('NEW')})
      EXECUTE FUNCTION report_summaries_track();
    CREATE TRIGGER documents_report_delete AFTER DELETE ON documents REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION report_summaries_track();

    -- documents.paper_receiver_count follows the receivers' channels (same trigger shapes).
    CREATE FUNCTION report_paper_receivers_track() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_LEVEL = 'ROW' THEN
        ${movePaperCount("SELECT OLD.document_id AS document_id, -1 AS n WHERE OLD.channel = 'paper' UNION ALL SELECT NEW.document_id, 1 WHERE NEW.channel = 'paper'")}
      ELSIF TG_OP = 'INSERT' THEN
        ${movePaperCount("SELECT document_id, 1 AS n FROM new_rows WHERE channel = 'paper'")}
      ELSE
        ${movePaperCount("SELECT document_id, -1 AS n FROM old_rows WHERE channel = 'paper'")}
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER document_receivers_report_insert AFTER INSERT ON document_receivers REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION report_paper_receivers_track();
    CREATE TRIGGER document_receivers_report_update AFTER UPDATE OF channel, document_id ON document_receivers FOR EACH ROW
      WHEN ((OLD.channel = 'paper') IS DISTINCT FROM (NEW.channel = 'paper') OR (OLD.channel = 'paper' AND OLD.document_id <> NEW.document_id))
      EXECUTE FUNCTION report_paper_receivers_track();
    CREATE TRIGGER document_receivers_report_delete AFTER DELETE ON document_receivers REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION report_paper_receivers_track();

    -- Recomputes the whole summary from the documents (after a bulk load with triggers disabled,
    -- or to prove the triggers right: the result must equal what they maintained).
    CREATE FUNCTION report_summaries_rebuild() RETURNS void LANGUAGE sql AS $$
      DELETE FROM report_daily_summaries;
      INSERT INTO report_daily_summaries (organization_code, day, ${COUNTERS.join(', ')})
      SELECT f.organization_code, f.day, ${COUNTERS.map((c) => `sum(f.${c})`).join(', ')}
        FROM documents d CROSS JOIN LATERAL report_document_facts(1, ${FACT_ARGS('d')}) f
       GROUP BY f.organization_code, f.day;
    $$;
    SELECT report_summaries_rebuild();

    -- "Overdue now" of the reports: open steps past their deadline, province-wide in one range.
    CREATE INDEX tasks_open_due_idx ON tasks (due_at) WHERE status = 'open';
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`
    DROP INDEX tasks_open_due_idx;
    DROP TRIGGER document_receivers_report_insert ON document_receivers;
    DROP TRIGGER document_receivers_report_update ON document_receivers;
    DROP TRIGGER document_receivers_report_delete ON document_receivers;
    DROP TRIGGER documents_report_insert ON documents;
    DROP TRIGGER documents_report_update ON documents;
    DROP TRIGGER documents_report_delete ON documents;
    DROP FUNCTION report_summaries_rebuild(), report_paper_receivers_track(), report_summaries_track(),
      report_document_facts(int, varchar, varchar, varchar, varchar, timestamptz, timestamptz, timestamptz, timestamptz, timestamptz, int);
    DROP TYPE report_delta;
    DROP TABLE report_daily_summaries;
    DROP FUNCTION vietnam_date(timestamptz);
    ALTER TABLE documents DROP COLUMN paper_receiver_count;
  `);
};
