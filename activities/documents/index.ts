/**
 * The document activities (SPEC §7.1–7.5): `createDocumentActivities(deps)` implements the typed
 * contract the document workflows proxy (./contract.ts) on PostgreSQL. One transaction per
 * activity, idempotent under the workflow's step key; see ./context.ts for the rules.
 */
import { createChangeActivities } from './changes.activities';
import { createContext, type DocumentActivityDeps } from './context';
import type { DocumentActivities } from './contract';
import { createDeadlineActivities } from './deadlines.activities';
import { createIncomingActivities } from './incoming.activities';
import { createOutgoingActivities } from './outgoing.activities';

export type { DocumentActivityDeps } from './context';
export type * from './contract';

export function createDocumentActivities(deps: DocumentActivityDeps): DocumentActivities {
  const ctx = createContext(deps);
  return {
    ...createDeadlineActivities(ctx),
    ...createIncomingActivities(ctx),
    ...createOutgoingActivities(ctx),
    ...createChangeActivities(ctx),
  };
}
