/**
 * Department use cases: everyone reads the departments of their organization (supervisors also
 * of their subtree, admins all); admins create, rename, retire and remove them. A department
 * that active users, open tasks or active routing rules point at stays (409): moving them first
 * is a decision for a person, not something to do silently. One that only the history names
 * (documents, finished tasks, deactivated users, old rule versions) is retired instead of
 * removed, so that history keeps its name; an unused one is removed.
 */
import type { Transaction } from 'sequelize';
import type { FieldIssue } from '../../domain/errors';
import {
  DuplicateDepartmentError,
  type DepartmentFilter,
  type DepartmentRecord,
  type DepartmentScope,
  type DepartmentsRepository,
  type Page,
} from '../../db/repositories/departments.repository';
import type { Caller } from '../auth';
import type { DepartmentCreateInput, DepartmentUpdateInput } from '../departments.schemas';
import { problems } from '../problem';

export function departmentScope(caller: Caller): DepartmentScope {
  if (caller.roles.includes('admin')) return { kind: 'all' };
  const subtree = caller.roles.includes('supervisor') ? (caller.supervisesCode ?? caller.organizationCode) : null;
  return { kind: 'organization', code: caller.organizationCode, subtree };
}

const NOT_FOUND = 'Phòng ban';

const duplicateName = (name: string) =>
  problems.conflict(`Cơ quan đã có phòng ban "${name}" (kể cả đã ngừng sử dụng) (a department of that name exists)`, [
    { path: 'name', message: 'trùng tên phòng ban khác của cơ quan (duplicate name)' },
  ]);

export function createDepartmentsService(deps: { repo: DepartmentsRepository }) {
  const { repo } = deps;

  async function mustGet(caller: Caller, id: string): Promise<DepartmentRecord> {
    const found = await repo.get(id, departmentScope(caller));
    if (!found) throw problems.notFound(NOT_FOUND);
    return found;
  }

  /** 409 when active users, open tasks or active routing rules still point at the department. */
  async function mustBeUnused(id: string, tx: Transaction): Promise<{ history: boolean }> {
    const use = await repo.usage(id, tx);
    const issues: FieldIssue[] = [];
    if (use.activeUsers) issues.push({ path: 'users', message: `${use.activeUsers} người dùng đang thuộc phòng ban (active users)` });
    if (use.openTasks) issues.push({ path: 'tasks', message: `${use.openTasks} việc đang mở giao cho phòng ban (open tasks)` });
    if (use.activeRules) issues.push({ path: 'routingRules', message: `${use.activeRules} quy tắc chuyển xử lý đang áp dụng chuyển tới phòng ban (active routing rules)` });
    if (issues.length) {
      throw problems.conflict(
        `Phòng ban đang được sử dụng: ${issues.map((i) => i.message).join('; ')}. Hãy chuyển sang phòng ban khác trước (the department is in use)`,
        issues,
      );
    }
    return { history: use.history };
  }

  return {
    list(caller: Caller, filter: DepartmentFilter, page: Page) {
      return repo.list(filter, page, departmentScope(caller));
    },

    get: mustGet,

    async create(input: DepartmentCreateInput): Promise<DepartmentRecord> {
      if (!(await repo.organizationExists(input.organizationCode))) {
        throw problems.unprocessable(`Tổ chức ${input.organizationCode} chưa được đăng ký (organization not registered)`, [
          { path: 'organizationCode', message: 'tổ chức không tồn tại (unknown organization)' },
        ]);
      }
      try {
        return await repo.create(input);
      } catch (err) {
        if (err instanceof DuplicateDepartmentError) throw duplicateName(input.name);
        throw err;
      }
    },

    /** PUT: a new name and/or retiring or reactivating; the organization never changes. */
    async update(caller: Caller, id: string, patch: DepartmentUpdateInput): Promise<DepartmentRecord> {
      const current = await mustGet(caller, id);
      if (patch.organizationCode !== undefined && patch.organizationCode !== current.organizationCode) {
        throw problems.unprocessable('Không chuyển được phòng ban sang cơ quan khác; hãy tạo phòng ban mới (the organization of a department cannot change)', [
          { path: 'organizationCode', message: 'không đổi được (read-only)' },
        ]);
      }
      const result = await repo.withLocked(id, async (locked, tx) => {
        if (patch.active === false && locked.active) await mustBeUnused(id, tx);
        if (patch.name !== undefined && patch.name !== locked.name) {
          try {
            await repo.rename(id, patch.name, tx);
          } catch (err) {
            if (err instanceof DuplicateDepartmentError) throw duplicateName(patch.name);
            throw err;
          }
        }
        if (patch.active !== undefined && patch.active !== locked.active) await repo.setActive(id, patch.active, tx);
        return repo.get(id, { kind: 'all' }, tx);
      });
      if (!result) throw problems.notFound(NOT_FOUND);
      return result;
    },

    /** DELETE: removed when nothing names it, retired when only the history does; `deleted` says which. */
    async remove(caller: Caller, id: string): Promise<DepartmentRecord & { deleted: boolean }> {
      await mustGet(caller, id);
      const result = await repo.withLocked(id, async (current, tx) => {
        const { history } = await mustBeUnused(id, tx);
        if (history) return { ...(await repo.setActive(id, false, tx)), deleted: false };
        await repo.remove(id, tx);
        return { ...current, active: false, deleted: true };
      });
      if (!result) throw problems.notFound(NOT_FOUND);
      return result;
    },
  };
}

export type DepartmentsService = ReturnType<typeof createDepartmentsService>;
