/**
 * react-admin simple-REST list conventions (SPEC §11): `filter`, `range`, `sort` query
 * parameters in, a JSON array plus `Content-Range` out. Parameters are validated like any input.
 *
 * Totals of very large lists (the registers) may be estimates: react-admin needs a number in
 * Content-Range to build its pagination, so the number stays, and `X-Total-Estimated: true`
 * says it is the planner's estimate rather than a count.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { problems } from './problem';

/** A query parameter holding JSON, parsed and then validated by `schema`. */
export const jsonParam = <T extends z.ZodTypeAny>(name: string, schema: T) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return undefined;
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name} must be JSON` });
        return z.NEVER;
      }
    })
    .pipe(schema.optional());

export interface ListParams<F> {
  filter: F;
  offset: number;
  limit: number;
  sortField: string;
  sortOrder: 'ASC' | 'DESC';
}

export const MAX_PAGE = 10_000;

export function parseListParams<F extends z.ZodTypeAny>(
  req: Request,
  filterSchema: F,
  sortable: readonly string[],
  defaultSort: [string, 'ASC' | 'DESC'],
): ListParams<z.infer<F>> {
  const schema = z.object({
    filter: jsonParam('filter', filterSchema),
    range: jsonParam('range', z.tuple([z.number().int().min(0), z.number().int().min(0)]).refine(([a, b]) => b >= a && b - a < MAX_PAGE, 'range must be [start, end] with end ≥ start and at most 10000 rows')),
    sort: jsonParam('sort', z.tuple([z.enum(sortable as [string, ...string[]]), z.enum(['ASC', 'DESC', 'asc', 'desc'])])),
  });
  const parsed = schema.safeParse(req.query);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw problems.badRequest(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }
  const { filter, range, sort } = parsed.data;
  const [start, end] = range ?? [0, 24];
  return {
    filter: (filter ?? filterSchema.parse({})) as z.infer<F>,
    offset: start,
    limit: end - start + 1,
    sortField: sort?.[0] ?? defaultSort[0],
    sortOrder: (sort?.[1]?.toUpperCase() as 'ASC' | 'DESC') ?? defaultSort[1],
  };
}

export function sendList<T>(res: Response, resource: string, rows: T[], offset: number, total: number, estimated = false): void {
  const end = rows.length ? offset + rows.length - 1 : offset;
  res.set('Content-Range', `${resource} ${offset}-${end}/${total}`);
  if (estimated) res.set('X-Total-Estimated', 'true');
  res.json(rows);
}
