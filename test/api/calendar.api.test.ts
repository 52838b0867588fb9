/**
 * The business calendar against real PostgreSQL (R-CAL-1..4, R-DL-1): the seed of statutory days
 * and policies, the `holidays` and `policies` resources, and deadlines computed end to end.
 * Only database routes are exercised, so the app gets a Temporal client that never connects.
 */
import { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { createApp } from '../../api/app';
import { createTokenService } from '../../api/auth';
import { createLogger } from '../../api/logger';
import { loadCalendar } from '../../db/repositories/calendar.repository';
import { seed } from '../../db/seed';
import { seedCalendar } from '../../db/seed-calendar';
import { isWorkingDay } from '../../domain/calendar';
import { POLICY_KEYS } from '../../domain/calendar-policy';
import { testDocumentSettings } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';

const PASSWORD = 'Calendar-test-1';
const YEARS = [2025, 2026];
const ISO_VN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/;

let tdb: TestDatabase;
let app: Express;
let temporal: Client;
const tokens: Record<string, string> = {};

async function as(username: string): Promise<{ Authorization: string }> {
  tokens[username] ??= (await request(app).post('/api/auth/login').send({ username, password: PASSWORD }).expect(200)).body.token;
  return { Authorization: `Bearer ${tokens[username]}` };
}
const holidays = async (filter: Record<string, unknown>) =>
  (await request(app).get('/api/holidays').query({ filter: JSON.stringify(filter), range: '[0,999]' }).set(await as('vanthu.snv')).expect(200)).body as Array<Record<string, unknown>>;
const rowOn = async (date: string, deleted = false) => (await holidays({ from: date, to: date, ...(deleted ? { deleted } : {}) }))[0];
const seedAgain = () => seedCalendar(tdb.db, { years: YEARS });

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seed(tdb.db, { provinceCode: '000.00.00.H52', demoPassword: PASSWORD, withDemoUsers: true });
  await seedAgain();
  temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const connection = { taskQueue: 'unused', deadline: '2019-12-30T16:59:59.999Z', reminderDaysBefore: [], repeatEveryDays: 7, escalateToOrgCodes: [] };
  app = createApp({ db: tdb.db, temporal, tokens: createTokenService('calendar-test-secret-calendar-test-0123', 1), log: createLogger('silent'), connection, documents: testDocumentSettings('none'), loginLimit: 1000, httpLog: false });
});
afterAll(async () => {
  await temporal?.connection.close();
  await tdb?.drop();
});

