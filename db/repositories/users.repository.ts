/**
 * Accounts read and written as plain objects (R-SEC-2). Every query names its columns: the
 * password hash leaves this module only through `passwordHashOf`, for verification, never in a
 * record. Rows are never deleted (history refers to users); deactivation sets `active`.
 */
import { QueryTypes, UniqueConstraintError, type Transaction } from 'sequelize';
import type { Database } from '../database';
import type { Role } from '../models';

export interface UserRecord {
  id: string;
  username: string;
  fullName: string;
  position: string | null;
  email: string | null;
  phone: string | null;
  organizationCode: string;
  organizationName: string;
  departmentId: string | null;
  supervisesCode: string | null;
  roles: Role[];
  active: boolean;
  passwordChangedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface UserListFilter {
  q?: string;
  organizationCode?: string;
  role?: Role;
  active?: boolean;
  id?: string | string[];
}

export interface Page {
  offset: number;
  limit: number;
  sortField: string;
  sortOrder: 'ASC' | 'DESC';
}

export interface UserInput {
  username: string;
  passwordHash: string;
  fullName: string;
  position: string | null;
  email: string | null;
  phone: string | null;
  organizationCode: string;
  departmentId: string | null;
  supervisesCode: string | null;
  roles: Role[];
}

export type UserPatch = Partial<Omit<UserInput, 'username' | 'passwordHash'> & { active: boolean }>;

const SELECT = `
  SELECT u.id, u.username, u.full_name AS "fullName", u.position, u.email, u.phone,
         u.organization_code AS "organizationCode", o.name AS "organizationName",
         u.department_id AS "departmentId", u.supervises_code AS "supervisesCode", u.roles, u.active,
         u.password_changed_at AS "passwordChangedAt", u.created_at AS "createdAt", u.updated_at AS "updatedAt"
  FROM users u JOIN organizations o ON o.code = u.organization_code`;

const SORT: Record<string, string> = {
  id: 'u.username',
  username: 'u.username',
  fullName: 'u.full_name',
  organizationCode: 'u.organization_code',
  active: 'u.active',
  createdAt: 'u.created_at',
  updatedAt: 'u.updated_at',
};
export const USER_SORTABLE = Object.keys(SORT);

/** Columns a patch may set, by patch key. */
const COLUMN: Record<keyof UserPatch, string> = {
  fullName: 'full_name',
  position: 'position',
  email: 'email',
  phone: 'phone',
  organizationCode: 'organization_code',
  departmentId: 'department_id',
  supervisesCode: 'supervises_code',
  roles: 'roles',
  active: 'active',
};

/** Serializes changes that could take the last admin away (see `lockAccounts`). */
const ACCOUNTS_LOCK_KEY = 2588_0006;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createUsersRepository(db: Database) {
  const { sequelize } = db;

  function where(f: UserListFilter): { sql: string; replacements: Record<string, unknown> } {
    const and: string[] = [];
    const replacements: Record<string, unknown> = {};
    if (f.organizationCode) {
      and.push('u.organization_code = :organizationCode');
      replacements.organizationCode = f.organizationCode;
    }
    if (f.role) {
      and.push('u.roles @> ARRAY[:role]::text[]');
      replacements.role = f.role;
    }
    if (f.active !== undefined) {
      and.push('u.active = :active');
      replacements.active = f.active;
    }
    if (f.id !== undefined) {
      and.push('u.id IN (:ids)');
      replacements.ids = Array.isArray(f.id) ? (f.id.length ? f.id : ['00000000-0000-0000-0000-000000000000']) : [f.id];
    }
    if (f.q) {
      // Accent-insensitive: "hoa" finds "Lò Thị Hoa", "duc" finds "Trần Minh Đức".
      and.push(`fold_vi(u.username || ' ' || u.full_name || ' ' || coalesce(u.email, '') || ' ' || coalesce(u.position, '')) LIKE fold_vi(:q)`);
      replacements.q = `%${f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    return { sql: and.length ? `WHERE ${and.join(' AND ')}` : '', replacements };
  }

  async function getOne(id: string, transaction?: Transaction): Promise<UserRecord | null> {
    if (!UUID.test(id)) return null;
    const rows = await sequelize.query<UserRecord>(`${SELECT} WHERE u.id = :id`, { replacements: { id }, type: QueryTypes.SELECT, transaction });
    return rows[0] ?? null;
  }

  return {
    async list(filter: UserListFilter, page: Page): Promise<{ rows: UserRecord[]; total: number }> {
      const w = where(filter);
      const order = `${SORT[page.sortField] ?? 'u.username'} ${page.sortOrder === 'DESC' ? 'DESC' : 'ASC'}, u.username ASC`;
      const rows = await sequelize.query<UserRecord>(`${SELECT} ${w.sql} ORDER BY ${order} OFFSET :offset LIMIT :limit`, {
        replacements: { ...w.replacements, offset: page.offset, limit: page.limit },
        type: QueryTypes.SELECT,
      });
      const [{ n }] = await sequelize.query<{ n: string }>(`SELECT count(*) AS n FROM users u ${w.sql}`, { replacements: w.replacements, type: QueryTypes.SELECT });
      return { rows, total: Number(n) };
    },

    get: getOne,

    /** The new account, or which unique field it collides with. */
    async insert(input: UserInput): Promise<{ created: UserRecord } | { conflict: 'username' }> {
      try {
        const [rows] = (await sequelize.query(
          `INSERT INTO users (username, password_hash, full_name, position, email, phone, organization_code, department_id, supervises_code, roles, password_changed_at)
           VALUES (:username, :passwordHash, :fullName, :position, :email, :phone, :organizationCode, :departmentId, :supervisesCode, ARRAY[:roles]::text[], now())
           RETURNING id`,
          { replacements: { ...input } },
        )) as [Array<{ id: string }>, unknown];
        return { created: (await getOne(rows[0].id))! };
      } catch (err) {
        if (err instanceof UniqueConstraintError) return { conflict: 'username' };
        throw err;
      }
    },

    async update(id: string, patch: UserPatch, transaction?: Transaction): Promise<UserRecord | null> {
      const sets: string[] = ['updated_at = now()'];
      const replacements: Record<string, unknown> = { id };
      // Deactivation ends every session for good: tokens issued before it stay void after a reactivation.
      if (patch.active === false) sets.push('sessions_revoked_at = CASE WHEN active THEN now() ELSE sessions_revoked_at END');
      for (const [key, column] of Object.entries(COLUMN) as Array<[keyof UserPatch, string]>) {
        if (patch[key] === undefined) continue;
        sets.push(key === 'roles' ? `${column} = ARRAY[:${key}]::text[]` : `${column} = :${key}`);
        replacements[key] = patch[key];
      }
      await sequelize.query(`UPDATE users SET ${sets.join(', ')} WHERE id = :id`, { replacements, transaction });
      return getOne(id, transaction);
    },

    async setPassword(id: string, passwordHash: string): Promise<UserRecord | null> {
      await sequelize.query('UPDATE users SET password_hash = :passwordHash, password_changed_at = now(), updated_at = now() WHERE id = :id', {
        replacements: { id, passwordHash },
      });
      return getOne(id);
    },

    /** For verifying a password only; active accounts only. */
    async passwordHashOf(id: string): Promise<string | null> {
      const rows = await sequelize.query<{ hash: string }>('SELECT password_hash AS hash FROM users WHERE id = :id AND active', { replacements: { id }, type: QueryTypes.SELECT });
      return rows[0]?.hash ?? null;
    },

    async organizationExists(code: string): Promise<boolean> {
      const rows = await sequelize.query('SELECT 1 FROM organizations WHERE code = :code', { replacements: { code }, type: QueryTypes.SELECT });
      return rows.length > 0;
    },

    /** The organization a department belongs to, or null when there is no such department or it is retired. */
    async departmentOrganization(id: string): Promise<string | null> {
      const rows = await sequelize.query<{ code: string }>('SELECT organization_code AS code FROM departments WHERE id = :id AND active', { replacements: { id }, type: QueryTypes.SELECT });
      return rows[0]?.code ?? null;
    },

    /**
     * Runs `fn` in a transaction that holds the accounts lock: changes to roles and activity run
     * one at a time, so two admins removing each other's admin role cannot both succeed.
     */
    withAccountsLock<T>(fn: (transaction: Transaction) => Promise<T>): Promise<T> {
      return sequelize.transaction(async (transaction) => {
        await sequelize.query(`SELECT pg_advisory_xact_lock(${ACCOUNTS_LOCK_KEY})`, { transaction });
        return fn(transaction);
      });
    },

    async isActiveAdmin(id: string, transaction?: Transaction): Promise<boolean> {
      const rows = await sequelize.query(`SELECT 1 FROM users WHERE id = :id AND active AND roles @> ARRAY['admin']::text[]`, {
        replacements: { id },
        type: QueryTypes.SELECT,
        transaction,
      });
      return rows.length > 0;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
