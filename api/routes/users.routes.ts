/**
 * `users` resource (R-SEC-2) in react-admin simple-REST conventions, for admins: list, read,
 * create, edit, deactivate (DELETE deactivates; rows are never removed because history refers to
 * users) and password reset. For everyone: `POST /me/password`, the caller's own password
 * change, rate-limited like login. No answer ever carries a password hash.
 */
import { Router } from 'express';
import rateLimit from 'express-rate-limit';
import { z } from 'zod';
import { USER_SORTABLE } from '../../db/repositories/users.repository';
import { callerOf, requireRole, type TokenService } from '../auth';
import { HttpProblem } from '../problem';
import type { UsersService } from '../services/users.service';
import { parseListParams, sendList } from '../simple-rest';
import { passwordChangeSchema, passwordResetSchema, userCreateSchema, userFilterSchema, userUpdateSchema } from '../users.schemas';

export function usersRoutes(service: UsersService, opts: { passwordChangeLimit: number; tokens: TokenService }): Router {
  const r = Router();

  // Failed attempts only, per account: guessing the current password from a stolen session is
  // slowed down the same way as guessing at login.
  const limiter = rateLimit({
    windowMs: 5 * 60_000,
    limit: opts.passwordChangeLimit,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `me-password|${req.caller?.id ?? ''}`,
    handler: (_req, _res, next) =>
      next(new HttpProblem(429, 'Quá nhiều yêu cầu (too many requests)', 'Quá nhiều lần nhập sai mật khẩu hiện tại; vui lòng thử lại sau ít phút (too many failed attempts)')),
  });

  r.post('/me/password', limiter, async (req, res) => {
    const { currentPassword, newPassword } = passwordChangeSchema.parse(req.body);
    const caller = callerOf(req);
    await service.changeOwnPassword(caller, currentPassword, newPassword);
    // Every token issued before the change is void now; this session continues with a new one.
    const { token, expiresAt } = opts.tokens.issue(caller);
    res.json({ token, expiresAt });
  });

  r.use('/users', requireRole('admin'));
  r.get('/users', async (req, res) => {
    const p = parseListParams(req, userFilterSchema, USER_SORTABLE, ['username', 'ASC']);
    const { rows, total } = await service.list(p.filter, p);
    sendList(res, 'users', rows, p.offset, total);
  });
  r.get('/users/:id', async (req, res) => {
    res.json(await service.get(String(req.params.id)));
  });
  r.post('/users', async (req, res) => {
    const user = await service.create(userCreateSchema.parse(req.body));
    res.status(201).location(`/api/users/${user.id}`).json(user);
  });
  r.put('/users/:id', async (req, res) => {
    res.json(await service.update(String(req.params.id), userUpdateSchema.parse(req.body), callerOf(req)));
  });
  r.delete('/users/:id', async (req, res) => {
    res.json(await service.deactivate(String(req.params.id), callerOf(req)));
  });
  r.post('/users/:id/password', async (req, res) => {
    const { password } = passwordResetSchema.parse(req.body);
    res.json(await service.resetPassword(String(req.params.id), password, callerOf(req)));
  });
  return r;
}

// ------------------------------------------------------------------------------- OpenAPI

const schemaOf = (schema: z.ZodTypeAny) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const json = (schema: z.ZodTypeAny) => ({ 'application/json': { schema: schemaOf(schema) } });
const problem = { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const errors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem, 422: problem };
const ok = (description: string) => ({ description });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

/** OpenAPI paths of this module, merged into /api/openapi.json. */
export const usersOpenApiPaths: Record<string, unknown> = {
  '/users': {
    get: {
      summary: 'Accounts (admin); filter.q ignores accents; never carries password hashes',
      parameters: [
        { name: 'filter', in: 'query', description: `JSON: ${JSON.stringify(schemaOf(userFilterSchema))}`, schema: { type: 'string' } },
        { name: 'range', in: 'query', description: 'JSON [start, end], inclusive; answer carries Content-Range', schema: { type: 'string', example: '[0,24]' } },
        { name: 'sort', in: 'query', description: `JSON [field, "ASC"|"DESC"], field one of ${USER_SORTABLE.join(', ')}`, schema: { type: 'string', example: '["username","ASC"]' } },
      ],
      responses: { 200: ok('array + Content-Range'), ...errors },
    },
    post: {
      summary:
        'Create an account (admin). Password: at least 10 characters, not the username (400). Duplicate username, also of a deactivated account: 409. Unknown organization: 422. supervisesCode only with the supervisor role.',
      requestBody: { content: json(userCreateSchema) },
      responses: { 201: ok('the account'), ...errors },
    },
  },
  '/users/{id}': {
    parameters: [idParam],
    get: { summary: 'One account (admin)', responses: { 200: ok('account'), ...errors } },
    put: {
      summary:
        'Edit an account (admin): everything but the username and the password; `active: false` deactivates (its tokens answer 401 at once), `active: true` reactivates. Changes apply from the user’s next request. An admin cannot deactivate themselves or drop their own admin role (409).',
      requestBody: { content: json(userUpdateSchema) },
      responses: { 200: ok('the account'), ...errors },
    },
    delete: { summary: 'Deactivate (admin); the row is kept because history refers to it. Not on one’s own account (409).', responses: { 200: ok('the deactivated account'), ...errors } },
  },
  '/users/{id}/password': {
    parameters: [idParam],
    post: {
      summary: 'Set a new password for an account (admin), checked against the password policy; one’s own password is changed with /me/password (409)',
      requestBody: { content: json(passwordResetSchema) },
      responses: { 200: ok('the account'), ...errors },
    },
  },
  '/me/password': {
    post: {
      summary: 'Change the caller’s own password; a wrong current password is a 400 with a field error on currentPassword; failed attempts are rate-limited (429)',
      requestBody: { content: json(passwordChangeSchema) },
      responses: { 200: ok('changed: {token, expiresAt} — a new token for this session; every token issued before is void'), 429: problem, ...errors },
    },
  },
};
