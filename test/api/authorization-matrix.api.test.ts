/**
 * The authorization matrix (R-SEC-2) against the real app, PostgreSQL and workflows: every route
 * of the app has a row in authorization-matrix.ts (and every row a route), and every role asks
 * every endpoint for its own organization's record, a record in the supervised subtree and
 * another organization's record, getting the status the policy says — 401 without a token, 403
 * for a wrong role, 404 for what the caller may not read, and only then validation.
 */
import request from 'supertest';
import { eventually } from '../support/app';
import { appRoutes, fillPath, routeKey, type AppRoute } from '../support/routes';
import {
  MATRIX,
  OTHER_ORG,
  OWN_ORG,
  ROLE_USERS,
  ROLES,
  SUB_ORG,
  VARIANTS,
  type FixtureKind,
  type Fixtures,
  type MatrixRow,
  type Outcome,
  type RequestContext,
  type Role,
  type Variant,
} from './authorization-matrix';
import { draftMetadata, paperMetadata, SOP_COP, STTTT, startDocumentSystem, upload, type DocumentTestSystem } from './document-helpers';

let t: DocumentTestSystem;
let routes: AppRoute[];
let fixtures: Fixtures;
const tokens = new Map<Role, Record<string, string>>();
/** Pending rows whose route does not exist yet (reported at the end). */
const skippedPending: string[] = [];

/** Clerks of the three organizations of the cast, who make their documents. */
const CLERKS: Record<Variant, string> = { own: 'vanthu.mocchau', sub: 'vanthu.chiengson', other: 'vanthu.snv' };
const ORGS: Record<Variant, string> = { own: OWN_ORG, sub: SUB_ORG, other: OTHER_ORG };

const app = () => t.sys.app;
const perVariant = async <T>(fn: (v: Variant) => Promise<T>): Promise<Record<Variant, T>> => {
  const [own, sub, other] = await Promise.all(VARIANTS.map(fn));
  return { own, sub, other };
};

/** An issued outgoing document of the variant's organization, to a connected receiver and to Sốp Cộp on paper. */
async function issuedDocument(v: Variant): Promise<string> {
  const h = await t.as(CLERKS[v]);
  const receivers = v === 'other' ? [STTTT, SOP_COP] : [OTHER_ORG, SOP_COP];
  const draft = await upload(request(app()).post('/api/outgoing').set(h), draftMetadata({ receivers }), [[t.signedPdf, 'van-ban.pdf']]).expect(201);
  await request(app()).post(`/api/outgoing/${draft.body.id}/issue`).set(h).send({}).expect(200);
  return draft.body.id as string;
}

/** A paper document entered by the variant's clerk (R-REC-5): an incoming document with a file and a reception task. */
async function paperDocument(v: Variant): Promise<{ id: string; fileId: string }> {
  const res = await upload(request(app()).post('/api/incoming').set(await t.as(CLERKS[v])), paperMetadata(), [[t.unsignedPdf, 'ban-quet.pdf']]).expect(201);
  return { id: res.body.id, fileId: res.body.files[0].fileId };
}

