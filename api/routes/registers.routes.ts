/**
 * `register-entries` and `register-counters` resources (R-DOC-1, R-DOC-2, R-ORG-3) in
 * react-admin simple-REST conventions: browsing the incoming and outgoing registers, voiding a
 * number with a reason, and setting a register's starting number. Numbers are allocated by the
 * document processes (activities), never through this API.
 *
 * Who sees what (R-SEC-2): admins every register; supervisors the registers of their subtree;
 * clerks and leaders their own organization's. Voiding and starting numbers are for admins.
 */
import { Router } from 'express';
import { z } from 'zod';
import { COUNTER_SORTABLE, createRegistersRepository, ENTRY_SORTABLE, type RegisterScope } from '../../db/repositories/registers.repository';
import type { Database } from '../../db/database';
import { INCOMING_STATUSES } from '../../domain/document-status';
import { OUTGOING_STATUSES, URGENCIES } from '../../domain/documents';
import {
  MAX_REGISTER_NUMBER,
  MAX_VOID_REASON,
  parseRegisterCounterId,
  parseRegisterEntryId,
  REGISTER_KINDS,
  type RegisterCounterKey,
  type RegisterEntryKey,
} from '../../domain/registers';
import { callerOf, requireRole, type Caller } from '../auth';
import { problems } from '../problem';
import { orgCode, text } from '../schemas';
import { parseListParams, sendList } from '../simple-rest';

const year = z.coerce.number().int().min(1900).max(9999);
const ids = z.union([z.string().max(40), z.array(z.string().max(40)).max(1000)]);
const dateKey = z.iso.date('ngày dạng YYYY-MM-DD (date must be YYYY-MM-DD)');
const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema).max(20)]);

export const registerEntryFilterSchema = z
  .object({
    organizationCode: orgCode.optional(),
    register: z.enum(REGISTER_KINDS).optional(),
    year: year.optional(),
    number: z.coerce.number().int().min(1).max(MAX_REGISTER_NUMBER).optional(),
    voided: z.boolean().optional(),
    documentId: z.uuid().optional(),
    id: ids.optional(),
    /** Accent-insensitive: số và ký hiệu, trích yếu, nơi gửi, nơi nhận, người ký; digits alone also the number. */
    q: z.string().max(200).optional(),
    /** Registration date (Vietnam), inclusive. */
    from: dateKey.optional(),
    to: dateKey.optional(),
    documentDateFrom: dateKey.optional(),
    documentDateTo: dateKey.optional(),
    typeCode: z.string().max(20).optional(),
    urgency: oneOrMany(z.enum(URGENCIES)).optional(),
    /** Current status of the registered document. */
    status: oneOrMany(z.enum([...new Set([...INCOMING_STATUSES, ...OUTGOING_STATUSES])] as [string, ...string[]])).optional(),
  })
  .strict();

export const registerCounterFilterSchema = z
  .object({
    organizationCode: orgCode.optional(),
    register: z.enum(REGISTER_KINDS).optional(),
    year: year.optional(),
    id: ids.optional(),
  })
  .strict();

export const voidEntrySchema = z.object({ reason: text(MAX_VOID_REASON) }).strict();

export const startingNumberSchema = z
  .object({
    nextNumber: z.number().int().min(1).max(MAX_REGISTER_NUMBER),
    reason: text(MAX_VOID_REASON).nullable().optional(),
  })
  // react-admin sends the whole record back on save; read-only fields are accepted and ignored.
  .passthrough();


/** Admins see every register, supervisors their subtree, clerks and leaders their own organization. */
function scopeOf(caller: Caller): RegisterScope {
  if (caller.roles.includes('admin')) return { kind: 'all' };
  if (caller.roles.includes('supervisor')) return { kind: 'subtree', root: caller.supervisesCode ?? caller.organizationCode };
  return { kind: 'organization', code: caller.organizationCode };
}

function entryKey(id: string): RegisterEntryKey {
  const key = parseRegisterEntryId(id);
  if (!key) throw problems.badRequest(`Mã mục sổ không hợp lệ: ${id}; dạng <mã cơ quan>:<incoming|outgoing>:<năm>:<số> (malformed entry id)`, [{ path: 'id', message: 'malformed' }]);
  return key;
}

function counterKey(id: string): RegisterCounterKey {
  const key = parseRegisterCounterId(id);
  if (!key) throw problems.badRequest(`Mã sổ không hợp lệ: ${id}; dạng <mã cơ quan>:<incoming|outgoing>:<năm> (malformed register id)`, [{ path: 'id', message: 'malformed' }]);
  return key;
}

/** getMany sends ids; one that cannot exist simply matches nothing. */
const keysOf = <K>(value: string | string[] | undefined, parse: (id: string) => K | null): K[] | undefined =>
  value === undefined ? undefined : [value].flat().flatMap((id) => parse(id) ?? []);

