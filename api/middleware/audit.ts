/**
 * Audit trail (R-SEC-3): every API request that changes something (POST, PUT, PATCH, DELETE) and
 * every download or export of a document or file becomes one row of the hash-chained audit log
 * when its response has ended — who (the caller, when authenticated; none for requests refused
 * before authentication), what (the route pattern and the target named by its parameters), the
 * outcome (HTTP status), from where (the client address) and non-sensitive particulars: the body
 * without passwords, tokens or contents, file names and sizes, for a login the attempted user name.
 *
 * Registered once, before the parsers and routers: the caller, the route and the body are read
 * only when the response ends, so whatever the request went through is seen. Writing happens
 * after the answer and cannot change it; a failed write is retried, and if it still fails the
 * whole entry is logged as an error, so it is never lost silently.
 * Imports the audit repository, the caller type and the logger only.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { AuditEntryInput, AuditRepository } from '../../db/repositories/audit.repository';
import type { Caller } from '../auth';
import type { Logger } from '../logger';

/** What a route handler may add to its audit entry (e.g. the actor of a login). */
export interface AuditNote {
  action?: string;
  actor?: Caller;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** Named events instead of the route pattern: [on success, on failure]. */
const EVENTS: Record<string, [string, string]> = {
  'POST /api/auth/login': ['auth.login', 'auth.login_failed'],
};

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Reads that hand a document or file out of the system. */
const DOWNLOADS: Array<(path: string, query: Request['query']) => boolean> = [
  (p) => /^\/api\/files\/[^/]+\/?$/.test(p),
  (p) => /^\/api\/(incoming|outgoing|documents)\/[^/]+\/(printable|edxml)\/?$/.test(p),
  (p) => /\/exports?(\/|$)/.test(p),
  (p, q) => p.startsWith('/api/reports/') && typeof q.format === 'string' && q.format.toLowerCase() !== 'json',
];

/** Keys whose values never enter the log, and keys whose values are contents, not particulars. */
const SECRET_KEY = /pass(word|phrase)?|token|secret|credential|authori[sz]ation|cookie|private.?key/i;
const CONTENT_KEY = /^(content|contents|bytes|data|base64|file|filedata|signature)$/i;
const MAX_TEXT = 300;
const MAX_ITEMS = 20;
const MAX_KEYS = 50;
const MAX_DEPTH = 4;
const MAX_DETAILS = 8_000;
const RETRY_DELAYS_MS = [200, 1_000, 5_000];

/** Text PostgreSQL can store (no NUL, no lone surrogates), cut to `max` characters. */
function clean(value: string, max = MAX_TEXT): string {
  const safe = value.replaceAll('\0', '\uFFFD').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return safe.length > max ? `${safe.slice(0, max)}…` : safe;
}

/** A copy fit for the log: secrets redacted, contents omitted, everything bounded. */
export function auditSafe(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value ?? null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return clean(value);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => auditSafe(v, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `[+${value.length - MAX_ITEMS}]`] : items;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value).slice(0, MAX_KEYS)) out[clean(key, 100)] = safeMember(key, v, depth + 1);
    return out;
  }
  return null;
}

function safeMember(key: string, value: unknown, depth: number): unknown {
  if (SECRET_KEY.test(key)) return '[redacted]';
  if (CONTENT_KEY.test(key)) {
    if (typeof value === 'string' && value.length > MAX_TEXT) return `[${value.length} characters]`;
    if (value !== null && typeof value === 'object') return '[omitted]';
  }
  // The `metadata` part of a multipart upload is JSON text: log what it says, not a cut string.
  if (key === 'metadata' && typeof value === 'string') {
    try {
      return auditSafe(JSON.parse(value) as unknown, depth);
    } catch {
      return clean(value);
    }
  }
  return auditSafe(value, depth);
}

/** Lets a handler name what the generic entry cannot see, e.g. who just logged in. */
export function noteAudit(res: Response, note: AuditNote): void {
  res.locals.auditNote = { ...(res.locals.auditNote as AuditNote | undefined), ...note };
}

