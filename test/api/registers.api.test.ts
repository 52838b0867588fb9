/**
 * The HTTP contract of the registers against real PostgreSQL, a Temporal dev server and a real
 * worker (R-DOC-1, R-DOC-2, R-ORG-3, R-SEC-2, R-TIME-1): browsing scoped to the caller, voiding
 * and starting numbers for admins only.
 */
import request from 'supertest';
import { createRegistersRepository, type RegistersRepository } from '../../db/repositories/registers.repository';
import { registerYear, type RegisterKind } from '../../domain/registers';
import { DEMO_PASSWORD, startTestSystem, type TestSystem } from '../support/app';

const UBND = '000.00.00.H52';
const SNV = '000.00.02.H52';
const MOC_CHAU = '000.00.37.H52';
const CHIENG_SON = '000.02.37.H52';
const ISO_VN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/;

let sys: TestSystem;
let repo: RegistersRepository;
const year = registerYear(new Date());
const tokens: Record<string, string> = {};

async function as(username: string): Promise<{ Authorization: string }> {
  tokens[username] ??= (await request(sys.app).post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200)).body.token;
  return { Authorization: `Bearer ${tokens[username]}` };
}

let keySeq = 0;
async function register(organizationCode: string, register: RegisterKind, count = 1): Promise<number[]> {
  const numbers: number[] = [];
  for (let i = 0; i < count; i += 1) {
    keySeq += 1;
    numbers.push((await repo.allocate({ organizationCode, register, at: new Date(), idempotencyKey: `api-test:${keySeq}`, details: { summary: `Văn bản thử ${keySeq}` } })).number);
  }
  return numbers;
}

const filter = (f: object) => ({ filter: JSON.stringify(f) });

beforeAll(async () => {
  sys = await startTestSystem();
  repo = createRegistersRepository(sys.tdb.db);
  await register(UBND, 'outgoing', 3);
  await register(SNV, 'incoming', 3);
  await register(MOC_CHAU, 'incoming', 2);
  await register(CHIENG_SON, 'incoming', 1);
});
afterAll(async () => {
  await sys?.stop();
});

