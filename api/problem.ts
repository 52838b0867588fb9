/**
 * The one error type of the API and its middleware: every failure leaves as
 * application/problem+json (RFC 9457) with what was wrong, never as a stack trace.
 */
import { isGrpcServiceError, ServiceError } from '@temporalio/client';
import type { ErrorRequestHandler } from 'express';
import { BaseError, ConnectionError, UniqueConstraintError, ForeignKeyConstraintError } from 'sequelize';
import { ZodError } from 'zod';
import type { CalendarErrorCode } from '../domain/calendar';
import { DomainError, type DomainErrorCode, type FieldIssue } from '../domain/errors';
import type { RegisterErrorCode } from '../domain/registers';
import type { SignatureErrorCode } from '../domain/signature';
import type { Logger } from './logger';

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors: FieldIssue[] = [],
    readonly type: string = 'about:blank',
  ) {
    super(detail ?? title);
  }
}

export const problems = {
  badRequest: (detail: string, errors: FieldIssue[] = []) => new HttpProblem(400, 'Yêu cầu không hợp lệ (bad request)', detail, errors),
  unauthorized: (detail = 'Cần đăng nhập (authentication required)') => new HttpProblem(401, 'Chưa xác thực (unauthorized)', detail),
  forbidden: (detail = 'Bạn không có quyền thực hiện thao tác này (forbidden)') => new HttpProblem(403, 'Không có quyền (forbidden)', detail),
  notFound: (what: string) => new HttpProblem(404, 'Không tìm thấy (not found)', `${what} không tồn tại hoặc bạn không có quyền xem (not found)`),
  conflict: (detail: string, errors: FieldIssue[] = []) => new HttpProblem(409, 'Xung đột (conflict)', detail, errors),
  unprocessable: (detail: string, errors: FieldIssue[] = []) => new HttpProblem(422, 'Dữ liệu không hợp lệ (unprocessable)', detail, errors),
  tooManyRequests: () => new HttpProblem(429, 'Quá nhiều yêu cầu (too many requests)', 'Quá nhiều lần đăng nhập sai; vui lòng thử lại sau ít phút'),
  unavailable: (detail: string) => new HttpProblem(503, 'Dịch vụ tạm thời không sẵn sàng (service unavailable)', detail),
};

/** HTTP status of every domain error code; an unlisted code is a 422 (a rule the input broke). */
const DOMAIN_STATUS: Record<DomainErrorCode | RegisterErrorCode | CalendarErrorCode | SignatureErrorCode, number> = {
  INVALID_ORG_CODE: 422,
  PARENT_NOT_FOUND: 422,
  PARENT_MISMATCH: 422,
  DUPLICATE_ORG: 409,
  INVALID_TRANSITION: 409,
  ALREADY_CONNECTED: 409,
  // registers (R-DOC-1..2)
  INVALID_INPUT: 422,
  ORGANIZATION_NOT_FOUND: 404,
  ENTRY_NOT_FOUND: 404,
  DOCUMENT_ALREADY_REGISTERED: 409,
  ALREADY_VOIDED: 409,
  STARTING_NUMBER_TOO_LOW: 409,
  REGISTER_CLOSED: 422,
  IDEMPOTENCY_KEY_REUSED: 409,
  // business calendar (R-CAL)
  INVALID_CALENDAR: 422,
  NO_WORKING_TIME: 422,
  INVALID_ARGUMENT: 422,
  // signatures (R-OUT-1): server configuration problems are the operator's to fix
  TRUST_ANCHORS_MISSING: 503,
  TRUST_ANCHOR_INVALID: 503,
  SIGNER_NOT_CONFIGURED: 422,
  SIGNER_PASSPHRASE: 503,
  SIGNER_KEYSTORE_INVALID: 503,
  SIGNER_CERTIFICATE_NOT_VALID: 422,
  PDF_NOT_SIGNABLE: 422,
};

export function zodIssues(err: ZodError): FieldIssue[] {
  return err.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
}

