/**
 * Departments (phòng, ban) against real PostgreSQL (R-ROUTE-1, R-SEC-2): the demo data, admin
 * CRUD, who reads which organization's departments, validation problems, and that a department
 * still in use is never removed (409) while one only the history names is retired. Only database
 * routes are exercised, so the app gets a Temporal client that never connects.
 */
import { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createTokenService } from '../../api/auth';
import { createLogger } from '../../api/logger';
import { seed } from '../../db/seed';
import { testDocumentSettings } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';

const PASSWORD = 'Departments-test-password-1';
const UBND = '000.00.00.H52';
const SNV = '000.00.02.H52';
const STTTT = '000.00.03.H52';
const MOC_CHAU = '000.00.37.H52';
const CHIENG_SON = '000.02.37.H52';
const ISO_VN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/;

let tdb: TestDatabase;
let app: Express;
let temporal: Client;
const connection = { taskQueue: 'unused', deadline: '2019-12-30T16:59:59.999Z', reminderDaysBefore: [], repeatEveryDays: 7, escalateToOrgCodes: [] };
const tokens: Record<string, string> = {};

async function as(username: string): Promise<{ Authorization: string }> {
  tokens[username] ??= (await request(app).post('/api/auth/login').send({ username, password: PASSWORD }).expect(200)).body.token as string;
  return { Authorization: `Bearer ${tokens[username]}` };
}
const q = <T extends object>(sql: string, replacements: unknown[] = []) => tdb.db.sequelize.query<T>(sql, { replacements, type: 'SELECT' as never }) as unknown as Promise<T[]>;
const list = (filter: object = {}) => ({ filter: JSON.stringify(filter), range: '[0,199]' });

let seq = 0;
/** A fresh name per test, so tests never depend on each other. */
const uniqueName = (prefix: string) => `${prefix} ${process.pid % 1000}-${(seq += 1)}`;

async function createDepartment(organizationCode: string, name = uniqueName('Phòng Thử nghiệm')): Promise<{ id: string; name: string }> {
  const res = await request(app).post('/api/departments').set(await as('admin')).send({ organizationCode, name }).expect(201);
  return res.body;
}
async function userId(username: string): Promise<string> {
  return (await q<{ id: string }>('SELECT id FROM users WHERE username = ?', [username]))[0].id;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seed(tdb.db, { provinceCode: UBND, demoPassword: PASSWORD, withDemoUsers: true });
  temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  app = createApp({ db: tdb.db, temporal, tokens: createTokenService('departments-test-secret-departments-0123', 1), log: createLogger('silent'), connection, documents: testDocumentSettings('none'), loginLimit: 1000, httpLog: false });
});
afterAll(async () => {
  await temporal?.connection.close();
  await tdb?.drop();
});

describe('demo departments', () => {
  test('R-ROUTE-1 when the demo data is seeded, then Sở TT&TT has its departments and its specialist belongs to the IT department', async () => {
    const res = await request(app).get('/api/departments').query(list({ organizationCode: STTTT })).set(await as('admin')).expect(200);
    expect(res.body.map((d: { name: string }) => d.name)).toEqual(['Phòng Bưu chính, Viễn thông', 'Phòng Công nghệ thông tin', 'Văn phòng']);
    const it = res.body.find((d: { name: string }) => d.name === 'Phòng Công nghệ thông tin');
    expect(it).toMatchObject({ organizationCode: STTTT, organizationName: 'Sở Thông tin và Truyền thông tỉnh Sơn La', active: true, userCount: 1 });
    const specialist = await request(app).get(`/api/users/${await userId('chuyenvien.stttt')}`).set(await as('admin')).expect(200);
    expect(specialist.body.departmentId).toBe(it.id);
  });

  test('R-ROUTE-1 when the seed runs again, then no department is added twice and an admin’s change of a specialist’s department is kept', async () => {
    const specialist = await userId('chuyenvien.snv');
    await request(app).put(`/api/users/${specialist}`).set(await as('admin')).send({ departmentId: null }).expect(200);
    const before = await q<{ n: string }>('SELECT count(*) AS n FROM departments');
    await seed(tdb.db, { provinceCode: UBND, demoPassword: PASSWORD, withDemoUsers: true });
    expect(await q<{ n: string }>('SELECT count(*) AS n FROM departments')).toEqual(before);
    expect((await q<{ department_id: string | null }>('SELECT department_id FROM users WHERE id = ?', [specialist]))[0].department_id).toBeNull();
  });
});