async function buildFixtures(): Promise<Fixtures> {
  const admin = await t.as('admin');
  const [outgoing, incoming] = await Promise.all([perVariant(issuedDocument), perVariant(paperDocument)]);

  // What the processes write after answering: register entries, reception tasks, paper channels.
  const entries = await perVariant((v) =>
    eventually(async () => {
      const [e] = await t.q<{ organization_code: string; register: string; year: number; number: number }>(
        'SELECT organization_code, register, year, number FROM register_entries WHERE document_id = ?',
        [outgoing[v]],
      );
      return e;
    }),
  );
  const tasks = await perVariant((v) => eventually(async () => (await t.q<{ id: string }>('SELECT id FROM tasks WHERE document_id = ?', [incoming[v].id]))[0]?.id));
  // Overdue, so that the overdue lists have something to show or hide (the processes' timers are not involved).
  await t.q("UPDATE tasks SET overdue = true, overdue_at = now() WHERE id IN (?, ?, ?) RETURNING id", [tasks.own, tasks.sub, tasks.other]);
  await perVariant((v) => eventually(async () => (await request(app()).get(`/api/outgoing/${outgoing[v]}/printable`).query({ to: SOP_COP }).set(admin)).status === 200));

  const rules = await perVariant(async (v) => (await t.q<{ id: string }>('SELECT id FROM routing_rules WHERE organization_code = ? ORDER BY created_at LIMIT 1', [ORGS[v]]))[0].id);
  const userIds = Object.fromEntries(await Promise.all(Object.entries(ROLE_USERS).map(async ([role, username]) => [role, await t.userId(username)] as const)));
  const otherClerk = await t.userId(CLERKS.other);

  // Each role's own notification, and one of another organization's user.
  const notify = async (userId: string) =>
    (await t.q<{ id: string }>("INSERT INTO notifications (user_id, kind, title, body, dedupe_key) VALUES (?, 'test', 'Ma trận phân quyền', '—', ?) RETURNING id", [userId, `matrix:${userId}`]))[0].id;
  const notifications = Object.fromEntries(await Promise.all(Object.entries(userIds).map(async ([role, id]) => [role, String(await notify(id))] as const)));
  const otherNotification = String(await notify(otherClerk));

  // Throwaway records that the admin's DELETE rows may remove.
  const throwawayUser = await request(app())
    .post('/api/users')
    .set(admin)
    .send({ username: 'matrix.throwaway', password: 'Mat-khau-du-dai-1', fullName: 'Tài khoản thử', organizationCode: OWN_ORG, roles: ['specialist'] })
    .expect(201);
  const throwawayHoliday = await request(app()).post('/api/holidays').set(admin).send({ date: '2031-03-12', kind: 'day_off', name: 'Ngày nghỉ thử' }).expect(201);
  const throwawayPaperRule = await request(app()).post('/api/paper-rules').set(admin).send({ name: 'Quy tắc thử', receiverCode: SOP_COP }).expect(201);
  const throwawayRule = await request(app())
    .post('/api/routing-rules')
    .set(admin)
    .send({ organizationCode: OWN_ORG, name: 'Quy tắc thử', priority: 999, target: { kind: 'leader', userId: userIds.leader } })
    .expect(201);
  const holiday = (await request(app()).get('/api/holidays').query({ range: '[0,0]' }).set(admin).expect(200)).body[0].id;
  const policy = (await request(app()).get('/api/policies').query({ range: '[0,0]' }).set(admin).expect(200)).body[0].id;
  const paperRule = (await request(app()).get('/api/paper-rules').query({ range: '[0,0]', sort: '["name","DESC"]' }).set(admin).expect(200)).body[0].id;

  // The audit log records each clerk's intake (appended after the answer, R-SEC-3).
  const audit = await perVariant((v) =>
    eventually(async () => (await t.q<{ seq: string }>('SELECT seq FROM audit_log WHERE organization_code = ? ORDER BY seq DESC LIMIT 1', [ORGS[v]]))[0]?.seq),
  );

  const entryId = (v: Variant) => `${entries[v].organization_code}:${entries[v].register}:${entries[v].year}:${entries[v].number}`;
  const counterId = (v: Variant) => `${entries[v].organization_code}:${entries[v].register}:${entries[v].year}`;
  return {
    organization: ORGS,
    outgoing,
    incoming: { own: incoming.own.id, sub: incoming.sub.id, other: incoming.other.id },
    file: { own: incoming.own.fileId, sub: incoming.sub.fileId, other: incoming.other.fileId },
    task: tasks,
    notification: { own: { ...notifications, anonymous: notifications.admin }, other: otherNotification },
    routingRule: rules,
    routingRuleThrowaway: { own: throwawayRule.body.id },
    registerEntry: { own: entryId('own'), sub: entryId('sub'), other: entryId('other') },
    registerCounter: { own: counterId('own'), sub: counterId('sub'), other: counterId('other') },
    colleague: { own: userIds.specialist, sub: await t.userId('vanthu.chiengson'), other: otherClerk },
    user: { own: userIds.clerk },
    userThrowaway: { own: throwawayUser.body.id },
    documentType: { own: 'CV' },
    holiday: { own: holiday },
    holidayThrowaway: { own: throwawayHoliday.body.id },
    policy: { own: policy },
    paperRule: { own: paperRule },
    paperRuleThrowaway: { own: throwawayPaperRule.body.id },
    unknownUuid: { own: '00000000-0000-4000-8000-000000000000' },
    auditEntry: audit,
  };
}

beforeAll(async () => {
  t = await startDocumentSystem();
  routes = appRoutes(t.sys.app);
  for (const role of ROLES) tokens.set(role, role === 'anonymous' ? {} : await t.as(ROLE_USERS[role]));
  fixtures = await buildFixtures();
}, 240_000);
afterAll(async () => {
  if (skippedPending.length) console.info(`R-SEC-2 pending matrix rows without a route yet (still to check):\n  ${skippedPending.join('\n  ')}`);
  await t?.stop();
});

// ------------------------------------------------------------------------------ asking

const routeExists = (r: { method: string; path: string }) => routes.some((x) => routeKey(x) === routeKey(r));

function variantsOf(row: MatrixRow): Variant[] {
  const kind = row.record ?? row.probe ?? row.variantsOf;
  return kind ? VARIANTS.filter((v) => fixtures[kind][v] !== undefined) : ['own'];
}

