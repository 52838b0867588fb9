// Owns finding (or building) the Temporal CLI executable and running its dev server
// (`temporal server start-dev`) as a child process. Also holds the small helpers that
// scripts/lib/test-server.ts shares: executable look-up, the SDK download attempt, timeouts.
// The order of attempts follows shared/TEMPORAL.md: the SDK's own download cannot be
// reached from the CI machines, so the last resort is a `go install` from the module proxy.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { note, step } from './log-step';

export const CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
// Later tags carry a `replace` directive that `go install …@version` refuses.
export const CLI_VERSION = 'v1.5.1';
// On machines without internet the SDK download fails on name resolution within a second;
// the bound only matters when the network hangs instead of refusing.
export const SDK_DOWNLOAD_TIMEOUT_MS = 20_000;

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DEFAULT_TOOLS_DIR = path.join(REPO_ROOT, '.tools');

export interface Attempt {
  what: string;
  outcome: string;
  seconds: number;
}

export function elapsedSince(startMs: number): number {
  return Math.round((Date.now() - startMs) / 100) / 10;
}

export function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // Native SDK errors repeat the whole cause chain on one line; the first sentence is enough.
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.resolve(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** Executable named by an environment variable; a wrong value is an error, not a fall-through. */
export function executableFromEnv(variable: string): string | undefined {
  const value = process.env[variable];
  if (!value) return undefined;
  const file = path.resolve(value);
  if (!isExecutableFile(file)) {
    throw new Error(`${variable}=${value} is not an executable file (unset it to let provisioning find or build one)`);
  }
  return file;
}

/** Repo-relative when inside the repo, so log lines stay short. */
export function displayPath(file: string): string {
  const relative = path.relative(REPO_ROOT, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Newest executable under `dir` (a few levels deep) whose name starts with `prefix`. */
export function findNewestExecutable(dir: string, prefix: string, depth = 3): string | undefined {
  let best: { file: string; mtime: number } | undefined;
  const walk = (current: string, level: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory() && level < depth) walk(full, level + 1);
      else if (entry.name.startsWith(prefix) && isExecutableFile(full)) {
        const mtime = fs.statSync(full).mtimeMs;
        if (!best || mtime > best.mtime) best = { file: full, mtime };
      }
    }
  };
  walk(dir, 0);
  return best?.file;
}

/**
 * Lets the SDK download a server into `downloadDir` by starting (then tearing down) a test
 * environment, and returns the downloaded executable. Where downloads cannot be reached
 * this fails within a second; the timeout covers networks that hang instead.
 */
export async function downloadWithSdk(kind: 'dev-server' | 'time-skipping', downloadDir: string): Promise<string> {
  let testing: typeof import('@temporalio/testing');
  try {
    testing = await import('@temporalio/testing');
  } catch {
    throw new Error('@temporalio/testing is not installed (it is a devDependency)');
  }
  fs.mkdirSync(downloadDir, { recursive: true });
  const executable = { type: 'cached-download' as const, downloadDir };
  const started =
    kind === 'dev-server'
      ? testing.TestWorkflowEnvironment.createLocal({ server: { executable } })
      : testing.TestWorkflowEnvironment.createTimeSkipping({ server: { executable } });
  let timedOut = false;
  // If the timeout wins, a late success must still release the server it started.
  started.then(
    (env) => (timedOut ? env.teardown().catch(() => undefined) : undefined),
    () => undefined,
  );
  try {
    const env = await withTimeout(started, SDK_DOWNLOAD_TIMEOUT_MS, 'SDK download');
    await env.teardown();
  } catch (err) {
    timedOut = true;
    throw err;
  }
  const prefix = kind === 'dev-server' ? 'temporal' : 'temporal-test-server';
  const found = findNewestExecutable(downloadDir, prefix);
  if (!found) throw new Error(`the SDK started a server but no ${prefix}* executable was found in ${downloadDir}`);
  return found;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function runningCliBuilds(): Promise<number[]> {
  try {
    const { stdout } = await promisify(execFile)('pgrep', ['-f', `go install .*${CLI_MODULE}`]);
    return stdout
      .split('\n')
      .map((line) => Number.parseInt(line, 10))
      .filter((pid) => Number.isInteger(pid) && pid !== process.pid);
  } catch {
    // pgrep exits 1 when nothing matches, and may be missing altogether: both mean "none".
    return [];
  }
}

/** Waits for a `go install` of the CLI started elsewhere, so that two builds never race on GOBIN. */
async function waitForOtherBuild(): Promise<boolean> {
  const pids = await runningCliBuilds();
  if (pids.length === 0) return false;
  note(`a go install of the Temporal CLI is already running (pid ${pids.join(', ')}); waiting for it`);
  const start = Date.now();
  const limitMs = 30 * 60_000;
  let lastReport = start;
  while (pids.some(pidAlive)) {
    if (Date.now() - start > limitMs) {
      note('gave up waiting after 30 min');
      break;
    }
    if (Date.now() - lastReport >= 30_000) {
      note(`still waiting for the other go install (${elapsedSince(start)} s)`);
      lastReport = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  return true;
}

function findGo(): string | undefined {
  return findOnPath('go') ?? (isExecutableFile('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
}

async function goInstallCli(binDir: string): Promise<string> {
  const target = path.join(binDir, 'temporal');
  if (await waitForOtherBuild()) {
    if (isExecutableFile(target)) return target;
    note(`the other build left no ${target}; building here`);
  }
  const go = findGo();
  if (!go) throw new Error('go is not installed (Go ≥ 1.25 is needed)');
  fs.mkdirSync(binDir, { recursive: true });
  note(`CGO_ENABLED=0 GOBIN=${binDir} go install ${CLI_MODULE}@${CLI_VERSION} (a first build takes minutes)`);
  const child = spawn(go, ['install', `${CLI_MODULE}@${CLI_VERSION}`], {
    env: { ...process.env, CGO_ENABLED: '0', GOBIN: binDir },
    stdio: ['ignore', process.stderr, process.stderr],
  });
  const start = Date.now();
  // go prints nothing while it compiles; a heartbeat tells a waiting user it is not stuck.
  const heartbeat = setInterval(() => note(`go install still running (${elapsedSince(start)} s)`), 30_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (exitCode) => resolve(exitCode));
    });
    if (code !== 0) throw new Error(`go install exited with code ${code}`);
  } finally {
    clearInterval(heartbeat);
  }
  if (!isExecutableFile(target)) throw new Error(`go install succeeded but ${target} is missing`);
  return target;
}

/**
 * Absolute path of a Temporal CLI executable: TEMPORAL_CLI_PATH, `temporal` on PATH, the cached
 * build in `.tools/bin`, the SDK's download, and finally a `go install` (minutes, once).
 */
export async function resolveTemporalCli(opts: { toolsDir?: string } = {}): Promise<string> {
  const toolsDir = path.resolve(opts.toolsDir ?? DEFAULT_TOOLS_DIR);
  const cached = path.join(toolsDir, 'bin', 'temporal');
  const attempts: Attempt[] = [];

  const attempt = async (what: string, fn: () => Promise<string | undefined>): Promise<string | undefined> => {
    const start = Date.now();
    try {
      const found = await fn();
      const seconds = elapsedSince(start);
      attempts.push({ what, outcome: found ? `found ${found}` : 'not found', seconds });
      note(`${what}: ${found ? found : 'not found'} (${seconds} s)`);
      return found;
    } catch (err) {
      const seconds = elapsedSince(start);
      attempts.push({ what, outcome: `failed: ${errorText(err)}`, seconds });
      note(`${what}: failed after ${seconds} s: ${errorText(err)}`);
      return undefined;
    }
  };

  return step('resolve Temporal CLI', async () => {
    const fromEnv = executableFromEnv('TEMPORAL_CLI_PATH');
    if (fromEnv) {
      note(`TEMPORAL_CLI_PATH: ${fromEnv}`);
      return fromEnv;
    }
    const found =
      (await attempt('temporal on PATH', async () => findOnPath('temporal'))) ??
      (await attempt(`cached ${displayPath(cached)}`, async () =>
        isExecutableFile(cached) ? cached : undefined,
      )) ??
      (await attempt('SDK download (cached-download)', () =>
        downloadWithSdk('dev-server', path.join(toolsDir, 'sdk-download')),
      )) ??
      (await attempt(`go install ${CLI_MODULE}@${CLI_VERSION}`, () => goInstallCli(path.dirname(cached))));
    if (found) return found;
    throw new Error(
      [
        'no Temporal CLI could be found or built. Tried:',
        ...attempts.map((a) => `  - ${a.what}: ${a.outcome} (${a.seconds} s)`),
        'What you can do:',
        '  - set TEMPORAL_ADDRESS=host:port to use a Temporal server that is already running (nothing is started then);',
        '  - set TEMPORAL_CLI_PATH to a Temporal CLI executable, or put `temporal` on PATH;',
        `  - install Go ≥ 1.25 so that ${CLI_MODULE}@${CLI_VERSION} can be built into ${path.dirname(cached)}.`,
      ].join('\n'),
    );
  });
}

export interface DevServerOptions {
  cliPath: string;
  /** SQLite file that keeps workflows across restarts; in memory when omitted. */
  dbFile?: string;
  port?: number;
  /** Defaults to port + 1000, like the CLI. */
  uiPort?: number;
  /** Created in addition to `default`. */
  namespace?: string;
  /** Server output is appended here; to stderr when omitted. */
  logFile?: string;
  headless?: boolean;
  /** Default 60 s: a cold SQLite start with the UI takes a few seconds on 2 cores. */
  readyTimeoutMs?: number;
  /** `--dynamic-config-value key=value` settings of the server. */
  dynamicConfig?: Record<string, string | number | boolean>;
}

export interface DevServer {
  address: string;
  /** Undefined when headless, or when a reused server does not serve a UI there. */
  uiUrl: string | undefined;
  stop(): Promise<void>;
  /** Null when a server that was already running on the port is reused. */
  child: ChildProcess | null;
  reused: boolean;
}

function portAcceptsConnection(port: number, host = '127.0.0.1', timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when a Temporal frontend answers GetSystemInfo at `address`. */
export async function temporalAnswers(address: string, connectTimeoutMs = 1_000): Promise<boolean> {
  const { Connection } = await import('@temporalio/client');
  let connection: Awaited<ReturnType<typeof Connection.connect>> | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: connectTimeoutMs });
    await connection.workflowService.getSystemInfo({});
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

function tailOf(file: string | undefined, lines = 20): string {
  if (!file) return '';
  try {
    const text = fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    return text ? `\nlast lines of ${file}:\n${text}` : '';
  } catch {
    return '';
  }
}

/**
 * Starts `temporal server start-dev` and resolves once its frontend answers a real request.
 * A Temporal server already listening on the port (e.g. left by a previous run) is reused.
 */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const port = opts.port ?? 7233;
  const uiPort = opts.uiPort ?? port + 1000;
  const address = `127.0.0.1:${port}`;
  const uiUrl = opts.headless ? undefined : `http://127.0.0.1:${uiPort}`;

  if (await portAcceptsConnection(port)) {
    if (await temporalAnswers(address, 3_000)) {
      const uiUp = uiUrl !== undefined && (await portAcceptsConnection(uiPort));
      note(`reusing the Temporal server already running at ${address}`);
      return { address, uiUrl: uiUp ? uiUrl : undefined, stop: async () => undefined, child: null, reused: true };
    }
    throw new Error(`port ${port} is in use by something that is not a Temporal server; choose another port`);
  }

  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', 'default'];
  if (opts.namespace && opts.namespace !== 'default') args.push('--namespace', opts.namespace);
  if (opts.dbFile) {
    fs.mkdirSync(path.dirname(path.resolve(opts.dbFile)), { recursive: true });
    args.push('--db-filename', path.resolve(opts.dbFile));
  }
  if (opts.headless) args.push('--headless');
  else args.push('--ui-port', String(uiPort));
  args.push('--log-level', 'warn');
  for (const [key, value] of Object.entries(opts.dynamicConfig ?? {})) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);

  let logFd: number | undefined;
  if (opts.logFile) {
    fs.mkdirSync(path.dirname(path.resolve(opts.logFile)), { recursive: true });
    logFd = fs.openSync(opts.logFile, 'a');
  }
  const output = logFd ?? process.stderr;
  const child = spawn(opts.cliPath, args, { stdio: ['ignore', output, output] });
  if (logFd !== undefined) fs.closeSync(logFd);

  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  spawnError.catch(() => undefined);
  // A server that outlives this process would hold the port and the SQLite file.
  const killOnExit = (): void => {
    if (!exited) child.kill('SIGTERM');
  };
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (exited) return;
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exitPromise;
    clearTimeout(killTimer);
  };

  const readyTimeoutMs = opts.readyTimeoutMs ?? 60_000;
  const deadline = Date.now() + readyTimeoutMs;
  const waitReady = async (): Promise<void> => {
    while (Date.now() < deadline) {
      if (exited) {
        throw new Error(
          `temporal server start-dev exited (code ${exited.code}, signal ${exited.signal}) before it was ready${tailOf(opts.logFile)}`,
        );
      }
      if (await temporalAnswers(address, 1_000)) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`Temporal dev server did not answer at ${address} within ${readyTimeoutMs / 1000} s${tailOf(opts.logFile)}`);
  };
  try {
    await Promise.race([waitReady(), spawnError]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, uiUrl, stop, child, reused: false };
}