/** Turns anything thrown into a problem; unknown errors become a logged 500 without internals. */
export function toProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  if (err instanceof DomainError) return new HttpProblem(DOMAIN_STATUS[err.code as keyof typeof DOMAIN_STATUS] ?? 422, err.code, err.message, err.issues);
  if (err instanceof ZodError) {
    const issues = zodIssues(err);
    return problems.badRequest(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }
  if (err instanceof UniqueConstraintError) return problems.conflict('Bản ghi đã tồn tại (duplicate)');
  if (err instanceof ForeignKeyConstraintError) return problems.unprocessable('Tham chiếu tới bản ghi không tồn tại (missing reference)');
  if (databaseUnavailable(err)) return problems.unavailable('Cơ sở dữ liệu tạm thời không truy cập được (database unavailable)');
  if (temporalUnavailable(err)) {
    // Temporal unreachable or overloaded: the request may be retried; nothing was half-done.
    return problems.unavailable('Máy chủ tiến trình (Temporal) tạm thời không truy cập được (workflow service unavailable)');
  }
  const e = err as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.parse.failed') return problems.badRequest('Nội dung JSON không hợp lệ (malformed JSON body)');
  if (e?.type === 'entity.too.large') return new HttpProblem(413, 'Nội dung quá lớn (payload too large)', 'Nội dung yêu cầu vượt giới hạn cho phép');
  if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported') return new HttpProblem(415, 'Mã hóa không hỗ trợ (unsupported encoding)', e.message);
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    // Errors of the HTTP layer (a path that does not decode, a body that does not inflate): say what it was.
    const detail = e.message || 'Yêu cầu không hợp lệ (bad request)';
    return new HttpProblem(e.status, e.status === 400 ? 'Yêu cầu không hợp lệ (bad request)' : detail, detail);
  }
  return new HttpProblem(500, 'Lỗi hệ thống (internal error)', 'Đã xảy ra lỗi không mong muốn; đã ghi nhận để xử lý.');
}

/** SQLSTATEs of a server that is gone, restarting or full: class 08 (connection exception),
 * 57P01..57P03 (shut down, crashed, starting up), 53300 (too many connections). */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]$|53300$)/;
/** Socket errors of a connection the server dropped or refused (a killed PostgreSQL resets it). */
const UNAVAILABLE_SOCKET = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** What node-postgres says, without a code, when the server closed the connection under a query. */
const UNAVAILABLE_MESSAGE = /Connection terminated|not queryable|connection is closed/i;

/**
 * PostgreSQL unreachable: Sequelize's ConnectionError (refused, or no pooled connection in time),
 * or a query whose connection was lost under it, which Sequelize reports as a plain DatabaseError
 * carrying the driver's error (SQLSTATE, socket code or message).
 */
export function databaseUnavailable(err: unknown): boolean {
  if (err instanceof ConnectionError) return true;
  if (!(err instanceof BaseError)) return false;
  const inner = err as BaseError & { parent?: unknown; original?: unknown };
  return [err, inner.parent, inner.original].some((e) => {
    const { code, message } = (e ?? {}) as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET.has(code))) return true;
    return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
  });
}

/** gRPC UNAVAILABLE, DEADLINE_EXCEEDED or RESOURCE_EXHAUSTED from the Temporal client. */
function temporalUnavailable(err: unknown): boolean {
  const grpc = isGrpcServiceError(err) ? err : err instanceof ServiceError && isGrpcServiceError(err.cause) ? err.cause : null;
  return grpc !== null && [4, 8, 14].includes(grpc.code);
}

export function problemMiddleware(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const p = toProblem(err);
    // A dependency that is down is worth a warning; anything else answering 5xx is a defect to fix.
    if (p.status === 503) log.warn({ err, url: req.originalUrl }, 'request unavailable');
    else if (p.status >= 500) log.error({ err, url: req.originalUrl }, 'request failed');
    res
      .status(p.status)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: p.type,
          title: p.title,
          status: p.status,
          detail: p.detail,
          instance: req.originalUrl,
          ...(p.errors.length ? { errors: p.errors } : {}),
        }),
      );
  };
}
