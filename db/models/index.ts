/**
 * Sequelize models of the read model. Schema is owned by migrations (db/migrations); these only
 * map columns. Models exist for the tables code reads and writes today; the tables the later
 * document processes use get their models with those processes.
 */
import { DataTypes, Model, type Sequelize, type CreationOptional } from 'sequelize';
import type { ConnectionState } from '../../domain/connection';

export type OrganizationKind = 'province' | 'department' | 'district' | 'commune' | 'other';
export type Role = 'admin' | 'clerk' | 'leader' | 'specialist' | 'supervisor';
export const ROLES: readonly Role[] = ['admin', 'clerk', 'leader', 'specialist', 'supervisor'];

export class Organization extends Model {
  declare code: string;
  declare parentCode: string | null;
  declare name: string;
  declare shortName: string;
  declare kind: OrganizationKind;
  declare address: string | null;
  declare email: string | null;
  declare phone: string | null;
  declare fax: string | null;
  declare website: string | null;
  declare connectionState: ConnectionState;
  declare connectedAt: Date | null;
  declare deadlineMissed: boolean;
  declare nonCompliantSince: Date | null;
  declare lastReminderAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Department extends Model {
  declare id: string;
  declare organizationCode: string;
  declare name: string;
}

export class User extends Model {
  declare id: CreationOptional<string>;
  declare username: string;
  declare passwordHash: string;
  declare fullName: string;
  declare position: string | null;
  declare email: string | null;
  declare phone: string | null;
  declare organizationCode: string;
  declare departmentId: string | null;
  declare supervisesCode: string | null;
  declare roles: Role[];
  declare active: boolean;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export type ConnectionEventKind = 'state' | 'reminder' | 'overdue' | 'escalation';
export class ConnectionEvent extends Model {
  declare id: CreationOptional<string>;
  declare organizationCode: string;
  declare kind: ConnectionEventKind;
  declare state: ConnectionState | null;
  declare at: Date;
  declare actor: string;
  declare note: string | null;
  declare dedupeKey: string;
}

export class Notification extends Model {
  declare id: CreationOptional<string>;
  declare userId: string;
  declare kind: string;
  declare title: string;
  declare body: string;
  declare subjectType: string | null;
  declare subjectId: string | null;
  declare createdAt: CreationOptional<Date>;
  declare readAt: Date | null;
  declare dedupeKey: string;
}

export interface Models {
  Organization: typeof Organization;
  Department: typeof Department;
  User: typeof User;
  ConnectionEvent: typeof ConnectionEvent;
  Notification: typeof Notification;
}

/** A fresh definition each time: Sequelize mutates attribute objects (adds `field`). */
const ts = () => ({ type: DataTypes.DATE });

export function initModels(sequelize: Sequelize): Models {
  // Sequelize binds a model class to one connection: each database gets its own subclasses, so
  // two databases in one process (the federation test runs two provinces) never share them.
  const m: Models = {
    Organization: class Organization_ extends Organization {},
    Department: class Department_ extends Department {},
    User: class User_ extends User {},
    ConnectionEvent: class ConnectionEvent_ extends ConnectionEvent {},
    Notification: class Notification_ extends Notification {},
  };
  const { Organization: OrganizationModel, Department: DepartmentModel, User: UserModel, ConnectionEvent: ConnectionEventModel, Notification: NotificationModel } = m;
  const common = { sequelize, underscored: true };
  OrganizationModel.init(
    {
      code: { type: DataTypes.STRING(13), primaryKey: true },
      parentCode: DataTypes.STRING(13),
      name: DataTypes.TEXT,
      shortName: DataTypes.STRING(40),
      kind: DataTypes.STRING(20),
      address: DataTypes.TEXT,
      email: DataTypes.TEXT,
      phone: DataTypes.TEXT,
      fax: DataTypes.TEXT,
      website: DataTypes.TEXT,
      connectionState: DataTypes.STRING(30),
      connectedAt: ts(),
      deadlineMissed: DataTypes.BOOLEAN,
      nonCompliantSince: ts(),
      lastReminderAt: ts(),
    },
    { ...common, tableName: 'organizations', modelName: 'Organization' },
  );
  DepartmentModel.init(
    { id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 }, organizationCode: DataTypes.STRING(13), name: DataTypes.TEXT },
    { ...common, tableName: 'departments', modelName: 'Department', timestamps: false },
  );
  UserModel.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      username: DataTypes.STRING(64),
      passwordHash: DataTypes.TEXT,
      fullName: DataTypes.TEXT,
      position: DataTypes.TEXT,
      email: DataTypes.TEXT,
      phone: DataTypes.TEXT,
      organizationCode: DataTypes.STRING(13),
      departmentId: DataTypes.UUID,
      supervisesCode: DataTypes.STRING(13),
      roles: DataTypes.ARRAY(DataTypes.TEXT),
      active: DataTypes.BOOLEAN,
    },
    { ...common, tableName: 'users', modelName: 'User' },
  );
  ConnectionEventModel.init(
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      organizationCode: DataTypes.STRING(13),
      kind: DataTypes.STRING(20),
      state: DataTypes.STRING(30),
      at: ts(),
      actor: DataTypes.TEXT,
      note: DataTypes.TEXT,
      dedupeKey: DataTypes.TEXT,
    },
    { ...common, tableName: 'connection_events', modelName: 'ConnectionEvent', timestamps: false },
  );
  NotificationModel.init(
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      userId: DataTypes.UUID,
      kind: DataTypes.STRING(40),
      title: DataTypes.TEXT,
      body: DataTypes.TEXT,
      subjectType: DataTypes.STRING(30),
      subjectId: DataTypes.TEXT,
      createdAt: ts(),
      readAt: ts(),
      dedupeKey: DataTypes.TEXT,
    },
    { ...common, tableName: 'notifications', modelName: 'Notification', updatedAt: false },
  );
  OrganizationModel.hasMany(UserModel, { foreignKey: 'organizationCode' });
  UserModel.belongsTo(OrganizationModel, { foreignKey: 'organizationCode' });
  return m;
}
