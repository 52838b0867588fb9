/** `connections` resource: compliance view and process advancement (R-CONN-1, R-CONN-4). */
import { Router } from 'express';
import { ORGANIZATION_SORTABLE } from '../../db/repositories/organizations.repository';
import { callerOf } from '../auth';
import { advanceConnectionSchema, connectionFilterSchema } from '../schemas';
import { parseListParams, sendList } from '../simple-rest';
import type { createConnectionsService } from '../services/connections.service';

export function connectionsRoutes(service: ReturnType<typeof createConnectionsService>): Router {
  const r = Router();
  r.get('/connections', async (req, res) => {
    const p = parseListParams(req, connectionFilterSchema, [...ORGANIZATION_SORTABLE, 'state'], ['code', 'ASC']);
    const { rows, total } = await service.list(callerOf(req), p.filter, p);
    sendList(res, 'connections', rows, p.offset, total);
  });
  r.get('/connections/:code', async (req, res) => {
    res.json(await service.get(callerOf(req), req.params.code));
  });
  r.post('/connections/:code/advance', async (req, res) => {
    // R-SEC-2: who may advance (404 outside the caller's scope, 403 within it) before the body is read.
    await service.mayAdvance(callerOf(req), req.params.code);
    const { to, note } = advanceConnectionSchema.parse(req.body);
    res.json(await service.advance(callerOf(req), req.params.code, to, note));
  });
  return r;
}
