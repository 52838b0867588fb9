/**
 * The fault scenario of test/faults/durability.faults.test.ts, run as its own process (the
 * embedded PostgreSQL package is an ES module, which jest's sandbox cannot load): the whole
 * system as separate OS processes (scripts/lib/stack.ts), several hundred lifecycles driven
 * through the public API in resilient mode (bench/lib/lifecycle.ts), each part killed with
 * SIGKILL and started again meanwhile; then the facts the test judges are gathered from the
 * database and Temporal and written as JSON to the file named by the first argument.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { QueryTypes } from 'sequelize';
import { connectDatabase } from '../../db/database';
import { startStack, STACK_PASSWORD, type Part } from '../../scripts/lib/stack';
import { ApiDriver, pool, RECEIVER, SENDER, type LifecycleResult } from '../../bench/lib/lifecycle';
import { signedPdf } from '../../bench/lib/signed-pdf';

export const LIFECYCLES = Number(process.env.FAULT_LIFECYCLES ?? 300);
const CONCURRENCY = 20;
/** Each fault once this share of lifecycles finished; the part stays down for the pause. */
export const FAULTS: Array<{ part: 'worker' | 'temporal' | 'postgres' | 'api'; at: number; pauseMs: number }> = [
  { part: 'worker', at: 0.1, pauseMs: 3000 },
  { part: 'temporal', at: 0.3, pauseMs: 5000 },
  { part: 'postgres', at: 0.5, pauseMs: 5000 },
  { part: 'api', at: 0.7, pauseMs: 3000 },
];
const log = (s: string) => process.stderr.write(`[faults] ${s}\n`);
const count = <T extends { n: string }>(rows: T[], key: keyof T) => Object.fromEntries(rows.map((r) => [String(r[key]), Number(r.n)]));

async function main(out: string): Promise<void> {
  const stack = await startStack({ logLevel: 'info', log });
  const db = connectDatabase(stack.databaseUrl);
  const q = <T extends object>(sql: string) => db.sequelize.query<T>(sql, { type: QueryTypes.SELECT });
  try {
    const pdf = await signedPdf(stack.signingKeysDir, SENDER.code);
    const driver = new ApiDriver({ apiUrl: stack.apiUrl, password: STACK_PASSWORD, signedPdf: pdf, resilient: true, lifecycleTimeoutMs: 20 * 60_000 });
    let finished = 0;
    const started = Date.now();
    const run = pool(LIFECYCLES, CONCURRENCY, async (i) => {
      const r = await driver.lifecycle(`fault-${i}`);
      finished += 1;
      return r;
    });
    const injected: string[] = [];
    const faults = (async () => {
      for (const f of FAULTS) {
        while (finished < f.at * LIFECYCLES) await new Promise((r) => setTimeout(r, 200));
        const part = stack[f.part] as Part;
        log(`kill -9 ${f.part} (pid ${part.pid()}) after ${finished} lifecycles, ${((Date.now() - started) / 1000).toFixed(0)} s`);
        await part.kill();
        await new Promise((r) => setTimeout(r, f.pauseMs));
        await part.start();
        injected.push(f.part);
        log(`${f.part} started again`);
      }
    })();
    const progress = setInterval(() => log(`${finished}/${LIFECYCLES} lifecycles, ${((Date.now() - started) / 1000).toFixed(0)} s`), 30_000);
    const [results] = await Promise.all([run, faults]).finally(() => clearInterval(progress));
    const seconds = (Date.now() - started) / 1000;
    log(`all lifecycles finished in ${seconds.toFixed(0)} s`);
    const done = results.filter((r): r is LifecycleResult => !(r instanceof Error));
    const F = `summary LIKE '%fault-%'`;

    const facts: Record<string, unknown> = {
      seconds,
      injected,
      errors: results.filter((r): r is Error => r instanceof Error).map((e) => e.message),
      failures: driver.failures,
      examples: Object.fromEntries(driver.examples),
      answers: Object.fromEntries([...driver.statuses].map(([a, m]) => [a, Object.fromEntries(m)])),
      unexpectedExits: { api: stack.api.unexpectedExits, worker: stack.worker.unexpectedExits },
      distinctIncoming: new Set(done.map((r) => r.incomingId)).size,
      distinctRegisterNumbers: new Set(done.map((r) => r.registerNumber)).size,
      documents: count(await q<{ direction: string; n: string }>(`SELECT direction, count(*) AS n FROM documents WHERE ${F} GROUP BY direction`), 'direction'),
      incomingStatuses: count(await q<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM documents WHERE direction = 'incoming' AND ${F} GROUP BY status`), 'status'),
      receiverCodes: count(
        await q<{ status_code: string; n: string }>(`SELECT r.status_code, count(*) AS n FROM document_receivers r JOIN documents d ON d.id = r.document_id WHERE d.${F} GROUP BY r.status_code`),
        'status_code',
      ),
      // The status codes in the sender's history, in order, per document.
      reportedCodes: count(
        await q<{ codes: string; n: string }>(
          `SELECT codes, count(*) AS n FROM (
             SELECT d.id, string_agg(h.status_code, ',' ORDER BY h.id) AS codes FROM documents d
               JOIN document_history h ON h.document_id = d.id AND h.status_code IS NOT NULL
              WHERE d.direction = 'outgoing' AND d.${F} GROUP BY d.id) s GROUP BY codes`,
        ),
        'codes',
      ),
      registers: await q(
        `SELECT organization_code, register, year, count(*)::int AS n, count(DISTINCT number)::int AS distinct_n, min(number) AS min, max(number) AS max
           FROM register_entries GROUP BY organization_code, register, year ORDER BY 1, 2, 3`,
      ),
      receiverRegister: RECEIVER.code,
      // Each document's tasks as "step:status", sorted: the same for all when none is lost or doubled.
      taskShapes: count(
        await q<{ shape: string; n: string }>(
          `SELECT shape, count(*) AS n FROM (
             SELECT d.id, string_agg(t.step || ':' || t.status, ',' ORDER BY t.step, t.status) AS shape FROM documents d
               JOIN tasks t ON t.document_id = d.id WHERE d.${F} GROUP BY d.id) s GROUP BY shape`,
        ),
        'shape',
      ),
    };
    const connection = await Connection.connect({ address: stack.temporalAddress });
    try {
      const client = new Client({ connection });
      const workflows: Record<string, Record<string, number>> = {};
      for (const { direction, workflow_id } of await q<{ direction: string; workflow_id: string }>(`SELECT direction, workflow_id FROM documents WHERE ${F}`)) {
        const s = (await client.workflow.getHandle(workflow_id).describe()).status.name;
        workflows[direction] ??= {};
        workflows[direction][s] = (workflows[direction][s] ?? 0) + 1;
      }
      facts.workflows = workflows;
    } finally {
      await connection.close();
    }
    // What the API logged for any answer that was a defect (500), so a failure says why.
    const apiLog = path.join(stack.dataDir, 'api.log');
    facts.apiErrors = fs.existsSync(apiLog)
      ? fs.readFileSync(apiLog, 'utf8').split('\n').filter((l) => l.includes('"request failed"')).slice(0, 10).map((l) => l.slice(0, 4000))
      : [];
    fs.writeFileSync(out, JSON.stringify(facts, null, 2));
  } finally {
    await db.close();
    await stack.stop();
  }
}

if (require.main === module) {
  main(process.argv[2]).catch((err: unknown) => {
    process.stderr.write(`fault scenario failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
