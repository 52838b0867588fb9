/**
 * The whole system as separate OS processes, for benchmarks and fault tests (`npm run bench`,
 * `npm run test:faults`): an embedded PostgreSQL and a Temporal dev server (both keeping their
 * state on disk, as `npm start` does), migrations, demo data and demo certificates, then the
 * worker and the API as child processes. Each part can be killed with SIGKILL and started
 * again, and the worker's and API's peak resident memory is sampled from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase } from '../../db/database';
import { migrate } from '../../db/migrate';
import { seed } from '../../db/seed';
import { ensureDemoPki } from './demo-pki';
import { freePort } from './ports';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './postgres';
import { resolveTemporalCli, startDevServer, type DevServer } from './temporal-cli';
import { writeWorkflowBundle } from './workflow-bundle';

const ROOT = path.resolve(__dirname, '..', '..');
export const STACK_PASSWORD = 'SonLa@2018';
/** As config PROCESS_HEAP_MB's and PROCESS_SEMI_SPACE_MB's defaults: the stack runs the processes the way `npm start` does. */
const DEFAULT_HEAP = { heapMb: 192, semiSpaceMb: 2 };

export interface HeapSettings {
  /** V8 old-space limit in MiB (0: Node's default). */
  heapMb: number;
  /** V8 semi-space in MiB (0: V8's default). */
  semiSpaceMb: number;
}

/** Node flags for the V8 heap of a worker or API process. */
function heapFlags({ heapMb, semiSpaceMb }: HeapSettings): string[] {
  return [...(heapMb > 0 ? [`--max-old-space-size=${heapMb}`] : []), ...(semiSpaceMb > 0 ? [`--max-semi-space-size=${semiSpaceMb}`] : [])];
}

/**
 * Environment for the worker and API processes: glibc's malloc keeps up to eight arenas per core
 * for the threads of the Temporal core, libuv and V8, each holding on to freed memory; two are
 * enough here and cut about 25 MiB of the worker's peak. An operator's own value wins.
 */
export function processEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { MALLOC_ARENA_MAX: '2', ...env };
}

/**
 * Node flags to run the TypeScript sources of the worker and the API. The code is CommonJS, so
 * tsx's require hook is enough; `--import tsx` would add its ES-module loader, which runs on a
 * thread of its own with a second V8 heap (about 40 MiB more resident memory per process).
 */
const TS_RUNNER = ['--require', 'tsx/cjs'];

/** Node's arguments for a worker or API process: heap limit, TypeScript runner, entry point. */
export function nodeArgs(heap: HeapSettings, entry: string): string[] {
  return [...heapFlags(heap), ...TS_RUNNER, path.join(ROOT, entry)];
}

export interface Part {
  readonly name: string;
  /** The OS process id while it runs. */
  pid(): number | undefined;
  running(): boolean;
  start(): Promise<void>;
  /** kill -9, and wait until the process is gone. */
  kill(): Promise<void>;
  /** Times the process left without being asked to (and was started again by the supervisor). */
  readonly unexpectedExits: number;
}

export interface NodePart extends Part {
  /** Highest resident set size seen (VmHWM of every incarnation), in MiB. */
  peakRssMiB(): number;
  /** The last lines this process wrote. */
  logTail(lines?: number): string;
}

export interface Stack {
  dataDir: string;
  apiUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  signingKeysDir: string;
  postgres: Part;
  temporal: Part;
  worker: NodePart;
  api: NodePart;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Default: a fresh temporary folder, removed on stop. */
  dataDir?: string;
  logLevel?: string;
  /** Start the worker or API again (after 1 s) when it dies unasked, as `npm start` does. Default true. */
  supervise?: boolean;
  /** Extra environment for the worker and API. */
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}


/** The heap settings in an environment (as config/index.ts reads them), else the defaults. */
function heapOf(env: NodeJS.ProcessEnv): HeapSettings {
  return {
    heapMb: env.PROCESS_HEAP_MB ? Number(env.PROCESS_HEAP_MB) : DEFAULT_HEAP.heapMb,
    semiSpaceMb: env.PROCESS_SEMI_SPACE_MB ? Number(env.PROCESS_SEMI_SPACE_MB) : DEFAULT_HEAP.semiSpaceMb,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function killAndWait(pid: number | undefined, timeoutMs = 30_000): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid!, 'SIGKILL');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await sleep(50);
  // A zombie (not yet reaped by its parent) still answers kill 0: /proc tells it is dead.
}

