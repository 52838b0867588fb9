/**
 * Statistics of document exchange (R-RPT-1, R-RPT-2) from the summary table of migration 0011
 * (`report_daily_summaries`, one row per organization and Vietnam day, kept by triggers) plus
 * the live overdue work in `tasks` and the organizations' connection states. Returns plain
 * counts per drill-down bucket; ratios, scores and totals are the service's.
 *
 * A bucket is what one row of the report stands for: the root organization on its own, or one
 * of its direct children together with that child's whole subtree. The organization tree
 * (`parent_code`) decides the buckets; the summary's `org_path` (the code's groups from the
 * province down) narrows the scan to the root's subtree with an index prefix.
 */
import { QueryTypes } from 'sequelize';
import type { ConnectionState } from '../../domain/connection';
import { parseOrgCode } from '../../domain/org-code';
import type { Database } from '../database';

export interface ReportOrganization {
  code: string;
  name: string;
  shortName: string;
  kind: string;
  parentCode: string | null;
  connectionState: ConnectionState;
}

/** Counts of one bucket over the period (documents), and as of `now` (overdue, connections). */
export interface BucketFigures extends ReportOrganization {
  /** Direct children in the organization tree: more than 0 means the row can be drilled into. */
  childCount: number;
  /** Organizations the bucket stands for (1 for the root's own row). */
  organizations: number;
  connectedOrganizations: number;
  sentElectronic: number;
  sentPaper: number;
  receivedElectronic: number;
  receivedPaper: number;
  refused: number;
  recalled: number;
  completedOnTime: number;
  completedLate: number;
  processingSeconds: number;
  processingCount: number;
  /** Documents with at least one open step past its deadline at `now`. */
  overdueNow: number;
}

export interface BucketQuery {
  root: string;
  /** Vietnam calendar days, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  now: Date;
}

/**
 * The prefix of `org_path` that holds `root` and its subtree: the code's non-zero groups from the
 * province down, e.g. 000.00.37.H52 → 'H52.37.' (R-ORG-1: groups fill from the right).
 */
export function subtreePathPrefix(root: string): string {
  const { level, groups } = parseOrgCode(root);
  const down = [groups.l1, groups.l2, groups.l3, groups.l4].slice(0, level);
  return level === 4 ? down.join('.') : `${down.join('.')}.`;
}

interface BucketRow {
  code: string;
  name: string;
  short_name: string;
  kind: string;
  parent_code: string | null;
  connection_state: ConnectionState;
  child_count: string;
  organizations: string;
  connected: string;
  sent_electronic: string;
  sent_paper: string;
  received_electronic: string;
  received_paper: string;
  refused: string;
  recalled: string;
  completed_on_time: string;
  completed_late: string;
  processing_seconds: string;
  processing_count: string;
  overdue_now: string;
}

/** The counters of `report_daily_summaries` (migration 0011). */
const SUMMARY_COUNTERS = [
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

const ORG_COLUMNS = 'o.code, o.name, o.short_name, o.kind, o.parent_code, o.connection_state';

const toOrganization = (r: Pick<BucketRow, 'code' | 'name' | 'short_name' | 'kind' | 'parent_code' | 'connection_state'>): ReportOrganization => ({
  code: r.code,
  name: r.name,
  shortName: r.short_name,
  kind: r.kind,
  parentCode: r.parent_code,
  connectionState: r.connection_state,
});

export function createReportsRepository(db: Database) {
  const select = <T extends object>(sql: string, bind: unknown[]) => db.sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT });

