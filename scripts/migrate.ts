/**
 * `npm run migrate`: applies pending migrations and the idempotent seed to DATABASE_URL, then
 * exits. Used by docker-compose's one-shot `migrate` service; `npm start` does the same inline.
 */
import { loadConfig } from '../config';
import { connectDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { seed } from '../db/seed';
import { note, step } from './lib/log-step';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required (npm start uses an embedded PostgreSQL instead)');
  const db = connectDatabase(config.DATABASE_URL);
  try {
    await step('migrate', () => migrate(db.sequelize, note));
    await step('seed', () => seed(db, { provinceCode: config.PROVINCE_CODE, demoPassword: config.DEMO_PASSWORD, withDemoUsers: config.SEED_DEMO_DATA }, note));
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
