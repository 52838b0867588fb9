/**
 * The HTTP contract for organizations and connections against real PostgreSQL, a real Temporal
 * dev server and a real worker (R-ORG-1, R-ORG-2, R-ORG-4, R-CONN-1, R-CONN-2, R-CONN-4,
 * R-TIME-1, R-SEC-2).
 */
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { seed } from '../../db/seed';
import { DEMO_PASSWORD, eventually, startTestSystem, type TestSystem } from '../support/app';

let sys: TestSystem;
const tokens: Record<string, string> = {};

async function login(username: string): Promise<string> {
  tokens[username] ??= (await request(sys.app).post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200)).body.token;
  return tokens[username];
}
const as = async (username: string) => ({ Authorization: `Bearer ${await login(username)}` });
const count = async (sql: string) => Number((await sys.tdb.db.sequelize.query<{ n: string }>(sql, { type: QueryTypes.SELECT }))[0].n);
const ISO_VN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/;

beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.stop();
});

describe('authentication and roles (R-SEC-2)', () => {
  test('R-SEC-2 when the password is wrong, then login answers 401 problem+json without saying which part was wrong', async () => {
    const res = await request(sys.app).post('/api/auth/login').send({ username: 'admin', password: 'nope' }).expect(401);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 401, detail: expect.stringContaining('Sai tên đăng nhập hoặc mật khẩu') });
    const unknown = await request(sys.app).post('/api/auth/login').send({ username: 'nobody', password: 'nope' }).expect(401);
    expect(unknown.body.detail).toBe(res.body.detail);
  });

  test('R-SEC-2 when logging in, then the token works for /api/me and carries an expiry', async () => {
    const res = await request(sys.app).post('/api/auth/login').send({ username: 'lanhdao.snv', password: DEMO_PASSWORD }).expect(200);
    expect(res.body.expiresAt).toMatch(ISO_VN);
    const me = await request(sys.app).get('/api/me').set('Authorization', `Bearer ${res.body.token}`).expect(200);
    expect(me.body).toMatchObject({ username: 'lanhdao.snv', roles: ['leader'], organizationCode: '000.00.02.H52', organizationName: 'Sở Nội vụ tỉnh Sơn La' });
  });

  test('R-SEC-2 when there is no token, an expired token or a forged token, then the API answers 401', async () => {
    await request(sys.app).get('/api/me').expect(401);
    const me = (await request(sys.app).get('/api/me').set(await as('admin'))).body;
    const expired = jwt.sign({ sub: me.id, caller: me, exp: Math.floor(Date.now() / 1000) - 10 }, 'test-secret-test-secret-test-secret-0123');
    const res = await request(sys.app).get('/api/me').set('Authorization', `Bearer ${expired}`).expect(401);
    expect(res.body.detail).toMatch(/hết hạn/);
    const forged = jwt.sign({ sub: me.id, caller: me }, 'another-secret-another-secret-another-1');
    await request(sys.app).get('/api/me').set('Authorization', `Bearer ${forged}`).expect(401);
  });

  test('R-SEC-2 when a non-admin registers an organization or lists users, then it is forbidden', async () => {
    const res = await request(sys.app)
      .post('/api/organizations')
      .set(await as('vanthu.snv'))
      .send({ code: '000.09.02.H52', name: 'Phòng thử', shortName: 'PT', kind: 'other' })
      .expect(403);
    expect(res.type).toBe('application/problem+json');
    await request(sys.app).get('/api/users').set(await as('lanhdao.snv')).expect(403);
    await request(sys.app).get('/api/users').set(await as('admin')).expect(200);
  });
});