async function retry<T>(what: string, fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(err as Error).message}`);
      await sleep(1000);
    }
  }
}

/** Starts everything; resolves when the API answers /api/ready. */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const ownDir = !opts.dataDir;
  const dataDir = path.resolve(opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'edoc-stack-')));
  fs.mkdirSync(dataDir, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, who must reach its folder inside this one.
  fs.chmodSync(dataDir, 0o755);
  const trustAnchorsDir = path.join(dataDir, 'trust-anchors');
  const signingKeysDir = path.join(dataDir, 'signing-keys');
  for (const d of [trustAnchorsDir, signingKeysDir]) fs.mkdirSync(d, { recursive: true });
  const [pgPort, temporalPort, apiPort] = [await freePort(), await freePort(), await freePort()];

  // ---- PostgreSQL ---------------------------------------------------------------------------
  let pg: EmbeddedPostgres | undefined;
  const pgDir = path.join(dataDir, 'postgres');
  const postmasterPid = (): number | undefined => {
    try {
      const pid = Number.parseInt(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0], 10);
      return alive(pid) ? pid : undefined;
    } catch {
      return undefined;
    }
  };
  const postgres: Part = {
    name: 'postgres',
    pid: postmasterPid,
    running: () => postmasterPid() !== undefined,
    // After a kill -9 the old backends may hold the shared memory for a moment: try again.
    start: async () => {
      pg = await retry('PostgreSQL did not start', () => startEmbeddedPostgres({ dataDir: pgDir, port: pgPort, persistent: true }), 60_000);
    },
    kill: async () => {
      const pid = postmasterPid();
      await killAndWait(pid);
      // The backends notice their postmaster's death and leave; wait for the port to free.
      await sleep(500);
    },
    unexpectedExits: 0,
  };
  await postgres.start();
  await pg!.createDatabase('edoc');
  const databaseUrl = pg!.url('edoc');

  // ---- Temporal dev server ------------------------------------------------------------------
  const cliPath = process.env.TEMPORAL_CLI_PATH ?? (await resolveTemporalCli());
  let dev: DevServer | undefined;
  const temporal: Part = {
    name: 'temporal',
    pid: () => (dev?.child && dev.child.exitCode === null && dev.child.signalCode === null ? dev.child.pid : undefined),
    running: () => temporal.pid() !== undefined,
    start: async () => {
      dev = await startDevServer({ cliPath, dbFile: path.join(dataDir, 'temporal.db'), port: temporalPort, headless: true, logFile: path.join(dataDir, 'temporal.log') });
    },
    kill: async () => {
      const child = dev?.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    unexpectedExits: 0,
  };
  await temporal.start();
  const temporalAddress = dev!.address;

  // ---- schema, demo data, demo certificates -------------------------------------------------
  const db = connectDatabase(databaseUrl);
  try {
    await migrate(db.sequelize);
    await seed(db, { provinceCode: '000.00.00.H52', demoPassword: STACK_PASSWORD, withDemoUsers: true });
    const [rows] = await db.sequelize.query(
      `SELECT o.code, o.name FROM organizations o WHERE EXISTS (SELECT 1 FROM users u WHERE u.organization_code = o.code AND u.active AND u.roles && ARRAY['clerk','leader']::text[])`,
    );
    const orgs = rows as Array<{ code: string; name: string }>;
    await ensureDemoPki({ dataDir, trustAnchorsDir, signingKeysDir, orgCodes: orgs.map((o) => o.code), orgNames: Object.fromEntries(orgs.map((o) => [o.code, o.name])) });
  } finally {
    await db.close();
  }

  // ---- worker and API -----------------------------------------------------------------------
  const workflowBundle = await writeWorkflowBundle(path.join(dataDir, 'workflow-bundle.js'));
  const env: NodeJS.ProcessEnv = {
    WORKFLOW_BUNDLE: workflowBundle,
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    DATA_DIR: dataDir,
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    INTEROP_PORT: '0',
    LOG_LEVEL: opts.logLevel ?? 'warn',
    JWT_SECRET: 'stack-secret-stack-secret-stack-secret-0123',
    ...opts.env,
  };
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const supervise = opts.supervise ?? true;
  const worker = nodePart('worker', 'worker/main.ts', env, dataDir, supervise, log, async (out, gone) => {
    while (!gone() && !/worker started|state: 'RUNNING'/.test(out())) await sleep(100);
  });
  const api = nodePart('api', 'api/main.ts', env, dataDir, supervise, log, async (_out, gone) => {
    while (!gone() && !(await fetch(`${apiUrl}/api/health`).then((r) => r.ok, () => false))) await sleep(100);
  });
  await Promise.all([worker.start(), api.start()]);

  let stopped = false;
  return {
    dataDir,
    apiUrl,
    databaseUrl,
    temporalAddress,
    signingKeysDir,
    postgres,
    temporal,
    worker,
    api,
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all([worker.stopGracefully(), api.stopGracefully()]);
      await dev?.stop().catch(() => undefined);
      await pg?.stop().catch(() => undefined);
      if (!postgres.running()) await killAndWait(postmasterPid());
      if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A Node entry point as one OS process (not tsx's CLI, whose script runs in a grandchild). */
function nodePart(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  dataDir: string,
  supervise: boolean,
  log: (line: string) => void,
  ready: (output: () => string, gone: () => boolean) => Promise<void>,
): NodePart & { stopGracefully(): Promise<void> } {
  let child: ChildProcess | undefined;
  let output = '';
  let peakKiB = 0;
  let expectExit = false;
  let closing = false;
  let unexpectedExits = 0;
  const logFile = fs.createWriteStream(path.join(dataDir, `${name}.log`), { flags: 'a' });
  const sampleRss = () => {
    const pid = child?.pid;
    if (!pid) return;
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peakKiB = Math.max(peakKiB, Number(m[1]));
    } catch {
      /* gone */
    }
  };
  const sampler = setInterval(sampleRss, 250);
  sampler.unref();

  const launch = async (): Promise<void> => {
    expectExit = false;
    output = '';
    const c = spawn(process.execPath, nodeArgs(heapOf(env), entry), { cwd: ROOT, env: processEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    const collect = (d: Buffer) => {
      logFile.write(d);
      output = (output + d.toString()).slice(-200_000);
    };
    c.stdout!.on('data', collect);
    c.stderr!.on('data', collect);
    const exited = new Promise<never>((_, reject) =>
      c.once('exit', (code, signal) => {
        if (!expectExit && !closing) {
          unexpectedExits += 1;
          log(`${name} exited unasked (${signal ?? code})${supervise ? '; starting it again in 1 s' : ''}\n${tail(output, 15)}`);
          if (supervise) setTimeout(() => void launch().catch((err: Error) => log(`${name} restart failed: ${err.message}`)), 1000);
        }
        reject(new Error(`${name} exited (${signal ?? code}) before it was ready:\n${tail(output, 30)}`));
      }),
    );
    exited.catch(() => undefined);
    await Promise.race([ready(() => output, () => c.exitCode !== null || c.signalCode !== null), exited]);
  };

  const part: NodePart & { stopGracefully(): Promise<void> } = {
    name,
    pid: () => (child && child.exitCode === null && child.signalCode === null ? child.pid : undefined),
    running: () => part.pid() !== undefined,
    start: launch,
    kill: async () => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      sampleRss();
      expectExit = true;
      const gone = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await gone;
    },
    get unexpectedExits() {
      return unexpectedExits;
    },
    peakRssMiB: () => {
      sampleRss();
      return Math.round(peakKiB / 1024);
    },
    logTail: (lines = 40) => tail(output, lines),
    stopGracefully: async () => {
      closing = true;
      clearInterval(sampler);
      const c = child;
      if (c && c.exitCode === null && c.signalCode === null) {
        const gone = new Promise((r) => c.once('exit', r));
        c.kill('SIGTERM');
        const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
        await gone;
        clearTimeout(timer);
      }
      logFile.end();
    },
  };
  return part;
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
