/**
 * The audit log (R-SEC-3) against real PostgreSQL: what actions leave behind (who, what, when,
 * from where), who may read it, that the database refuses to change it, and that verification —
 * through the API and the `audit:verify` command — finds a changed or removed row.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { auditCanonicalText, createAuditRepository, type ChainRow } from '../../db/repositories/audit.repository';
import { DEMO_PASSWORD, eventually, startTestSystem, type TestSystem } from '../support/app';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const ISO_VN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/;

interface Entry {
  id: number;
  seq: number;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  organizationCode: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: number | null;
  sourceAddress: string | null;
  details: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

let sys: TestSystem;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.stop();
});

async function as(username: string): Promise<{ Authorization: string }> {
  tokens[username] ??= (await request(sys.app).post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200)).body.token;
  return { Authorization: `Bearer ${tokens[username]}` };
}
const sql = <T extends object>(text: string, bind: unknown[] = []) => sys.tdb.db.sequelize.query<T>(text, { bind, type: QueryTypes.SELECT });
const userId = async (username: string) => (await sql<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]))[0].id;

async function auditList(user: string, filter: object = {}) {
  const res = await request(sys.app)
    .get('/api/audit')
    .query({ filter: JSON.stringify(filter), range: '[0,999]', sort: JSON.stringify(['seq', 'DESC']) })
    .set(await as(user))
    .expect(200);
  return { rows: res.body as Entry[], contentRange: String(res.headers['content-range']) };
}
/** The newest entry matching the filter, once the middleware has written it (after the response). */
const entry = (filter: object, user = 'admin') => eventually(async () => (await auditList(user, filter)).rows[0]);

/** Runs `fn` as the database superuser with one of the audit triggers off, in one transaction. */
async function behindTrigger(trigger: 'audit_log_append_only' | 'audit_log_chain', statements: Array<[string, unknown[]]>) {
  await sys.tdb.db.sequelize.transaction(async (transaction) => {
    await sys.tdb.db.sequelize.query(`ALTER TABLE audit_log DISABLE TRIGGER ${trigger}`, { transaction });
    for (const [text, bind] of statements) await sys.tdb.db.sequelize.query(text, { bind, transaction });
    await sys.tdb.db.sequelize.query(`ALTER TABLE audit_log ENABLE TRIGGER ${trigger}`, { transaction });
  });
}
const verifyApi = async () => (await request(sys.app).get('/api/audit/verify').set(await as('admin')).expect(200)).body;

function runVerifyCommand(): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(TSX, ['scripts/audit-verify.ts'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: sys.tdb.url }, timeout: 90_000 }, (err, stdout) => {
      if (err && typeof err.code !== 'number') return reject(err);
      resolve({ code: err ? Number(err.code) : 0, stdout });
    });
  });
}