describe('demo data (R-ORG-4)', () => {
  test('R-ORG-4 when seeded, then the Sơn La tree has the province, its office, the key departments and all 12 districts, and communes', async () => {
    const res = await request(sys.app).get('/api/organizations').query({ range: '[0,999]' }).set(await as('admin')).expect(200);
    const names = res.body.map((o: { name: string }) => o.name);
    for (const n of ['Ủy ban nhân dân tỉnh Sơn La', 'Văn phòng Ủy ban nhân dân tỉnh Sơn La', 'Sở Nội vụ tỉnh Sơn La', 'Sở Thông tin và Truyền thông tỉnh Sơn La', 'Sở Tài chính tỉnh Sơn La']) {
      expect(names).toContain(n);
    }
    const districts = res.body.filter((o: { kind: string }) => o.kind === 'district').map((o: { name: string }) => o.name.replace(/^Ủy ban nhân dân (huyện|thành phố) /, ''));
    expect(districts.sort()).toEqual(['Bắc Yên', 'Mai Sơn', 'Mộc Châu', 'Mường La', 'Phù Yên', 'Quỳnh Nhai', 'Sông Mã', 'Sơn La', 'Sốp Cộp', 'Thuận Châu', 'Vân Hồ', 'Yên Châu'].sort());
    expect(res.body.filter((o: { kind: string }) => o.kind === 'department').length).toBeGreaterThanOrEqual(10);
    expect(res.body.filter((o: { kind: string }) => o.kind === 'commune').length).toBeGreaterThanOrEqual(3);
  });

  test('R-ORG-4 when seeded, then there is a demo user for every role', async () => {
    const res = await request(sys.app).get('/api/users').query({ range: '[0,999]' }).set(await as('admin')).expect(200);
    const roles = new Set(res.body.flatMap((u: { roles: string[] }) => u.roles));
    expect([...roles].sort()).toEqual(['admin', 'clerk', 'leader', 'specialist', 'supervisor']);
    expect(res.body[0].passwordHash).toBeUndefined();
  });

  test('R-ORG-4 when the seed runs again, then nothing is duplicated', async () => {
    const before = [await count('SELECT count(*) n FROM organizations'), await count('SELECT count(*) n FROM users'), await count('SELECT count(*) n FROM document_types')];
    await seed(sys.tdb.db, { provinceCode: '000.00.00.H52', demoPassword: 'another-password', withDemoUsers: true });
    const after = [await count('SELECT count(*) n FROM organizations'), await count('SELECT count(*) n FROM users'), await count('SELECT count(*) n FROM document_types')];
    expect(after).toEqual(before);
    // an existing password is not overwritten by a re-seed
    await request(sys.app).post('/api/auth/login').send({ username: 'admin', password: DEMO_PASSWORD }).expect(200);
  });
});

