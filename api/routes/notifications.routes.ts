/** The caller's own notifications (reminders, escalations): list, mark read. */
import { Router } from 'express';
import { Op, type WhereOptions } from 'sequelize';
import type { Database } from '../../db/database';
import { callerOf } from '../auth';
import { problems } from '../problem';
import { notificationFilterSchema, notificationUpdateSchema } from '../schemas';
import { parseListParams, sendList } from '../simple-rest';

export function notificationsRoutes(db: Database): Router {
  const { Notification } = db.models;
  const r = Router();
  const plain = (n: InstanceType<typeof Notification>) => {
    const v = n.get({ plain: true }) as Record<string, unknown>;
    delete v.dedupeKey;
    return v;
  };

  r.get('/notifications', async (req, res) => {
    const p = parseListParams(req, notificationFilterSchema, ['createdAt', 'kind', 'readAt', 'id'], ['createdAt', 'DESC']);
    const where: WhereOptions = { userId: callerOf(req).id };
    if (p.filter.unread !== undefined) Object.assign(where, { readAt: p.filter.unread ? null : { [Op.ne]: null } });
    if (p.filter.kind) Object.assign(where, { kind: p.filter.kind });
    const { rows, count } = await Notification.findAndCountAll({ where, order: [[p.sortField, p.sortOrder], ['id', 'DESC']], offset: p.offset, limit: p.limit });
    sendList(res, 'notifications', rows.map(plain), p.offset, count);
  });

  r.get('/notifications/:id', async (req, res) => {
    const n = /^\d{1,18}$/.test(String(req.params.id)) ? await Notification.findOne({ where: { id: req.params.id, userId: callerOf(req).id } }) : null;
    if (!n) throw problems.notFound('Thông báo');
    res.json(plain(n));
  });

  r.put('/notifications/:id', async (req, res) => {
    // Someone else's notification is absent (404) whatever the body (R-SEC-2).
    const n = /^\d{1,18}$/.test(String(req.params.id)) ? await Notification.findOne({ where: { id: req.params.id, userId: callerOf(req).id } }) : null;
    if (!n) throw problems.notFound('Thông báo');
    const { read } = notificationUpdateSchema.parse(req.body);
    await n.update({ readAt: read ? (n.readAt ?? new Date()) : null });
    res.json(plain(n));
  });

  r.post('/notifications/read-all', async (req, res) => {
    const [count] = await Notification.update({ readAt: new Date() }, { where: { userId: callerOf(req).id, readAt: null } });
    res.json({ updated: count });
  });
  return r;
}