describe('seeded days off (R-CAL-2)', () => {
  test('R-CAL-2 when 2025 is seeded, then the five Tết days 28/1–1/2 are holidays in the list', async () => {
    const tet = await holidays({ from: '2025-01-28', to: '2025-02-01' });
    expect(tet.map((h) => [h.date, h.kind])).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01'].map((d) => [d, 'holiday']));
  });

  test('R-CAL-2 when 2026 is seeded, then the five Tết days 16/2–20/2 are holidays', async () => {
    const tet = await holidays({ year: 2026, q: 'Tết Nguyên đán' });
    expect(tet.map((h) => h.date)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
  });

  test('R-CAL-2 when 2025 and 2026 are seeded, then National Day 2/9 comes with its adjacent day 1/9, each marked with its source', async () => {
    for (const year of YEARS) {
      const national = await holidays({ from: `${year}-09-01`, to: `${year}-09-03` });
      expect(national.map((h) => [h.date, h.source])).toEqual([
        [`${year}-09-01`, 'statutory'],
        [`${year}-09-02`, 'library'],
      ]);
    }
  });

  test('R-CAL-2 when the seed runs again, then nothing changes', async () => {
    const before = await tdb.db.sequelize.query('SELECT id, date::text, kind, name, source, updated_at FROM holidays ORDER BY date', { type: QueryTypes.SELECT });
    expect(await seedAgain()).toEqual({ inserted: 0, updated: 0, removed: 0 });
    expect(await tdb.db.sequelize.query('SELECT id, date::text, kind, name, source, updated_at FROM holidays ORDER BY date', { type: QueryTypes.SELECT })).toEqual(before);
  });

  test('R-CAL-2 when an admin renamed a seeded day, then re-seeding keeps the admin’s name', async () => {
    const row = await rowOn('2026-04-30');
    await request(app).put(`/api/holidays/${row.id}`).set(await as('admin')).send({ ...row, name: 'Ngày Giải phóng miền Nam, thống nhất đất nước' }).expect(200);
    await seedAgain();
    expect(await rowOn('2026-04-30')).toMatchObject({ name: 'Ngày Giải phóng miền Nam, thống nhất đất nước', source: 'library', adminManaged: true });
  });

  test('R-CAL-2 when an admin deletes a statutory day, then it leaves the list and the calendar and re-seeding does not bring it back', async () => {
    const row = await rowOn('2025-02-03'); // the compensatory day for mùng 4 Tết on Saturday 1/2
    expect(row).toMatchObject({ kind: 'day_off', source: 'statutory' });
    await request(app).delete(`/api/holidays/${row.id}`).set(await as('admin')).expect(200);
    await seedAgain();
    expect(await rowOn('2025-02-03')).toBeUndefined();
    expect(await rowOn('2025-02-03', true)).toMatchObject({ id: row.id, deletedAt: expect.stringMatching(ISO_VN) });
    expect(isWorkingDay(await loadCalendar(tdb.db, null, 2025, 2025), '2025-02-03')).toBe(true);
  });

  test('R-CAL-2 when an admin adds a day on a deleted date, then the row comes back as the admin’s', async () => {
    const row = await rowOn('2026-09-01');
    await request(app).delete(`/api/holidays/${row.id}`).set(await as('admin')).expect(200);
    const res = await request(app).post('/api/holidays').set(await as('admin')).send({ date: '2026-09-01', kind: 'holiday', name: 'Quốc khánh (ngày liền kề)' }).expect(201);
    expect(res.body).toMatchObject({ id: row.id, source: 'admin', deletedAt: null });
  });

  test('R-CAL-2 when a seeded row no longer matches the rules, then re-seeding corrects or removes it; admin rows stay', async () => {
    await tdb.db.sequelize.query(`INSERT INTO holidays (date, kind, name, source) VALUES ('2026-03-09', 'holiday', 'ngày lạ', 'library')`);
    await tdb.db.sequelize.query(`UPDATE holidays SET name = 'tên cũ' WHERE date = '2026-05-01'`);
    const result = await seedAgain();
    expect(result).toMatchObject({ updated: 1, removed: 1 });
    expect(await rowOn('2026-03-09')).toBeUndefined();
    expect(await rowOn('2026-05-01')).toMatchObject({ name: 'Ngày Quốc tế Lao động (1/5)' });
    expect(await rowOn('2026-09-01')).toMatchObject({ source: 'admin' });
  });

  test('R-DL-1 when seeded, then the deadline policies and the default office hours exist with the defaults', async () => {
    const res = await request(app).get('/api/policies').set(await as('chuyenvien.snv')).expect(200);
    const byId = Object.fromEntries(res.body.map((p: { id: string; value: unknown }) => [p.id, p.value]));
    expect(byId).toMatchObject({
      office_hours: { default: { weekdays: [1, 2, 3, 4, 5], periods: [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }] } },
      'deadline.routing': { normal: { unit: 'end_of_working_day', count: 1 }, urgent: { unit: 'working_hours', count: 4 }, very_urgent: { unit: 'working_hours', count: 2 }, express: { unit: 'working_hours', count: 1 } },
      'deadline.processing': { normal: { unit: 'working_days', count: 10 } },
      'deadline.reminder': { workingDaysBefore: 1, shortDeadlineFraction: 0.25 },
      'deadline.escalation': { grace: { unit: 'working_days', count: 1 } },
    });
    // One row per policy key (office hours and every step's deadline, reminders, escalation, paper reminders).
    expect(res.body.map((p: { id: string }) => p.id).sort()).toEqual(Object.values(POLICY_KEYS).sort());
    expect(res.headers['content-range']).toBe(`policies 0-${Object.keys(POLICY_KEYS).length - 1}/${Object.keys(POLICY_KEYS).length}`);
  });
});

