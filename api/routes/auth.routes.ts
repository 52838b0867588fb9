/** Login and the current user (R-SEC-2). */
import { verify } from '@node-rs/argon2';
import { Router } from 'express';
import rateLimit, { ipKeyGenerator } from 'express-rate-limit';
import type { Database } from '../../db/database';
import { callerOf, type Caller, type TokenService } from '../auth';
import { noteAudit } from '../middleware/audit';
import { problems } from '../problem';
import { loginSchema } from '../schemas';

export function authRoutes(deps: { db: Database; tokens: TokenService; loginLimit: number }): { public: Router; private: Router } {
  const { db, tokens } = deps;
  const open = Router();
  // Failed logins only, per address and user name: slows guessing without locking out an office.
  const limiter = rateLimit({
    windowMs: 5 * 60_000,
    limit: deps.loginLimit,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}|${String(req.body?.username ?? '').toLowerCase()}`,
    handler: (_req, _res, next) => next(problems.tooManyRequests()),
  });

  open.post('/auth/login', limiter, async (req, res) => {
    const { username, password } = loginSchema.parse(req.body);
    const user = await db.models.User.findOne({ where: { username: username.trim().toLowerCase(), active: true }, include: [db.models.Organization] });
    const ok = user ? await verify(user.passwordHash, password) : false;
    if (!user || !ok) throw problems.unauthorized('Sai tên đăng nhập hoặc mật khẩu (wrong user name or password)');
    const caller: Caller = {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      organizationCode: user.organizationCode,
      supervisesCode: user.supervisesCode,
      roles: user.roles,
    };
    const { token, expiresAt } = tokens.issue(caller);
    // R-SEC-3: the audit entry of a login names the account that logged in (no caller yet).
    noteAudit(res, { actor: caller, targetType: 'users', targetId: caller.id });
    res.json({ token, expiresAt, user: await profile(db, caller) });
  });

  const priv = Router();
  priv.get('/me', async (req, res) => {
    res.json(await profile(db, callerOf(req)));
  });
  return { public: open, private: priv };
}

export async function profile(db: Database, caller: Caller) {
  const org = await db.models.Organization.findByPk(caller.organizationCode);
  return { ...caller, organizationName: org?.name ?? caller.organizationCode, organizationShortName: org?.shortName ?? null };
}
