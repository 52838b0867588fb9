/**
 * Business calendar API (R-CAL-1..4, R-DL-1): the `holidays` and `policies` resources in
 * react-admin simple-REST conventions (read by everyone, written by admins) and
 * `GET /calendar/deadline`, which computes a receipt time and a deadline on an organization's
 * calendar the way the processes do.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { createCalendarRepository, HOLIDAY_SORTABLE, loadCalendar, POLICY_SORTABLE } from '../../db/repositories/calendar.repository';
import {
  CalendarError,
  computeDeadline,
  isoWeekday,
  nextOfficeHoursStart,
  vietnamDate,
  workingMsBetween,
  type DeadlineRule,
} from '../../domain/calendar';
import { DEFAULT_POLICIES, officeHoursKeyOrg, POLICY_KEYS, type StepDeadlinePolicy } from '../../domain/calendar-policy';
import { callerOf, requireRole } from '../auth';
import {
  deadlineQuerySchema,
  holidayCreateSchema,
  holidayFilterSchema,
  holidayUpdateSchema,
  policyCreateSchema,
  policyFilterSchema,
  policyUpdateSchema,
  policyValueSchema,
} from '../calendar.schemas';
import { problems, zodIssues } from '../problem';
import { parseListParams, sendList } from '../simple-rest';

const HOUR_MS = 3_600_000;

/**
 * `onChange` runs after a successful write of a holiday or a policy, once the answer is ready
 * (R-CAL-4: running processes recompute their deadlines); it must not throw.
 */
