/**
 * When PostgreSQL goes away the API answers 503 problem+json — never 500 — and recovers by itself
 * when it is back (R-SEC-4; durability). The database is reached through a TCP relay that can
 * reset connections under a running query (what a kill -9 of PostgreSQL does to its clients) or
 * refuse them (PostgreSQL down or restarting).
 */
import request from 'supertest';
import { connectDatabase, type Database } from '../../db/database';
import { seed } from '../../db/seed';
import { appWithoutTemporal } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

let tdb: TestDatabase;
let proxied: Database;
let proxy: TcpProxy;
let app: Awaited<ReturnType<typeof appWithoutTemporal>>['app'];
let closeTemporal: () => Promise<void>;
const password = 'Demo-password-1';

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seed(tdb.db, { provinceCode: '000.00.00.H52', demoPassword: password, withDemoUsers: true });
  const target = new URL(tdb.url);
  proxy = await startTcpProxy(target.hostname, Number(target.port));
  target.hostname = '127.0.0.1';
  target.port = String(proxy.port);
  proxied = connectDatabase(target.toString(), { poolMax: 3 });
  ({ app, close: closeTemporal } = await appWithoutTemporal(proxied));
});
afterAll(async () => {
  await closeTemporal?.().catch(() => undefined);
  await proxied?.close().catch(() => undefined);
  await proxy?.close();
  await tdb?.drop();
});

async function clerk(): Promise<string> {
  return (await request(app).post('/api/auth/login').send({ username: 'vanthu.snv', password }).expect(200)).body.token;
}

const list = (token: string) =>
  request(app)
    .get('/api/incoming')
    .query({ filter: JSON.stringify({ q: 'công văn' }), range: '[0,9]' })
    .set('Authorization', `Bearer ${token}`);

function expectUnavailable(res: request.Response): void {
  expect({ status: res.status, type: res.type }).toEqual({ status: 503, type: 'application/problem+json' });
  expect(res.body.detail).toMatch(/database unavailable/);
}

describe('PostgreSQL unavailable', () => {
  test('R-SEC-4 when the connection is reset under a running query (PostgreSQL killed), then 503, and the next request succeeds', async () => {
    const token = await clerk();
    await list(token).expect(200);
    await proxy.setMode('reset');
    expectUnavailable(await list(token));
    await proxy.setMode('pass');
    await list(token).expect(200);
  });

  test('R-SEC-4 when PostgreSQL refuses connections (down or restarting), then 503 for reads and for a login, and all is well once it is back', async () => {
    const token = await clerk();
    await proxy.setMode('refuse');
    expectUnavailable(await list(token));
    expectUnavailable(await request(app).post('/api/auth/login').send({ username: 'vanthu.snv', password }));
    await proxy.setMode('pass');
    await list(token).expect(200);
    await clerk();
  });

  test('R-SEC-4 when an administrator terminates the API\'s sessions (SQLSTATE 57P01), then no request answers 500', async () => {
    const token = await clerk();
    await list(token).expect(200);
    await tdb.db.sequelize.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'sonla-edoc' AND pid <> pg_backend_pid()`);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await list(token)).status);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    await list(token).expect(200);
  });
});