describe('browsing registers (R-DOC-1, R-DOC-2, R-ORG-3)', () => {
  test('R-DOC-1 when an admin lists a register, then the entries come in number order with ids, Content-Range and +07:00 times', async () => {
    const res = await request(sys.app)
      .get('/api/register-entries')
      .query({ ...filter({ organizationCode: SNV, register: 'incoming', year }), sort: JSON.stringify(['number', 'ASC']), range: '[0,1]' })
      .set(await as('admin'))
      .expect(200);
    expect(res.headers['content-range']).toBe('register-entries 0-1/3');
    expect(res.body.map((e: { id: string }) => e.id)).toEqual([`${SNV}:incoming:${year}:1`, `${SNV}:incoming:${year}:2`]);
    expect(res.body[0]).toMatchObject({ organizationCode: SNV, register: 'incoming', year, number: 1, voided: false, identifier: null });
    expect(res.body[0].registeredAt).toMatch(ISO_VN);
  });

  test('R-ORG-3 when an outgoing entry is read, then it carries the document identifier <orgCode>.<yyyy>.<number>', async () => {
    const res = await request(sys.app).get(`/api/register-entries/${UBND}:outgoing:${year}:2`).set(await as('vanthu.ubnd')).expect(200);
    expect(res.body.identifier).toBe(`${UBND}.${year}.2`);
  });

  test('R-SEC-2 when a clerk lists entries, then only their own organization appears, even when filtering for another', async () => {
    const own = await request(sys.app).get('/api/register-entries').query({ range: '[0,99]' }).set(await as('vanthu.snv')).expect(200);
    expect(new Set(own.body.map((e: { organizationCode: string }) => e.organizationCode))).toEqual(new Set([SNV]));
    const other = await request(sys.app).get('/api/register-entries').query(filter({ organizationCode: UBND })).set(await as('vanthu.snv')).expect(200);
    expect(other.body).toEqual([]);
    expect(other.headers['content-range']).toBe('register-entries 0-0/0');
  });

  test("R-SEC-2 when a leader asks for another organization's entry by id, then it answers 404 as if it did not exist", async () => {
    const res = await request(sys.app).get(`/api/register-entries/${UBND}:outgoing:${year}:1`).set(await as('lanhdao.snv')).expect(404);
    expect(res.type).toBe('application/problem+json');
  });

  test('R-SEC-2 when a district supervisor lists entries, then the district and its communes appear and nothing else', async () => {
    const res = await request(sys.app).get('/api/register-entries').query({ range: '[0,99]' }).set(await as('giamsat.mocchau')).expect(200);
    expect(new Set(res.body.map((e: { organizationCode: string }) => e.organizationCode))).toEqual(new Set([MOC_CHAU, CHIENG_SON]));
  });

  test('R-SEC-2 when a specialist opens the registers, then it is forbidden', async () => {
    await request(sys.app).get('/api/register-entries').set(await as('chuyenvien.snv')).expect(403);
    await request(sys.app).get('/api/register-counters').set(await as('chuyenvien.snv')).expect(403);
  });

  test('R-DOC-1 when an entry id is malformed, then it answers 400 saying the expected shape', async () => {
    const res = await request(sys.app).get(`/api/register-entries/${SNV}:identifier:${year}:1`).set(await as('admin')).expect(400);
    expect(res.body.detail).toContain('<mã cơ quan>:<incoming|outgoing>:<năm>:<số>');
  });

  test('R-DOC-1 when react-admin asks for several entries by id, then exactly those visible come back', async () => {
    const wanted = [`${MOC_CHAU}:incoming:${year}:2`, `${SNV}:incoming:${year}:1`, 'nonsense'];
    const res = await request(sys.app).get('/api/register-entries').query(filter({ id: wanted })).set(await as('giamsat.mocchau')).expect(200);
    expect(res.body.map((e: { id: string }) => e.id)).toEqual([`${MOC_CHAU}:incoming:${year}:2`]);
  });
});

