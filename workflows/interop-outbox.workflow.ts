/**
 * The outbox of one peer system (SPEC §8, R-EDX-2; outbox of issue "Interconnection"): packages
 * and status messages for the peer are written to `interop_outbox` in the same transaction as
 * the change they report, and this process sends them in order. Producers wake it with a
 * signal; an idle outbox still looks every `idleMs` in case a wake-up was missed. While the peer
 * cannot be reached it backs off (doubling up to `backoffMs.max`) and keeps the order; a message
 * the peer refuses for good, or that stays undeliverable too long, is escalated to the sender's
 * clerk by the activity and skipped. Ends when the peer is deactivated; continues as new after a
 * few hundred rounds to keep its history short.
 */
import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { InteropActivities } from '../activities/interop/contract';
import { outboxWakeSignal, type InteropOutboxInput } from './definitions';

const acts = proxyActivities<InteropActivities>({
  // A round sends at most a batch; each request has its own timeout inside the activity.
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const ROUNDS_PER_RUN = 300;

export async function interopOutboxWorkflow(input: InteropOutboxInput): Promise<{ ended: 'peer_inactive' }> {
  const idleMs = input.idleMs ?? 10 * 60 * 1000;
  const backoff = input.backoffMs ?? { initial: 5_000, max: 10 * 60 * 1000 };
  // Whatever is pending when the process (re)starts goes first.
  let woken = true;
  setHandler(outboxWakeSignal, () => {
    woken = true;
  });

  let wait = 0;
  for (let round = 0; round < ROUNDS_PER_RUN; round += 1) {
    if (wait > 0) {
      // The peer is unreachable: new wake-ups must not hammer it.
      await sleep(wait);
    } else {
      await condition(() => woken, idleMs);
    }
    woken = false;
    const r = await acts.flushInteropOutbox({ peerId: input.peerId });
    if (!r.peerActive) return { ended: 'peer_inactive' };
    wait = r.blocked ? Math.min(Math.max(wait * 2, backoff.initial), backoff.max) : 0;
    if (r.more) woken = true;
  }
  await condition(allHandlersFinished);
  return continueAsNew<typeof interopOutboxWorkflow>(input);
}
