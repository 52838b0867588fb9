/**
 * When Temporal is unreachable the API stays up and answers 503 problem+json — never 500, never a
 * hang — and reads served from PostgreSQL keep working (R-SEC-4; durability).
 */
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import type { DeadlineProcesses } from '../../api/services/deadline-processes';
import { seed } from '../../db/seed';
import { appWithoutTemporal } from '../support/app';
import { makePdf } from '../support/pki';
import { createTestDatabase, type TestDatabase } from '../support/db';

let tdb: TestDatabase;
let app: Awaited<ReturnType<typeof appWithoutTemporal>>['app'];
let close: () => Promise<void>;
const password = 'Demo-password-1';

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seed(tdb.db, { provinceCode: '000.00.00.H52', demoPassword: password, withDemoUsers: true });
  // A port nothing listens on: every Temporal call fails with UNAVAILABLE.
  ({ app, close: close } = await appWithoutTemporal(tdb.db));
});
afterAll(async () => {
  await close?.().catch(() => undefined);
  await tdb?.drop();
});

async function adminToken(): Promise<string> {
  return (await request(app).post('/api/auth/login').send({ username: 'admin', password }).expect(200)).body.token;
}

describe('Temporal unavailable', () => {
  test('R-SEC-4 when Temporal is down, then /api/ready answers 503 naming Temporal and /api/health stays 200', async () => {
    const res = await request(app).get('/api/ready').expect(503);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ database: 'ok' });
    expect(res.body.temporal).not.toBe('ok');
    await request(app).get('/api/health').expect(200);
  });

  test('R-SEC-4 when an action needs Temporal while it is down, then the answer is 503 problem+json within seconds, not 500', async () => {
    const token = await adminToken();
    const started = Date.now();
    const res = await request(app).post('/api/connections/000.02.37.H52/advance').set('Authorization', `Bearer ${token}`).send({ to: 'infrastructure_ready' });
    expect(res.status).toBe(503);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.detail).toMatch(/Temporal/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  test('R-ORG-2 when Temporal is down and an organization is registered, then it is saved (its process starts later through the reconciler)', async () => {
    const token = await adminToken();
    await request(app).post('/api/organizations').set('Authorization', `Bearer ${token}`).send({ code: '000.12.41.H52', name: 'Ủy ban nhân dân xã Mường Lèo', shortName: 'UBND', kind: 'commune' }).expect(201);
    await request(app).get('/api/organizations/000.12.41.H52').set('Authorization', `Bearer ${token}`).expect(200);
  });

  test('R-OUT-1 when Temporal is down and a draft is uploaded, then 503 and nothing is kept: the draft and its process start together or not at all', async () => {
    const clerk = (await request(app).post('/api/auth/login').send({ username: 'vanthu.snv', password }).expect(200)).body.token;
    const count = async () => Number((await tdb.db.sequelize.query<{ n: string }>('SELECT count(*) AS n FROM documents', { type: QueryTypes.SELECT }))[0].n);
    const before = await count();
    const metadata = { typeCode: 'CV', documentDate: '2026-05-04', summary: 'Thử khi Temporal ngừng', signerPosition: 'Giám đốc', signerName: 'Đinh Văn Thành', receivers: ['000.00.03.H52'] };
    const res = await request(app)
      .post('/api/outgoing')
      .set('Authorization', `Bearer ${clerk}`)
      .field('metadata', JSON.stringify(metadata))
      .attach('files', Buffer.from(await makePdf()), 'van-ban.pdf');
    expect(res.status).toBe(503);
    expect(res.type).toBe('application/problem+json');
    expect(await count()).toBe(before);
  });

  test('R-CAL-4 when Temporal is down and a holiday is added, then the holiday is saved; the running processes are told later', async () => {
    const token = await adminToken();
    const sql = (q: string) => tdb.db.sequelize.query(q, { type: QueryTypes.SELECT });
    await sql(`INSERT INTO documents (id, direction, organization_code, summary, status) VALUES ('7d8e2f4a-1111-4c3b-9a55-0123456789ab', 'incoming', '000.00.03.H52', 'Thử', 'processing') RETURNING id`);
    await sql(`INSERT INTO tasks (document_id, organization_code, kind, step, assignee_role, status, due_at, workflow_id, dedupe_key)
               VALUES ('7d8e2f4a-1111-4c3b-9a55-0123456789ab', '000.00.03.H52', 'processing', 'processing', 'leader', 'open', now() + interval '1 day', 'incoming:000.00.03.H52:x', 'unavailable-test') RETURNING id`);
    await request(app).post('/api/holidays').set('Authorization', `Bearer ${token}`).send({ date: '2099-09-04', kind: 'day_off', name: 'Nghỉ thử' }).expect(201);
    // The signal could not be sent: logged, not an error of the request.
    expect(await (app.locals.deadlines as DeadlineProcesses).settled()).toBeNull();
    await request(app).get('/api/holidays').query({ filter: JSON.stringify({ from: '2099-09-04', to: '2099-09-04' }) }).set('Authorization', `Bearer ${token}`).expect(200);
  });
});
