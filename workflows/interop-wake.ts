/** Waking a peer's outbox process from another process (SPEC §8): a signal, never a failure. */
import { getExternalWorkflowHandle } from '@temporalio/workflow';
import { outboxWakeSignal, workflowIds } from './definitions';

export async function wakeOutbox(peerId: string): Promise<void> {
  try {
    await getExternalWorkflowHandle(workflowIds.interopOutbox(peerId)).signal(outboxWakeSignal);
  } catch {
    // Not running: the API's reconciler starts it, and a starting outbox sends what is pending.
  }
}
