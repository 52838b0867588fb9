/**
 * The floor: how many document lifecycles per second the Temporal stack itself allows on this
 * machine. Minimal workflows (bench/floor/workflows.ts, whose header has the counts) make the
 * same activities, updates, child start and timers as one lifecycle — a signed draft issued to
 * one connected receiver, accepted, routed, assigned, completed — with no-op activities, on a CLI
 * dev server with a SQLite file as `npm start` runs it. The driver uses the client as the API does:
 * workflow.start, then executeUpdate for each decision once the workflow waits for it; a
 * lifecycle ends when both workflows have completed.
 *
 * `node --import tsx bench/floor.bench.ts` (or `npm run bench floor`); BENCH_N lifecycles (default
 * 2000), at most BENCH_CONCURRENCY in flight (default 50). `runFloor` is for other benchmarks that
 * already have a server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type InjectedSinks } from '@temporalio/worker';
import { resolveTemporalCli, startDevServer } from '../scripts/lib/temporal-cli';
import { freePort } from '../scripts/lib/ports';
import { floorActivities } from './floor/activities';
import { acceptUpdate, assignUpdate, completeUpdate, floorSender, issueUpdate, type FloorSinks, type FloorStep } from './floor/workflows';
import { report, summarize } from './support';

export interface FloorResult {
  n: number;
  concurrency: number;
  seconds: number;
  lifecyclesPerSecond: number;
  perLifecycle: Record<string, number>;
  latencyMs: { p50: number; p95: number; p99: number };
}

/** Lifecycles run before the measured ones, so that the first measured one is not a cold start. */
const WARM_UP = 10;
/** Lifecycles whose histories are counted for `perLifecycle`. */
const SAMPLE = 20;

/** Events per lifecycle in the histories of a sample of lifecycles (sender + receiver). */
export async function countEvents(handles: WorkflowHandle[], lifecycles: number): Promise<Record<string, number>> {
  const c = { activities: 0, updates: 0, signals: 0, externalSignals: 0, childWorkflows: 0, timers: 0, timersCancelled: 0, workflowTasks: 0, workflows: 0 };
  for (const handle of handles) {
    const history = await handle.fetchHistory();
    c.workflows += 1;
    for (const e of history.events ?? []) {
      if (e.activityTaskScheduledEventAttributes) c.activities += 1;
      else if (e.workflowExecutionUpdateAcceptedEventAttributes) c.updates += 1;
      else if (e.workflowExecutionSignaledEventAttributes) c.signals += 1;
      else if (e.signalExternalWorkflowExecutionInitiatedEventAttributes) c.externalSignals += 1;
      else if (e.startChildWorkflowExecutionInitiatedEventAttributes) c.childWorkflows += 1;
      else if (e.timerStartedEventAttributes) c.timers += 1;
      else if (e.timerCanceledEventAttributes) c.timersCancelled += 1;
      else if (e.workflowTaskCompletedEventAttributes) c.workflowTasks += 1;
    }
  }
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Math.round((v / lifecycles) * 100) / 100]));
}

