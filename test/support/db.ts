/** A fresh, migrated database per suite on the run's embedded PostgreSQL. */
import crypto from 'node:crypto';
import { Client } from 'pg';
import { connectDatabase, type Database } from '../../db/database';
import { migrate } from '../../db/migrate';

export interface TestDatabase {
  db: Database;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  if (!adminUrl) throw new Error('TEST_PG_ADMIN_URL is not set: run through jest (test/support/global-setup.ts)');
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
  const db = connectDatabase(url, { poolMax: 5 });
  await migrate(db.sequelize);
  return {
    db,
    url,
    async drop() {
      await db.close();
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
