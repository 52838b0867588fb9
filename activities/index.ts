/**
 * Activity factory (STYLE: createActivities(deps)): every side effect a workflow may cause.
 * Workflows import this module as a type only.
 */
import type { Database } from '../db/database';
import { createConnectionActivities } from './connection.activities';

export interface ActivityDeps {
  db: Database;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createConnectionActivities(deps),
  };
}
