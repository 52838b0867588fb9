/**
 * What the list queries of the repositories share: the page a react-admin list asks for, the
 * caller's organization scope (R-SEC-2), SQL conditions with positional bind parameters, and
 * sorting by whitelisted templates only.
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