export function calendarRoutes(db: Database, hooks: { onChange?: (what: string) => void } = {}): Router {
  const repo = createCalendarRepository(db);
  const r = Router();
  const changed = (what: string) => hooks.onChange?.(what);

  // ------------------------------------------------------------------------------- holidays
  r.get('/holidays', async (req, res) => {
    const p = parseListParams(req, holidayFilterSchema, HOLIDAY_SORTABLE, ['date', 'ASC']);
    const { rows, total } = await repo.listHolidays(p.filter, p);
    sendList(res, 'holidays', rows, p.offset, total);
  });

  r.get('/holidays/:id', async (req, res) => {
    const row = await repo.getHoliday(String(req.params.id));
    if (!row) throw problems.notFound('Ngày nghỉ');
    res.json(row);
  });

  r.post('/holidays', requireRole('admin'), async (req, res) => {
    const input = holidayCreateSchema.parse(req.body);
    if (input.kind === 'working_day' && isoWeekday(input.date) <= 5) {
      // Only a weekend day can be made a working day; a weekday already is one.
      throw problems.unprocessable('Ngày làm bù phải là thứ Bảy hoặc Chủ nhật (a make-up working day must be a Saturday or Sunday)', [
        { path: 'kind', message: 'working_day chỉ dùng cho thứ Bảy, Chủ nhật (only on weekends)' },
      ]);
    }
    const result = await repo.createHoliday(input, callerOf(req).id);
    if ('conflict' in result) {
      throw problems.conflict(`Ngày ${input.date} đã có trong lịch: ${result.conflict.name} (date already in the calendar; edit that row instead)`, [
        { path: 'date', message: 'đã tồn tại (already exists)' },
      ]);
    }
    res.status(201).location(`/api/holidays/${result.created.id}`).json(result.created);
    changed(`holiday ${input.date} created`);
  });

  r.put('/holidays/:id', requireRole('admin'), async (req, res) => {
    const patch = holidayUpdateSchema.parse(req.body);
    const id = String(req.params.id);
    const current = await repo.getHoliday(id);
    if (!current || current.deletedAt) throw problems.notFound('Ngày nghỉ');
    if (patch.date !== undefined && patch.date !== current.date) {
      throw problems.unprocessable('Không đổi ngày của một dòng; hãy xóa và tạo ngày mới (a row is its date: delete it and create another)', [
        { path: 'date', message: 'không đổi được (read-only)' },
      ]);
    }
    if ((patch.kind ?? current.kind) === 'working_day' && isoWeekday(current.date) <= 5) {
      throw problems.unprocessable('Ngày làm bù phải là thứ Bảy hoặc Chủ nhật (a make-up working day must be a Saturday or Sunday)', [{ path: 'kind', message: 'working_day' }]);
    }
    const row = await repo.updateHoliday(id, { kind: patch.kind, name: patch.name, note: patch.note }, callerOf(req).id);
    if (!row) throw problems.notFound('Ngày nghỉ');
    res.json(row);
    changed(`holiday ${current.date} updated`);
  });

  r.delete('/holidays/:id', requireRole('admin'), async (req, res) => {
    const row = await repo.deleteHoliday(String(req.params.id), callerOf(req).id);
    if (!row) throw problems.notFound('Ngày nghỉ');
    res.json(row);
    changed(`holiday ${row.date} deleted`);
  });

  // ------------------------------------------------------------------------------- policies
  r.get('/policies', async (req, res) => {
    const p = parseListParams(req, policyFilterSchema, POLICY_SORTABLE, ['id', 'ASC']);
    const { rows, total } = await repo.listPolicies(p.filter, p);
    sendList(res, 'policies', rows, p.offset, total);
  });

  r.get('/policies/:key', async (req, res) => {
    const row = await repo.getPolicy(String(req.params.key));
    if (!row) throw problems.notFound('Chính sách');
    res.json(row);
  });

  r.post('/policies', requireRole('admin'), async (req, res) => {
    const body = policyCreateSchema.safeParse(req.body);
    if (!body.success) throw unprocessable(body.error);
    const key = body.data.id;
    const value = await validPolicyValue(key, body.data.value);
    if (await repo.getPolicy(key)) throw problems.conflict(`Chính sách ${key} đã tồn tại; hãy sửa nó (policy exists; edit it instead)`, [{ path: 'id', message: 'đã tồn tại (already exists)' }]);
    const { record } = await repo.putPolicy(key, value, callerOf(req).id);
    res.status(201).location(`/api/policies/${encodeURIComponent(key)}`).json(record);
    changed(`policy ${key} created`);
  });

  r.put('/policies/:key', requireRole('admin'), async (req, res) => {
    const key = String(req.params.key);
    const { value: raw } = policyUpdateSchema.parse(req.body);
    // Organization overrides may be created by PUT; every other key exists from the seed on.
    if (!officeHoursKeyOrg(key) && !(await repo.getPolicy(key))) throw problems.notFound('Chính sách');
    const value = await validPolicyValue(key, raw);
    const { record, created } = await repo.putPolicy(key, value, callerOf(req).id);
    res.status(created ? 201 : 200).json(record);
    changed(`policy ${key} updated`);
  });

  r.delete('/policies/:key', requireRole('admin'), async (req, res) => {
    const key = String(req.params.key);
    if (!officeHoursKeyOrg(key)) {
      if (!(await repo.getPolicy(key))) throw problems.notFound('Chính sách');
      throw problems.conflict('Chính sách mặc định không xóa được, chỉ sửa được (default policies can be edited, not deleted)');
    }
    const row = await repo.deletePolicy(key);
    if (!row) throw problems.notFound('Chính sách');
    res.json(row);
    changed(`policy ${key} deleted`);
  });

  async function validPolicyValue(key: string, raw: unknown): Promise<unknown> {
    const schema = policyValueSchema(key);
    if (!schema) throw problems.unprocessable(`Chưa có quy tắc kiểm tra cho chính sách ${key} (no value schema for this key)`);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw unprocessable(parsed.error, 'value');
    const org = officeHoursKeyOrg(key);
    if (org && !(await repo.organizationExists(org))) {
      throw problems.unprocessable(`Tổ chức ${org} chưa được đăng ký (organization not registered)`, [{ path: 'id', message: 'tổ chức không tồn tại (unknown organization)' }]);
    }
    return parsed.data;
  }

  // ------------------------------------------------------------------------------- deadline
  r.get('/calendar/deadline', async (req, res) => {
    const q = deadlineQuerySchema.parse(req.query);
    if (q.org && !(await repo.organizationExists(q.org))) throw problems.notFound('Tổ chức');
    const from = new Date(q.from);
    const year = Number(vietnamDate(from).slice(0, 4));
    // Covers the longest rule the query accepts (365 working days) with room to spare.
    const cal = await loadCalendar(db, q.org ?? null, year, year + 2);
    let rule: DeadlineRule;
    if (q.step) {
      const key = POLICY_KEYS[q.step];
      const policy = ((await repo.getPolicy(key))?.value ?? DEFAULT_POLICIES[key]) as StepDeadlinePolicy;
      rule = policy[q.urgency];
    } else if (q.workingHours !== undefined) rule = { unit: 'working_hours', count: q.workingHours };
    else if (q.workingDays !== undefined) rule = { unit: 'working_days', count: q.workingDays };
    else rule = { unit: 'end_of_working_day', count: q.endOfWorkingDay! };
    try {
      const receivedAt = nextOfficeHoursStart(cal, from);
      const due = computeDeadline(cal, from, rule);
      res.json({
        org: q.org ?? null,
        from,
        receivedAt: new Date(receivedAt),
        rule,
        urgency: q.step ? q.urgency : undefined,
        due: new Date(due),
        workingHours: workingMsBetween(cal, receivedAt, due) / HOUR_MS,
      });
    } catch (err) {
      if (err instanceof CalendarError) throw problems.unprocessable(err.message);
      throw err;
    }
  });

  return r;
}