describe('voiding a number (R-DOC-1)', () => {
  test('R-DOC-1 when an admin voids a number with a reason, then the entry stays in the register, marked voided with who and why', async () => {
    const [number] = await register(UBND, 'incoming');
    const id = `${UBND}:incoming:${year}:${number}`;
    const res = await request(sys.app).post(`/api/register-entries/${id}/void`).set(await as('admin')).send({ reason: ' Vào sổ nhầm văn bản ' }).expect(200);
    expect(res.body).toMatchObject({ id, voided: true, voidReason: 'Vào sổ nhầm văn bản', voidedByName: 'Quản trị hệ thống', organizationName: 'Ủy ban nhân dân tỉnh Sơn La' });
    expect(res.body.voidedAt).toMatch(ISO_VN);
    const voided = await request(sys.app).get('/api/register-entries').query(filter({ organizationCode: UBND, voided: true })).set(await as('admin')).expect(200);
    expect(voided.body.map((e: { id: string }) => e.id)).toContain(id);
  });

  test('R-DOC-1 when the reason is missing, then it answers 400 naming the reason field', async () => {
    const [number] = await register(UBND, 'incoming');
    const res = await request(sys.app).post(`/api/register-entries/${UBND}:incoming:${year}:${number}/void`).set(await as('admin')).send({ reason: '  ' }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
  });

  test('R-DOC-1 when a number is voided twice, then the second answers 409', async () => {
    const [number] = await register(UBND, 'incoming');
    const url = `/api/register-entries/${UBND}:incoming:${year}:${number}/void`;
    await request(sys.app).post(url).set(await as('admin')).send({ reason: 'Lần một' }).expect(200);
    const res = await request(sys.app).post(url).set(await as('admin')).send({ reason: 'Lần hai' }).expect(409);
    expect(res.body).toMatchObject({ title: 'ALREADY_VOIDED', detail: expect.stringContaining('Lần một') });
  });

  test('R-DOC-1 when the number was never registered, then voiding answers 404', async () => {
    await request(sys.app).post(`/api/register-entries/${UBND}:incoming:${year}:9999/void`).set(await as('admin')).send({ reason: 'Không có' }).expect(404);
  });

  test('R-SEC-2 when a clerk or a leader tries to void a number, then it is forbidden and the entry is unchanged', async () => {
    const id = `${SNV}:incoming:${year}:1`;
    for (const user of ['vanthu.snv', 'lanhdao.snv']) {
      await request(sys.app).post(`/api/register-entries/${id}/void`).set(await as(user)).send({ reason: 'Thử' }).expect(403);
    }
    expect((await request(sys.app).get(`/api/register-entries/${id}`).set(await as('vanthu.snv')).expect(200)).body.voided).toBe(false);
  });
});

describe('starting number (R-DOC-1)', () => {
  test('R-DOC-1 when an admin sets the starting number of an unused register, then the numbers below count as used on paper and the next allocation takes it', async () => {
    const id = `000.00.04.H52:outgoing:${year}`;
    const before = await request(sys.app).get(`/api/register-counters/${id}`).set(await as('admin')).expect(200);
    expect(before.body).toMatchObject({ id, nextNumber: 1, registeredCount: 0, changes: [] });
    const res = await request(sys.app).put(`/api/register-counters/${id}`).set(await as('admin')).send({ ...before.body, nextNumber: 215, reason: 'Sổ giấy đến số 214' }).expect(200);
    expect(res.body).toMatchObject({ id, nextNumber: 215, paperCount: 214, changes: [expect.objectContaining({ previousNextNumber: 1, nextNumber: 215, reason: 'Sổ giấy đến số 214' })] });
    expect(res.body.lastChangedAt).toMatch(ISO_VN);
    expect(await register('000.00.04.H52', 'outgoing')).toEqual([215]);
  });

  test('R-DOC-1 when the starting number is not above the highest registered number, then it answers 409 and says why', async () => {
    const res = await request(sys.app).put(`/api/register-counters/${SNV}:incoming:${year}`).set(await as('admin')).send({ nextNumber: 2 }).expect(409);
    expect(res.body).toMatchObject({ title: 'STARTING_NUMBER_TOO_LOW', detail: expect.stringContaining('lớn hơn 3') });
  });

  test('R-DOC-1 when the register of a past year is changed, then it answers 422: the year is closed', async () => {
    await request(sys.app).put(`/api/register-counters/${SNV}:incoming:${year - 1}`).set(await as('admin')).send({ nextNumber: 10 }).expect(422);
  });

  test('R-SEC-2 when a clerk sets a starting number, then it is forbidden', async () => {
    await request(sys.app).put(`/api/register-counters/${SNV}:incoming:${year}`).set(await as('vanthu.snv')).send({ nextNumber: 100 }).expect(403);
  });

  test('R-SEC-2 when a clerk lists registers, then only their own organization appears; another one reads as not found', async () => {
    const res = await request(sys.app).get('/api/register-counters').query({ range: '[0,99]' }).set(await as('vanthu.snv')).expect(200);
    expect(res.body.map((c: { id: string }) => c.id)).toEqual([`${SNV}:incoming:${year}`]);
    expect(res.body[0]).toMatchObject({ nextNumber: 4, highestRegistered: 3, registeredCount: 3, voidedCount: 0, paperCount: 0 });
    await request(sys.app).get(`/api/register-counters/${UBND}:outgoing:${year}`).set(await as('vanthu.snv')).expect(404);
  });
});

describe('API contract (R-DOC-1)', () => {
  test('R-DOC-1 when the OpenAPI document is read, then it describes both register resources and the void action', async () => {
    const res = await request(sys.app).get('/api/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/register-entries', '/register-entries/{id}', '/register-entries/{id}/void', '/register-counters', '/register-counters/{id}']));
    expect(res.body.paths['/register-counters/{id}'].put.requestBody.content['application/json'].schema.required).toEqual(['nextNumber']);
  });
});