describe('registering organizations (R-ORG-1, R-ORG-2)', () => {
  test('R-ORG-2 when an admin registers a commune under an existing district, then it is created with its derived parent and contact data', async () => {
    const res = await request(sys.app)
      .post('/api/organizations')
      .set(await as('admin'))
      .send({ code: '000.05.41.H52', name: 'Ủy ban nhân dân xã Sam Kha', shortName: 'UBND', kind: 'commune', email: 'samkha@sonla.gov.vn', phone: '0212 3 000 000', address: 'Xã Sam Kha, huyện Sốp Cộp' })
      .expect(201);
    expect(res.body).toMatchObject({ id: '000.05.41.H52', parentCode: '000.00.41.H52', connectionState: 'not_connected', email: 'samkha@sonla.gov.vn' });
    expect(res.body.createdAt).toMatch(ISO_VN);
    const children = await request(sys.app).get('/api/organizations').query({ filter: JSON.stringify({ parentCode: '000.00.41.H52' }) }).set(await as('admin')).expect(200);
    expect(children.body.map((o: { code: string }) => o.code)).toContain('000.05.41.H52');
  });

  test('R-ORG-2 when the parent is not registered, then 422 names the missing parent and nothing is written', async () => {
    const before = await count('SELECT count(*) n FROM organizations');
    const res = await request(sys.app).post('/api/organizations').set(await as('admin')).send({ code: '000.01.55.H52', name: 'Xã chưa có huyện', shortName: 'UBND', kind: 'commune' }).expect(422);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.detail).toContain('000.00.55.H52');
    expect(await count('SELECT count(*) n FROM organizations')).toBe(before);
  });

  test('R-ORG-1 when the code is malformed, then 400 says what is wrong with the code field', async () => {
    const res = await request(sys.app).post('/api/organizations').set(await as('admin')).send({ code: '000.01.00.H52', name: 'Sai mã', shortName: 'X', kind: 'other' }).expect(400);
    expect(res.body.errors).toEqual([{ path: 'code', message: expect.stringContaining('non-zero group under a zero group') }]);
  });

  test('R-ORG-2 when the code is already registered, then 409', async () => {
    const res = await request(sys.app).post('/api/organizations').set(await as('admin')).send({ code: '000.00.02.H52', name: 'Sở Nội vụ (trùng)', shortName: 'SNV', kind: 'department' }).expect(409);
    expect(res.body.detail).toContain('000.00.02.H52');
  });

  test('R-ORG-2 when the given parent contradicts the code, then 422', async () => {
    const res = await request(sys.app).post('/api/organizations').set(await as('admin')).send({ code: '000.06.41.H52', parentCode: '000.00.37.H52', name: 'Xã X', shortName: 'UBND', kind: 'commune' }).expect(422);
    expect(res.body.errors[0].path).toBe('parentCode');
  });

  test('R-ORG-2 when fields are missing or of the wrong kind, then 400 lists each field', async () => {
    const res = await request(sys.app).post('/api/organizations').set(await as('admin')).send({ code: '000.07.41.H52', kind: 'planet', email: 'not-an-email' }).expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'kind', 'name', 'shortName']);
  });

  test('R-ORG-2 when text arrives decomposed (NFD), then it is stored NFC', async () => {
    const nfd = 'Ủy ban nhân dân xã Nậm Lạnh'.normalize('NFD');
    const res = await request(sys.app).post('/api/organizations').set(await as('admin')).send({ code: '000.08.41.H52', name: nfd, shortName: 'UBND', kind: 'commune' }).expect(201);
    expect(res.body.name).toBe('Ủy ban nhân dân xã Nậm Lạnh'.normalize('NFC'));
  });

  test('R-FMT-2 when a name was typed with a legacy TCVN3 font, then 400 says which encoding it looks like', async () => {
    const res = await request(sys.app).post('/api/organizations').set(await as('admin')).send({ code: '000.11.41.H52', name: 'Uû ban nh©n d©n x· ViÖt Nam', shortName: 'UBND', kind: 'commune' }).expect(400);
    expect(res.body.errors).toEqual([{ path: 'name', message: expect.stringContaining('TCVN3') }]);
  });

  test('R-ORG-2 when an admin edits contact data, then it is saved but the code and parent stay', async () => {
    const res = await request(sys.app)
      .put('/api/organizations/000.00.04.H52')
      .set(await as('admin'))
      .send({ id: '000.00.04.H52', code: '000.00.04.H52', name: 'Sở Tài chính tỉnh Sơn La', website: 'https://stc.sonla.gov.vn', parentCode: '000.00.00.H52' })
      .expect(200);
    expect(res.body.website).toBe('https://stc.sonla.gov.vn');
    await request(sys.app).put('/api/organizations/000.00.04.H52').set(await as('admin')).send({ parentCode: '000.00.37.H52' }).expect(422);
  });

  test('R-ORG-2 when searching without accents, then names with accents are found', async () => {
    const res = await request(sys.app).get('/api/organizations').query({ filter: JSON.stringify({ q: 'so noi vu' }) }).set(await as('vanthu.snv')).expect(200);
    expect(res.body.map((o: { code: string }) => o.code)).toEqual(['000.00.02.H52']);
    const dd = await request(sys.app).get('/api/organizations').query({ filter: JSON.stringify({ q: 'dao tao' }) }).set(await as('admin')).expect(200);
    expect(dd.body.map((o: { name: string }) => o.name)).toEqual(['Sở Giáo dục và Đào tạo tỉnh Sơn La']);
  });

  test('R-SEC-4 when list parameters are malformed, then 400 problem+json', async () => {
    await request(sys.app).get('/api/organizations').query({ range: '[5,1]' }).set(await as('admin')).expect(400);
    await request(sys.app).get('/api/organizations').query({ filter: '{not json' }).set(await as('admin')).expect(400);
    await request(sys.app).get('/api/organizations').query({ sort: '["password","ASC"]' }).set(await as('admin')).expect(400);
    const bad = await request(sys.app).post('/api/organizations').set(await as('admin')).set('content-type', 'application/json').send('{"code":').expect(400);
    expect(bad.type).toBe('application/problem+json');
  });
});

