/**
 * The outbox of a peer system (SPEC §8, R-EDX-2) on the real time-skipping server with a scripted
 * flush activity: what is pending goes first, an unreachable peer is retried with a doubling
 * back-off that new wake-ups do not shorten, a full batch is followed at once by the next, an idle
 * outbox still looks now and then, and a deactivated peer ends it.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Context } from '@temporalio/activity';
import { Worker } from '@temporalio/worker';
import type { FlushResult, InteropActivities } from '../../activities/interop/contract';
import { interopOutboxWorkflow } from '../../workflows';
import { outboxWakeSignal, workflowIds } from '../../workflows/definitions';
import { timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../support/temporal';

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

const ok = (over: Partial<FlushResult> = {}): FlushResult => ({ peerActive: true, blocked: false, more: false, sent: 1, failed: 0, ...over });

/** A flush activity answering from a script, recording the server time of each call. */
function scripted(answers: FlushResult[]) {
  const calls: number[] = [];
  const activities: Pick<InteropActivities, 'flushInteropOutbox' | 'queueInteropPackage'> = {
    async flushInteropOutbox() {
      calls.push(Context.current().info.currentAttemptScheduledTimestampMs);
      return answers[Math.min(calls.length - 1, answers.length - 1)];
    },
    async queueInteropPackage() {
      return { peerId: null };
    },
  };
  return { calls, activities };
}

async function run(answers: FlushResult[], body: (h: Awaited<ReturnType<TestWorkflowEnvironment['client']['workflow']['start']>>, calls: number[]) => Promise<void>) {
  const s = scripted(answers);
  const taskQueue = uniqueTaskQueue('outbox');
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: s.activities });
  await worker.runUntil(async () => {
    const h = await env.client.workflow.start(interopOutboxWorkflow, {
      taskQueue,
      workflowId: workflowIds.interopOutbox(`peer-${Date.now()}`),
      args: [{ peerId: 'peer-1', idleMs: 60 * 60 * 1000, backoffMs: { initial: 5_000, max: 40_000 } }],
    });
    await body(h, s.calls);
  });
  return s.calls;
}

describe('interop outbox process', () => {
  test('R-EDX-2 when the peer cannot be reached, then the outbox retries with a doubling back-off up to the maximum and sends once it answers, ending when the peer is deactivated', async () => {
    const answers = [ok({ blocked: true }), ok({ blocked: true }), ok({ blocked: true }), ok({ blocked: true }), ok({ blocked: true }), ok(), ok({ peerActive: false })];
    const calls = await run(answers, async (h, c) => {
      // Wake-ups during the back-off do not shorten it.
      for (let i = 0; i < 3; i += 1) await h.signal(outboxWakeSignal);
      for (let i = 0; i < 200 && c.length < 6; i += 1) await env.sleep(5_000);
      await h.signal(outboxWakeSignal);
      expect(await h.result()).toEqual({ ended: 'peer_inactive' });
    });
    const gaps = calls.slice(1, 6).map((t, i) => Math.round((t - calls[i]) / 1000));
    expect(gaps).toEqual([5, 10, 20, 40, 40]);
  });

  test('R-EDX-2 when a round sends a full batch, then the next round follows at once; an idle outbox waits for a wake-up or its idle period', async () => {
    const calls = await run([ok({ more: true }), ok({ more: true }), ok(), ok(), ok({ peerActive: false })], async (h, c) => {
      for (let i = 0; i < 100 && c.length < 3; i += 1) await new Promise((r) => setTimeout(r, 50));
      expect(c).toHaveLength(3);
      // Idle: nothing happens until a wake-up…
      await new Promise((r) => setTimeout(r, 300));
      expect(c).toHaveLength(3);
      await h.signal(outboxWakeSignal);
      for (let i = 0; i < 100 && c.length < 4; i += 1) await new Promise((r) => setTimeout(r, 50));
      // …or the idle period (an hour here).
      await env.sleep(60 * 60 * 1000 + 1000);
      expect(await h.result()).toEqual({ ended: 'peer_inactive' });
    });
    expect(calls[1] - calls[0]).toBeLessThan(1000);
    expect(calls[2] - calls[1]).toBeLessThan(1000);
    expect(calls[4] - calls[3]).toBeGreaterThanOrEqual(60 * 60 * 1000);
  });
});
