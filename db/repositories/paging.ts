/**
 * What the list queries of the repositories share: the page a react-admin list asks for, the
 * caller's organization scope (R-SEC-2), SQL conditions with positional bind parameters,
 * sorting by whitelisted templates only, and totals that stay cheap on very large tables.
 */
import { subtreeLikePattern } from '../../domain/org-code';

export interface Page {
  offset: number;
  limit: number;
  sortField: string;
  sortOrder: 'ASC' | 'DESC';
}

/** What the caller may see: everything, an organization subtree, or one organization. */
export type OrgScope = { kind: 'all' } | { kind: 'subtree'; root: string } | { kind: 'organization'; code: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string): boolean => UUID.test(id);

/** `%q%` for LIKE: NFC, trimmed, with the LIKE wildcards escaped. */
export const likePattern = (q: string): string => `%${q.normalize('NFC').trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** Accumulates SQL conditions with positional bind parameters. */
export class Conditions {
  readonly parts: string[] = [];
  readonly values: unknown[] = [];
  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  add(sql: string): void {
    this.parts.push(sql);
  }
  /** `column` is one of `ids` (react-admin getMany); ids that are not UUIDs match nothing. */
  anyUuid(column: string, ids: string[]): void {
    const valid = ids.filter(isUuid);
    this.add(valid.length ? `${column} = ANY(${this.bind(valid)}::uuid[])` : 'false');
  }
  /** Rows whose organization `column` is in the caller's scope. */
  scope(column: string, scope: OrgScope): void {
    if (scope.kind === 'subtree') this.add(`${column} LIKE ${this.bind(subtreeLikePattern(scope.root))}`);
    if (scope.kind === 'organization') this.add(`${column} = ${this.bind(scope.code)}`);
  }
  where(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
  /** OFFSET and LIMIT of the page, bound. */
  paging(page: Page): string {
    return `OFFSET ${this.bind(page.offset)} LIMIT ${this.bind(page.limit)}`;
  }
}

/**
 * The ORDER BY list for the page: the template of its sort field (else `fallback`) with `%s`
 * replaced by the direction, then `tieBreak` so that paging is stable.
 */
export function orderBy(templates: Record<string, string>, page: Page, fallback: string, tieBreak: string): string {
  const dir = page.sortOrder === 'DESC' ? 'DESC' : 'ASC';
  const chosen = (templates[page.sortField] ?? fallback).replaceAll('%s', dir);
  return `${chosen}, ${tieBreak}`;
}

/** Up to this many matching rows a large list counts exactly; beyond, its total is the planner's estimate. */
export const EXACT_COUNT_LIMIT = 10_000;

type Select = <T extends object>(sql: string, bind: unknown[]) => Promise<T[]>;

/** count(*) of `FROM … WHERE …` that stops after `limit` rows. */
export async function countAtMost(select: Select, from: string, where: string, values: unknown[], limit: number): Promise<number> {
  const [{ n }] = await select<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} ${where} LIMIT ${limit}) capped`, values);
  return Number(n);
}

/** The planner's row estimate for `FROM … WHERE …` (statistics kept by ANALYZE; no row is read). */
async function estimateRows(select: Select, from: string, where: string, values: unknown[]): Promise<number> {
  const [plan] = await select<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${from} ${where}`, values);
  return Math.round(plan?.['QUERY PLAN']?.[0]?.Plan?.['Plan Rows'] ?? 0);
}

/**
 * The total of a list over a table that may hold millions of rows (the registers): exact up to
 * `exact` matches; beyond, the planner's row estimate for the same conditions, never below
 * exact + 1 so that the list still offers further pages. Counting a million rows on every page
 * turn would cost more than the page itself.
 *
 * `trustEstimateFrom`: for a text search, whose matches only a trigram index can count (reading
 * the posting lists of every trigram and rechecking every candidate row, tens to hundreds of
 * milliseconds for common words at a million rows), an estimate of at least this many is taken
 * as is; below it the matches are counted (with `exact` set as low, the count stops there too).
 */
export async function countOrEstimate(
  select: Select,
  from: string,
  where: string,
  values: unknown[],
  opts: { exact?: number; trustEstimateFrom?: number } = {},
): Promise<{ total: number; estimated: boolean }> {
  const exact = opts.exact ?? EXACT_COUNT_LIMIT;
  const early = opts.trustEstimateFrom === undefined ? null : await estimateRows(select, from, where, values);
  if (early !== null && early >= opts.trustEstimateFrom!) return { total: early, estimated: true };
  const n = await countAtMost(select, from, where, values, exact + 1);
  if (n <= exact) return { total: n, estimated: false };
  return { total: Math.max(exact + 1, early ?? (await estimateRows(select, from, where, values))), estimated: true };
}

/**
 * Totals of text searches: exact up to a thousand matches, an estimate beyond (when the planner
 * expects a thousand or more, nothing is counted). Migration 0013 keeps the estimate close.
 */
export const TEXT_SEARCH_TOTALS = { exact: 1_000, trustEstimateFrom: 1_000 } as const;

/**
 * The total of a page already read: a page shorter than asked for ends the list, so its end is
 * the total and nothing needs counting (a precise search usually fits one page); otherwise `count`.
 */
export async function pageTotal(page: Page, rows: number, count: () => Promise<{ total: number; estimated: boolean }>): Promise<{ total: number; estimated: boolean }> {
  if (rows < page.limit && (rows > 0 || page.offset === 0)) return { total: page.offset + rows, estimated: false };
  const counted = await count();
  // An estimate never ends the list before a full page that was just read.
  return counted.estimated && rows > 0 ? { total: Math.max(counted.total, page.offset + rows + 1), estimated: true } : counted;
}
