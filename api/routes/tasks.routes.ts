/**
 * Work lists (R-DL-1..4): `tasks` (the caller's own open work), `overdue` (leaders: their
 * organization; supervisors: their subtree; admins: all) and `colleagues` (active users of the
 * caller's organization, for assignment pickers). Urgent work first, then the nearest deadline.
 */
import { Router } from 'express';
import { COLLEAGUE_SORTABLE, TASK_SORTABLE } from '../../db/repositories/documents.repository';
import { callerOf } from '../auth';
import { colleagueFilterSchema, overdueFilterSchema, taskFilterSchema } from '../documents.schemas';
import { MAX_PAGE, parseListParams, sendList } from '../simple-rest';
import type { TasksService } from '../services/tasks.service';
import { errors, idParam, listParams, ok } from './openapi-helpers';

const idsOf = (id: string | string[] | undefined) => (id === undefined ? undefined : [id].flat());

export function tasksRoutes(deps: { tasks: TasksService }): Router {
  const { tasks } = deps;
  const r = Router();

  r.get('/tasks', async (req, res) => {
    const p = parseListParams(req, taskFilterSchema, TASK_SORTABLE, ['urgency', 'DESC']);
    const { id, ...filter } = p.filter;
    const { rows, total } = await tasks.mine(callerOf(req), { ...filter, ids: idsOf(id) }, p);
    sendList(res, 'tasks', rows, p.offset, total);
  });

  r.get('/tasks/:id', async (req, res) => {
    res.json(await tasks.one(callerOf(req), String(req.params.id)));
  });

  r.get('/overdue', async (req, res) => {
    const p = parseListParams(req, overdueFilterSchema, TASK_SORTABLE, ['urgency', 'DESC']);
    const { id, ...filter } = p.filter;
    const { rows, total } = await tasks.overdue(callerOf(req), { ...filter, ids: idsOf(id) }, p);
    sendList(res, 'overdue', rows, p.offset, total);
  });

  r.get('/colleagues', async (req, res) => {
    const p = parseListParams(req, colleagueFilterSchema, COLLEAGUE_SORTABLE, ['fullName', 'ASC']);
    // A picker asks without a range: give it the whole organization.
    if (req.query.range === undefined) p.limit = MAX_PAGE;
    const { id, ...filter } = p.filter;
    const { rows, total } = await tasks.colleagues(callerOf(req), { ...filter, ids: idsOf(id) }, p);
    sendList(res, 'colleagues', rows, p.offset, total);
  });

  return r;
}

/** OpenAPI paths of this module, merged into /api/openapi.json. */
export const tasksOpenApiPaths: Record<string, unknown> = {
  '/tasks': {
    get: {
      summary: "The caller's own work: tasks named to them, and organization-level tasks for one of their roles there; open by default; urgency first (R-DL-4), then the nearest deadline",
      parameters: listParams(taskFilterSchema, TASK_SORTABLE),
      responses: { 200: ok('array + Content-Range'), ...errors },
    },
  },
  '/tasks/{id}': { parameters: idParam, get: { summary: 'One task (own, or of a document the caller may read)', responses: { 200: ok('task'), ...errors } } },
  '/overdue': {
    get: {
      summary: 'Open overdue work (R-DL-2): leaders their organization, supervisors their subtree, admins all; others 403',
      parameters: listParams(overdueFilterSchema, TASK_SORTABLE),
      responses: { 200: ok('array + Content-Range'), ...errors },
    },
  },
  '/colleagues': {
    get: { summary: "Active users of the caller's organization (assignment pickers, R-ROUTE-2); without `range`, all of them", parameters: listParams(colleagueFilterSchema, COLLEAGUE_SORTABLE), responses: { 200: ok('array + Content-Range'), ...errors } },
  },
};
