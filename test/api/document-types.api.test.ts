/**
 * Document types against real PostgreSQL (SPEC §4; R-DOC-2, whose notation carries the type's
 * abbreviation; R-SEC-2): the seeded administrative types in their order, admins add and edit
 * types, nobody deletes one, other roles only read. Only database routes are exercised, so the
 * app gets a Temporal client that never connects.
 */
import { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createTokenService } from '../../api/auth';
import { createLogger } from '../../api/logger';
import { DOCUMENT_TYPES, seed } from '../../db/seed';
import { testDocumentSettings } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';

const PASSWORD = 'Types-test-password-1';

let tdb: TestDatabase;
let app: Express;
let temporal: Client;
const tokens: Record<string, string> = {};

async function as(username: string): Promise<{ Authorization: string }> {
  tokens[username] ??= (await request(app).post('/api/auth/login').send({ username, password: PASSWORD }).expect(200)).body.token;
  return { Authorization: `Bearer ${tokens[username]}` };
}
const list = async (query: Record<string, string> = {}, who = 'chuyenvien.snv') =>
  request(app).get('/api/document-types').query({ range: '[0,999]', ...query }).set(await as(who)).expect(200);

let seq = 0;
/** A fresh code and name per test, so tests never depend on each other. */
const fresh = () => {
  seq += 1;
  return { code: `THU_${seq}`, name: `Loại thử nghiệm ${seq}`, abbreviation: `TN${seq}` };
};
const create = async (body: Record<string, unknown>) => request(app).post('/api/document-types').set(await as('admin')).send(body);

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seed(tdb.db, { provinceCode: '000.00.00.H52', demoPassword: PASSWORD, withDemoUsers: true });
  temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const connection = { taskQueue: 'unused', deadline: '2019-12-30T16:59:59.999Z', reminderDaysBefore: [], repeatEveryDays: 7, escalateToOrgCodes: [] };
  app = createApp({ db: tdb.db, temporal, tokens: createTokenService('types-test-secret-types-test-secret-0123', 1), log: createLogger('silent'), connection, documents: testDocumentSettings('none'), loginLimit: 1000, httpLog: false });
});
afterAll(async () => {
  await temporal?.connection.close();
  await tdb?.drop();
});

describe('the seeded list (SPEC §4)', () => {
  test('R-DOC-2 when a specialist lists document types, then every seeded type comes in the seed order', async () => {
    const res = await list({ filter: JSON.stringify({ id: DOCUMENT_TYPES.map(([code]) => code) }) });
    expect(res.body.map((t: { code: string }) => t.code)).toEqual(DOCUMENT_TYPES.map(([code]) => code));
    expect(res.headers['content-range']).toBe(`document-types 0-${DOCUMENT_TYPES.length - 1}/${DOCUMENT_TYPES.length}`);
  });

  test('R-DOC-2 when the list is read, then Công văn has no abbreviation and Quyết định is QĐ', async () => {
    const res = await list();
    const byName = Object.fromEntries(res.body.map((t: { name: string }) => [t.name, t]));
    expect(byName['Công văn']).toMatchObject({ id: 'CV', code: 'CV', abbreviation: null, active: true });
    expect(byName['Quyết định']).toMatchObject({ id: 'QD', code: 'QD', abbreviation: 'QĐ', active: true });
  });

  test('R-DOC-2 when one type is read by its code, then it comes with its abbreviation', async () => {
    const res = await request(app).get('/api/document-types/QYD').set(await as('vanthu.stc')).expect(200);
    expect(res.body).toMatchObject({ code: 'QYD', name: 'Quy định', abbreviation: 'QyĐ' });
  });

  test('R-DOC-2 when searching without accents, then "quyet dinh" finds Quyết định', async () => {
    const res = await list({ filter: JSON.stringify({ q: 'quyet dinh' }) });
    expect(res.body.map((t: { code: string }) => t.code)).toEqual(['QD']);
  });

  test('R-SEC-2 when nobody is logged in, then the list answers 401', async () => {
    await request(app).get('/api/document-types').expect(401);
  });
});

