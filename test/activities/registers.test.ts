/**
 * Registers against a real PostgreSQL (R-DOC-1, R-DOC-2, R-ORG-3): gap-free and unique numbers
 * under concurrency, retries and crashes; the Vietnam-time year; starting numbers; voiding; and
 * the database refusing to edit or delete an entry. Each test works in its own year or
 * organization, so the tests do not depend on each other's numbers.
 */
import { QueryTypes } from 'sequelize';
import { connectDatabase, type Database } from '../../db/database';
import { createRegistersRepository, type AllocateInput, type RegistersRepository } from '../../db/repositories/registers.repository';
import { seed } from '../../db/seed';
import { RegisterError, registerYear } from '../../domain/registers';
import { createTestDatabase, type TestDatabase } from '../support/db';

const UBND = '000.00.00.H52';
const SNV = '000.00.02.H52';
const MOC_CHAU = '000.00.37.H52';

let tdb: TestDatabase;
let repo: RegistersRepository;
/** A second pool with room for real concurrency (the suite's default pool has 5 connections). */
let wide: Database;
let wideRepo: RegistersRepository;
let adminId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seed(tdb.db, { provinceCode: UBND, demoPassword: 'Demo-password-1', withDemoUsers: true });
  repo = createRegistersRepository(tdb.db);
  wide = connectDatabase(tdb.url, { poolMax: 20 });
  wideRepo = createRegistersRepository(wide);
  [{ id: adminId }] = await q<{ id: string }>("SELECT id FROM users WHERE username = 'admin'");
});
afterAll(async () => {
  await wide?.close();
  await tdb?.drop();
});

function q<T extends object>(sql: string, replacements: unknown[] = []): Promise<T[]> {
  return tdb.db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
}

/** Mid-June of `year` in Vietnam: far from any year boundary. */
const midYear = (year: number) => new Date(`${year}-06-15T09:00:00+07:00`);

let keySeq = 0;
function allocation(year: number, over: Partial<AllocateInput> = {}): AllocateInput {
  keySeq += 1;
  return { organizationCode: UBND, register: 'outgoing', at: midYear(year), idempotencyKey: `test:${year}:${keySeq}`, ...over };
}

async function entryNumbers(org: string, register: string, year: number): Promise<number[]> {
  const rows = await q<{ number: number }>('SELECT number FROM register_entries WHERE organization_code = ? AND register = ? AND year = ? ORDER BY number', [org, register, year]);
  return rows.map((r) => r.number);
}