  return {
    async organization(code: string): Promise<ReportOrganization | null> {
      const [row] = await select<BucketRow>(`SELECT ${ORG_COLUMNS} FROM organizations o WHERE o.code = $1`, [code]);
      return row ? toOrganization(row) : null;
    },

    /** Names of the organizations among `codes` (breadcrumbs). */
    async names(codes: string[]): Promise<Map<string, string>> {
      if (!codes.length) return new Map();
      const rows = await select<{ code: string; name: string }>('SELECT code, name FROM organizations WHERE code = ANY($1::text[])', [codes]);
      return new Map(rows.map((r) => [r.code, r.name]));
    },

    /** The top of the tree (the province), where an admin's report starts. */
    async topOrganization(): Promise<string | null> {
      const [row] = await select<{ code: string }>('SELECT code FROM organizations WHERE parent_code IS NULL ORDER BY code LIMIT 1', []);
      return row?.code ?? null;
    },

    /**
     * One row per bucket under `root` — the root itself first, then its direct children in code
     * order (departments, then districts) — each with its period counts and its live state.
     */
    async buckets(q: BucketQuery): Promise<BucketFigures[]> {
      const rows = await select<BucketRow>(
        `WITH RECURSIVE tree AS (
           SELECT o.code, o.code AS bucket FROM organizations o WHERE o.code = $1
           UNION ALL
           SELECT c.code, CASE WHEN t.code = $1 THEN c.code ELSE t.bucket END
             FROM organizations c JOIN tree t ON c.parent_code = t.code
         ),
         -- per organization first (a few hundred groups), then per bucket
         per_org AS (
           SELECT s.organization_code, ${SUMMARY_COUNTERS.map((c) => `sum(s.${c}) AS ${c}`).join(', ')}
             FROM report_daily_summaries s
            WHERE s.org_path LIKE $2 AND s.day BETWEEN $3::date AND $4::date
            GROUP BY s.organization_code
         ),
         figures AS (
           SELECT t.bucket, ${SUMMARY_COUNTERS.map((c) => `sum(p.${c}) AS ${c}`).join(', ')}
             FROM per_org p JOIN tree t ON t.code = p.organization_code
            GROUP BY t.bucket
         ),
         overdue AS (
           SELECT t.bucket, count(DISTINCT k.document_id) AS n
             FROM tasks k JOIN tree t ON t.code = k.organization_code
            WHERE k.status = 'open' AND k.due_at < $5
            GROUP BY t.bucket
         ),
         members AS (
           SELECT t.bucket, count(*) AS organizations, count(*) FILTER (WHERE m.connection_state = 'connected') AS connected
             FROM tree t JOIN organizations m ON m.code = t.code
            GROUP BY t.bucket
         )
         SELECT ${ORG_COLUMNS},
                (SELECT count(*) FROM organizations c WHERE c.parent_code = o.code) AS child_count,
                mb.organizations, mb.connected,
                ${SUMMARY_COUNTERS.map((c) => `coalesce(f.${c}, 0) AS ${c}`).join(', ')},
                coalesce(od.n, 0) AS overdue_now
           FROM members mb
           JOIN organizations o ON o.code = mb.bucket
           LEFT JOIN figures f ON f.bucket = mb.bucket
           LEFT JOIN overdue od ON od.bucket = mb.bucket
          ORDER BY (o.code = $1) DESC, o.code`,
        [q.root, `${subtreePathPrefix(q.root)}%`, q.from, q.to, q.now],
      );
      // counts arrive as bigint text
      return rows.map((r) => ({
        ...toOrganization(r),
        childCount: Number(r.child_count),
        organizations: Number(r.organizations),
        connectedOrganizations: Number(r.connected),
        sentElectronic: Number(r.sent_electronic),
        sentPaper: Number(r.sent_paper),
        receivedElectronic: Number(r.received_electronic),
        receivedPaper: Number(r.received_paper),
        refused: Number(r.refused),
        recalled: Number(r.recalled),
        completedOnTime: Number(r.completed_on_time),
        completedLate: Number(r.completed_late),
        processingSeconds: Number(r.processing_seconds),
        processingCount: Number(r.processing_count),
        overdueNow: Number(r.overdue_now),
      }));
    },
  };
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
