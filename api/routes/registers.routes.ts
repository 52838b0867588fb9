/** Incoming/outgoing registers (R-DOC-1..2, R-ORG-3): starting numbers, voiding. Filled in by the registers work. */
import { Router } from 'express';
import type { Database } from '../../db/database';

export function registersRoutes(_db: Database): Router {
  return Router();
}

/** OpenAPI paths of this module, merged into /api/openapi.json. */
export const registersOpenApiPaths: Record<string, unknown> = {};
