/**
 * Authentication (R-SEC-2): argon2 password hashes, signed tokens with expiry, and the
 * middleware that puts the caller on the request and checks roles. Organization scope is
 * checked in the services, where the data is.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import jwt from 'jsonwebtoken';
import type { Role } from '../db/models';
import { problems } from './problem';

export interface Caller {
  id: string;
  username: string;
  fullName: string;
  organizationCode: string;
  supervisesCode: string | null;
  roles: Role[];
  /**
   * The request's `Idempotency-Key`, if the client sent one: a decision repeated with the same
   * key (an answer lost to a dropped connection) is carried out once and answered the same.
   */
  requestKey?: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller;
  }
}

export interface TokenService {
  issue(caller: Caller): { token: string; expiresAt: Date };
  /** The caller the token was issued for and when (epoch seconds). */
  verify(token: string): { caller: Caller; issuedAt: number };
}

/** The current state of the token's user, re-read on every request. */
export interface CallerState {
  caller: Caller;
  /** Tokens issued before this are void: the last password change or deactivation (a stolen session ends with it). */
  tokensNotBefore: Date | null;
}

export function createTokenService(secret: string, ttlHours: number): TokenService {
  return {
    issue(caller) {
      const expiresIn = Math.round(ttlHours * 3600);
      const token = jwt.sign({ sub: caller.id, caller }, secret, { algorithm: 'HS256', expiresIn });
      return { token, expiresAt: new Date(Date.now() + expiresIn * 1000) };
    },
    verify(token) {
      const payload = jwt.verify(token, secret, { algorithms: ['HS256'] }) as { caller: Caller; iat: number };
      return { caller: payload.caller, issuedAt: payload.iat };
    },
  };
}

/** Verifies the bearer token; the user's current roles and activity are re-read by `loadCaller`. */
export function requireAuth(tokens: TokenService, loadCaller: (id: string) => Promise<CallerState | null>): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return next(problems.unauthorized());
    let claimed: { caller: Caller; issuedAt: number };
    try {
      claimed = tokens.verify(match[1]);
    } catch (err) {
      const expired = (err as Error).name === 'TokenExpiredError';
      return next(problems.unauthorized(expired ? 'Phiên đăng nhập đã hết hạn (token expired)' : 'Mã xác thực không hợp lệ (invalid token)'));
    }
    loadCaller(claimed.caller.id)
      .then((state) => {
        if (!state) return next(problems.unauthorized('Tài khoản không còn hoạt động (account disabled)'));
        // iat has whole seconds: compare at that resolution so the token issued with the change survives.
        if (state.tokensNotBefore && claimed.issuedAt < Math.floor(state.tokensNotBefore.getTime() / 1000)) {
          return next(problems.unauthorized('Phiên đăng nhập đã bị thu hồi (mật khẩu đã đổi hoặc tài khoản đã bị khóa); vui lòng đăng nhập lại (session revoked, log in again)'));
        }
        req.caller = state.caller;
        next();
      })
      .catch(next);
  };
}

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.caller) return next(problems.unauthorized());
    if (!req.caller.roles.some((r) => roles.includes(r))) {
      return next(problems.forbidden(`Cần vai trò: ${roles.join(', ')} (requires role ${roles.join(' or ')})`));
    }
    next();
  };
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

export function callerOf(req: Request): Caller {
  if (!req.caller) throw problems.unauthorized();
  const key = req.get('Idempotency-Key');
  if (key === undefined) return req.caller;
  if (!IDEMPOTENCY_KEY.test(key)) {
    const message = '8–128 ký tự A-Z, a-z, 0-9, _ . : - (8–128 characters)';
    throw problems.badRequest(`Idempotency-Key không hợp lệ: ${message}`, [{ path: 'header.Idempotency-Key', message }]);
  }
  return { ...req.caller, requestKey: key };
}

/** The Temporal update id of a decision sent with an Idempotency-Key: per user, per key. */
export function updateIdOf(caller: Caller): string | undefined {
  return caller.requestKey ? `${caller.id}:${caller.requestKey}` : undefined;
}
