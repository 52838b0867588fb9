/**
 * Statistics of electronic document exchange (SPEC §9, R-RPT-1..2; QĐ 2588 Article 11.3, and
 * Article 16.3: sending and receiving electronic documents is a criterion of the administrative
 * reform index). For an organization subtree and a period: one row for the organization itself,
 * one per direct child with the child's whole subtree (the drill-down level: province →
 * departments and districts → communes), and a total; each with the exchange figures and the
 * compliance score.
 *
 * Who may ask (R-SEC-2): admins about any organization; supervisors inside the subtree they
 * watch; leaders about their own organization and its subtree; others are refused (403). An
 * organization outside what the caller may see reads as absent (404).
 *
 * Imports the reports repository and domain/ only; rendering to files is report-exports.ts.
 */
import type { BucketFigures, ReportsRepository } from '../../db/repositories/reports.repository';
import type { ConnectionState } from '../../domain/connection';
import { ancestorsOf, isInSubtree, parseOrgCode } from '../../domain/org-code';
import type { Caller } from '../auth';
import { problems } from '../problem';

export type ReportRowScope = 'organization' | 'subtree' | 'total';

export interface ExchangeRow {
  code: string;
  name: string;
  shortName: string;
  kind: string;
  /** 1 province … 4 (R-ORG-1). */
  level: number;
  parentCode: string | null;
  /** `organization`: the root on its own; `subtree`: a child with everything below it; `total`. */
  scope: ReportRowScope;
  /** Direct children of the row's organization: the UI drills into rows with children. */
  childCount: number;
  organizations: number;
  connectedOrganizations: number;
  /** The organization's own connection state (R-CONN-1); null on the total row. */
  connectionState: ConnectionState | null;
  sent: number;
  sentElectronic: number;
  sentPaper: number;
  received: number;
  receivedElectronic: number;
  receivedPaper: number;
  refused: number;
  recalled: number;
  completed: number;
  completedOnTime: number;
  completedLate: number;
  overdueNow: number;
  /** Mean calendar hours from receipt (R-CAL-3 receipt time) to completion; null when nothing was completed. */
  averageProcessingHours: number | null;
  /** R-RPT-2, each 0..1: sent electronically / sent; on time / completed (null without documents); connected / organizations. */
  electronicShare: number | null;
  onTimeShare: number | null;
  connectedShare: number;
  /** R-RPT-2 compliance score, 0..100 (see COMPLIANCE_WEIGHTS). */
  complianceScore: number;
}

export interface ExchangeReport {
  organization: { code: string; name: string; kind: string; level: number; parentCode: string | null };
  /** From the top of what the caller may see down to the organization's parent (breadcrumb). */
  ancestors: Array<{ code: string; name: string }>;
  period: { from: string; to: string };
  generatedAt: Date;
  averageProcessingTimeUnit: 'hours';
  rows: ExchangeRow[];
  total: ExchangeRow;
}

