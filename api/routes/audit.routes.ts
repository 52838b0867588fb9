/**
 * `audit` resource (R-SEC-3), read-only: admins read every entry, supervisors the entries whose
 * actor belongs to their subtree (rooted at the organization they supervise), everyone else is
 * refused. `GET /audit/verify` (admins) recomputes the hash chain and names its first break.
 * Entries are written by the audit middleware (api/middleware/audit.ts), never through here.
 */
import { Router } from 'express';
import { z } from 'zod';
import { AUDIT_SORTABLE, type AuditRepository, type AuditScope } from '../../db/repositories/audit.repository';
import { callerOf, requireRole, type Caller } from '../auth';
import { instant } from '../documents.schemas';
import { problems } from '../problem';
import { orgCode } from '../schemas';
import { parseListParams, sendList } from '../simple-rest';
import { errors, listParams, ok } from './openapi-helpers';

const dayOrInstant = z.union([z.iso.date('ngày dạng YYYY-MM-DD (date must be YYYY-MM-DD)'), instant]);
const seqId = z.union([z.string().max(20), z.number().int().positive()]);

export const auditFilterSchema = z
  .object({
    q: z.string().max(200).optional(),
    actorId: z.uuid('phải là UUID (must be a UUID)').optional(),
    actorUsername: z.string().max(64).optional(),
    /** Actors of this organization and of every one under it. */
    organizationCode: orgCode.optional(),
    /** An action or its beginning, e.g. `auth.` or `POST /api/incoming`. */
    action: z.string().max(300).optional(),
    targetType: z.string().max(100).optional(),
    targetId: z.string().max(200).optional(),
    from: dayOrInstant.optional(),
    to: dayOrInstant.optional(),
    id: z.union([seqId, z.array(seqId).max(1000)]).optional(),
  })
  .strict();

/** Admins: all entries; supervisors: their subtree; anyone else: 403. */
export function auditScope(caller: Caller): AuditScope {
  if (caller.roles.includes('admin')) return { kind: 'all' };
  if (caller.roles.includes('supervisor')) return { kind: 'subtree', root: caller.supervisesCode ?? caller.organizationCode };
  throw problems.forbidden('Cần vai trò quản trị hoặc giám sát (requires role admin or supervisor)');
}

export function auditRoutes(deps: { repo: AuditRepository }): Router {
  const { repo } = deps;
  const r = Router();

  r.get('/audit', async (req, res) => {
    const scope = auditScope(callerOf(req));
    const p = parseListParams(req, auditFilterSchema, AUDIT_SORTABLE, ['seq', 'DESC']);
    const { id, ...filter } = p.filter;
    const ids = id === undefined ? undefined : [id].flat().map(String);
    const { rows, total } = await repo.list({ ...filter, ids }, p, scope);
    sendList(res, 'audit', rows, p.offset, total);
  });

  // Before /audit/:seq, which would take "verify" for a seq.
  r.get('/audit/verify', requireRole('admin'), async (_req, res) => {
    res.json(await repo.verify());
  });

  r.get('/audit/:seq', async (req, res) => {
    const entry = await repo.get(String(req.params.seq), auditScope(callerOf(req)));
    if (!entry) throw problems.notFound('Bản ghi nhật ký');
    res.json(entry);
  });

  return r;
}

/** OpenAPI paths of this module, merged into /api/openapi.json. */
export const auditOpenApiPaths: Record<string, unknown> = {
  '/audit': {
    get: {
      summary:
        'Audit log (R-SEC-3), newest first: who (actor, organization), what (action, target, outcome = HTTP status), when, from where, and non-sensitive details. Admins: all; supervisors: actors of their subtree; others 403',
      parameters: listParams(auditFilterSchema, AUDIT_SORTABLE),
      responses: { 200: ok('array + Content-Range'), ...errors },
    },
  },
  '/audit/{seq}': {
    parameters: [{ name: 'seq', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
    get: { summary: 'One audit entry with its prev_hash and hash (404 outside the caller’s scope)', responses: { 200: ok('audit entry'), ...errors } },
  },
  '/audit/verify': {
    get: {
      summary:
        'Recompute the hash chain from genesis (admin): {ok, rows, head: {seq, hash}, firstBroken?: {seq, reason: hash_mismatch | prev_mismatch | gap}}. Keep the head elsewhere to anchor the log',
      responses: { 200: ok('verification result'), ...errors },
    },
  },
};