function valueOf(kind: FixtureKind | undefined, variant: Variant, role: Role): string {
  if (!kind) return '';
  const v = fixtures[kind][variant];
  if (v === undefined) throw new Error(`fixture ${kind} has no ${variant} record`);
  if (typeof v === 'string') return v;
  const forRole = v[role];
  if (forRole === undefined) throw new Error(`fixture ${kind}.${variant} has no record for ${role}`);
  return forRole;
}

function expected(row: MatrixRow, role: Role, variant: Variant): Outcome {
  const e = row.expect[role];
  if (typeof e === 'object' && !Array.isArray(e)) {
    const o = (e as Partial<Record<Variant, Outcome>>)[variant];
    if (o === undefined) throw new Error(`${routeKey(row)}: no expectation for ${role} on the ${variant} record`);
    return o;
  }
  return e as Outcome;
}

interface Answer {
  status: number;
  type: string;
  body: unknown;
}

async function ask(row: MatrixRow, role: Role, variant: Variant): Promise<{ answer: Answer; ctx: RequestContext }> {
  const kind = row.record ?? row.probe ?? row.variantsOf;
  const ctx: RequestContext = { value: valueOf(kind, variant, role), variant, role, fixtures };
  const path = row.record ? fillPath(row.path, new Proxy({}, { get: () => ctx.value })) : row.path;
  const query = { ...(typeof row.query === 'function' ? row.query(ctx) : row.query), ...(row.probe ? { filter: JSON.stringify({ id: [ctx.value] }) } : {}) };
  const method = row.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  let req = request(app())[method](path).query(query).set(tokens.get(role)!);
  const body = typeof row.body === 'function' ? (row.body as (c: RequestContext) => unknown)(ctx) : row.body;
  if (body !== undefined && row.contentType) req = req.set('content-type', row.contentType).send(String(body));
  else if (body !== undefined) req = req.send(body as object);
  const res = await req;
  return { answer: { status: res.status, type: res.type, body: res.body }, ctx };
}

function listed(body: unknown, id: string): boolean {
  return Array.isArray(body) && body.some((r: { id?: unknown; code?: unknown; seq?: unknown }) => String(r.id) === id || r.code === id || String(r.seq) === id);
}

function meets(outcome: Outcome, a: Answer, id: string): boolean {
  if (typeof outcome === 'number') return a.status === outcome;
  if (Array.isArray(outcome)) return outcome.includes(a.status);
  if (outcome === 'visible') return a.status === 200 && listed(a.body, id);
  if (outcome === 'hidden') return a.status === 200 && Array.isArray(a.body) && !listed(a.body, id);
  return a.status < 500 && a.status !== 401 && a.status !== 403;
}

const show = (o: Outcome) => (Array.isArray(o) ? o.join('|') : String(o));

// ------------------------------------------------------------------------------ the suite

describe('every route has a row (R-SEC-2)', () => {
  test('R-SEC-2 when the routes of the app are enumerated, then each has a row in the authorization matrix', () => {
    const missing = routes.filter((r) => !MATRIX.some((m) => routeKey(m) === routeKey(r))).map(routeKey);
    expect(missing).toEqual([]);
    expect(routes.length).toBeGreaterThan(50);
  });

  test('R-SEC-2 when the matrix is read, then every row names a route of the app, once (rows of routes still being written are pending)', () => {
    const orphans = MATRIX.filter((m) => !m.pending && !routeExists(m)).map(routeKey);
    expect(orphans).toEqual([]);
    const keys = MATRIX.map(routeKey);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});

describe('every role on every endpoint (R-SEC-2)', () => {
  test.each(MATRIX.map((m) => [routeKey(m), m] as const))(
    'R-SEC-2 when each role calls %s for its own, a subtree and another organization, then each answer is the one of the policy',
    async (key, row) => {
      if (!routeExists(row)) {
        if (!row.pending) throw new Error(`${key}: no such route`);
        skippedPending.push(key);
        return;
      }
      const calls = ROLES.flatMap((role) => variantsOf(row).map((variant) => ({ role, variant })));
      const results = await Promise.all(
        calls.map(async ({ role, variant }) => {
          const { answer, ctx } = await ask(row, role, variant);
          const want = expected(row, role, variant);
          const problems: string[] = [];
          if (!meets(want, answer, ctx.value)) {
            const detail = answer.type === 'application/problem+json' ? (answer.body as { detail?: string }).detail : Array.isArray(answer.body) ? `${answer.body.length} rows` : '';
            problems.push(`${role} on the ${variant} record: expected ${show(want)}, got ${answer.status} ${detail ?? ''}`.trim());
          }
          if (answer.status >= 400 && answer.type !== 'application/problem+json') problems.push(`${role} on the ${variant} record: ${answer.status} is ${answer.type}, not problem+json`);
          return problems;
        }),
      );
      expect(results.flat()).toEqual([]);
    },
  );
});
