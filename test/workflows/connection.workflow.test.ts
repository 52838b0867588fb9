/**
 * Connection-deadline process (R-CONN-1, R-CONN-2) on the real time-skipping test server, with
 * activities replaced by recorders: every deadline branch sends nothing and skips time.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { createConnectionActivities } from '../../activities/connection.activities';
import { DAY_MS } from '../../domain/time';
import { connectionWorkflow } from '../../workflows';
import { advanceConnectionUpdate, connectionStatusQuery, workflowIds, type ConnectionWorkflowInput } from '../../workflows/definitions';
import { timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../support/temporal';

type Activities = ReturnType<typeof createConnectionActivities>;
interface Call {
  name: keyof Activities;
  input: Record<string, unknown> & { at: string };
}

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await timeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

function recorder() {
  const calls: Call[] = [];
  const activities: Activities = {
    recordConnectionStep: async (input) => void calls.push({ name: 'recordConnectionStep', input: { ...input } }),
    sendConnectionReminder: async (input) => void calls.push({ name: 'sendConnectionReminder', input: { ...input } }),
    recordConnectionOverdue: async (input) => void calls.push({ name: 'recordConnectionOverdue', input: { ...input } }),
  };
  return { calls, activities };
}

let orgSeq = 0;
function orgCode(): string {
  orgSeq += 1;
  return `000.${String(orgSeq).padStart(2, '0')}.41.H52`;
}

async function setup(deadlineFromNowMs: number, initialState: ConnectionWorkflowInput['initialState'] = 'not_connected') {
  const { calls, activities } = recorder();
  const taskQueue = uniqueTaskQueue('connection');
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities });
  const start = Date.parse((await env.currentTimeMs()).toString()) || Number(await env.currentTimeMs());
  const input: ConnectionWorkflowInput = {
    orgCode: orgCode(),
    initialState,
    deadline: new Date(start + deadlineFromNowMs).toISOString(),
    reminderDaysBefore: [90, 30, 7],
    repeatEveryDays: 7,
    escalateToOrgCodes: ['000.00.01.H52', '000.00.03.H52'],
  };
  return { calls, worker, taskQueue, input, start };
}

const at = (c: Call) => Date.parse(c.input.at);

describe('connection process (R-CONN-1, R-CONN-2)', () => {
  test('R-CONN-2 when nothing happens before the deadline, then reminders come 90/30/7 days before, escalation at the deadline, then every 7 days', async () => {
    const { calls, worker, taskQueue, input } = await setup(100 * DAY_MS);
    const deadline = Date.parse(input.deadline);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(connectionWorkflow, { taskQueue, workflowId: workflowIds.connection(input.orgCode), args: [input] });
      await env.sleep(100 * DAY_MS + 15 * DAY_MS);
      const status = await handle.query(connectionStatusQuery);
      expect(status).toMatchObject({ state: 'not_connected', overdue: true, remindersSent: [90, 30, 7], repeatCount: 2 });
      await handle.terminate('test done');
    });
    const reminders = calls.filter((c) => c.name === 'sendConnectionReminder');
    expect(reminders.slice(0, 3).map((c) => c.input.daysBefore)).toEqual([90, 30, 7]);
    for (const [i, days] of [90, 30, 7].entries()) {
      expect(Math.abs(at(reminders[i]) - (deadline - days * DAY_MS))).toBeLessThan(60_000);
    }
    const overdue = calls.filter((c) => c.name === 'recordConnectionOverdue');
    expect(overdue).toHaveLength(1);
    expect(Math.abs(at(overdue[0]) - deadline)).toBeLessThan(60_000);
    expect(overdue[0].input).toMatchObject({ startedAfterDeadline: false, escalateToOrgCodes: ['000.00.01.H52', '000.00.03.H52'] });
    const repeats = reminders.slice(3);
    expect(repeats.map((c) => c.input.phase)).toEqual(['after_deadline', 'after_deadline']);
    expect(Math.abs(at(repeats[0]) - (deadline + 7 * DAY_MS))).toBeLessThan(60_000);
    expect(Math.abs(at(repeats[1]) - (deadline + 14 * DAY_MS))).toBeLessThan(60_000);
  });

  test('R-CONN-2 when the process starts after the deadline, then it starts overdue and escalates at once', async () => {
    const { calls, worker, taskQueue, input, start } = await setup(-400 * DAY_MS);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(connectionWorkflow, { taskQueue, workflowId: workflowIds.connection(input.orgCode), args: [input] });
      await env.sleep(DAY_MS);
      expect(await handle.query(connectionStatusQuery)).toMatchObject({ overdue: true, remindersSent: [] });
      await handle.terminate('test done');
    });
    const overdue = calls.filter((c) => c.name === 'recordConnectionOverdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0].input.startedAfterDeadline).toBe(true);
    expect(at(overdue[0]) - start).toBeLessThan(60_000);
    expect(calls.filter((c) => c.name === 'sendConnectionReminder' && c.input.phase === 'before_deadline')).toHaveLength(0);
  });

  test('R-CONN-1 when an update skips a state or goes back, then it is rejected and the state is unchanged', async () => {
    const { calls, worker, taskQueue, input } = await setup(100 * DAY_MS);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(connectionWorkflow, { taskQueue, workflowId: workflowIds.connection(input.orgCode), args: [input] });
      await expect(handle.executeUpdate(advanceConnectionUpdate, { args: [{ to: 'connected', actor: 'admin' }] })).rejects.toThrow(WorkflowUpdateFailedError);
      const skipped = await handle.executeUpdate(advanceConnectionUpdate, { args: [{ to: 'test_passed', actor: 'admin' }] }).catch((e: unknown) => e);
      expect(skipped).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((skipped as WorkflowUpdateFailedError).cause?.message).toMatch(/bước tiếp theo là "Sẵn sàng hạ tầng"/);
      await handle.executeUpdate(advanceConnectionUpdate, { args: [{ to: 'infrastructure_ready', actor: 'admin' }] });
      await expect(handle.executeUpdate(advanceConnectionUpdate, { args: [{ to: 'not_connected', actor: 'admin' }] })).rejects.toThrow(WorkflowUpdateFailedError);
      expect((await handle.query(connectionStatusQuery)).state).toBe('infrastructure_ready');
      await handle.terminate('test done');
    });
    expect(calls.filter((c) => c.name === 'recordConnectionStep').map((c) => [c.input.from, c.input.to])).toEqual([['not_connected', 'infrastructure_ready']]);
  });

  test('R-CONN-1 when the organization connects before the deadline, then the process completes with no overdue and no further reminders', async () => {
    const { calls, worker, taskQueue, input } = await setup(100 * DAY_MS);
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(connectionWorkflow, { taskQueue, workflowId: workflowIds.connection(input.orgCode), args: [input] });
      await env.sleep(75 * DAY_MS); // after the 90- and 30-day reminders
      for (const to of ['infrastructure_ready', 'test_passed', 'connected'] as const) {
        const r = await handle.executeUpdate(advanceConnectionUpdate, { args: [{ to, actor: 'admin', note: `step ${to}` }] });
        expect(r.state).toBe(to);
      }
      return handle.result();
    });
    expect(result.state).toBe('connected');
    expect(calls.filter((c) => c.name === 'sendConnectionReminder').map((c) => c.input.daysBefore)).toEqual([90, 30]);
    expect(calls.filter((c) => c.name === 'recordConnectionOverdue')).toHaveLength(0);
    expect(calls.filter((c) => c.name === 'recordConnectionStep').map((c) => c.input.to)).toEqual(['infrastructure_ready', 'test_passed', 'connected']);
  });

  test('R-CONN-2 when an overdue organization connects later, then the periodic reminders stop', async () => {
    const { calls, worker, taskQueue, input } = await setup(-DAY_MS, 'test_passed');
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(connectionWorkflow, { taskQueue, workflowId: workflowIds.connection(input.orgCode), args: [input] });
      await env.sleep(10 * DAY_MS);
      await handle.executeUpdate(advanceConnectionUpdate, { args: [{ to: 'connected', actor: 'admin' }] });
      await handle.result();
    });
    const repeats = calls.filter((c) => c.name === 'sendConnectionReminder');
    expect(repeats).toHaveLength(1);
    expect(calls.filter((c) => c.name === 'recordConnectionOverdue')).toHaveLength(1);
  });

  test('R-CONN-1 when the input is invalid, then the workflow fails without retrying', async () => {
    const { worker, taskQueue, input } = await setup(DAY_MS);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(connectionWorkflow, {
        taskQueue,
        workflowId: workflowIds.connection(input.orgCode),
        args: [{ ...input, orgCode: 'not-a-code', initialState: 'flying' as never }],
      });
      await expect(handle.result()).rejects.toThrow(/Workflow execution failed/);
    });
  });
});
