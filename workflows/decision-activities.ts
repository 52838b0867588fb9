/**
 * The activities of decisions a person waits for (accept, refuse, route, assign, complete, issue,
 * confirmations). Since the patch `local-decisions` they run as local activities: the update is
 * answered in the workflow task that received it, instead of after three trips through the server
 * (schedule the activity, hand it to a worker, report it done). They stay idempotent by key like
 * every activity, so the retry after a lost worker writes nothing twice. A history recorded before
 * the patch replays with the ordinary activities it used then.
 */
import { patched, proxyActivities, proxyLocalActivities, type ActivityInterfaceFor, type ActivityOptions } from '@temporalio/workflow';

export const LOCAL_DECISIONS_PATCH = 'local-decisions';

/** `options` as for proxyActivities; returns the proxy a decision uses now (call inside the workflow). */
export function decisionActivities<A extends object>(options: ActivityOptions): () => ActivityInterfaceFor<A> {
  const remote = proxyActivities<A>(options);
  const local = proxyLocalActivities<A>({ startToCloseTimeout: options.startToCloseTimeout, retry: options.retry });
  return () => (patched(LOCAL_DECISIONS_PATCH) ? (local as ActivityInterfaceFor<A>) : remote);
}

/** Whether this decision runs its activities locally (the same patch; for StepDeadline.run). */
export const decidesLocally = (): boolean => patched(LOCAL_DECISIONS_PATCH);