describe('admins keep the list (SPEC §4)', () => {
  test('R-DOC-2 when an admin adds a type without a sort order, then it is created active at the end of the list', async () => {
    const t = fresh();
    const res = await create({ code: t.code.toLowerCase(), name: t.name, abbreviation: t.abbreviation });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/document-types/${t.code}`);
    expect(res.body).toMatchObject({ id: t.code, code: t.code, name: t.name, abbreviation: t.abbreviation, active: true });
    const all = (await list()).body as Array<{ code: string }>;
    expect(all[all.length - 1].code).toBe(t.code);
  });

  test('R-DOC-2 when an admin adds a type without an abbreviation, then it is stored as null like Công văn', async () => {
    const t = fresh();
    const res = await create({ code: t.code, name: t.name, abbreviation: null });
    expect(res.status).toBe(201);
    expect(res.body.abbreviation).toBeNull();
  });

  test('R-DOC-2 when an admin edits a type’s name, abbreviation and order, then the list shows the change', async () => {
    const t = fresh();
    await create({ ...t, sortOrder: 500 });
    const record = (await request(app).get(`/api/document-types/${t.code}`).set(await as('admin')).expect(200)).body;
    const res = await request(app).put(`/api/document-types/${t.code}`).set(await as('admin')).send({ ...record, name: `${t.name} (sửa)`, abbreviation: 'SỬA', sortOrder: 0 }).expect(200);
    expect(res.body).toMatchObject({ code: t.code, name: `${t.name} (sửa)`, abbreviation: 'SỬA', sortOrder: 0 });
  });

  test('R-DOC-2 when an admin retires a type, then it stays in the list as inactive and the active filter leaves it out', async () => {
    const t = fresh();
    await create(t);
    await request(app).put(`/api/document-types/${t.code}`).set(await as('admin')).send({ active: false }).expect(200);
    expect((await list()).body.find((x: { code: string }) => x.code === t.code)).toMatchObject({ active: false });
    expect((await list({ filter: JSON.stringify({ active: true }) })).body.map((x: { code: string }) => x.code)).not.toContain(t.code);
    expect((await list({ filter: JSON.stringify({ active: false }) })).body.map((x: { code: string }) => x.code)).toContain(t.code);
  });

  test('R-DOC-2 when an admin deletes a type, then it is refused with 409 explaining why, and the type stays', async () => {
    const res = await request(app).delete('/api/document-types/TB').set(await as('admin')).expect(409);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.detail).toMatch(/^Không xóa loại văn bản.*active: false/);
    await request(app).get('/api/document-types/TB').set(await as('admin')).expect(200);
  });

  test('R-DOC-2 when the code already exists, then adding it is refused with 409 on code', async () => {
    const res = await create({ code: 'QD', name: 'Quyết định khác', abbreviation: 'QDK' });
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([{ path: 'code', message: expect.any(String) }]);
  });

  test('R-DOC-2 when the name already exists, then adding it is refused with 409 on name', async () => {
    const res = await create({ code: fresh().code, name: 'Quyết định', abbreviation: 'QDK' });
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([{ path: 'name', message: expect.any(String) }]);
  });

  test('R-DOC-2 when another type already uses the abbreviation, then the edit is refused with 409 on abbreviation', async () => {
    const t = fresh();
    await create(t);
    const res = await request(app).put(`/api/document-types/${t.code}`).set(await as('admin')).send({ abbreviation: 'QĐ' }).expect(409);
    expect(res.body.errors).toEqual([{ path: 'abbreviation', message: expect.any(String) }]);
  });

  test('R-DOC-2 when the code is not [A-Z0-9_]{1,20}, then adding it is refused with 400 on code', async () => {
    const res = await create({ code: 'QUYẾT-ĐỊNH', name: 'Mã sai', abbreviation: null });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'code' })]);
  });

  test('R-DOC-2 when the abbreviation is longer than 10 characters or carries a separator, then it is refused with 400', async () => {
    for (const abbreviation of ['QUADAITOQUA1', 'Q-Đ']) {
      const res = await create({ ...fresh(), abbreviation });
      expect([abbreviation, res.status, res.body.errors?.[0]?.path]).toEqual([abbreviation, 400, 'abbreviation']);
    }
  });

  test('R-DOC-2 when an edit changes the code, then it is refused with 422', async () => {
    const res = await request(app).put('/api/document-types/KH').set(await as('admin')).send({ code: 'KH2', name: 'Kế hoạch' }).expect(422);
    expect(res.body.errors).toEqual([{ path: 'code', message: expect.any(String) }]);
  });
});

describe('only admins change the list (R-SEC-2)', () => {
  type Headers = { Authorization: string };
  test.each([
    ['add a type', async (h: Headers) => request(app).post('/api/document-types').set(h).send(fresh())],
    ['edit a type', async (h: Headers) => request(app).put('/api/document-types/BC').set(h).send({ name: 'Báo cáo (sửa)' })],
    ['delete a type', async (h: Headers) => request(app).delete('/api/document-types/BC').set(h)],
  ])('R-SEC-2 when a clerk tries to %s, then it is forbidden and the list is unchanged', async (_what, call) => {
    const res = await call(await as('vanthu.snv'));
    expect(res.status).toBe(403);
    expect(res.type).toBe('application/problem+json');
    expect((await request(app).get('/api/document-types/BC').set(await as('vanthu.snv')).expect(200)).body.name).toBe('Báo cáo');
  });
});
