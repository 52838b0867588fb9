/**
 * `npm test`: provisions what the suite needs (Debian packages, the Temporal CLI and the
 * time-skipping test server, the built back office), then runs the whole jest suite in band.
 * Extra arguments go to jest, e.g. `npm test -- test/unit`.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { packageBin, step } from './lib/log-step';
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
  const jestArgs = process.argv.slice(2);
  if (!jestArgs.length) {
    // The whole suite also proves the code type-checks and keeps the architecture's boundaries.
    await step('type-check (tsc)', () => run(packageBin('typescript', 'bin/tsc'), ['-p', 'tsconfig.json', '--noEmit']));
    await step('type-check the back office (tsc)', () => run(packageBin('typescript', 'bin/tsc'), ['-p', 'admin-ui/tsconfig.json', '--noEmit']));
    await step('lint (eslint: import boundaries, floating promises)', () => run(packageBin('eslint', 'bin/eslint.js'), ['.']));
  }
  const jest = packageBin('jest', 'bin/jest.js');
  const code = await exitCode(jest, ['--runInBand', ...jestArgs]);
  process.stderr.write(`whole test run: ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  process.exitCode = code;
}

function exitCode(script: string, args: string[]): Promise<number> {
  return new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: path.resolve(__dirname, '..'), stdio: 'inherit', env: process.env });
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
}

async function run(script: string, args: string[]): Promise<void> {
  const code = await exitCode(script, args);
  if (code !== 0) throw new Error(`${path.basename(script)} ${args.join(' ')} failed (exit ${code})`);
}

main().catch((err: unknown) => {
  process.stderr.write(`test setup failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