describe('departments CRUD (admin)', () => {
  test('R-ROUTE-1 when an admin creates, renames and deletes an unused department, then each answer is the department and it is gone at the end', async () => {
    const created = await request(app).post('/api/departments').set(await as('admin')).send({ organizationCode: SNV, name: '  Phòng Tổ chức, biên chế  ' }).expect(201);
    expect(created.headers.location).toBe(`/api/departments/${created.body.id}`);
    expect(created.body).toMatchObject({ organizationCode: SNV, organizationName: 'Sở Nội vụ tỉnh Sơn La', name: 'Phòng Tổ chức, biên chế', active: true, userCount: 0 });
    expect(created.body.createdAt).toMatch(ISO_VN);
    const id = created.body.id;

    // react-admin sends the whole record back.
    const renamed = await request(app).put(`/api/departments/${id}`).set(await as('admin')).send({ ...created.body, name: 'Phòng Tổ chức cán bộ' }).expect(200);
    expect(renamed.body).toMatchObject({ id, name: 'Phòng Tổ chức cán bộ', organizationCode: SNV });

    const deleted = await request(app).delete(`/api/departments/${id}`).set(await as('admin')).expect(200);
    expect(deleted.body).toMatchObject({ id, name: 'Phòng Tổ chức cán bộ', deleted: true });
    await request(app).get(`/api/departments/${id}`).set(await as('admin')).expect(404);
  });

  test('R-ROUTE-1 when the list is searched without accents or filtered, then the matching departments come with Content-Range', async () => {
    const res = await request(app).get('/api/departments').query(list({ q: 'cai cach' })).set(await as('admin')).expect(200);
    expect(res.body.map((d: { name: string; organizationCode: string }) => [d.organizationCode, d.name])).toEqual([[SNV, 'Phòng Cải cách hành chính']]);
    expect(res.headers['content-range']).toBe('departments 0-0/1');
    const byIds = await request(app).get('/api/departments').query({ filter: JSON.stringify({ id: [res.body[0].id, 'not-a-uuid'] }) }).set(await as('admin')).expect(200);
    expect(byIds.body.map((d: { id: string }) => d.id)).toEqual([res.body[0].id]);
  });

  test('R-ROUTE-1 when an admin retires a department with PUT and reactivates it, then inactive ones can be filtered out', async () => {
    const d = await createDepartment(STTTT);
    await request(app).put(`/api/departments/${d.id}`).set(await as('admin')).send({ active: false }).expect(200);
    const active = await request(app).get('/api/departments').query(list({ organizationCode: STTTT, active: true })).set(await as('admin')).expect(200);
    expect(active.body.map((x: { id: string }) => x.id)).not.toContain(d.id);
    const back = await request(app).put(`/api/departments/${d.id}`).set(await as('admin')).send({ active: true }).expect(200);
    expect(back.body.active).toBe(true);
  });
});