export async function runFloor(opts: { address: string; namespace: string; n: number; concurrency: number; log?: (s: string) => void }): Promise<FloorResult> {
  const log = opts.log ?? (() => undefined);
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const taskQueue = `floor-${tag}`;

  // "The workflow waits for this step" (the floor sink) → the driver's next decision.
  const waiting = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  const slot = (workflowId: string, step: FloorStep) => {
    const k = `${workflowId}|${step}`;
    let s = waiting.get(k);
    if (!s) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      s = { promise, resolve };
      waiting.set(k, s);
    }
    return s;
  };
  const ready = async (workflowId: string, step: FloorStep) => {
    await slot(workflowId, step).promise;
    waiting.delete(`${workflowId}|${step}`);
  };
  const sinks: InjectedSinks<FloorSinks> = {
    floor: { waiting: { fn: (info, step) => slot(info.workflowId, step).resolve() } },
  };

  const nativeConnection = await NativeConnection.connect({ address: opts.address });
  const connection = await Connection.connect({ address: opts.address });
  const client = new Client({ connection, namespace: opts.namespace });
  try {
    log(`floor: bundling the workflows and starting a worker on ${taskQueue}`);
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace: opts.namespace,
      taskQueue,
      workflowsPath: require.resolve('./floor/workflows'),
      activities: floorActivities,
      sinks,
      // As worker/create-worker.ts.
      maxConcurrentActivityTaskExecutions: 50,
    });

    /** One lifecycle, driven as the API drives it; resolves with its handles once both completed. */
    const lifecycle = async (name: string): Promise<WorkflowHandle[]> => {
      const senderId = `floor-outgoing:${tag}:${name}`;
      const receiverId = `floor-incoming:${tag}:${name}`;
      const sender = await client.workflow.start(floorSender, {
        workflowId: senderId,
        taskQueue,
        args: [{ documentId: name, receiverWorkflowId: receiverId, taskQueue }],
        workflowIdConflictPolicy: 'FAIL',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      await ready(senderId, 'sending');
      await sender.executeUpdate(issueUpdate, { args: [{ actorId: 'clerk' }] });
      const receiver = client.workflow.getHandle(receiverId);
      await ready(receiverId, 'reception');
      await receiver.executeUpdate(acceptUpdate, { args: [{ actorId: 'receiving-clerk' }] });
      await ready(receiverId, 'assignment');
      await receiver.executeUpdate(assignUpdate, { args: [{ actorId: 'leader', handlerId: 'specialist' }] });
      await ready(receiverId, 'processing');
      await receiver.executeUpdate(completeUpdate, { args: [{ actorId: 'specialist', result: 'done' }] });
      await Promise.all([sender.result(), receiver.result()]);
      return [sender, receiver];
    };

    /** `count` lifecycles, at most `concurrency` at a time; latency of each and handles of a sample. */
    const drive = async (prefix: string, count: number, concurrency: number) => {
      const latencies: number[] = [];
      const sample: WorkflowHandle[] = [];
      const every = Math.max(1, Math.floor(count / SAMPLE));
      let next = 0;
      const lane = async () => {
        while (next < count) {
          const i = next++;
          const t0 = performance.now();
          const handles = await lifecycle(`${prefix}${i}`);
          latencies.push(performance.now() - t0);
          if (i % every === 0 && sample.length < 2 * SAMPLE) sample.push(...handles);
          if (latencies.length % Math.max(1, Math.floor(count / 10)) === 0) log(`floor: ${prefix} ${latencies.length}/${count}`);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
      return { latencies, sample };
    };

    return await worker.runUntil(async () => {
      await drive('warm-up-', WARM_UP, Math.min(WARM_UP, opts.concurrency));
      const started = performance.now();
      const { latencies, sample } = await drive('', opts.n, opts.concurrency);
      const seconds = (performance.now() - started) / 1000;
      const s = summarize(latencies);
      return {
        n: opts.n,
        concurrency: opts.concurrency,
        seconds: Math.round(seconds * 100) / 100,
        lifecyclesPerSecond: Math.round((opts.n / seconds) * 100) / 100,
        perLifecycle: await countEvents(sample, sample.length / 2),
        latencyMs: { p50: s.p50, p95: s.p95, p99: s.p99 },
      };
    });
  } finally {
    await connection.close();
    await nativeConnection.close();
  }
}


async function main(): Promise<void> {
  const n = Number(process.env.BENCH_N ?? 2000);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edoc-bench-floor-'));
  // BENCH_DYNAMIC_CONFIG='{"key": value}' tries server settings (e.g. task queue partitions).
  const dynamicConfig = process.env.BENCH_DYNAMIC_CONFIG ? (JSON.parse(process.env.BENCH_DYNAMIC_CONFIG) as Record<string, number>) : undefined;
  const server = await startDevServer({ cliPath: await resolveTemporalCli(), dbFile: path.join(dir, 'temporal.db'), port: await freePort(), headless: true, logFile: path.join(dir, 'server.log'), dynamicConfig });
  try {
    const r = await runFloor({ address: server.address, namespace: 'default', n, concurrency, log: (s) => process.stderr.write(`${s}\n`) });
    report(process.env.BENCH_DYNAMIC_CONFIG ? 'floor-tuned' : 'floor', [
      {
        n: r.n,
        concurrency: r.concurrency,
        seconds: r.seconds,
        lifecyclesPerSecond: r.lifecyclesPerSecond,
        p50Ms: r.latencyMs.p50,
        p95Ms: r.latencyMs.p95,
        p99Ms: r.latencyMs.p99,
        ...r.perLifecycle,
      },
    ]);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