describe('connection processes through the API (R-CONN-1, R-CONN-2, R-CONN-4)', () => {
  test('R-CONN-2 when an organization is registered after the 2019 deadline, then its process starts overdue and the Provincial Office and the Department of ICT supervisors are notified', async () => {
    await request(sys.app).post('/api/organizations').set(await as('admin')).send({ code: '000.09.41.H52', name: 'Ủy ban nhân dân xã Mường Và', shortName: 'UBND', kind: 'commune' }).expect(201);
    const conn = await eventually(async () => {
      const r = await request(sys.app).get('/api/connections/000.09.41.H52').set(await as('admin'));
      return r.body.overdue ? r.body : null;
    });
    expect(conn).toMatchObject({ state: 'not_connected', deadlineMissed: true, nonCompliantSince: '2019-12-30T23:59:59.999+07:00', deadline: '2019-12-30T23:59:59.999+07:00' });
    expect(conn.events.map((e: { kind: string }) => e.kind)).toEqual(['overdue', 'escalation']);
    for (const supervisor of ['giamsat.vp', 'giamsat.stttt']) {
      const n = await request(sys.app).get('/api/notifications').query({ filter: JSON.stringify({ unread: true }) }).set(await as(supervisor)).expect(200);
      expect(n.body.some((x: { kind: string; subjectId: string }) => x.kind === 'connection_escalation' && x.subjectId === '000.09.41.H52')).toBe(true);
    }
    // a district supervisor elsewhere is not escalated to
    const other = await request(sys.app).get('/api/notifications').set(await as('giamsat.mocchau')).expect(200);
    expect(other.body.some((x: { subjectId: string }) => x.subjectId === '000.09.41.H52')).toBe(false);
  });

  test('R-CONN-1 when a step is skipped through the API, then 409 explains the next step; in order they succeed and end connected', async () => {
    await request(sys.app).post('/api/organizations').set(await as('admin')).send({ code: '000.10.41.H52', name: 'Ủy ban nhân dân xã Púng Bánh', shortName: 'UBND', kind: 'commune' }).expect(201);
    const skip = await request(sys.app).post('/api/connections/000.10.41.H52/advance').set(await as('admin')).send({ to: 'connected' }).expect(409);
    expect(skip.body.detail).toContain('Sẵn sàng hạ tầng');
    for (const to of ['infrastructure_ready', 'test_passed', 'connected']) {
      const r = await request(sys.app).post('/api/connections/000.10.41.H52/advance').set(await as('admin')).send({ to, note: `bước ${to}` }).expect(200);
      expect(r.body.state).toBe(to);
    }
    const done = await request(sys.app).get('/api/connections/000.10.41.H52').set(await as('admin')).expect(200);
    expect(done.body).toMatchObject({ state: 'connected', overdue: false, deadlineMissed: true });
    expect(done.body.connectedAt).toMatch(ISO_VN);
    expect(done.body.steps.map((s: { state: string; actor: string }) => [s.state, s.actor])).toEqual([
      ['infrastructure_ready', 'admin'],
      ['test_passed', 'admin'],
      ['connected', 'admin'],
    ]);
    await request(sys.app).post('/api/connections/000.10.41.H52/advance').set(await as('admin')).send({ to: 'connected' }).expect(409);
  });

  test('R-CONN-1 when a unit leader declares infrastructure ready, then it is accepted, but certifying the test exchange is for admins', async () => {
    const r = await request(sys.app).post('/api/connections/000.00.41.H52/advance').set(await as('lanhdao.sopcop')).send({ to: 'infrastructure_ready' }).expect(200);
    expect(r.body.state).toBe('infrastructure_ready');
    await request(sys.app).post('/api/connections/000.00.41.H52/advance').set(await as('lanhdao.sopcop')).send({ to: 'test_passed' }).expect(403);
    await request(sys.app).post('/api/connections/000.00.41.H52/advance').set(await as('lanhdao.sopcop')).send({ to: 'flying' }).expect(400);
  });

  test('R-CONN-4 when a supervisor lists connections, then only their subtree is shown, with who missed the deadline', async () => {
    await eventually(async () => (await request(sys.app).get('/api/connections/000.02.37.H52').set(await as('admin'))).body.deadlineMissed);
    const res = await request(sys.app).get('/api/connections').query({ range: '[0,999]' }).set(await as('giamsat.mocchau')).expect(200);
    expect(res.body.map((c: { code: string }) => c.code).sort()).toEqual(['000.00.37.H52', '000.01.37.H52', '000.02.37.H52']);
    expect(res.headers['content-range']).toBe('connections 0-2/3');
    const chiengSon = res.body.find((c: { code: string }) => c.code === '000.02.37.H52');
    expect(chiengSon).toMatchObject({ state: 'not_connected', overdue: true });
    const mocChau = res.body.find((c: { code: string }) => c.code === '000.00.37.H52');
    expect(mocChau).toMatchObject({ state: 'connected', overdue: false, connectedAt: '2019-08-15T08:00:00.000+07:00' });
    await request(sys.app).get('/api/connections/000.00.41.H52').set(await as('giamsat.mocchau')).expect(404);
  });

  test('R-CONN-4 when the province supervisor filters overdue organizations, then every overdue one in the province is listed', async () => {
    const res = await request(sys.app).get('/api/connections').query({ filter: JSON.stringify({ overdue: true }), range: '[0,999]' }).set(await as('giamsat.vp')).expect(200);
    const codes = res.body.map((c: { code: string }) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['000.02.37.H52', '000.01.41.H52', '000.09.41.H52']));
    expect(codes).not.toContain('000.10.41.H52');
    expect(res.body.every((c: { overdue: boolean }) => c.overdue)).toBe(true);
  });

  test('R-CONN-4 when a clerk lists connections, then only their own organization is visible', async () => {
    const res = await request(sys.app).get('/api/connections').set(await as('vanthu.snv')).expect(200);
    expect(res.body.map((c: { code: string }) => c.code)).toEqual(['000.00.02.H52']);
    await request(sys.app).get('/api/connections/000.00.03.H52').set(await as('vanthu.snv')).expect(404);
  });
});

