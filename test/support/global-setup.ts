/**
 * Once per jest run: a real embedded PostgreSQL in a temporary folder, and the paths of the real
 * Temporal binaries (time-skipping test server, CLI dev server) provisioned as TEMPORAL.md says.
 * Suites create their own databases and Temporal environments from these.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/lib/ports';
import { startEmbeddedPostgres } from '../../scripts/lib/postgres';
import { resolveTemporalCli } from '../../scripts/lib/temporal-cli';
import { resolveTestServer } from '../../scripts/lib/test-server';

export { freePort };

export default async function globalSetup(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edoc-test-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, log: false });
  process.env.TEST_PG_ADMIN_URL = pg.url('postgres');
  process.env.TEMPORAL_TEST_SERVER_PATH ??= await resolveTestServer();
  process.env.TEMPORAL_CLI_PATH ??= await resolveTemporalCli();
  (globalThis as Record<string, unknown>).__edocTest = { pg, dataDir };
}