export interface ExchangeQuery {
  /** Root of the subtree; the caller's own scope root when absent. */
  org?: string;
  /** Vietnam calendar days, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
}

/**
 * The compliance score (R-RPT-2), 0..100:
 *
 *   score = 100 × Σ wᵢ·shareᵢ / Σ wᵢ   over the shares that are defined, with
 *   electronic share (sent electronically / sent) w = 0.4,
 *   on-time share    (completed on time / completed) w = 0.4,
 *   connected share  (organizations connected / organizations of the row) w = 0.2.
 *
 * A share without documents in the period (nothing sent, nothing completed) is left out and the
 * remaining weights are scaled up, so a quiet unit is judged on what it did rather than on zeros;
 * the connected share always exists, so the score always does.
 */
export const COMPLIANCE_WEIGHTS = { electronic: 0.4, onTime: 0.4, connected: 0.2 } as const;

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function complianceScore(shares: { electronic: number | null; onTime: number | null; connected: number }): number {
  const parts: Array<[number | null, number]> = [
    [shares.electronic, COMPLIANCE_WEIGHTS.electronic],
    [shares.onTime, COMPLIANCE_WEIGHTS.onTime],
    [shares.connected, COMPLIANCE_WEIGHTS.connected],
  ];
  const defined = parts.filter((p): p is [number, number] => p[0] !== null);
  const weight = defined.reduce((s, [, w]) => s + w, 0);
  return round((100 * defined.reduce((s, [share, w]) => s + share * w, 0)) / weight, 1);
}

type Counts = Omit<BucketFigures, 'code' | 'name' | 'shortName' | 'kind' | 'parentCode' | 'connectionState' | 'childCount'>;

const COUNT_KEYS = [
  'organizations',
  'connectedOrganizations',
  'sentElectronic',
  'sentPaper',
  'receivedElectronic',
  'receivedPaper',
  'refused',
  'recalled',
  'completedOnTime',
  'completedLate',
  'processingSeconds',
  'processingCount',
  'overdueNow',
] as const satisfies ReadonlyArray<keyof Counts>;

/** The row of a bucket: its counts, the sums and means, the shares and the score. */
function rowOf(b: Omit<BucketFigures, 'connectionState'> & { connectionState: ConnectionState | null }, scope: ReportRowScope): ExchangeRow {
  const sent = b.sentElectronic + b.sentPaper;
  const completed = b.completedOnTime + b.completedLate;
  const electronicShare = ratio(b.sentElectronic, sent);
  const onTimeShare = ratio(b.completedOnTime, completed);
  const connectedShare = ratio(b.connectedOrganizations, b.organizations) ?? 0;
  return {
    code: b.code,
    name: b.name,
    shortName: b.shortName,
    kind: b.kind,
    level: parseOrgCode(b.code).level,
    parentCode: b.parentCode,
    scope,
    childCount: b.childCount,
    organizations: b.organizations,
    connectedOrganizations: b.connectedOrganizations,
    connectionState: b.connectionState,
    sent,
    sentElectronic: b.sentElectronic,
    sentPaper: b.sentPaper,
    received: b.receivedElectronic + b.receivedPaper,
    receivedElectronic: b.receivedElectronic,
    receivedPaper: b.receivedPaper,
    refused: b.refused,
    recalled: b.recalled,
    completed,
    completedOnTime: b.completedOnTime,
    completedLate: b.completedLate,
    overdueNow: b.overdueNow,
    averageProcessingHours: b.processingCount > 0 ? round(b.processingSeconds / b.processingCount / 3600, 1) : null,
    electronicShare: electronicShare === null ? null : round(electronicShare, 4),
    onTimeShare: onTimeShare === null ? null : round(onTimeShare, 4),
    connectedShare: round(connectedShare, 4),
    complianceScore: complianceScore({ electronic: electronicShare, onTime: onTimeShare, connected: connectedShare }),
  };
}

/** Roots of the subtrees the caller may report on; null = everything (admin). 403 for other roles. */
export function reportRoots(caller: Caller): string[] | null {
  if (caller.roles.includes('admin')) return null;
  const roots: string[] = [];
  if (caller.roles.includes('supervisor')) roots.push(caller.supervisesCode ?? caller.organizationCode);
  if (caller.roles.includes('leader')) roots.push(caller.organizationCode);
  if (!roots.length) throw problems.forbidden('Thống kê dành cho quản trị, giám sát và lãnh đạo (requires role admin, supervisor or leader)');
  return roots;
}

export function createReportsService(deps: { repo: ReportsRepository; now?: () => Date }) {
  const { repo } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    /** R-RPT-1, R-RPT-2: the exchange report of a subtree over a period. */
    async exchange(caller: Caller, q: ExchangeQuery): Promise<ExchangeReport> {
      const roots = reportRoots(caller);
      const visible = (code: string) => roots === null || roots.some((r) => isInSubtree(code, r));
      const code = q.org ?? (roots ? roots[0] : await repo.topOrganization());
      const org = code && visible(code) ? await repo.organization(code) : null;
      if (!code || !org) throw problems.notFound(`Cơ quan ${code ?? ''}`.trim());

      const generatedAt = now();
      const buckets = await repo.buckets({ root: org.code, from: q.from, to: q.to, now: generatedAt });
      const rows = buckets.map((b) => rowOf(b, b.code === org.code ? 'organization' : 'subtree'));
      const sums = Object.fromEntries(COUNT_KEYS.map((k) => [k, buckets.reduce((s, b) => s + b[k], 0)])) as Record<(typeof COUNT_KEYS)[number], number>;
      const childCount = buckets.find((b) => b.code === org.code)?.childCount ?? 0;
      const total = rowOf({ ...org, ...sums, childCount, connectionState: null }, 'total');

      const up = ancestorsOf(org.code).reverse().filter(visible);
      const names = await repo.names(up);
      return {
        organization: { code: org.code, name: org.name, kind: org.kind, level: parseOrgCode(org.code).level, parentCode: org.parentCode },
        ancestors: up.map((c) => ({ code: c, name: names.get(c) ?? c })),
        period: { from: q.from, to: q.to },
        generatedAt,
        averageProcessingTimeUnit: 'hours',
        rows,
        total,
      };
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
