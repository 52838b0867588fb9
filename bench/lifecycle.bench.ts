/**
 * Lifecycle throughput against the whole system (issue 7): the stack as `npm start` runs it
 * (embedded PostgreSQL, Temporal dev server with its SQLite file, worker and API as separate
 * processes), then
 * - the floor: a minimal workflow pair with as many activities and messages as one lifecycle,
 *   on the same Temporal server (bench/floor.bench.ts): the stack's own limit here;
 * - N lifecycles (BENCH_N, default 2000) at BENCH_CONCURRENCY (default 50) documents in flight,
 *   each issued by Sở Nội vụ to Sở TT&TT and taken arrival → checks → accept → register →
 *   route → assign → complete through the public API (bench/lib/lifecycle.ts);
 * - p50/p95/p99 of every API action, issue-to-arrival latency (issue request → the receiver's
 *   copy exists, from the database clock on the same machine), and the peak resident memory
 *   of the API and worker processes.
 * Results: bench/results/lifecycle.json and a table. Not a test: nothing here can fail a build.
 */
import { Client, Connection } from '@temporalio/client';
import { QueryTypes } from 'sequelize';
import { connectDatabase } from '../db/database';
import { startStack, STACK_PASSWORD } from '../scripts/lib/stack';
import { workflowIds } from '../workflows/definitions';
import { countEvents, runFloor } from './floor.bench';
import { ApiDriver, pool, RECEIVER, SENDER } from './lib/lifecycle';
import { signedPdf } from './lib/signed-pdf';
import { report, summarize } from './support';

const N = Number(process.env.BENCH_N ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 40);

async function main(): Promise<void> {
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const stack = await startStack({ log });
  try {
    const pdf = await signedPdf(stack.signingKeysDir, SENDER.code);
    log(`stack up: API ${stack.apiUrl}, Temporal ${stack.temporalAddress}`);

    const floor = await runFloor({ address: stack.temporalAddress, namespace: 'default', n: N, concurrency: CONCURRENCY, log });
    log(`floor: ${floor.lifecyclesPerSecond.toFixed(1)} lifecycles/s`);

    // Warm-up (JIT, connection pools, logins), not counted.
    const warm = new ApiDriver({ apiUrl: stack.apiUrl, password: STACK_PASSWORD, signedPdf: pdf });
    const warmErrors = (await pool(WARMUP, Math.min(CONCURRENCY, 20), (i) => warm.lifecycle(`warm-${i}`))).filter((r) => r instanceof Error);
    if (warmErrors.length) throw warmErrors[0];

    const driver = new ApiDriver({ apiUrl: stack.apiUrl, password: STACK_PASSWORD, signedPdf: pdf });
    const t0 = Date.now();
    let done = 0;
    const progress = setInterval(() => log(`  ${done}/${N} lifecycles, ${(done / ((Date.now() - t0) / 1000)).toFixed(1)}/s`), 10_000);
    const results = await pool(N, CONCURRENCY, async (i) => {
      const r = await driver.lifecycle(`run-${i}`);
      done += 1;
      return r;
    });
    clearInterval(progress);
    const seconds = (Date.now() - t0) / 1000;
    const ok = results.filter((r): r is Exclude<typeof r, Error> => !(r instanceof Error));
    const errors = results.filter((r): r is Error => r instanceof Error);
    const throughput = ok.length / seconds;
    log(`lifecycles: ${ok.length} in ${seconds.toFixed(0)} s = ${throughput.toFixed(2)}/s (floor ${floor.lifecyclesPerSecond.toFixed(2)}/s); ${errors.length} failed`);

    // Issue → arrival, from the receiver copies' creation time (same machine, same clock).
    const db = connectDatabase(stack.databaseUrl);
    const created = await db.sequelize.query<{ id: string; created_ms: string }>(
      `SELECT id, (extract(epoch FROM created_at) * 1000)::bigint AS created_ms FROM documents WHERE id IN (:ids)`,
      { replacements: { ids: ok.map((r) => r.incomingId) }, type: QueryTypes.SELECT },
    );
    const createdAt = new Map(created.map((r) => [r.id, Number(r.created_ms)]));
    const arrival = summarize(ok.map((r) => (createdAt.get(r.incomingId) ?? NaN) - r.issueStartedAt).filter(Number.isFinite));
    const [registers] = await db.sequelize.query<{ n: string; distinct_n: string; mn: number; mx: number }>(
      `SELECT count(*) AS n, count(DISTINCT number) AS distinct_n, min(number) AS mn, max(number) AS mx FROM register_entries WHERE organization_code = :org AND register = 'incoming'`,
      { replacements: { org: RECEIVER.code }, type: QueryTypes.SELECT },
    );
    await db.close();

    // What the real processes made Temporal do per lifecycle, beside the floor's count.
    const client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
    const sample = ok.filter((_, i) => i % Math.max(1, Math.floor(ok.length / 20)) === 0).slice(0, 20);
    const perLifecycle = await countEvents(
      sample.flatMap((r) => [client.workflow.getHandle(workflowIds.outgoing(r.outgoingId)), client.workflow.getHandle(workflowIds.incoming(RECEIVER.code, r.outgoingId))]),
      sample.length,
    );
    await client.connection.close();
    log(`per lifecycle, real: ${JSON.stringify(perLifecycle)}; floor: ${JSON.stringify(floor.perLifecycle)}`);

    const actions = [...driver.samples.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([action, ms]) => ({ action, ...summarize(ms) }));
    const worstP95 = Math.max(...actions.map((a) => a.p95));
    const memory = { apiMiB: stack.api.peakRssMiB(), workerMiB: stack.worker.peakRssMiB() };
    const rows = [
      { metric: 'floor (minimal workflows, same messages)', value: `${floor.lifecyclesPerSecond.toFixed(1)} /s`, target: '—' },
      { metric: `lifecycles (n=${ok.length}, ${CONCURRENCY} in flight)`, value: `${throughput.toFixed(1)} /s`, target: '≥ 25 /s' },
      { metric: 'ratio to the floor', value: (throughput / floor.lifecyclesPerSecond).toFixed(2), target: '≥ 0.5' },
      { metric: 'API action p95 (worst action)', value: `${worstP95.toFixed(0)} ms`, target: '< 100 ms' },
      { metric: 'issue → arrival p95', value: `${arrival.p95.toFixed(0)} ms`, target: '< 1000 ms' },
      { metric: 'API peak RSS', value: `${memory.apiMiB} MiB`, target: '< 300 MB' },
      { metric: 'worker peak RSS', value: `${memory.workerMiB} MiB`, target: '< 300 MB' },
      { metric: 'failed lifecycles', value: errors.length, target: '0' },
    ];
    console.table(actions);
    // A run at another concurrency (e.g. 1: latency without queueing) keeps its own file.
    report(process.env.BENCH_CONCURRENCY ? `lifecycle-c${CONCURRENCY}` : 'lifecycle', rows, {
      n: N,
      concurrency: CONCURRENCY,
      seconds,
      lifecyclesPerSecond: throughput,
      floor,
      perLifecycle,
      ratioToFloor: throughput / floor.lifecyclesPerSecond,
      actions,
      issueToArrivalMs: arrival,
      lifecycleMs: summarize(ok.map((r) => r.totalMs)),
      memory,
      statuses: Object.fromEntries([...driver.statuses.entries()].map(([a, m]) => [a, Object.fromEntries(m)])),
      registers: { entries: Number(registers.n), distinct: Number(registers.distinct_n), min: registers.mn, max: registers.mx },
      errors: errors.slice(0, 10).map((e) => e.message),
    });
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`lifecycle bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
