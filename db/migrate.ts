/**
 * Schema migrations with umzug (never `sync()`): each migration runs inside one transaction,
 * and an advisory lock keeps two starting processes from migrating at once.
 */
import { Sequelize, Transaction } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import * as m0001 from './migrations/0001-organizations-users';
import * as m0002 from './migrations/0002-documents-registers';

export interface MigrationContext {
  query(sql: string): Promise<unknown>;
}
export type Migration = (params: { context: MigrationContext }) => Promise<void>;

const MIGRATIONS: Array<{ name: string; up: Migration; down: Migration }> = [
  { name: '0001-organizations-users', ...m0001 },
  { name: '0002-documents-registers', ...m0002 },
];

const LOCK_KEY = 258_82018;

export async function migrate(sequelize: Sequelize, log: (msg: string) => void = () => {}): Promise<string[]> {
  const inTransaction = (fn: Migration) => () =>
    sequelize.transaction(async (transaction: Transaction) => {
      await fn({ context: { query: (sql) => sequelize.query(sql, { transaction }) } });
    });
  const umzug = new Umzug({
    migrations: MIGRATIONS.map((mig) => ({ name: mig.name, up: inTransaction(mig.up), down: inTransaction(mig.down) })),
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
