/**
 * Activity factory (STYLE: createActivities(deps)): every side effect a workflow may cause.
 * Workflows import this module as a type only.
 */
import { loadConfig } from '../config';
import type { Database } from '../db/database';
import { createConnectionActivities } from './connection.activities';
import { createDocumentActivities } from './documents';
import { formatLimitsFromConfig, type FormatLimits } from './formats';
import { createInteropActivities, type InteropSettings } from './interop/interop.activities';
import { signatureDirs } from './signatures';

export interface ActivityDeps {
  db: Database;
  /**
   * Trust anchors (R-REC-2, R-OUT-1) and server signing keys. Default: the configuration's
   * default folders (`data/trust-anchors`, `data/signing-keys`, relative to the working directory).
   */
  trust?: { trustAnchorsDir: string; signingKeysDir: string };
  /** R-FMT-1 limits for the receipt checks. Default: the configuration's defaults. */
  formatLimits?: FormatLimits;
  /** The clock of the read model (receipt times, reminders); tests fix it. Default: the system clock. */
  now?: () => Date;
  /** Interconnection with peer systems (SPEC §8). Default: no interop certificate (the outbox waits). */
  interop?: InteropSettings;
}

export function createActivities(deps: ActivityDeps) {
  // The defaults of the typed configuration, without reading the environment.
  const defaults = (): ReturnType<typeof loadConfig> => loadConfig({});
  const documentDeps = {
    db: deps.db,
    trust: deps.trust ?? signatureDirs(defaults()),
    formatLimits: deps.formatLimits ?? formatLimitsFromConfig(defaults()),
    now: deps.now,
  };
  return {
    ...createConnectionActivities(deps),
    ...createDocumentActivities(documentDeps),
    ...createInteropActivities(documentDeps, deps.interop ?? { identity: null }),
  };
}