describe('who reads and writes departments (R-SEC-2)', () => {
  test("R-SEC-2 when a clerk lists departments, then only their organization's come and another organization's is 404", async () => {
    const res = await request(app).get('/api/departments').query(list()).set(await as('vanthu.snv')).expect(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(new Set(res.body.map((d: { organizationCode: string }) => d.organizationCode))).toEqual(new Set([SNV]));
    const stttt = (await request(app).get('/api/departments').query(list({ organizationCode: STTTT })).set(await as('admin')).expect(200)).body[0];
    await request(app).get(`/api/departments/${stttt.id}`).set(await as('vanthu.snv')).expect(404);
    const filtered = await request(app).get('/api/departments').query(list({ organizationCode: STTTT })).set(await as('vanthu.snv')).expect(200);
    expect(filtered.body).toEqual([]);
  });

  test('R-SEC-2 when a district supervisor lists departments, then those of the district and its communes come, not those of the province departments', async () => {
    const district = await createDepartment(MOC_CHAU, uniqueName('Phòng Nội vụ'));
    const commune = await createDepartment(CHIENG_SON, uniqueName('Bộ phận một cửa'));
    const res = await request(app).get('/api/departments').query(list()).set(await as('giamsat.mocchau')).expect(200);
    const ids = res.body.map((d: { id: string }) => d.id);
    expect(ids).toEqual(expect.arrayContaining([district.id, commune.id]));
    expect(new Set(res.body.map((d: { organizationCode: string }) => d.organizationCode))).toEqual(new Set([MOC_CHAU, CHIENG_SON]));
    await request(app).get(`/api/departments/${commune.id}`).set(await as('giamsat.mocchau')).expect(200);
    // The leader of the district reads only the district's own.
    await request(app).get(`/api/departments/${commune.id}`).set(await as('lanhdao.mocchau')).expect(404);
  });

  test('R-SEC-2 when someone who is not an admin writes a department, then 403 and nothing changes', async () => {
    const d = await createDepartment(SNV);
    for (const username of ['lanhdao.snv', 'vanthu.snv', 'giamsat.snv']) {
      await request(app).post('/api/departments').set(await as(username)).send({ organizationCode: SNV, name: 'Phòng Thử' }).expect(403);
      await request(app).put(`/api/departments/${d.id}`).set(await as(username)).send({ name: 'Đổi tên' }).expect(403);
      await request(app).delete(`/api/departments/${d.id}`).set(await as(username)).expect(403);
    }
    await request(app).get('/api/departments').expect(401);
    expect((await request(app).get(`/api/departments/${d.id}`).set(await as('admin')).expect(200)).body.name).toBe(d.name);
  });
});

describe('validation problems', () => {
  test('R-SEC-4 when the body is incomplete, malformed or has unknown fields, then 400 problem+json names each field', async () => {
    const empty = await request(app).post('/api/departments').set(await as('admin')).send({}).expect(400);
    expect(empty.type).toBe('application/problem+json');
    expect(empty.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'organizationCode']);
    const bad = await request(app).post('/api/departments').set(await as('admin')).send({ organizationCode: '000.00.02.h52', name: 'x'.repeat(201), extra: 1 }).expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(expect.arrayContaining(['name', 'organizationCode']));
    const blank = await request(app).post('/api/departments').set(await as('admin')).send({ organizationCode: SNV, name: '   ' }).expect(400);
    expect(blank.body.errors).toEqual([expect.objectContaining({ path: 'name' })]);
  });

  test('R-ROUTE-1 when the organization is not registered, then 422 on organizationCode', async () => {
    const res = await request(app).post('/api/departments').set(await as('admin')).send({ organizationCode: '000.00.99.H52', name: 'Phòng Thử' }).expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'organizationCode' })]);
  });

  test('R-ROUTE-1 when a name repeats one of the organization up to case and accents, then 409 on name; the same name elsewhere is fine', async () => {
    const res = await request(app).post('/api/departments').set(await as('admin')).send({ organizationCode: SNV, name: 'VAN PHONG' }).expect(409);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'name' })]);
    const d = await createDepartment(SNV);
    await request(app).put(`/api/departments/${d.id}`).set(await as('admin')).send({ name: 'văn phòng' }).expect(409);
    await request(app).post('/api/departments').set(await as('admin')).send({ organizationCode: MOC_CHAU, name: 'Văn phòng' }).expect(201);
  });

  test('R-ROUTE-1 when an edit names another organization, then 422 and the department stays where it was', async () => {
    const d = await createDepartment(SNV);
    const res = await request(app).put(`/api/departments/${d.id}`).set(await as('admin')).send({ organizationCode: STTTT, name: 'Chuyển đi' }).expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'organizationCode' })]);
    expect((await request(app).get(`/api/departments/${d.id}`).set(await as('admin')).expect(200)).body).toMatchObject({ organizationCode: SNV, name: d.name });
  });

  test('R-ROUTE-1 when the id is not a department, then 404 for reads and writes', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await request(app).get(`/api/departments/${unknown}`).set(await as('admin')).expect(404);
    await request(app).put(`/api/departments/${unknown}`).set(await as('admin')).send({ name: 'X' }).expect(404);
    await request(app).delete(`/api/departments/${unknown}`).set(await as('admin')).expect(404);
    await request(app).get('/api/departments/not-a-uuid').set(await as('admin')).expect(404);
  });
});

