/** Operations: liveness, readiness (database and Temporal reachable), Prometheus metrics. */
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Database } from '../../db/database';

export function healthRoutes(deps: { db: Database; temporal: Client }): { api: Router; metrics: Router; registry: Registry } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const api = Router();
  api.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  api.get('/ready', async (_req, res) => {
    const [database, temporal] = await Promise.all([
      check(() => deps.db.sequelize.query('SELECT 1')),
      check(() => deps.temporal.connection.workflowService.getSystemInfo({}), 3000),
    ]);
    const ready = database === 'ok' && temporal === 'ok';
    res.status(ready ? 200 : 503);
    if (ready) res.json({ status: 'ready', database, temporal });
    else
      res
        .type('application/problem+json')
        .send(JSON.stringify({ type: 'about:blank', title: 'Chưa sẵn sàng (not ready)', status: 503, detail: `database: ${database}; temporal: ${temporal}`, database, temporal }));
  });
  const metrics = Router();
  metrics.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return { api, metrics, registry };
}

async function check(fn: () => Promise<unknown>, timeoutMs = 3000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([fn(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)))]);
    return 'ok';
  } catch (err) {
    return (err as Error).message.split('\n')[0];
  } finally {
    clearTimeout(timer);
  }
}