describe('holidays resource (R-CAL-2)', () => {
  test('R-CAL-2 when listing with filters and a sort, then the page, order and Content-Range follow simple-REST', async () => {
    const res = await request(app)
      .get('/api/holidays')
      .query({ filter: JSON.stringify({ year: 2026, kind: 'holiday' }), sort: JSON.stringify(['date', 'DESC']), range: '[0,2]' })
      .set(await as('lanhdao.snv'))
      .expect(200);
    expect(res.body.map((h: { date: string }) => h.date)).toEqual(['2026-09-02', '2026-09-01', '2026-05-01']);
    expect(res.headers['content-range']).toMatch(/^holidays 0-2\/\d+$/);
  });

  test('R-CAL-2 when an admin adds a make-up working Saturday, then it is stored as the admin’s and the calendar works that day', async () => {
    const res = await request(app).post('/api/holidays').set(await as('admin')).send({ date: '2026-02-28', kind: 'working_day', name: 'Làm bù', note: 'Hoán đổi' }).expect(201);
    expect(res.body).toMatchObject({ date: '2026-02-28', year: 2026, kind: 'working_day', source: 'admin', adminManaged: true, createdAt: expect.stringMatching(ISO_VN) });
    expect(isWorkingDay(await loadCalendar(tdb.db, null, 2026, 2026), '2026-02-28')).toBe(true);
  });

  test('R-CAL-2 when a make-up working day is a weekday, then it is refused with 422', async () => {
    const res = await request(app).post('/api/holidays').set(await as('admin')).send({ date: '2026-03-04', kind: 'working_day', name: 'Làm bù' }).expect(422);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'kind' })]);
  });

  test('R-CAL-2 when the date is already in the calendar, then adding it again is a 409 conflict', async () => {
    const res = await request(app).post('/api/holidays').set(await as('admin')).send({ date: '2026-01-01', kind: 'day_off', name: 'Trùng' }).expect(409);
    expect(res.body.detail).toMatch(/Tết Dương lịch/);
  });

  test('R-CAL-2 when the date is not a real date, then the request is refused with 400', async () => {
    await request(app).post('/api/holidays').set(await as('admin')).send({ date: '2026-02-30', kind: 'day_off', name: 'Sai' }).expect(400);
  });

  test('R-CAL-2 when an edit changes a row’s date, then it is refused with 422 (delete and create instead)', async () => {
    const row = await rowOn('2026-01-01');
    await request(app).put(`/api/holidays/${row.id}`).set(await as('admin')).send({ ...row, date: '2026-01-02' }).expect(422);
  });

  test('R-CAL-2 when a non-admin writes holidays, then it is forbidden; reading needs only a login', async () => {
    const row = await rowOn('2026-01-01');
    await request(app).post('/api/holidays').set(await as('lanhdao.snv')).send({ date: '2026-03-06', kind: 'day_off', name: 'x' }).expect(403);
    await request(app).put(`/api/holidays/${row.id}`).set(await as('vanthu.snv')).send({ name: 'x' }).expect(403);
    await request(app).delete(`/api/holidays/${row.id}`).set(await as('chuyenvien.snv')).expect(403);
    await request(app).get(`/api/holidays/${row.id}`).set(await as('chuyenvien.snv')).expect(200);
    await request(app).get('/api/holidays').expect(401);
  });

  test('R-CAL-2 when a holiday id does not exist or is not a uuid, then the answer is 404', async () => {
    await request(app).get('/api/holidays/00000000-0000-4000-8000-000000000000').set(await as('admin')).expect(404);
    await request(app).get('/api/holidays/abc').set(await as('admin')).expect(404);
  });
});

describe('policies resource (R-CAL-1, R-DL-1)', () => {
  test('R-DL-1 when an admin sets an invalid deadline rule, then it is refused with 422 naming the field', async () => {
    const current = (await request(app).get('/api/policies/deadline.routing').set(await as('admin')).expect(200)).body;
    const res = await request(app)
      .put('/api/policies/deadline.routing')
      .set(await as('admin'))
      .send({ ...current, value: { ...current.value, urgent: { unit: 'working_hours', count: -4 } } })
      .expect(422);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'value.urgent.count' })]);
  });

  test('R-DL-1 when an admin changes a deadline policy, then the new value is stored with who changed it', async () => {
    const value = { workingDaysBefore: 2, shortDeadlineFraction: 0.3 };
    const res = await request(app).put('/api/policies/deadline.reminder').set(await as('admin')).send({ value }).expect(200);
    expect(res.body).toMatchObject({ id: 'deadline.reminder', value, updatedBy: expect.any(String), updatedAt: expect.stringMatching(ISO_VN) });
  });

  test('R-CAL-1 when office hours overlap, then they are refused with 422', async () => {
    const value = { default: { weekdays: [1, 2, 3, 4, 5], periods: [{ start: '07:30', end: '12:00' }, { start: '11:30', end: '17:00' }] }, seasonal: [] };
    const res = await request(app).put('/api/policies/office_hours').set(await as('admin')).send({ value }).expect(422);
    expect(res.body.detail).toMatch(/overlap/);
  });

  test('R-CAL-1 when a non-admin edits a policy, then it is forbidden', async () => {
    await request(app).put('/api/policies/deadline.escalation').set(await as('lanhdao.snv')).send({ value: { grace: { unit: 'working_days', count: 2 } } }).expect(403);
  });

  test('R-CAL-1 when a default policy is deleted or an unknown key is written, then the answers are 409 and 404', async () => {
    await request(app).delete('/api/policies/office_hours').set(await as('admin')).expect(409);
    await request(app).put('/api/policies/no.such.policy').set(await as('admin')).send({ value: 1 }).expect(404);
  });

  test('R-CAL-1 when office hours are set for an organization that does not exist, then it is refused with 422', async () => {
    await request(app).put('/api/policies/office_hours:000.00.99.H52').set(await as('admin')).send({ value: { default: { weekdays: [1], periods: [{ start: '08:00', end: '12:00' }] } } }).expect(422);
  });
});