describe('departments in use', () => {
  test('R-ROUTE-1 when an active user belongs to the department, then DELETE and retiring are refused with 409 naming the users', async () => {
    const d = await createDepartment(SNV);
    const user = await request(app)
      .post('/api/users')
      .set(await as('admin'))
      .send({ username: `cv.${process.pid % 1000}.${(seq += 1)}`, fullName: 'Chuyên viên thử', organizationCode: SNV, departmentId: d.id, roles: ['specialist'], password: PASSWORD })
      .expect(201);
    const res = await request(app).delete(`/api/departments/${d.id}`).set(await as('admin')).expect(409);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'users' })]);
    await request(app).put(`/api/departments/${d.id}`).set(await as('admin')).send({ active: false }).expect(409);
    expect((await request(app).get(`/api/departments/${d.id}`).set(await as('admin')).expect(200)).body).toMatchObject({ active: true, userCount: 1 });

    // A deactivated account is history: the department is then retired, not removed.
    await request(app).delete(`/api/users/${user.body.id}`).set(await as('admin')).expect(200);
    const retired = await request(app).delete(`/api/departments/${d.id}`).set(await as('admin')).expect(200);
    expect(retired.body).toMatchObject({ id: d.id, active: false, deleted: false });
  });

  test('R-ROUTE-1 when an open task is assigned to the department, then DELETE is refused with 409 naming the tasks', async () => {
    const d = await createDepartment(SNV);
    const [doc] = await q<{ id: string }>("INSERT INTO documents (direction, organization_code, summary, status) VALUES ('incoming', ?, 'Về việc thử phòng ban', 'processing') RETURNING id", [SNV]);
    await q(
      `INSERT INTO tasks (document_id, organization_code, kind, step, assignee_department_id, status, dedupe_key)
       VALUES (?, ?, 'processing', 'processing', ?, 'open', ?) RETURNING id`,
      [doc.id, SNV, d.id, `departments-test:${d.id}`],
    );
    const res = await request(app).delete(`/api/departments/${d.id}`).set(await as('admin')).expect(409);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'tasks' })]);

    await q("UPDATE tasks SET status = 'done', completed_at = now() WHERE assignee_department_id = ?", [d.id]);
    const retired = await request(app).delete(`/api/departments/${d.id}`).set(await as('admin')).expect(200);
    expect(retired.body).toMatchObject({ active: false, deleted: false });
    // The finished task still names it.
    expect((await q<{ name: string }>('SELECT name FROM departments WHERE id = ?', [d.id]))[0].name).toBe(d.name);
  });

  test('R-ROUTE-1 when an active routing rule targets the department, then DELETE is refused; once the rule is off it is retired and takes no new rules or users', async () => {
    const d = await createDepartment(SNV);
    const rule = await request(app)
      .post('/api/routing-rules')
      .set(await as('admin'))
      .send({ organizationCode: SNV, name: uniqueName('Cải cách: phòng thử'), priority: 50, match: { keywords: ['thử phòng ban'] }, target: { kind: 'department', departmentId: d.id } })
      .expect(201);
    expect(rule.body.targetName).toBe(d.name);
    const refused = await request(app).delete(`/api/departments/${d.id}`).set(await as('admin')).expect(409);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'routingRules' })]);

    await request(app).delete(`/api/routing-rules/${rule.body.id}`).set(await as('admin')).expect(200);
    const retired = await request(app).delete(`/api/departments/${d.id}`).set(await as('admin')).expect(200);
    expect(retired.body).toMatchObject({ active: false, deleted: false });
    // The rule's history still shows where it sent documents.
    const versions = await request(app).get(`/api/routing-rules/${rule.body.id}/versions`).set(await as('admin')).expect(200);
    expect(versions.body.map((v: { targetName: string }) => v.targetName)).toEqual([d.name, d.name]);

    const again = await request(app)
      .post('/api/routing-rules')
      .set(await as('admin'))
      .send({ organizationCode: SNV, name: uniqueName('Tới phòng đã ngừng'), target: { kind: 'department', departmentId: d.id } })
      .expect(422);
    expect(again.body.errors).toEqual([expect.objectContaining({ path: 'target.departmentId' })]);
    const user = await request(app)
      .post('/api/users')
      .set(await as('admin'))
      .send({ username: `cv.${process.pid % 1000}.${(seq += 1)}`, fullName: 'Chuyên viên thử', organizationCode: SNV, departmentId: d.id, roles: ['specialist'], password: PASSWORD })
      .expect(422);
    expect(user.body.errors).toEqual([expect.objectContaining({ path: 'departmentId' })]);
  });
});