async function rejection(p: Promise<unknown>): Promise<RegisterError> {
  const err = await p.then(
    () => {
      throw new Error('expected a RegisterError');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RegisterError);
  return err as RegisterError;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('allocation under concurrency, retries and crashes (R-DOC-1, R-DOC-2)', () => {
  test('R-DOC-1 when 200 allocations run at once on 20 connections, then they get exactly 1..200 with no gap and no duplicate', async () => {
    const results = await Promise.all(range(1, 200).map(() => wideRepo.allocate(allocation(2031))));
    expect(results.map((r) => r.number).sort((a, b) => a - b)).toEqual(range(1, 200));
    expect(await entryNumbers(UBND, 'outgoing', 2031)).toEqual(range(1, 200));
    const [counter] = await q<{ next_number: number }>("SELECT next_number FROM register_counters WHERE organization_code = ? AND register = 'outgoing' AND year = 2031", [UBND]);
    expect(counter.next_number).toBe(201);
  });

  test('R-DOC-1 when the transaction fails after the number was allocated, then nothing is consumed and the next allocation gets that number', async () => {
    expect((await repo.allocate(allocation(2032))).number).toBe(1);
    const crashed = allocation(2032);
    await expect(
      tdb.db.sequelize.transaction(async (t) => {
        expect((await repo.allocate(crashed, t)).number).toBe(2);
        throw new Error('worker crashed before commit');
      }),
    ).rejects.toThrow('worker crashed before commit');
    expect((await repo.allocate(allocation(2032))).number).toBe(2);
    expect(await q('SELECT 1 FROM register_entries WHERE idempotency_key = ?', [crashed.idempotencyKey])).toEqual([]);
  });

  test('R-DOC-1 when the database connection dies mid-transaction (pg_terminate_backend), then the number is not lost and the retry gets it', async () => {
    expect((await repo.allocate(allocation(2033))).number).toBe(1);
    // Another "worker process" whose connection is killed between allocation and commit.
    const worker = connectDatabase(tdb.url, { poolMax: 2 });
    const workerRepo = createRegistersRepository(worker);
    const interrupted = allocation(2033);
    // Sequelize warns that it could not roll back on the dead connection: expected here.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await expect(
        worker.sequelize.transaction(async (t) => {
          expect((await workerRepo.allocate(interrupted, t)).number).toBe(2);
          const [{ pid }] = await worker.sequelize.query<{ pid: number }>('SELECT pg_backend_pid() AS pid', { transaction: t, type: QueryTypes.SELECT });
          await q('SELECT pg_terminate_backend(?)', [pid]);
          await worker.sequelize.query('SELECT 1', { transaction: t });
        }),
      ).rejects.toThrow();
    } finally {
      warn.mockRestore();
      await worker.close().catch(() => undefined);
    }
    // The activity is retried with the same key: it gets the number that was rolled back.
    const retried = await repo.allocate(interrupted);
    expect(retried).toMatchObject({ number: 2, existing: false });
    expect(await entryNumbers(UBND, 'outgoing', 2033)).toEqual([1, 2]);
  });

  test('R-DOC-1 when an allocation is retried with the same key, then it returns the same number and consumes nothing', async () => {
    const input = allocation(2034, { register: 'incoming' });
    const first = await repo.allocate(input);
    const again = await repo.allocate({ ...input, at: midYear(2034) });
    expect(first).toMatchObject({ number: 1, existing: false });
    expect(again).toMatchObject({ number: 1, year: 2034, existing: true });
    expect((await repo.allocate(allocation(2034, { register: 'incoming' }))).number).toBe(2);
  });

  test('R-DOC-1 when retries with the same key race each other, then all get one number and one entry exists', async () => {
    await repo.allocate(allocation(2035));
    const input = allocation(2035);
    const results = await Promise.all(range(1, 12).map(() => wideRepo.allocate(input)));
    expect(new Set(results.map((r) => r.number))).toEqual(new Set([2]));
    expect(results.filter((r) => !r.existing)).toHaveLength(1);
    expect(await entryNumbers(UBND, 'outgoing', 2035)).toEqual([1, 2]);
    expect((await repo.allocate(allocation(2035))).number).toBe(3);
  });

  test('R-DOC-1 when a retry runs after midnight on 31 December, then it keeps the number of the first attempt in the old year', async () => {
    const input = allocation(2036, { at: new Date('2036-12-31T23:59:00+07:00') });
    const first = await repo.allocate(input);
    const retried = await repo.allocate({ ...input, at: new Date('2037-01-01T00:01:00+07:00') });
    expect(retried).toEqual({ ...first, existing: true });
    expect(retried.year).toBe(2036);
  });

  test('R-DOC-1 when a key is reused for another register, then it is refused instead of returning a foreign number', async () => {
    const input = allocation(2037);
    await repo.allocate(input);
    const err = await rejection(repo.allocate({ ...input, register: 'incoming' }));
    expect(err.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  test('R-DOC-2 when registering inside the caller transaction, then the entry commits together with the document it registers', async () => {
    const documentId = await tdb.db.sequelize.transaction(async (t) => {
      const [[doc]] = (await tdb.db.sequelize.query("INSERT INTO documents (direction, organization_code, summary, status) VALUES ('outgoing', ?, 'Về việc thử nghiệm', 'draft') RETURNING id", {
        replacements: [UBND],
        transaction: t,
      })) as [Array<{ id: string }>, unknown];
      const a = await repo.allocate(allocation(2038, { documentId: doc.id, details: { summary: 'Về việc thử nghiệm', typeCode: 'QD' } }), t);
      await tdb.db.sequelize.query('UPDATE documents SET number = ?, document_identifier = ? WHERE id = ?', { replacements: [a.number, a.identifier, doc.id], transaction: t });
      return doc.id;
    });
    const [row] = await q<{ number: number; document_identifier: string; details: object }>(
      'SELECT d.number, d.document_identifier, e.details FROM documents d JOIN register_entries e ON e.document_id = d.id WHERE d.id = ?',
      [documentId],
    );
    expect(row).toEqual({ number: 1, document_identifier: `${UBND}.2038.1`, details: { summary: 'Về việc thử nghiệm', typeCode: 'QD' } });
  });

  test('R-DOC-1 when one document is registered twice in the same register under different keys, then it is refused and no number is consumed', async () => {
    const [doc] = await q<{ id: string }>("INSERT INTO documents (direction, organization_code, summary, status) VALUES ('incoming', ?, 'Công văn đến', 'arrived') RETURNING id", [SNV]);
    expect((await repo.allocate(allocation(2039, { organizationCode: SNV, register: 'incoming', documentId: doc.id }))).number).toBe(1);
    const err = await rejection(repo.allocate(allocation(2039, { organizationCode: SNV, register: 'incoming', documentId: doc.id })));
    expect(err.code).toBe('DOCUMENT_ALREADY_REGISTERED');
    expect((await repo.allocate(allocation(2039, { organizationCode: SNV, register: 'incoming' }))).number).toBe(2);
  });

  test('R-DOC-1 when the organization is not registered, then the allocation is refused with ORGANIZATION_NOT_FOUND', async () => {
    const err = await rejection(repo.allocate(allocation(2040, { organizationCode: '000.00.99.H52' })));
    expect(err.code).toBe('ORGANIZATION_NOT_FOUND');
  });
});

describe('yearly sequences (R-DOC-1, R-DOC-2, R-ORG-3)', () => {
  test('R-DOC-1 when the clock reaches 1/1 00:00 +07:00 (still 31/12 in UTC), then numbering restarts at 1 in the new year', async () => {
    await repo.allocate(allocation(2041, { at: midYear(2041) }));
    const lastSecond = await repo.allocate(allocation(2041, { at: new Date('2041-12-31T16:59:59.999Z') }));
    const newYear = await repo.allocate(allocation(2042, { at: new Date('2041-12-31T17:00:00.000Z') }));
    expect(lastSecond).toMatchObject({ year: 2041, number: 2 });
    expect(newYear).toMatchObject({ year: 2042, number: 1 });
  });

  test('R-DOC-1 when several organizations and both registers allocate in one year, then each has its own sequence from 1', async () => {
    const take = async (organizationCode: string, register: 'incoming' | 'outgoing') => (await repo.allocate(allocation(2043, { organizationCode, register }))).number;
    expect([await take(UBND, 'outgoing'), await take(UBND, 'incoming'), await take(SNV, 'outgoing'), await take(MOC_CHAU, 'incoming')]).toEqual([1, 1, 1, 1]);
    expect([await take(UBND, 'outgoing'), await take(UBND, 'outgoing'), await take(SNV, 'outgoing'), await take(UBND, 'incoming')]).toEqual([2, 3, 2, 2]);
  });

  test('R-ORG-3 when an outgoing number is allocated, then the document identifier is <orgCode>.<yyyy>.<number>; an incoming number has none', async () => {
    await repo.allocate(allocation(2044));
    const outgoing = await repo.allocate(allocation(2044));
    const incoming = await repo.allocate(allocation(2044, { register: 'incoming' }));
    expect(outgoing.identifier).toBe('000.00.00.H52.2044.2');
    expect(incoming.identifier).toBeUndefined();
  });

  test('R-ORG-3 when anything tries a separate "identifier" counter, then the database refuses: identifiers take the outgoing number', async () => {
    await expect(q("INSERT INTO register_counters (organization_code, register, year, next_number) VALUES (?, 'identifier', 2045, 1)", [UBND])).rejects.toThrow(/register_counters_register_check/);
  });
});

describe('starting number (R-DOC-1)', () => {
  const year = registerYear(new Date());

  test('R-DOC-1 when an admin sets the starting number of an unused register, then the first number is that one and the numbers below count as used on paper', async () => {
    const counter = await repo.setStartingNumber({ organizationCode: SNV, register: 'outgoing', year, nextNumber: 101, actorId: adminId, reason: 'Đã cấp số 1–100 trên sổ giấy' });
    expect(counter).toMatchObject({ nextNumber: 101, highestRegistered: null, registeredCount: 0, paperCount: 100, lastChangedBy: adminId });
    expect((await repo.allocate(allocation(year, { organizationCode: SNV, at: new Date() }))).number).toBe(101);
    expect(await repo.counterChanges({ organizationCode: SNV, register: 'outgoing', year })).toEqual([
      expect.objectContaining({ previousNextNumber: 1, nextNumber: 101, highestRegistered: null, changedBy: adminId, reason: 'Đã cấp số 1–100 trên sổ giấy' }),
    ]);
  });

  test('R-DOC-1 when the starting number is not above the highest registered number, then it is refused and says why', async () => {
    for (let i = 0; i < 3; i += 1) await repo.allocate(allocation(year, { organizationCode: MOC_CHAU, register: 'incoming', at: new Date() }));
    for (const nextNumber of [1, 3]) {
      const err = await rejection(repo.setStartingNumber({ organizationCode: MOC_CHAU, register: 'incoming', year, nextNumber, actorId: adminId }));
      expect(err.code).toBe('STARTING_NUMBER_TOO_LOW');
      expect(err.message).toContain('lớn hơn 3');
      expect(err.message).toContain('never reused');
    }
  });

  test('R-DOC-1 when raised above the registered numbers mid-year, then allocation continues from the new number', async () => {
    const org = '000.00.04.H52';
    await repo.allocate(allocation(year, { organizationCode: org, at: new Date() }));
    await repo.allocate(allocation(year, { organizationCode: org, at: new Date() }));
    const counter = await repo.setStartingNumber({ organizationCode: org, register: 'outgoing', year, nextNumber: 50, actorId: adminId, reason: 'Mất điện, cấp số trên giấy' });
    expect(counter).toMatchObject({ nextNumber: 50, highestRegistered: 2, registeredCount: 2, paperCount: 47 });
    expect((await repo.allocate(allocation(year, { organizationCode: org, at: new Date() }))).number).toBe(50);
  });

  test('R-DOC-1 when the highest registered number was voided, then the starting number must still lie above it', async () => {
    const org = '000.00.05.H52';
    const a = await repo.allocate(allocation(year, { organizationCode: org, at: new Date() }));
    await repo.void({ organizationCode: org, register: 'outgoing', year, number: a.number, reason: 'Cấp nhầm', actorId: adminId });
    const err = await rejection(repo.setStartingNumber({ organizationCode: org, register: 'outgoing', year, nextNumber: a.number, actorId: adminId }));
    expect(err.code).toBe('STARTING_NUMBER_TOO_LOW');
  });

  test('R-DOC-1 when nothing is registered yet, then an admin may correct a starting number downwards', async () => {
    const key = { organizationCode: '000.00.06.H52', register: 'incoming' as const, year };
    await repo.setStartingNumber({ ...key, nextNumber: 500, actorId: adminId });
    const counter = await repo.setStartingNumber({ ...key, nextNumber: 50, actorId: adminId, reason: 'Nhập nhầm' });
    expect(counter.nextNumber).toBe(50);
    expect((await repo.counterChanges(key)).map((c) => [c.previousNextNumber, c.nextNumber])).toEqual([
      [1, 500],
      [500, 50],
    ]);
  });

  test('R-DOC-1 when the register of a past year is changed, then it is refused as closed', async () => {
    const err = await rejection(repo.setStartingNumber({ organizationCode: SNV, register: 'incoming', year: year - 1, nextNumber: 10, actorId: adminId }));
    expect(err.code).toBe('REGISTER_CLOSED');
  });
});

describe('voiding (R-DOC-1)', () => {
  const key = (number: number) => ({ organizationCode: UBND, register: 'incoming' as const, year: 2046, number });

  beforeAll(async () => {
    for (let i = 0; i < 3; i += 1) await repo.allocate(allocation(2046, { register: 'incoming' }));
  });

  test('R-DOC-1 when an admin voids a number with a reason, then the entry stays in the register marked voided, with who, when and why', async () => {
    const voided = await repo.void({ ...key(2), reason: 'Vào sổ trùng văn bản số 1', actorId: adminId, at: new Date('2046-06-20T10:00:00+07:00') });
    expect(voided).toMatchObject({ id: `${UBND}:incoming:2046:2`, voided: true, voidReason: 'Vào sổ trùng văn bản số 1', voidedBy: adminId });
    expect(voided.voidedAt?.toISOString()).toBe('2046-06-20T03:00:00.000Z');
    const { rows } = await repo.listEntries({ organizationCode: UBND, register: 'incoming', year: 2046 }, { offset: 0, limit: 10, sortField: 'number', sortOrder: 'ASC' }, { kind: 'all' });
    expect(rows.map((r) => [r.number, r.voided])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
  });

  test('R-DOC-1 when a number was voided, then it is never handed out again', async () => {
    await repo.void({ ...key(3), reason: 'Hủy số cuối', actorId: adminId });
    expect((await repo.allocate(allocation(2046, { register: 'incoming' }))).number).toBe(4);
  });

  test('R-DOC-1 when the reason is missing or blank, then voiding is refused', async () => {
    for (const reason of ['', '   \n', undefined as unknown as string]) {
      const err = await rejection(repo.void({ ...key(1), reason, actorId: adminId }));
      expect(err.code).toBe('INVALID_INPUT');
      expect(err.issues[0].path).toBe('reason');
    }
    expect((await repo.getEntry(key(1)))?.voided).toBe(false);
  });

  test('R-FMT-2 when the reason arrives decomposed (NFD), then it is stored in NFC', async () => {
    const org = '000.00.07.H52';
    const a = await repo.allocate(allocation(2046, { organizationCode: org }));
    const voided = await repo.void({ organizationCode: org, register: 'outgoing', year: 2046, number: a.number, reason: '  Cấp nhầm số  '.normalize('NFD'), actorId: adminId });
    expect(voided.voidReason).toBe('Cấp nhầm số'.normalize('NFC'));
  });

  test('R-DOC-1 when a number is voided twice, then the second attempt is refused as already voided', async () => {
    const org = '000.00.08.H52';
    const a = await repo.allocate(allocation(2046, { organizationCode: org }));
    const k = { organizationCode: org, register: 'outgoing' as const, year: 2046, number: a.number };
    await repo.void({ ...k, reason: 'Lần một', actorId: adminId });
    const err = await rejection(repo.void({ ...k, reason: 'Lần hai', actorId: adminId }));
    expect(err.code).toBe('ALREADY_VOIDED');
    expect((await repo.getEntry(k))?.voidReason).toBe('Lần một');
  });

  test('R-DOC-1 when the number was never registered, then voiding is refused as not found', async () => {
    const err = await rejection(repo.void({ ...key(999), reason: 'Không có', actorId: adminId }));
    expect(err.code).toBe('ENTRY_NOT_FOUND');
  });
});

describe('the register is a record, not a scratch pad (R-DOC-1)', () => {
  const where = `organization_code = '${UBND}' AND register = 'outgoing' AND year = 2047 AND number = 1`;
  beforeAll(async () => {
    await repo.allocate(allocation(2047));
  });

  test('R-DOC-1 when someone changes the number of an entry in the database, then it is refused', async () => {
    await expect(q(`UPDATE register_entries SET number = 7 WHERE ${where}`)).rejects.toThrow(/immutable/);
  });

  test('R-DOC-1 when someone deletes or truncates entries, then it is refused', async () => {
    await expect(q(`DELETE FROM register_entries WHERE ${where}`)).rejects.toThrow(/never deleted/);
    await expect(q('TRUNCATE register_entries CASCADE')).rejects.toThrow(/append-only/);
  });

  test('R-DOC-1 when someone un-voids an entry, then it is refused: voiding is final', async () => {
    await repo.void({ organizationCode: UBND, register: 'outgoing', year: 2047, number: 1, reason: 'Thử', actorId: adminId });
    await expect(q(`UPDATE register_entries SET voided_at = NULL, void_reason = NULL WHERE ${where}`)).rejects.toThrow(/final/);
  });
});
