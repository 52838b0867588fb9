/**
 * `departments` resource: the departments (phòng, ban) of the organizations, which routing rules
 * target and users belong to. Everyone reads those of their organization (supervisors also of
 * their subtree, admins all; another organization's is 404); admins write. DELETE removes an
 * unused department, retires one the history names, and refuses (409) one still in use.
 */
import { Router } from 'express';
import { DEPARTMENT_SORTABLE } from '../../db/repositories/departments.repository';
import { callerOf, requireRole } from '../auth';
import { departmentCreateSchema, departmentFilterSchema, departmentUpdateSchema } from '../departments.schemas';
import { parseListParams, sendList } from '../simple-rest';
import type { DepartmentsService } from '../services/departments.service';
import { errors, idParam, json, listParams, ok } from './openapi-helpers';

export function departmentsRoutes(deps: { departments: DepartmentsService }): Router {
  const { departments } = deps;
  const r = Router();
  const admins = requireRole('admin');

  r.get('/departments', async (req, res) => {
    const p = parseListParams(req, departmentFilterSchema, DEPARTMENT_SORTABLE, ['name', 'ASC']);
    const { id, ...filter } = p.filter;
    const { rows, total } = await departments.list(callerOf(req), { ...filter, ids: id === undefined ? undefined : [id].flat() }, p);
    sendList(res, 'departments', rows, p.offset, total);
  });

  r.get('/departments/:id', async (req, res) => {
    res.json(await departments.get(callerOf(req), String(req.params.id)));
  });

  r.post('/departments', admins, async (req, res) => {
    const created = await departments.create(departmentCreateSchema.parse(req.body));
    res.status(201).location(`/api/departments/${created.id}`).json(created);
  });

  r.put('/departments/:id', admins, async (req, res) => {
    res.json(await departments.update(callerOf(req), String(req.params.id), departmentUpdateSchema.parse(req.body)));
  });

  r.delete('/departments/:id', admins, async (req, res) => {
    res.json(await departments.remove(callerOf(req), String(req.params.id)));
  });

  return r;
}

/** OpenAPI paths of this module, merged into /api/openapi.json. */
export const departmentsOpenApiPaths: Record<string, unknown> = {
  '/departments': {
    get: {
      summary: 'Departments (phòng, ban): everyone those of their organization, supervisors also of their subtree, admins all. `q` searches the name accent-insensitively',
      parameters: listParams(departmentFilterSchema, DEPARTMENT_SORTABLE),
      responses: { 200: ok('array + Content-Range; each with the count of its active users'), ...errors },
    },
    post: {
      summary: 'Create a department of an organization (admin). A name already used in that organization, up to case and accents: 409',
      requestBody: json(departmentCreateSchema),
      responses: { 201: ok('department'), ...errors },
    },
  },
  '/departments/{id}': {
    parameters: idParam,
    get: { summary: 'One department (another organization’s: 404)', responses: { 200: ok('department'), ...errors } },
    put: {
      summary: 'Rename, retire (active = false) or reactivate a department (admin); the organization never changes (422). Retiring one still in use: 409',
      requestBody: json(departmentUpdateSchema),
      responses: { 200: ok('department'), ...errors },
    },
    delete: {
      summary:
        'Remove a department (admin). Active users, open tasks or active routing rules pointing at it: 409 with what. One only documents, finished tasks, deactivated users or old rule versions name is retired instead (`deleted: false`, `active: false`)',
      responses: { 200: ok('the department, with `deleted`'), ...errors },
    },
  },
};
