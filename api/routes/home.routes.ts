/**
 * `GET /api/home` (SPEC §1): the caller's home page in one round trip — per role they have, the
 * counters and short lists of what waits for them, scoped like every read (R-SEC-2: own
 * organization; supervisors their subtree; admins all). Read-only; the cards link to the full
 * lists (`tasks`, `incoming`, `overdue`, `connections`, `routing-rules`) for the rest.
 */
import { Router } from 'express';
import { callerOf } from '../auth';
import type { HomeService } from '../services/home.service';
import { errors, ok } from './openapi-helpers';

export function homeRoutes(deps: { home: HomeService }): Router {
  const r = Router();
  r.get('/home', async (req, res) => {
    // Counters change with every decision: never served from a cache.
    res.set('Cache-Control', 'no-store').json(await deps.home.forCaller(callerOf(req)));
  });
  return r;
}

/** OpenAPI paths of this module, merged into /api/openapi.json. */
export const homeOpenApiPaths: Record<string, unknown> = {
  '/home': {
    get: {
      summary:
        "The caller's home page: `sections` lists their roles (clerk, leader, specialist, supervisor, admin) and each present section holds `{total, items}` listings — clerk: awaitingReception (arrived documents with their receipt checks), awaitingIssue (signed drafts, send deadline), paperTasks (byStep), failedDeliveries (interop_send tasks); leader: awaitingDecision (routing/assignment tasks with their document's state), overdue (own organization); specialist: myTasks by deadline with overdue and dueToday counts; supervisor: overdue by organization and age bucket in the supervised subtree, escalations of the last days, connection compliance; admin: organizations without an active routing rule, connected organizations without an active clerk, active rules whose target person is unusable, peers whose certificate ends within 30 days",
      responses: { 200: ok('home summary'), ...errors },
    },
  },
};
