/**
 * Work lists (R-DL-1..4): the caller's own tasks (named, or for one of their roles in their
 * organization), overdue work in the caller's scope (leader: own organization; supervisor:
 * subtree; admin: all), and colleagues for assignment pickers. Urgent work first (R-DL-4).
 */
import type { DocumentScope, DocumentsRepository, Page, TaskFilter } from '../../db/repositories/documents.repository';
import type { Role } from '../../db/models';
import type { Caller } from '../auth';
import { problems } from '../problem';
import { documentScope } from './documents.service';

/** Leaders watch their organization, supervisors their subtree, admins everything. */
export function overdueScope(caller: Caller): DocumentScope {
  if (caller.roles.includes('admin') || caller.roles.includes('supervisor')) return documentScope(caller);
  if (caller.roles.includes('leader')) return { kind: 'organization', code: caller.organizationCode };
  throw problems.forbidden('Cần vai trò lãnh đạo, giám sát hoặc quản trị (requires role leader, supervisor or admin)');
}

export function createTasksService(deps: { repo: DocumentsRepository }) {
  const { repo } = deps;
  const owner = (caller: Caller) => ({ userId: caller.id, organizationCode: caller.organizationCode, roles: caller.roles });

  return {
    mine(caller: Caller, filter: TaskFilter, page: Page) {
      return repo.myTasks(owner(caller), { status: 'open', ...filter }, page);
    },

    async one(caller: Caller, id: string) {
      const task = await repo.getTask(id, owner(caller), documentScope(caller));
      if (!task) throw problems.notFound('Công việc');
      return task;
    },

    overdue(caller: Caller, filter: TaskFilter, page: Page) {
      return repo.overdueTasks(overdueScope(caller), filter, page);
    },

    colleagues(caller: Caller, filter: { q?: string; role?: Role; ids?: string[] }, page: Page) {
      return repo.colleagues(caller.organizationCode, filter, page);
    },
  };
}

export type TasksService = ReturnType<typeof createTasksService>;
