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

/**
 * The total of a list over a table that may hold millions of rows (the registers): exact up to
 * `exact` matches; beyond, the planner's row estimate for the same conditions (from the
 * statistics ANALYZE keeps), never below exact + 1 so that the list still offers further pages.
 * Counting a million rows on every page turn would cost more than the page itself.
 */
export async function countOrEstimate(select: Select, from: string, where: string, values: unknown[], exact = EXACT_COUNT_LIMIT): Promise<{ total: number; estimated: boolean }> {
  const n = await countAtMost(select, from, where, values, exact + 1);
  if (n <= exact) return { total: n, estimated: false };
  const [plan] = await select<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${from} ${where}`, values);
  const estimate = Math.round(plan?.['QUERY PLAN']?.[0]?.Plan?.['Plan Rows'] ?? 0);
  return { total: Math.max(exact + 1, estimate), estimated: true };
}
