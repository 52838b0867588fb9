/** `users` resource (read-only for now): admins see every account. */
import { Router } from 'express';
import { Op, type WhereOptions } from 'sequelize';
import type { Database } from '../../db/database';
import { requireRole } from '../auth';
import { problems } from '../problem';
import { userFilterSchema } from '../schemas';
import { parseListParams, sendList } from '../simple-rest';

const PUBLIC_FIELDS = ['id', 'username', 'fullName', 'position', 'email', 'phone', 'organizationCode', 'departmentId', 'supervisesCode', 'roles', 'active', 'createdAt', 'updatedAt'];

export function usersRoutes(db: Database): Router {
  const { User, sequelize } = { ...db.models, sequelize: db.sequelize };
  const r = Router();
  r.use('/users', requireRole('admin'));
  r.get('/users', async (req, res) => {
    const p = parseListParams(req, userFilterSchema, ['username', 'fullName', 'organizationCode', 'createdAt'], ['username', 'ASC']);
    const and: WhereOptions[] = [];
    const f = p.filter;
    if (f.organizationCode) and.push({ organizationCode: f.organizationCode });
    if (f.role) and.push({ roles: { [Op.contains]: [f.role] } });
    if (f.id) and.push({ id: f.id });
    if (f.q) {
      const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      and.push(sequelize.where(sequelize.literal(`fold_vi("User"."username" || ' ' || "User"."full_name")`), Op.like, sequelize.fn('fold_vi', pattern)));
    }
    const { rows, count } = await User.findAndCountAll({ where: { [Op.and]: and }, attributes: PUBLIC_FIELDS, order: [[p.sortField, p.sortOrder]], offset: p.offset, limit: p.limit });
    sendList(res, 'users', rows.map((u) => u.get({ plain: true })), p.offset, count);
  });
  r.get('/users/:id', async (req, res) => {
    const u = /^[0-9a-f-]{36}$/i.test(req.params.id) ? await User.findByPk(req.params.id, { attributes: PUBLIC_FIELDS }) : null;
    if (!u) throw problems.notFound('Người dùng');
    res.json(u.get({ plain: true }));
  });
  return r;
}