describe('operations and contract', () => {
  test('R-TIME-1 when any record with times is returned, then every time is ISO 8601 with +07:00', async () => {
    const res = await request(sys.app).get('/api/organizations').query({ range: '[0,999]' }).set(await as('admin')).expect(200);
    const times = res.body.flatMap((o: Record<string, unknown>) => ['createdAt', 'updatedAt', 'connectedAt', 'nonCompliantSince'].map((k) => o[k]).filter(Boolean));
    expect(times.length).toBeGreaterThan(40);
    for (const t of times) expect(t).toMatch(ISO_VN);
  });

  test('readiness answers 200 when the database and Temporal are reachable; the OpenAPI document lists the resources', async () => {
    expect((await request(sys.app).get('/api/ready').expect(200)).body).toMatchObject({ database: 'ok', temporal: 'ok' });
    const doc = (await request(sys.app).get('/api/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/auth/login', '/organizations', '/connections', '/connections/{code}/advance']));
  });

  test('R-SEC-2 when a user marks a notification read, then it is theirs only', async () => {
    const mine = await request(sys.app).get('/api/notifications').set(await as('giamsat.vp')).expect(200);
    const id = mine.body[0].id;
    await request(sys.app).put(`/api/notifications/${id}`).set(await as('giamsat.stttt')).send({ read: true }).expect(404);
    const r = await request(sys.app).put(`/api/notifications/${id}`).set(await as('giamsat.vp')).send({ read: true }).expect(200);
    expect(r.body.readAt).toMatch(ISO_VN);
  });
});
