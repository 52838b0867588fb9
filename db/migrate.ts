/**
 * Schema migrations with umzug (never `sync()`): each migration runs inside one transaction,
 * and an advisory lock keeps two starting processes from migrating at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Sequelize, Transaction } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';

export interface MigrationContext {
  query(sql: string): Promise<unknown>;
}
export type Migration = (params: { context: MigrationContext }) => Promise<void>;

const DIR = path.join(__dirname, 'migrations');

/** Every `NNNN-name.ts` in db/migrations, in name order; the file name is the migration's id. */
function loadMigrations(): Array<{ name: string; up: Migration; down: Migration }> {
  return fs
    .readdirSync(DIR)
    .filter((f) => /^\d{4}-[a-z0-9-]+\.(ts|js)$/.test(f))
    .sort()
    .map((f) => {
      const mod = require(path.join(DIR, f)) as { up: Migration; down: Migration };
      return { name: f.replace(/\.(ts|js)$/, ''), up: mod.up, down: mod.down };
    });
}

const LOCK_KEY = 258_82018;

export async function migrate(sequelize: Sequelize, log: (msg: string) => void = () => {}): Promise<string[]> {
  const inTransaction = (fn: Migration) => () =>
    sequelize.transaction(async (transaction: Transaction) => {
      await fn({ context: { query: (sql) => sequelize.query(sql, { transaction }) } });
    });
  const umzug = new Umzug({
    migrations: loadMigrations().map((mig) => ({ name: mig.name, up: inTransaction(mig.up), down: inTransaction(mig.down) })),
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
  return sequelize.transaction(async (lockTx) => {
    // Held until this transaction ends; a second migrator waits here, then finds nothing to do.
    await sequelize.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`, { transaction: lockTx });
    const done = await umzug.up();
    for (const d of done) log(`migrated ${d.name}`);
    return done.map((d) => d.name);
  });
}
