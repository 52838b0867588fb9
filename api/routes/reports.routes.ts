/**
 * Statistics and reports (SPEC §9 R-RPT-1..3, §11): `GET /api/reports/exchange` answers the
 * exchange report of an organization subtree over a period as JSON, or as a CSV, XLSX or PDF
 * file with `format`. Thin: validate the query, let the service authorize and compute, render.
 */
import { Router } from 'express';
import { z } from 'zod';
import { DAY_MS } from '../../domain/time';
import { callerOf, requireRole } from '../auth';
import { orgCode } from '../schemas';
import { REPORT_FORMATS, renderReport } from '../services/report-exports';
import type { ReportsService } from '../services/reports.service';
import { errors, jsonSchema, ok } from './openapi-helpers';

/** Ten years: long enough for any comparison, short enough to keep the request bounded (R-SEC-4). */
export const MAX_REPORT_DAYS = 3660;

const dayKey = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng yyyy-MM-dd (date as yyyy-MM-dd)')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'ngày không tồn tại (no such date)');

const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;

export const exchangeReportQuerySchema = z
  .object({
    org: orgCode.optional().describe('Root of the subtree (organization identifier code); default: the top of what the caller may see'),
    from: dayKey.describe('First day of the period, Vietnam time (+07:00), inclusive'),
    to: dayKey.describe('Last day of the period, inclusive'),
    format: z.enum(['json', ...REPORT_FORMATS]).optional().describe('json (default), csv, xlsx or pdf'),
  })
  .strict()
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'ngày kết thúc phải không trước ngày bắt đầu (to must not be before from)' })
  .refine((q) => daysBetween(q.from, q.to) < MAX_REPORT_DAYS, { path: ['to'], message: `kỳ báo cáo tối đa ${MAX_REPORT_DAYS} ngày (at most ${MAX_REPORT_DAYS} days)` });

export function reportsRoutes(deps: { reports: ReportsService }): Router {
  const { reports } = deps;
  const r = Router();

  r.get('/reports/exchange', requireRole('admin', 'supervisor', 'leader'), async (req, res) => {
    const { format, ...query } = exchangeReportQuerySchema.parse(req.query);
    const report = await reports.exchange(callerOf(req), query);
    // Figures depend on who asks and on the moment ("overdue now"): never from a cache.
    res.set('Cache-Control', 'no-store');
    if (format === undefined || format === 'json') {
      res.json(report);
      return;
    }
    const file = await renderReport(report, format);
    res.set('Content-Disposition', file.disposition).type(file.type).send(file.body);
  });

  return r;
}

/** OpenAPI paths of this module, merged into /api/openapi.json. */
export const reportsOpenApiPaths: Record<string, unknown> = {
  '/reports/exchange': {
    get: {
      summary:
        'Exchange statistics (R-RPT-1..3): for the subtree of `org` and the period — one row for the organization, one per direct child with its subtree (drill-down), and a total: ' +
        'sent / received (electronic vs paper), refused, recalled, completed on time vs late, overdue now, average processing hours (receipt to completion, calendar hours), ' +
        'and the compliance score 0..100 (40% share sent electronically + 40% share completed on time + 20% share of organizations connected; shares without documents are left out and the weights rescaled). ' +
        'Admins any organization; supervisors their subtree; leaders their organization and its subtree; others 403; an organization outside scope 404.',
      parameters: Object.entries((jsonSchema(exchangeReportQuerySchema) as { properties: Record<string, unknown> }).properties).map(([name, schema]) => ({
        name,
        in: 'query',
        required: name === 'from' || name === 'to',
        schema,
      })),
      responses: {
        200: {
          ...ok('The report as JSON, or the file (Content-Disposition: attachment with an ASCII filename and a UTF-8 filename*)'),
          content: {
            'application/json': { schema: { type: 'object' } },
            'text/csv': { schema: { type: 'string', description: 'UTF-8 with BOM, Vietnamese headers' } },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
            'application/pdf': { schema: { type: 'string', format: 'binary' } },
          },
        },
        ...errors,
      },
    },
  },
};