describe('what actions leave in the audit log (R-SEC-3)', () => {
  test('R-SEC-3 when a user logs in, then an auth.login entry names the user, their organization, the time and the source address', async () => {
    const before = Date.now();
    await request(sys.app).post('/api/auth/login').send({ username: 'vanthu.chiengson', password: DEMO_PASSWORD }).expect(200);
    const e = await entry({ action: 'auth.login', actorUsername: 'vanthu.chiengson' });
    const id = await userId('vanthu.chiengson');
    expect(e).toMatchObject({ action: 'auth.login', actorId: id, organizationCode: '000.02.37.H52', targetType: 'users', targetId: id, outcome: 200, sourceAddress: '127.0.0.1' });
    expect(e.at).toMatch(ISO_VN);
    expect(new Date(e.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(e.at).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(JSON.stringify(e)).not.toContain(DEMO_PASSWORD);
  });

  test('R-SEC-3 when a login fails, then auth.login_failed records the attempted user name and the address, without actor or password', async () => {
    await request(sys.app).post('/api/auth/login').send({ username: ' Vanthu.Chiengson ', password: 'Wrong-password-9' }).expect(401);
    const e = await entry({ action: 'auth.login_failed', q: 'vanthu.chiengson' });
    expect(e).toMatchObject({ actorId: null, actorUsername: null, organizationCode: null, outcome: 401, sourceAddress: '127.0.0.1', details: { username: 'vanthu.chiengson' } });
    expect(JSON.stringify(e)).not.toContain('Wrong-password-9');
  });

  test('R-SEC-3 when an admin creates a holiday, then the entry has the admin, the route, the new holiday as target and the 201', async () => {
    const created = await request(sys.app).post('/api/holidays').set(await as('admin')).send({ date: '2031-03-14', kind: 'day_off', name: 'Nghỉ kiểm thử nhật ký' }).expect(201);
    const e = await entry({ action: 'POST /api/holidays', targetId: created.body.id });
    expect(e).toMatchObject({
      actorId: await userId('admin'),
      actorUsername: 'admin',
      organizationCode: '000.00.00.H52',
      action: 'POST /api/holidays',
      targetType: 'holidays',
      targetId: created.body.id,
      outcome: 201,
      sourceAddress: '127.0.0.1',
      details: { body: { date: '2031-03-14', kind: 'day_off', name: 'Nghỉ kiểm thử nhật ký' } },
    });
  });

  test('R-SEC-3 when a clerk is refused a write, then the refusal is recorded with the clerk, the target and the 403', async () => {
    const [holiday] = await sql<{ id: string }>("SELECT id FROM holidays WHERE date = '2031-03-14'");
    await request(sys.app).put(`/api/holidays/${holiday.id}`).set(await as('vanthu.snv')).send({ name: 'Đổi tên' }).expect(403);
    const e = await entry({ action: 'PUT /api/holidays/:id', actorUsername: 'vanthu.snv' });
    expect(e).toMatchObject({ organizationCode: '000.00.02.H52', targetType: 'holidays', targetId: holiday.id, outcome: 403 });
  });

  test('R-SEC-3 when a write comes without a token, then it is recorded without an actor, its ids generalized in the action', async () => {
    const id = '7d3c6f0e-9b1a-4c2e-8f00-1234567890ab';
    await request(sys.app).delete(`/api/holidays/${id}`).expect(401);
    const e = await entry({ action: 'DELETE /api/holidays/:id', targetId: id });
    expect(e).toMatchObject({ actorId: null, targetType: 'holidays', outcome: 401, details: { path: `/api/holidays/${id}` } });
  });

  test('R-SEC-3 when a password change is attempted, then its entry carries no password', async () => {
    await request(sys.app).post('/api/me/password').set(await as('chuyenvien.stc')).send({ currentPassword: 'Not-the-password-1', newPassword: 'Another-password-2' });
    const e = await entry({ action: 'POST /api/me/password', actorUsername: 'chuyenvien.stc' });
    expect(e).toMatchObject({ targetType: 'users', targetId: await userId('chuyenvien.stc'), details: { body: { currentPassword: '[redacted]', newPassword: '[redacted]' } } });
    expect(JSON.stringify(e)).not.toMatch(/Not-the-password-1|Another-password-2/);
  });

  test('R-SEC-3 when a file is downloaded, then the download is recorded; when a list is only read, then nothing is', async () => {
    const id = '00000000-0000-4000-8000-00000000f11e';
    await request(sys.app).get(`/api/files/${id}`).set(await as('vanthu.snv')).expect(404);
    await request(sys.app).get('/api/holidays').set(await as('vanthu.snv')).expect(200);
    const e = await entry({ action: 'GET /api/files/:id', actorUsername: 'vanthu.snv' });
    expect(e).toMatchObject({ targetType: 'files', targetId: id, outcome: 404 });
    expect((await auditList('admin', { action: 'GET /api/holidays' })).rows).toEqual([]);
  });

  test('R-SEC-3 when the log is searched without accents, then a user name with accents is found', async () => {
    await request(sys.app).post('/api/auth/login').send({ username: 'nguyễn.văn.đức', password: 'x' }).expect(401);
    const e = await entry({ q: 'NGUYEN.VAN.DUC' });
    expect(e).toMatchObject({ action: 'auth.login_failed', details: { username: 'nguyễn.văn.đức' } });
  });
});

describe('who reads the audit log (R-SEC-3)', () => {
  test('R-SEC-3 when an admin lists the log, then entries of every organization and of anonymous requests are there', async () => {
    await as('admin');
    await as('vanthu.chiengson');
    const { rows, contentRange } = await auditList('admin');
    const orgs = new Set(rows.map((r) => r.organizationCode));
    expect([...orgs]).toEqual(expect.arrayContaining(['000.00.00.H52', '000.02.37.H52', '000.00.02.H52', null]));
    expect(contentRange).toMatch(/^audit 0-\d+\/\d+$/);
  });

  test('R-SEC-3 when a supervisor lists the log, then only entries of actors in their subtree appear, and others are 404', async () => {
    const chiengson = await entry({ action: 'auth.login', actorUsername: 'vanthu.chiengson' });
    const adminLogin = await entry({ action: 'auth.login', actorUsername: 'admin' });
    const { rows } = await auditList('giamsat.mocchau');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /^\d{3}\.\d{2}\.37\.H52$/.test(r.organizationCode ?? ''))).toBe(true);
    expect(rows.map((r) => r.seq)).toContain(chiengson.seq);
    const headers = await as('giamsat.mocchau');
    await request(sys.app).get(`/api/audit/${chiengson.seq}`).set(headers).expect(200);
    await request(sys.app).get(`/api/audit/${adminLogin.seq}`).set(headers).expect(404);
    await request(sys.app).get('/api/audit/verify').set(headers).expect(403);
  });

  test('R-SEC-3 when a clerk asks for the log, then every audit endpoint answers 403', async () => {
    const headers = await as('vanthu.snv');
    await request(sys.app).get('/api/audit').set(headers).expect(403);
    await request(sys.app).get('/api/audit/1').set(headers).expect(403);
    await request(sys.app).get('/api/audit/verify').set(headers).expect(403);
  });
});

