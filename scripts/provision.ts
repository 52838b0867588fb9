// Owns the provisioning entry point: `npx tsx scripts/provision.ts [cli|test-server|all]`.
// Resolves (finding, downloading or building) the Temporal CLI and the time-skipping test
// server before tests run. Progress and timings go to stderr; stdout carries only
// `TEMPORAL_CLI_PATH=…` / `TEMPORAL_TEST_SERVER_PATH=…` lines, so a shell can eval them.

import { step } from './lib/log-step';
import { resolveTemporalCli } from './lib/temporal-cli';
import { resolveTestServer } from './lib/test-server';

type Target = 'cli' | 'test-server' | 'all';
const TARGETS: readonly Target[] = ['cli', 'test-server', 'all'];

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

async function main(): Promise<void> {
  const arg = process.argv[2] ?? 'all';
  if (arg === '-h' || arg === '--help' || !TARGETS.includes(arg as Target)) {
    process.stderr.write('usage: npx tsx scripts/provision.ts [cli|test-server|all]\n');
    process.exitCode = arg === '-h' || arg === '--help' ? 0 : 2;
    return;
  }
  const target = arg as Target;
  const results: string[] = [];
  await step(`provision ${target}`, async () => {
    if (target !== 'test-server') {
      if (process.env.TEMPORAL_ADDRESS) {
        // The user's cluster is used as it is; nothing will be started, so no CLI is needed.
        process.stderr.write(`  TEMPORAL_ADDRESS=${process.env.TEMPORAL_ADDRESS}: no Temporal CLI needed\n`);
      } else {
        results.push(`TEMPORAL_CLI_PATH=${shellQuote(await resolveTemporalCli())}`);
      }
    }
    if (target !== 'cli') {
      results.push(`TEMPORAL_TEST_SERVER_PATH=${shellQuote(await resolveTestServer())}`);
    }
  });
  process.stdout.write(results.map((line) => `${line}\n`).join(''));
}

main().catch((err: unknown) => {
  // step() has already printed the failure with its timing; this is the detail for the user.
  process.stderr.write(`\nprovisioning failed:\n${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
