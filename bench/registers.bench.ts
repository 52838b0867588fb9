/**
 * Register number allocation throughput (R-DOC-1, R-DOC-2): allocations per second and latency
 * at concurrency 1, 10 and 50, for a few seconds each, in two shapes:
 * - one register: every caller allocates in the same organization, register and year, the worst
 *   case, since the counter row lock makes those allocations take turns;
 * - 20 registers: callers spread over 20 organizations, as a province's departments would.
 * After each run the numbers are checked to be exactly 1..n (gap-free, unique).
 * `npm run bench registers`; BENCH_SECONDS sets the duration of each run (default 3).
 */
import { QueryTypes } from 'sequelize';
import type { Database } from '../db/database';
import { createRegistersRepository } from '../db/repositories/registers.repository';
import { report, summarize, withDatabase } from './support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const LEVELS = [1, 10, 50];
const PROVINCE = '000.00.00.H52';
const DEPARTMENTS = Array.from({ length: 20 }, (_, i) => `000.00.${String(i + 1).padStart(2, '0')}.H52`);

async function seedOrganizations(db: Database): Promise<void> {
  await db.sequelize.query(`INSERT INTO organizations (code, parent_code, name, short_name, kind) VALUES ($1, NULL, 'UBND tỉnh', 'UBND', 'province')`, { bind: [PROVINCE] });
  for (const code of DEPARTMENTS) {
    await db.sequelize.query(`INSERT INTO organizations (code, parent_code, name, short_name, kind) VALUES ($1, $2, $3, 'SO', 'department')`, { bind: [code, PROVINCE, `Sở ${code}`] });
  }
}

/** True when every register touched in `year` holds exactly 1..n. */
async function gapFree(db: Database, year: number): Promise<boolean> {
  const rows = await db.sequelize.query<{ ok: boolean }>(
    `SELECT bool_and(n = mx AND mn = 1) AS ok FROM (
       SELECT count(DISTINCT number) AS n, max(number) AS mx, min(number) AS mn FROM register_entries WHERE year = $1 GROUP BY organization_code, register
     ) s`,
    { bind: [year], type: QueryTypes.SELECT },
  );
  return rows[0].ok === true;
}

async function main(): Promise<void> {
  const rows: Array<Record<string, string | number>> = [];
  await withDatabase(
    async (db) => {
      await seedOrganizations(db);
      const repo = createRegistersRepository(db);
      let key = 0;
      // Each run gets its own year, so its sequences start at 1 and can be checked on their own.
      let year = 2100;

      const run = async (shape: string, concurrency: number, orgOf: (worker: number) => string) => {
        year += 1;
        const samples: number[] = [];
        const started = performance.now();
        const deadline = started + SECONDS * 1000;
        const worker = async (w: number) => {
          while (performance.now() < deadline) {
            key += 1;
            const t0 = performance.now();
            await repo.allocate({ organizationCode: orgOf(w), register: 'incoming', at: new Date(`${year}-06-15T09:00:00+07:00`), idempotencyKey: `bench:${key}` });
            samples.push(performance.now() - t0);
          }
        };
        await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
        const elapsed = (performance.now() - started) / 1000;
        const s = summarize(samples);
        rows.push({ shape, concurrency, allocations: s.n, perSecond: Math.round(s.n / elapsed), p50Ms: s.p50, p95Ms: s.p95, p99Ms: s.p99, maxMs: s.max, gapFree: (await gapFree(db, year)) ? 'yes' : 'NO' });
      };

      // Warm the pool and the plan caches so the first measured run is not a cold start.
      await run('warm-up', 10, () => PROVINCE);
      rows.length = 0;
      for (const concurrency of LEVELS) await run('one register', concurrency, () => PROVINCE);
      for (const concurrency of LEVELS) await run('20 registers', concurrency, (w) => DEPARTMENTS[w % DEPARTMENTS.length]);
    },
    // One connection per caller even at 50, so the database, not the pool queue, is measured.
    { poolMax: Math.max(...LEVELS) },
  );
  report('registers', rows);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