describe('deadlines on the calendar (R-CAL-3, R-CAL-4)', () => {
  const deadline = async (query: Record<string, string | number>) => (await request(app).get('/api/calendar/deadline').query(query).set(await as('lanhdao.snv')).expect(200)).body;

  test('R-CAL-3 when a document arrives on Friday at 17:30, then it counts as received on Monday at 07:30 and routing is due Tuesday at 17:00', async () => {
    const body = await deadline({ from: '2025-03-14T17:30:00+07:00', step: 'routing' });
    expect(body).toMatchObject({
      from: '2025-03-14T17:30:00.000+07:00',
      receivedAt: '2025-03-17T07:30:00.000+07:00',
      rule: { unit: 'end_of_working_day', count: 1 },
      due: '2025-03-18T17:00:00.000+07:00',
      workingHours: 15,
    });
  });

  test('R-CAL-4 when an urgent document arrives before Tết 2026, then its 4 working hours skip the whole break', async () => {
    const body = await deadline({ from: '2026-02-13T15:00:00+07:00', step: 'routing', urgency: 'urgent' });
    expect(body.due).toBe('2026-02-23T09:30:00.000+07:00');
  });

  test('R-CAL-4 when the admin adds a day off on the due date, then the deadline moves to the next working day', async () => {
    const query = { from: '2026-03-19T10:00:00+07:00', endOfWorkingDay: 1 };
    expect((await deadline(query)).due).toBe('2026-03-20T17:00:00.000+07:00');
    await request(app).post('/api/holidays').set(await as('admin')).send({ date: '2026-03-20', kind: 'day_off', name: 'Nghỉ thêm' }).expect(201);
    expect((await deadline(query)).due).toBe('2026-03-23T17:00:00.000+07:00');
  });

  test('R-CAL-1 when a district has its own office hours, then its communes follow them and other organizations keep the default', async () => {
    const value = { default: { weekdays: [1, 2, 3, 4, 5], periods: [{ start: '07:00', end: '11:00' }, { start: '13:00', end: '16:30' }] }, seasonal: [] };
    await request(app).put('/api/policies/office_hours:000.00.37.H52').set(await as('admin')).send({ value }).expect(201);
    const from = '2026-03-10T06:50:00+07:00';
    expect(await deadline({ org: '000.02.37.H52', from, workingHours: 4 })).toMatchObject({ receivedAt: '2026-03-10T07:00:00.000+07:00', due: '2026-03-10T11:00:00.000+07:00' });
    expect(await deadline({ org: '000.00.02.H52', from, workingHours: 4 })).toMatchObject({ receivedAt: '2026-03-10T07:30:00.000+07:00', due: '2026-03-10T11:30:00.000+07:00' });
    await request(app).delete('/api/policies/office_hours:000.00.37.H52').set(await as('admin')).expect(200);
    expect((await deadline({ org: '000.02.37.H52', from, workingHours: 4 })).receivedAt).toBe('2026-03-10T07:30:00.000+07:00');
  });

  test('R-CAL-4 when the query names no rule, two rules, or an instant without offset, then it is refused with 400', async () => {
    const h = await as('lanhdao.snv');
    await request(app).get('/api/calendar/deadline').query({ from: '2026-03-10T08:00:00+07:00' }).set(h).expect(400);
    await request(app).get('/api/calendar/deadline').query({ from: '2026-03-10T08:00:00+07:00', workingDays: 1, workingHours: 1 }).set(h).expect(400);
    await request(app).get('/api/calendar/deadline').query({ from: '2026-03-10T08:00:00', workingDays: 1 }).set(h).expect(400);
  });

  test('R-CAL-4 when the calendar endpoints are described, then the OpenAPI document lists them', async () => {
    const res = await request(app).get('/api/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/holidays', '/holidays/{id}', '/policies', '/policies/{key}', '/calendar/deadline']));
  });
});