export function registersRoutes(db: Database): Router {
  const repo = createRegistersRepository(db);
  const r = Router();
  const readers = requireRole('admin', 'clerk', 'leader', 'supervisor');
  const admins = requireRole('admin');

  r.get('/register-entries', readers, async (req, res) => {
    const p = parseListParams(req, registerEntryFilterSchema, ENTRY_SORTABLE, ['registeredAt', 'DESC']);
    const { id, ...filter } = p.filter;
    const { rows, total, estimated } = await repo.listEntries({ ...filter, ids: keysOf(id, parseRegisterEntryId) }, p, scopeOf(callerOf(req)));
    sendList(res, 'register-entries', rows, p.offset, total, estimated);
  });

  r.get('/register-entries/:id', readers, async (req, res) => {
    const entry = await repo.getEntry(entryKey(String(req.params.id)), scopeOf(callerOf(req)));
    if (!entry) throw problems.notFound(`Mục sổ ${req.params.id}`);
    res.json(entry);
  });

  r.post('/register-entries/:id/void', admins, async (req, res) => {
    const key = entryKey(String(req.params.id));
    const { reason } = voidEntrySchema.parse(req.body);
    res.json(await repo.void({ ...key, reason, actorId: callerOf(req).id }));
  });

  r.get('/register-counters', readers, async (req, res) => {
    const p = parseListParams(req, registerCounterFilterSchema, COUNTER_SORTABLE, ['year', 'DESC']);
    const { id, ...filter } = p.filter;
    const { rows, total } = await repo.listCounters({ ...filter, ids: keysOf(id, parseRegisterCounterId) }, p, scopeOf(callerOf(req)));
    sendList(res, 'register-counters', rows, p.offset, total);
  });

  r.get('/register-counters/:id', readers, async (req, res) => {
    const key = counterKey(String(req.params.id));
    const counter = await repo.getCounter(key, scopeOf(callerOf(req)));
    if (!counter) throw problems.notFound(`Sổ ${req.params.id}`);
    res.json({ ...counter, changes: await repo.counterChanges(key) });
  });

  r.put('/register-counters/:id', admins, async (req, res) => {
    const key = counterKey(String(req.params.id));
    const { nextNumber, reason } = startingNumberSchema.parse(req.body);
    const counter = await repo.setStartingNumber({ ...key, nextNumber, reason, actorId: callerOf(req).id });
    res.json({ ...counter, changes: await repo.counterChanges(key) });
  });

  return r;
}

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const problem = { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const errors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem, 422: problem };
const listParams = (filter: z.ZodType, sortable: readonly string[]) => [
  { name: 'filter', in: 'query', description: `JSON: ${JSON.stringify(jsonSchema(filter))}`, schema: { type: 'string' } },
  { name: 'range', in: 'query', description: 'JSON [start, end], inclusive; answer carries Content-Range', schema: { type: 'string', example: '[0,24]' } },
  { name: 'sort', in: 'query', description: `JSON [field, "ASC"|"DESC"]; fields: ${sortable.join(', ')}`, schema: { type: 'string', example: '["number","ASC"]' } },
];
const idParam = (example: string) => [{ name: 'id', in: 'path', required: true, schema: { type: 'string', example } }];

/** OpenAPI paths of this module, merged into /api/openapi.json. */
export const registersOpenApiPaths: Record<string, unknown> = {
  '/register-entries': {
    get: {
      summary:
        'Register entries (R-DOC-1, R-DOC-2): numbers of the incoming and outgoing registers, voided ones included; scoped to the caller. ' +
        '`q` searches the register\'s record accent-insensitively (số và ký hiệu, trích yếu, nơi gửi, nơi nhận, người ký; digits alone also the number); ' +
        'beyond 10 000 matches, or for a text search expected to match 1 000 or more, the total is an estimate (X-Total-Estimated: true)',
      parameters: listParams(registerEntryFilterSchema, ENTRY_SORTABLE),
      responses: { 200: { description: 'array + Content-Range; id = <orgCode>:<register>:<year>:<number>; outgoing entries carry the document identifier (R-ORG-3)' }, ...errors },
    },
  },
  '/register-entries/{id}': {
    parameters: idParam('000.00.00.H52:outgoing:2026:12'),
    get: { summary: 'One register entry', responses: { 200: { description: 'entry' }, ...errors } },
  },
  '/register-entries/{id}/void': {
    parameters: idParam('000.00.00.H52:outgoing:2026:12'),
    post: {
      summary: 'Void a number with a reason (admin; R-DOC-1): the entry stays, marked voided, and the number is never reused; voiding twice is 409',
      requestBody: { content: { 'application/json': { schema: jsonSchema(voidEntrySchema) } } },
      responses: { 200: { description: 'the voided entry' }, ...errors },
    },
  },
  '/register-counters': {
    get: {
      summary: 'Registers per organization and year (R-DOC-1): next number, highest registered, counts of registered, voided and paper-only numbers',
      parameters: listParams(registerCounterFilterSchema, COUNTER_SORTABLE),
      responses: { 200: { description: 'array + Content-Range; id = <orgCode>:<register>:<year>' }, ...errors },
    },
  },
  '/register-counters/{id}': {
    parameters: idParam('000.00.00.H52:incoming:2026'),
    get: { summary: 'One register with its starting-number changes (a register without numbers reads as starting at 1)', responses: { 200: { description: 'register' }, ...errors } },
    put: {
      summary:
        'Set the starting number (admin; R-DOC-1): the numbers below it count as used on paper. Must exceed every number registered that year (409 otherwise); only this or next year (past years are closed, 422)',
      requestBody: { content: { 'application/json': { schema: jsonSchema(startingNumberSchema) } } },
      responses: { 200: { description: 'register' }, ...errors },
    },
  },
};