const pathOf = (url: string) => url.split('?')[0] ?? '/';
const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Whether the request is one the audit log records. */
export function isAudited(method: string, url: string, query: Request['query'] = {}): boolean {
  const path = pathOf(url).toLowerCase();
  if (!path.startsWith('/api/')) return false;
  if (WRITE_METHODS.has(method)) return true;
  return (method === 'GET' || method === 'HEAD') && DOWNLOADS.some((d) => d(path, query));
}

interface RouteMatch {
  /** 'POST /api/incoming/:id/accept' */
  action: string;
  targetType: string | null;
  targetId: string | null;
  otherParams: Record<string, string>;
}

/**
 * The route the request reached, matched against the end of its path: the pattern's segments
 * give the parameters and what comes before them is the routers' base. Done here, at the end,
 * because Express restores `req.params` and `req.baseUrl` as an error travels out of the routers.
 */
function matchRoute(method: string, path: string, pattern: unknown): RouteMatch | null {
  if (typeof pattern !== 'string' || /[*{}()?]/.test(pattern)) return null;
  const pat = pattern.split('/').filter(Boolean);
  const segs = path.split('/').filter(Boolean);
  if (segs.length < pat.length) return null;
  const tail = segs.slice(segs.length - pat.length);
  const params: Array<[string, string]> = [];
  for (let i = 0; i < pat.length; i += 1) {
    if (pat[i].startsWith(':')) params.push([pat[i].slice(1), decode(tail[i])]);
    else if (pat[i].toLowerCase() !== tail[i].toLowerCase()) return null;
  }
  const base = segs.slice(0, segs.length - pat.length).join('/');
  const resource = pat.find((s) => !s.startsWith(':')) ?? null;
  const [first, ...rest] = params;
  return {
    action: `${method} /${base ? `${base}/` : ''}${pat.join('/')}`,
    targetType: resource,
    targetId: first?.[1] ?? null,
    otherParams: Object.fromEntries(rest),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ORG_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2}$/;

/** For a request no route took (refused before it, or unknown): its path with the ids generalized. */
function genericRoute(method: string, path: string): RouteMatch {
  const segs = path.split('/').filter(Boolean);
  let targetType: string | null = null;
  let targetId: string | null = null;
  const pattern = segs.map((raw, i) => {
    const s = decode(raw);
    const param = UUID.test(s) ? ':id' : ORG_CODE.test(s) ? ':code' : /^\d+$/.test(s) ? ':n' : s.length > 40 ? ':x' : null;
    if (param && targetId === null && i > 0) {
      targetType = segs[i - 1];
      targetId = s;
    }
    return param ?? s;
  });
  const type = targetType ?? segs[1] ?? null;
  return { action: `${method} /${pattern.join('/')}`, targetType: type === null ? null : clean(decode(type), 100), targetId, otherParams: {} };
}

/** The client address: behind the loopback proxy req.ip is the forwarded one; IPv4 without its v6 prefix. */
const addressOf = (req: Request): string | null => (req.ip ? req.ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1') : null);

/** The target a create answers with (`Location: /api/<resource>/<id>`). */
function createdId(res: Response): string | null {
  const location = res.getHeader('location');
  if (typeof location !== 'string' || res.statusCode >= 300) return null;
  const last = pathOf(location).split('/').filter(Boolean).pop();
  return last ? decode(last) : null;
}

/** The audit entry of a request whose response ended (or whose client went away, `aborted`). */
export function auditEntryOf(req: Request, res: Response, aborted: boolean): AuditEntryInput {
  const note = (res.locals.auditNote ?? {}) as AuditNote;
  const method = req.method.toUpperCase();
  const path = pathOf(req.originalUrl);
  const matched = matchRoute(method, path, req.route?.path);
  const route = matched ?? genericRoute(method, path);
  const outcome = aborted && !res.headersSent ? null : res.statusCode;
  const succeeded = outcome !== null && outcome < 400;
  const event = EVENTS[route.action];
  const actor = note.actor ?? req.caller ?? null;

  const details: Record<string, unknown> = {};
  if (!matched) details.path = clean(path, 500);
  if (Object.keys(route.otherParams).length) details.params = auditSafe(route.otherParams);
  const body = req.body as unknown;
  if (event) {
    // A login names only the account it tried; the rest of the body is the password.
    const username = (body as { username?: unknown } | undefined)?.username;
    if (typeof username === 'string') details.username = clean(username.trim().toLowerCase(), 100);
  } else if (typeof body === 'string') {
    // A text body is a document (an edXML package), not a particular.
    details.body = `[${body.length} characters]`;
  } else if (body !== undefined && body !== null && !(typeof body === 'object' && !Buffer.isBuffer(body) && Object.keys(body).length === 0)) {
    details.body = auditSafe(body);
  }
  const files = (req.files as { files?: Express.Multer.File[] } | Express.Multer.File[] | undefined) ?? undefined;
  const fileList = Array.isArray(files) ? files : (files?.files ?? []);
  if (fileList.length) details.files = fileList.slice(0, MAX_ITEMS).map((f) => ({ name: clean(f.originalname, 200), size: f.size, mediaType: clean(f.mimetype, 100) }));
  if (method === 'GET' && Object.keys(req.query ?? {}).length) details.query = auditSafe(req.query);
  const agent = req.get('user-agent');
  if (agent) details.userAgent = clean(agent, 200);
  if (aborted) details.aborted = true;
  Object.assign(details, note.details ? (auditSafe(note.details) as Record<string, unknown>) : {});
  if (JSON.stringify(details).length > MAX_DETAILS) {
    details.body = { truncated: true, keys: body && typeof body === 'object' ? Object.keys(body).slice(0, MAX_KEYS).map((k) => clean(k, 100)) : [] };
  }

  const targetId = note.targetId ?? route.targetId ?? (succeeded ? createdId(res) : null);
  const me = route.targetType === 'me';
  return {
    actorId: actor?.id ?? null,
    actorUsername: actor?.username ?? null,
    organizationCode: actor?.organizationCode ?? null,
    action: clean(note.action ?? (event ? event[succeeded ? 0 : 1] : route.action), 300),
    // A login and /me/... act on the caller's own account.
    targetType: note.targetType ?? (me || event ? 'users' : route.targetType),
    targetId: targetId !== null ? clean(targetId, 200) : me ? (actor?.id ?? null) : null,
    outcome,
    sourceAddress: addressOf(req),
    details: Object.keys(details).length ? details : null,
  };
}

export interface AuditTrail extends RequestHandler {
  /** Resolves when every entry started so far is written (or given up and logged). */
  drain(): Promise<void>;
}

export function auditTrail(repo: Pick<AuditRepository, 'append'>, log: Logger): AuditTrail {
  const pending = new Set<Promise<void>>();

  async function write(entry: AuditEntryInput): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await repo.append(entry);
        return;
      } catch (err) {
        if (attempt >= RETRY_DELAYS_MS.length) {
          // The log line carries the whole entry: the record survives where the table failed.
          log.error({ err, audit: entry }, 'audit entry could not be written (R-SEC-3)');
          return;
        }
        log.warn({ err, action: entry.action, attempt: attempt + 1 }, 'audit entry not written yet; retrying');
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
      }
    }
  }

  function record(req: Request, res: Response, aborted: boolean): void {
    let entry: AuditEntryInput;
    try {
      entry = auditEntryOf(req, res, aborted);
    } catch (err) {
      entry = { action: clean(`${req.method} ${pathOf(req.originalUrl)}`, 300), outcome: res.statusCode, sourceAddress: addressOf(req), details: { error: 'entry could not be built' } };
      log.error({ err }, 'audit entry could not be built; recording the bare request');
    }
    const p = write(entry).finally(() => pending.delete(p));
    pending.add(p);
  }

  const handler: RequestHandler = (req, res, next) => {
    if (!isAudited(req.method.toUpperCase(), req.originalUrl, req.query)) return next();
    let done = false;
    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      record(req, res, aborted);
    };
    res.once('finish', () => finish(false));
    res.once('close', () => finish(!res.writableFinished));
    next();
  };

  return Object.assign(handler, {
    async drain() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  });
}
