/**
 * The contract is complete (SPEC §11, R-SEC-2, R-SEC-4): every route the app serves under /api
 * is an operation of /api/openapi.json (`:id` ↔ `{id}`), every operation is a route, and every
 * path parameter is described. Routes are found by walking the Express router stack, as the
 * authorization matrix does.
 */
import request from 'supertest';
import { startTestSystem, type TestSystem } from '../support/app';
import { appRoutes, fromOpenApiPath, routeKey, toOpenApiPath, type AppRoute } from '../support/routes';

/** Routes outside the /api contract on purpose (the document's server url is /api). */
const OUTSIDE_CONTRACT = new Set(['GET /metrics']);
const OPERATIONS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Parameter {
  name: string;
  in: string;
}
type PathItem = Partial<Record<(typeof OPERATIONS)[number], { parameters?: Parameter[]; responses?: Record<string, unknown> }>> & { parameters?: Parameter[] };

let sys: TestSystem;
let routes: AppRoute[];
let paths: Record<string, PathItem>;

beforeAll(async () => {
  sys = await startTestSystem();
  routes = appRoutes(sys.app);
  const res = await request(sys.app).get('/api/openapi.json').expect(200);
  paths = res.body.paths;
});
afterAll(async () => {
  await sys?.stop();
});

const operations = () =>
  Object.entries(paths).flatMap(([path, item]) => OPERATIONS.filter((m) => item[m]).map((m) => ({ method: m.toUpperCase(), path, item, op: item[m]! })));

describe('OpenAPI completeness (SPEC §11)', () => {
  test('R-SEC-4 when the routes of the app are enumerated, then each one under /api is an operation of /api/openapi.json', () => {
    const documented = new Set(operations().map((o) => `${o.method} ${o.path}`));
    const undocumented = routes.filter((r) => !OUTSIDE_CONTRACT.has(routeKey(r)) && !documented.has(`${r.method} ${toOpenApiPath(r.path)}`)).map(routeKey);
    expect(undocumented).toEqual([]);
  });

  test('R-SEC-4 when the routes of the app are enumerated, then none lies outside /api unless it is listed as outside the contract', () => {
    expect(routes.filter((r) => !r.path.startsWith('/api/') && !OUTSIDE_CONTRACT.has(routeKey(r))).map(routeKey)).toEqual([]);
  });

  test('R-SEC-4 when /api/openapi.json is read, then every operation in it is a route of the app', () => {
    const served = new Set(routes.map(routeKey));
    const phantom = operations()
      .map((o) => `${o.method} ${fromOpenApiPath(o.path)}`)
      .filter((k) => !served.has(k));
    expect(phantom).toEqual([]);
  });

  test('R-SEC-4 when /api/openapi.json is read, then every operation describes its path parameters and its answers', () => {
    const problems = operations().flatMap(({ method, path, item, op }) => {
      const declared = new Set([...(item.parameters ?? []), ...(op.parameters ?? [])].filter((p) => p.in === 'path').map((p) => p.name));
      const used = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      return [
        ...used.filter((name) => !declared.has(name)).map((name) => `${method} ${path}: path parameter {${name}} not described`),
        ...[...declared].filter((name) => !used.includes(name)).map((name) => `${method} ${path}: describes a path parameter {${name}} the path does not have`),
        ...(op.responses && Object.keys(op.responses).length ? [] : [`${method} ${path}: no responses`]),
      ];
    });
    expect(problems).toEqual([]);
  });
});
