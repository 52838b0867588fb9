/**
 * The routes an Express 5 application really serves, found by walking its router stack (the
 * app's router, the `/api` router and every router mounted in it), for the suites that check
 * every endpoint: the authorization matrix (R-SEC-2), the OpenAPI completeness check and the
 * hostile-input corpus (R-SEC-4). Imports nothing of the application but its type.
 */
import type { Express } from 'express';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One method on one Express path pattern, e.g. `POST /api/incoming/:id/accept`. */
export interface AppRoute {
  method: HttpMethod;
  path: string;
}

interface RouteLike {
  path: unknown;
  methods: Record<string, boolean>;
}

interface LayerLike {
  route?: RouteLike;
  rawPath?: unknown;
  handle?: { stack?: LayerLike[] };
}

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** A mount or route path as text: strings as they are, anything else (a RegExp, an array) marked as such. */
function pathText(path: unknown): string {
  if (typeof path === 'string') return path;
  if (Array.isArray(path)) return path.map(pathText).join('|');
  return `<regexp ${String(path)}>`;
}

function join(prefix: string, path: string): string {
  if (path === '/' || path === '') return prefix || '/';
  return `${prefix.replace(/\/$/, '')}${path.startsWith('/') ? '' : '/'}${path}`;
}

function walk(stack: LayerLike[], prefix: string, out: AppRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const path = join(prefix, pathText(layer.route.path));
      for (const [name, on] of Object.entries(layer.route.methods)) {
        const method = name.toUpperCase() as HttpMethod;
        if (on && METHODS.includes(method)) out.push({ method, path });
      }
    } else if (Array.isArray(layer.handle?.stack)) {
      // A mounted router (`app.use('/api', api)`, `api.use(someRoutes)`).
      walk(layer.handle.stack, join(prefix, pathText(layer.rawPath ?? '/')), out);
    }
  }
}

/** Every method + path pattern the app answers, in stack order, without duplicates. */
export function appRoutes(app: Express): AppRoute[] {
  const router = (app as unknown as { router: { stack: LayerLike[] } }).router;
  const out: AppRoute[] = [];
  walk(router.stack, '', out);
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = routeKey(r);
    return !seen.has(key) && !!seen.add(key);
  });
}

export const routeKey = (r: { method: string; path: string }): string => `${r.method.toUpperCase()} ${r.path}`;

/** `/api/incoming/:id/accept` → `/incoming/{id}/accept` (OpenAPI paths are relative to the server url `/api`). */
export function toOpenApiPath(expressPath: string, base = '/api'): string {
  const relative = expressPath.startsWith(`${base}/`) ? expressPath.slice(base.length) : expressPath;
  return relative.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** `/incoming/{id}/accept` → `/api/incoming/:id/accept`. */
export function fromOpenApiPath(openApiPath: string, base = '/api'): string {
  return `${base}${openApiPath.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1')}`;
}

/** Fills `:name` parameters of a pattern; every value is URL-encoded. */
export function fillPath(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${pattern}`);
    return encodeURIComponent(value);
  });
}
