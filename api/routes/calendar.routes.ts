/** `holidays` and `policies` resources (R-CAL-1..2, R-DL-1). Filled in by the calendar work. */
import { Router } from 'express';
import type { Database } from '../../db/database';

export function calendarRoutes(_db: Database): Router {
  return Router();
}

/** OpenAPI paths of this module, merged into /api/openapi.json. */
export const calendarOpenApiPaths: Record<string, unknown> = {};
