/**
 * Departments (phòng, ban) of the organizations: where routing rules send documents
 * (R-ROUTE-1 target `{kind: 'department'}`), what users belong to and what tasks are assigned
 * to. Admin data; read by everyone within their organization scope. A department still in use
 * is never removed; one only the history names is retired (`active = false`), so documents,
 * tasks and old rule versions keep showing its name.
 */
import { QueryTypes, UniqueConstraintError, type Transaction } from 'sequelize';
import { subtreeLikePattern } from '../../domain/org-code';
import type { Database } from '../database';
import { Conditions, isUuid, likePattern, orderBy, type Page } from './paging';

export type { Page } from './paging';

/** Admins see every department; others their own organization, supervisors also their subtree. */
export type DepartmentScope = { kind: 'all' } | { kind: 'organization'; code: string; subtree: string | null };

export interface DepartmentRecord {
  id: string;
  organizationCode: string;
  organizationName: string | null;
  name: string;
  active: boolean;
  /** Active users who belong to it. */
  userCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface DepartmentInput {
  organizationCode: string;
  name: string;
  active: boolean;
}

export interface DepartmentFilter {
  q?: string;
  organizationCode?: string;
  active?: boolean;
  ids?: string[];
}

/** What still points at a department: the first three keep it from being retired or removed. */
export interface DepartmentUsage {
  activeUsers: number;
  openTasks: number;
  activeRules: number;
  /** Documents, finished tasks, deactivated users or rule versions that name it. */
  history: boolean;
}

const SORT: Record<string, string> = {
  id: 'd.id %s',
  name: 'fold_vi(d.name) %s',
  organizationCode: 'd.organization_code %s, fold_vi(d.name) %s',
  active: 'd.active %s',
  userCount: 'user_count %s',
  createdAt: 'd.created_at %s',
  updatedAt: 'd.updated_at %s',
};
export const DEPARTMENT_SORTABLE = Object.keys(SORT);

const SELECT = `
  SELECT d.id, d.organization_code, o.name AS organization_name, d.name, d.active, d.created_at, d.updated_at,
         (SELECT count(*) FROM users u WHERE u.department_id = d.id AND u.active)::int AS user_count
    FROM departments d
    JOIN organizations o ON o.code = d.organization_code`;

interface Row {
  id: string;
  organization_code: string;
  organization_name: string | null;
  name: string;
  active: boolean;
  user_count: number;
  created_at: Date;
  updated_at: Date;
}

const toRecord = (r: Row): DepartmentRecord => ({
  id: r.id,
  organizationCode: r.organization_code,
  organizationName: r.organization_name,
  name: r.name,
  active: r.active,
  userCount: r.user_count,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The same department name already exists in the organization (up to case and accents). */
export class DuplicateDepartmentError extends Error {}

function scoped(c: Conditions, scope: DepartmentScope): void {
  if (scope.kind === 'all') return;
  const own = `d.organization_code = ${c.bind(scope.code)}`;
  c.add(scope.subtree ? `(${own} OR d.organization_code LIKE ${c.bind(subtreeLikePattern(scope.subtree))})` : own);
}

export function createDepartmentsRepository(db: Database) {
  const { sequelize } = db;
  const select = <T extends object>(sql: string, bind: unknown[], transaction?: Transaction) => sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT, transaction });

  async function get(id: string, scope: DepartmentScope = { kind: 'all' }, transaction?: Transaction): Promise<DepartmentRecord | null> {
    if (!isUuid(id)) return null;
    const c = new Conditions();
    c.add(`d.id = ${c.bind(id)}`);
    scoped(c, scope);
    const [row] = await select<Row>(`${SELECT} ${c.where()}`, c.values, transaction);
    return row ? toRecord(row) : null;
  }

  const duplicate = (err: unknown): never => {
    if (err instanceof UniqueConstraintError) throw new DuplicateDepartmentError();
    throw err;
  };

  async function usage(id: string, transaction?: Transaction): Promise<DepartmentUsage> {
    const [u] = await select<{ active_users: number; open_tasks: number; active_rules: number; history: boolean }>(
      `SELECT (SELECT count(*) FROM users WHERE department_id = $1::uuid AND active)::int AS active_users,
              (SELECT count(*) FROM tasks WHERE assignee_department_id = $1::uuid AND status = 'open')::int AS open_tasks,
              (SELECT count(*) FROM (SELECT DISTINCT ON (id) active, target FROM routing_rules ORDER BY id, version DESC) r
                WHERE r.active AND r.target->>'kind' = 'department' AND r.target->>'departmentId' = $1::text)::int AS active_rules,
              EXISTS (SELECT 1 FROM documents WHERE department_id = $1::uuid)
                OR EXISTS (SELECT 1 FROM tasks WHERE assignee_department_id = $1::uuid)
                OR EXISTS (SELECT 1 FROM users WHERE department_id = $1::uuid)
                OR EXISTS (SELECT 1 FROM routing_rules WHERE target->>'kind' = 'department' AND target->>'departmentId' = $1::text) AS history`,
      [id],
      transaction,
    );
    return { activeUsers: u.active_users, openTasks: u.open_tasks, activeRules: u.active_rules, history: u.history };
  }

  return {
    get,
    usage,

    async list(f: DepartmentFilter, page: Page, scope: DepartmentScope): Promise<{ rows: DepartmentRecord[]; total: number }> {
      const c = new Conditions();
      scoped(c, scope);
      if (f.organizationCode !== undefined) c.add(`d.organization_code = ${c.bind(f.organizationCode)}`);
      if (f.active !== undefined) c.add(f.active ? 'd.active' : 'NOT d.active');
      if (f.q?.trim()) c.add(`fold_vi(d.name) LIKE fold_vi(${c.bind(likePattern(f.q))})`);
      if (f.ids !== undefined) c.anyUuid('d.id', f.ids);
      const [{ n }] = await select<{ n: string }>(`SELECT count(*) AS n FROM departments d ${c.where()}`, c.values);
      const rows = await select<Row>(`${SELECT} ${c.where()} ORDER BY ${orderBy(SORT, page, SORT.name, 'd.id')} ${c.paging(page)}`, c.values);
      return { rows: rows.map(toRecord), total: Number(n) };
    },

    async create(input: DepartmentInput): Promise<DepartmentRecord> {
      const [{ id }] = await select<{ id: string }>(
        'INSERT INTO departments (organization_code, name, active) VALUES ($1, $2, $3) RETURNING id',
        [input.organizationCode, input.name, input.active],
      ).catch(duplicate);
      return (await get(id))!;
    },

    async rename(id: string, name: string, tx: Transaction): Promise<void> {
      await select('UPDATE departments SET name = $2, updated_at = now() WHERE id = $1 RETURNING id', [id, name], tx).catch(duplicate);
    },

    /**
     * Runs `fn` with the department's row locked: a user or task being pointed at it meanwhile
     * waits (their foreign key check needs a key-share lock on this row), so the usage `fn`
     * reads stays true until it has retired or removed the department.
     */
    async withLocked<T>(id: string, fn: (current: DepartmentRecord, tx: Transaction) => Promise<T>): Promise<T | null> {
      if (!isUuid(id)) return null;
      return sequelize.transaction(async (tx) => {
        const locked = await select<{ id: string }>('SELECT id FROM departments WHERE id = $1 FOR UPDATE', [id], tx);
        if (!locked.length) return null;
        return fn((await get(id, { kind: 'all' }, tx))!, tx);
      });
    },

    async setActive(id: string, active: boolean, tx: Transaction): Promise<DepartmentRecord> {
      await select('UPDATE departments SET active = $2, updated_at = now() WHERE id = $1 RETURNING id', [id, active], tx);
      return (await get(id, { kind: 'all' }, tx))!;
    },

    async remove(id: string, tx: Transaction): Promise<void> {
      await select('DELETE FROM departments WHERE id = $1 RETURNING id', [id], tx);
    },

    async organizationExists(code: string): Promise<boolean> {
      return (await select('SELECT 1 FROM organizations WHERE code = $1', [code])).length > 0;
    },
  };
}

export type DepartmentsRepository = ReturnType<typeof createDepartmentsRepository>;
