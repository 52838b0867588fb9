/**
 * Benchmark harness helpers: a throw-away embedded PostgreSQL with the schema, timing and
 * percentile helpers, and result files under bench/results/. Benchmarks are never tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase, type Database } from '../db/database';
import { migrate } from '../db/migrate';
import { startEmbeddedPostgres } from '../scripts/lib/postgres';
import { freePort } from '../scripts/lib/ports';


/** Runs `fn` against a fresh, migrated database on a temporary embedded PostgreSQL. */
export async function withDatabase<T>(fn: (db: Database) => Promise<T>, opts: { poolMax?: number } = {}): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edoc-bench-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  await pg.createDatabase('bench');
  const db = connectDatabase(pg.url('bench'), { poolMax: opts.poolMax ?? 20 });
  try {
    await migrate(db.sequelize);
    return await fn(db);
  } finally {
    await db.close();
    await pg.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function percentile(sortedMs: number[], p: number): number {
  if (!sortedMs.length) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, i)];
}

export function summarize(samplesMs: number[]): { n: number; p50: number; p95: number; p99: number; max: number; mean: number } {
  const s = [...samplesMs].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n: s.length,
    p50: round(percentile(s, 50)),
    p95: round(percentile(s, 95)),
    p99: round(percentile(s, 99)),
    max: round(s[s.length - 1] ?? NaN),
    mean: round(s.reduce((a, b) => a + b, 0) / (s.length || 1)),
  };
}

/** Writes bench/results/<name>.json with the machine and date, and prints a table. */
export function report(name: string, rows: Array<Record<string, string | number>>, extra: Record<string, unknown> = {}): void {
  const result = {
    name,
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    rows,
    ...extra,
  };
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.table(rows);
}
