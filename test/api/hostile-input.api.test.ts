/**
 * Hostile input across every resource (R-SEC-4): malformed ids, parameters and bodies get a 4xx
 * problem+json — never a 500 — and write nothing.
 */
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { DEMO_PASSWORD, startTestSystem, type TestSystem } from '../support/app';

let sys: TestSystem;
let token: string;

beforeAll(async () => {
  sys = await startTestSystem();
  token = (await request(sys.app).post('/api/auth/login').send({ username: 'admin', password: DEMO_PASSWORD }).expect(200)).body.token;
});
afterAll(async () => {
  await sys?.stop();
});

const RESOURCES = [
  'organizations',
  'connections',
  'notifications',
  'users',
  'document-types',
  'holidays',
  'policies',
  'register-entries',
  'register-counters',
  'outgoing',
  'incoming',
  'tasks',
  'overdue',
  'colleagues',
  'routing-rules',
  'paper-rules',
];
const BAD_IDS = ['abc', "1'; DROP TABLE users; --", '%00', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(3000), '-1', '9'.repeat(40)];

async function counts(): Promise<number[]> {
  const q = async (t: string) => Number((await sys.tdb.db.sequelize.query<{ n: string }>(`SELECT count(*) n FROM ${t}`, { type: QueryTypes.SELECT }))[0].n);
  return Promise.all(['organizations', 'users', 'holidays', 'policies', 'register_entries', 'document_types', 'notifications', 'documents', 'routing_rules', 'paper_rules'].map(q));
}

describe('hostile input (R-SEC-4)', () => {
  test.each(RESOURCES)('R-SEC-4 when %s is read with malformed ids, then every answer is a 4xx problem', async (resource) => {
    for (const id of BAD_IDS) {
      const res = await request(sys.app).get(`/api/${resource}/${encodeURIComponent(id)}`).set('Authorization', `Bearer ${token}`);
      expect([resource, id.slice(0, 20), res.status >= 400 && res.status < 500]).toEqual([resource, id.slice(0, 20), true]);
      expect(res.type).toBe('application/problem+json');
    }
  });

  test.each(RESOURCES)('R-SEC-4 when %s is changed or deleted through malformed ids, then every answer is a 4xx problem', async (resource) => {
    const before = await counts();
    for (const id of BAD_IDS) {
      for (const method of ['put', 'delete'] as const) {
        const res = await request(sys.app)[method](`/api/${resource}/${encodeURIComponent(id)}`).set('Authorization', `Bearer ${token}`).send({ name: 'x', read: true });
        expect([resource, method, id.slice(0, 20), res.status >= 400 && res.status < 500]).toEqual([resource, method, id.slice(0, 20), true]);
      }
    }
    expect(await counts()).toEqual(before);
  });

  test.each(RESOURCES)('R-SEC-4 when %s is listed with malformed parameters, then 400 problem+json', async (resource) => {
    for (const query of [{ filter: '{"nope":1}' }, { filter: '[1,2]' }, { range: '["a","b"]' }, { range: '[0,100000]' }, { sort: '["id","SIDEWAYS"]' }, { filter: '{' }]) {
      const res = await request(sys.app).get(`/api/${resource}`).query(query).set('Authorization', `Bearer ${token}`);
      expect([resource, JSON.stringify(query), res.status]).toEqual([resource, JSON.stringify(query), 400]);
      expect(res.type).toBe('application/problem+json');
    }
  });

  test('R-SEC-4 when writes get wrong types, arrays, nulls or huge bodies, then they are refused with 4xx and nothing is written', async () => {
    const before = await counts();
    const bodies: unknown[] = [null, [], 'text', 42, { code: ['000.09.41.H52'] }, { name: { $gt: '' } }, { a: 'x'.repeat(2_000_000) }];
    for (const path of ['/api/organizations', '/api/users', '/api/holidays', '/api/document-types', '/api/policies', '/api/routing-rules', '/api/routing-rules/test', '/api/paper-rules', '/api/outgoing', '/api/incoming']) {
      for (const body of bodies) {
        const res = await request(sys.app).post(path).set('Authorization', `Bearer ${token}`).set('content-type', 'application/json').send(JSON.stringify(body));
        expect([path, res.status >= 400 && res.status < 500]).toEqual([path, true]);
      }
    }
    expect(await counts()).toEqual(before);
  });

  test('R-SEC-4 when document actions get malformed ids or bodies, then every answer is a 4xx problem and nothing is written', async () => {
    const before = await counts();
    const clerk = (await request(sys.app).post('/api/auth/login').send({ username: 'vanthu.snv', password: DEMO_PASSWORD }).expect(200)).body.token;
    const actions = [
      ...['accept', 'refuse', 'route', 'assign', 'complete', 'extend', 'paper-received', 'acknowledge-recall'].map((a) => `incoming/%s/${a}`),
      ...['issue', 'recall', 'update', 'paper-dispatched', 'paper-recalled'].map((a) => `outgoing/%s/${a}`),
    ];
    const bodies: unknown[] = [{}, { reason: ['x'] }, { target: { kind: 'user', userId: "1' OR '1'='1" } }, { dueAt: 'tomorrow' }, { handlerId: 42 }];
    for (const action of actions) {
      for (const id of [...BAD_IDS.slice(0, 4), '00000000-0000-0000-0000-000000000000']) {
        for (const body of bodies) {
          const res = await request(sys.app).post(`/api/${action.replace('%s', encodeURIComponent(id))}`).set('Authorization', `Bearer ${clerk}`).send(body as object);
          expect([action, id.slice(0, 20), res.status >= 400 && res.status < 500]).toEqual([action, id.slice(0, 20), true]);
          expect(res.type).toBe('application/problem+json');
        }
      }
    }
    for (const path of ['documents/%s/history', 'files/%s', 'incoming/%s/checks', 'incoming/%s/printable', 'outgoing/%s/deliveries', 'outgoing/%s/printable?to=000.00.03.H52', 'routing-rules/%s/versions']) {
      for (const id of BAD_IDS) {
        const res = await request(sys.app).get(`/api/${path.replace('%s', encodeURIComponent(id))}`).set('Authorization', `Bearer ${token}`);
        expect([path, id.slice(0, 20), res.status >= 400 && res.status < 500]).toEqual([path, id.slice(0, 20), true]);
      }
    }
    expect(await counts()).toEqual(before);
  });
});