function unprocessable(err: z.ZodError, prefix?: string) {
  const issues = zodIssues(err).map((i) => ({ ...i, path: prefix ? (i.path === '(body)' ? prefix : `${prefix}.${i.path}`) : i.path }));
  return problems.unprocessable(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

// ------------------------------------------------------------------------------- OpenAPI

const schemaOf = (schema: z.ZodTypeAny) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const json = (schema: z.ZodTypeAny) => ({ 'application/json': { schema: schemaOf(schema) } });
const problem = { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const errors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem, 422: problem };
const ok = (description: string) => ({ description });
const listParams = (filter: z.ZodTypeAny, sortExample: string) => [
  { name: 'filter', in: 'query', description: `JSON: ${JSON.stringify(schemaOf(filter))}`, schema: { type: 'string' } },
  { name: 'range', in: 'query', description: 'JSON [start, end], inclusive; answer carries Content-Range', schema: { type: 'string', example: '[0,24]' } },
  { name: 'sort', in: 'query', description: 'JSON [field, "ASC"|"DESC"]', schema: { type: 'string', example: sortExample } },
];
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

/** OpenAPI paths of this module, merged into /api/openapi.json. */
export const calendarOpenApiPaths: Record<string, unknown> = {
  '/holidays': {
    get: {
      summary: 'Days off and make-up working days (R-CAL-2); deleted rows only with filter {"deleted": true}',
      parameters: listParams(holidayFilterSchema, '["date","ASC"]'),
      responses: { 200: ok('array + Content-Range'), ...errors },
    },
    post: {
      summary: 'Add a day off, a swapped day or a make-up working Saturday (admin); a deleted date is revived',
      requestBody: { content: json(holidayCreateSchema) },
      responses: { 201: ok('created'), ...errors },
    },
  },
  '/holidays/{id}': {
    parameters: [pathParam('id')],
    get: { summary: 'One day', responses: { 200: ok('holiday'), ...errors } },
    put: { summary: 'Edit kind, name, note (admin); the seed never overwrites it afterwards', requestBody: { content: json(holidayUpdateSchema) }, responses: { 200: ok('updated'), ...errors } },
    delete: { summary: 'Delete (admin): kept as a tombstone so re-seeding does not restore it', responses: { 200: ok('the deleted row'), ...errors } },
  },
  '/policies': {
    get: { summary: 'Office hours and deadline policies (R-CAL-1, R-DL-1..2); id = key', parameters: listParams(policyFilterSchema, '["id","ASC"]'), responses: { 200: ok('array + Content-Range'), ...errors } },
    post: {
      summary: "Create an organization's own office hours, id office_hours:<orgCode> (admin)",
      requestBody: { content: json(policyCreateSchema) },
      responses: { 201: ok('created'), ...errors },
    },
  },
  '/policies/{key}': {
    parameters: [pathParam('key')],
    get: { summary: 'One policy', responses: { 200: ok('policy'), ...errors } },
    put: {
      summary: 'Replace the value (admin), validated per key; 422 when invalid',
      requestBody: {
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['value'],
              properties: {
                value: {
                  oneOf: [
                    { title: 'office_hours, office_hours:<orgCode>', ...schemaOf(policyValueSchema(POLICY_KEYS.officeHours)!) },
                    { title: 'deadline.routing, deadline.processing', ...schemaOf(policyValueSchema(POLICY_KEYS.routing)!) },
                    { title: 'deadline.reminder', ...schemaOf(policyValueSchema(POLICY_KEYS.reminder)!) },
                    { title: 'deadline.escalation', ...schemaOf(policyValueSchema(POLICY_KEYS.escalation)!) },
                  ],
                },
              },
            },
          },
        },
      },
      responses: { 200: ok('updated'), 201: ok('organization override created'), ...errors },
    },
    delete: { summary: "Remove an organization's own office hours (admin); default policies answer 409", responses: { 200: ok('the deleted policy'), ...errors } },
  },
  '/calendar/deadline': {
    get: {
      summary: 'Receipt time (R-CAL-3) and deadline (R-CAL-4, R-DL-1) on an organization’s calendar',
      parameters: [
        { name: 'org', in: 'query', description: 'organization code; default office hours when absent', schema: { type: 'string' } },
        { name: 'from', in: 'query', required: true, description: 'ISO 8601 instant with offset, e.g. 2025-01-24T17:30:00+07:00', schema: { type: 'string', format: 'date-time' } },
        { name: 'workingHours', in: 'query', description: 'exactly one of workingHours, workingDays, endOfWorkingDay, step', schema: { type: 'number' } },
        { name: 'workingDays', in: 'query', schema: { type: 'integer' } },
        { name: 'endOfWorkingDay', in: 'query', description: '1 = end of the next working day', schema: { type: 'integer' } },
        { name: 'step', in: 'query', description: 'use the policy of this step', schema: { type: 'string', enum: ['routing', 'processing'] } },
        { name: 'urgency', in: 'query', schema: { type: 'string', enum: ['normal', 'urgent', 'very_urgent', 'express'], default: 'normal' } },
      ],
      responses: { 200: ok('{org, from, receivedAt, rule, due, workingHours}'), ...errors },
    },
  },
};
