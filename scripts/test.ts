/**
 * `npm test`: provisions what the suite needs (Debian packages, the Temporal CLI and the
 * time-skipping test server, the built back office), then runs the whole jest suite in band.
 * Extra arguments go to jest, e.g. `npm test -- test/unit`.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { step } from './lib/log-step';
import { ensureSystemPackages } from './lib/system-packages';
import { resolveTemporalCli } from './lib/temporal-cli';
import { resolveTestServer } from './lib/test-server';
import { buildUiIfStale } from './lib/ui-build';

async function main(): Promise<void> {
  const started = Date.now();
  await step('provision test dependencies', async () => {
    await ensureSystemPackages();
    process.env.TEMPORAL_CLI_PATH ??= await resolveTemporalCli();
    process.env.TEMPORAL_TEST_SERVER_PATH ??= await resolveTestServer();
    await buildUiIfStale();
  });
  const jest = require.resolve('jest/bin/jest');
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [jest, '--runInBand', ...process.argv.slice(2)], {
      cwd: path.resolve(__dirname, '..'),
      stdio: 'inherit',
      env: process.env,
    });
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  process.stderr.write(`whole test run: ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  process.exitCode = code;
}

main().catch((err: unknown) => {
  process.stderr.write(`test setup failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
