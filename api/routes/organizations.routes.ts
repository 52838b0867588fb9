/** `organizations` resource (R-ORG-1..2) in react-admin simple-REST conventions. */
import { Router } from 'express';
import { ORGANIZATION_SORTABLE } from '../../db/repositories/organizations.repository';
import { requireRole } from '../auth';
import { problems } from '../problem';
import { organizationCreateSchema, organizationFilterSchema, organizationUpdateSchema } from '../schemas';
import { parseListParams, sendList } from '../simple-rest';
import type { OrganizationsService } from '../services/organizations.service';

export function organizationsRoutes(service: OrganizationsService): Router {
  const r = Router();
  r.get('/organizations', async (req, res) => {
    const p = parseListParams(req, organizationFilterSchema, ORGANIZATION_SORTABLE, ['code', 'ASC']);
    const { rows, total } = await service.list(p.filter, p);
    sendList(res, 'organizations', rows, p.offset, total);
  });
  r.get('/organizations/:code', async (req, res) => {
    res.json(await service.get(req.params.code));
  });
  r.post('/organizations', requireRole('admin'), async (req, res) => {
    const org = await service.create(organizationCreateSchema.parse(req.body));
    res.status(201).location(`/api/organizations/${org.code}`).json(org);
  });
  r.put('/organizations/:code', requireRole('admin'), async (req, res) => {
    res.json(await service.update(String(req.params.code), organizationUpdateSchema.parse(req.body)));
  });
  r.delete('/organizations/:code', requireRole('admin'), () => {
    // Codes are never reused and documents refer to them: organizations are kept, not deleted.
    throw problems.conflict('Không xóa tổ chức đã đăng ký; mã định danh không được dùng lại (organizations cannot be deleted)');
  });
  return r;
}
