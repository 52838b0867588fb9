/**
 * Connection to PostgreSQL: one Sequelize instance plus the models. `timestamptz` columns come
 * back as Date objects; the API renders them in +07:00 (R-TIME-1).
 */
import { Sequelize } from 'sequelize';
import { initModels, type Models } from './models';

export interface Database {
  sequelize: Sequelize;
  models: Models;
  close(): Promise<void>;
}

export function connectDatabase(url: string, opts: { poolMax?: number; logging?: boolean } = {}): Database {
  const sequelize = new Sequelize(url, {
    dialect: 'postgres',
    logging: opts.logging ? (sql) => process.stderr.write(`${sql}\n`) : false,
    pool: { max: opts.poolMax ?? 10, min: 0, idle: 10_000, acquire: 30_000 },
    dialectOptions: { application_name: 'sonla-edoc' },
  });
  const models = initModels(sequelize);
  return { sequelize, models, close: () => sequelize.close() };
}