describe('the chain (R-SEC-3)', () => {
  test('R-SEC-3 when anyone updates, deletes or truncates the log in the database, then PostgreSQL refuses', async () => {
    await expect(sql('UPDATE audit_log SET outcome = 200 WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(sql('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(sql('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    await expect(sql('UPDATE audit_log_head SET seq = 1')).rejects.toThrow(/append-only/);
  });

  test('R-SEC-3 when appends race, then they chain one after the other without gaps, whatever their text', async () => {
    const repo = createAuditRepository(sys.tdb.db);
    const appended = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        repo.append({ action: 'test.race', targetType: 'test', targetId: `x|${i}\n-`, details: { note: 'Văn bản "đến"\nđã nhận 😀', n: i + 0.5, nested: { list: [1, 'a', null] } } }),
      ),
    );
    const seqs = appended.map((e) => e.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => seqs[0] + i));
    expect(await repo.verify({ batchSize: 7 })).toMatchObject({ ok: true });
  });

  test('R-SEC-3 when the chain is intact, then verification passes and the text the database hashed is the one the verifier rebuilds', async () => {
    const [head] = await sql<{ seq: string }>('SELECT seq::text AS seq FROM audit_log_head');
    const result = await verifyApi();
    expect(result).toMatchObject({ ok: true, head: { seq: Number(head.seq) } });
    expect(result.rows).toBeGreaterThanOrEqual(Number(head.seq));
    expect(result.firstBroken).toBeUndefined();

    const canonicalRows = (action: string) =>
      sql<ChainRow & { canonical: string }>(
        `SELECT audit_log_canonical(a) AS canonical, a.seq::text AS seq, (extract(epoch FROM a.at) * 1000000)::bigint::text AS "atMicros",
                a.actor_id AS "actorId", a.actor_username AS "actorUsername", a.organization_code AS "organizationCode", a.action,
                a.target_type AS "targetType", a.target_id AS "targetId", a.outcome, a.source_address AS "sourceAddress",
                a.details::text AS "detailsText", a.prev_hash AS "prevHash"
           FROM audit_log a WHERE a.action = $1 ORDER BY a.seq LIMIT 3`,
        [action],
      );
    const rows = [...(await canonicalRows('auth.login')), ...(await canonicalRows('test.race')), ...(await canonicalRows('POST /api/holidays'))];
    expect(rows.length).toBe(7);
    for (const { canonical, ...row } of rows) expect(auditCanonicalText(row)).toBe(canonical);
  });

  test('R-SEC-3 when a row is changed behind the trigger, then verification names that seq as hash_mismatch and the command exits 1', async () => {
    const target = await entry({ action: 'POST /api/holidays' });
    await behindTrigger('audit_log_append_only', [['UPDATE audit_log SET outcome = 200 WHERE seq = $1', [target.seq]]]);
    try {
      expect(await verifyApi()).toMatchObject({ ok: false, firstBroken: { seq: target.seq, reason: 'hash_mismatch' } });
      const broken = await runVerifyCommand();
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`BROKEN at seq ${target.seq}: hash_mismatch`);
    } finally {
      await behindTrigger('audit_log_append_only', [['UPDATE audit_log SET outcome = 201 WHERE seq = $1', [target.seq]]]);
    }
    const intact = await runVerifyCommand();
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^OK: \d+ audit entries, chain intact/);
  });

  test('R-SEC-3 when a row is deleted behind the trigger, then verification reports the gap at its seq', async () => {
    const target = await entry({ action: 'auth.login_failed' });
    const [{ row }] = await sql<{ row: object }>('SELECT to_jsonb(a) AS row FROM audit_log a WHERE seq = $1', [target.seq]);
    await behindTrigger('audit_log_append_only', [['DELETE FROM audit_log WHERE seq = $1', [target.seq]]]);
    try {
      expect(await verifyApi()).toMatchObject({ ok: false, firstBroken: { seq: target.seq, reason: 'gap' } });
    } finally {
      await behindTrigger('audit_log_chain', [['INSERT INTO audit_log SELECT * FROM jsonb_populate_record(NULL::audit_log, $1::jsonb)', [JSON.stringify(row)]]]);
    }
    expect(await verifyApi()).toMatchObject({ ok: true });
  });

  test('R-SEC-3 when the newest row is deleted behind the trigger, then the chain head still shows the gap', async () => {
    const [last] = await sql<{ seq: string; row: object }>('SELECT seq::text AS seq, to_jsonb(a) AS row FROM audit_log a ORDER BY seq DESC LIMIT 1');
    await behindTrigger('audit_log_append_only', [['DELETE FROM audit_log WHERE seq = $1', [last.seq]]]);
    try {
      expect(await createAuditRepository(sys.tdb.db).verify()).toMatchObject({ ok: false, firstBroken: { seq: Number(last.seq), reason: 'gap' } });
    } finally {
      await behindTrigger('audit_log_chain', [['INSERT INTO audit_log SELECT * FROM jsonb_populate_record(NULL::audit_log, $1::jsonb)', [JSON.stringify(last.row)]]]);
    }
    expect(await createAuditRepository(sys.tdb.db).verify()).toMatchObject({ ok: true });
  });
});
