/**
 * Records event histories of representative workflow runs into test/replay/histories/, for the
 * replay suite that guards running processes against non-deterministic code changes.
 * Run after a deliberate, patched() change of workflow code: `npm run record-histories`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { createActivities } from '../activities';
import { DAY_MS } from '../domain/time';
import { WORKFLOWS_PATH } from '../worker/create-worker';
import { advanceConnectionUpdate, workflowIds, type ConnectionWorkflowInput } from '../workflows/definitions';
import { step } from './lib/log-step';
import { resolveTestServer } from './lib/test-server';

const OUT = path.resolve(__dirname, '../test/replay/histories');

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: await resolveTestServer() } } });
  const activities: ReturnType<typeof createActivities> = {
    recordConnectionStep: async () => undefined,
    sendConnectionReminder: async () => undefined,
    recordConnectionOverdue: async () => undefined,
  };
  const taskQueue = 'record-histories';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') }),
    activities,
  });
  fs.mkdirSync(OUT, { recursive: true });
  const base = (orgCode: string, deadlineMs: number): ConnectionWorkflowInput => ({
    orgCode,
    initialState: 'not_connected',
    deadline: new Date(deadlineMs).toISOString(),
    reminderDaysBefore: [90, 30, 7],
    repeatEveryDays: 7,
    escalateToOrgCodes: ['000.00.01.H52', '000.00.03.H52'],
  });

  await worker.runUntil(async () => {
    const now = Number(await env.currentTimeMs());
    await step('connection: reminders, rejected skip, connected before the deadline', async () => {
      const input = base('000.01.31.H52', now + 100 * DAY_MS);
      const handle = await env.client.workflow.start('connectionWorkflow', { taskQueue, workflowId: workflowIds.connection(input.orgCode), args: [input] });
      await env.sleep(80 * DAY_MS);
      await handle.executeUpdate(advanceConnectionUpdate, { args: [{ to: 'connected', actor: 'admin' }] }).catch(() => undefined);
      for (const to of ['infrastructure_ready', 'test_passed', 'connected'] as const) {
        await handle.executeUpdate(advanceConnectionUpdate, { args: [{ to, actor: 'admin' }] });
      }
      await handle.result();
      fs.writeFileSync(path.join(OUT, 'connection-connected-before-deadline.json'), historyToJSON(await handle.fetchHistory()));
    });
    await step('connection: started after the deadline, periodic reminders, connected late', async () => {
      const input = base('000.02.31.H52', now - 30 * DAY_MS);
      const handle = await env.client.workflow.start('connectionWorkflow', { taskQueue, workflowId: workflowIds.connection(input.orgCode), args: [input] });
      await env.sleep(22 * DAY_MS);
      for (const to of ['infrastructure_ready', 'test_passed', 'connected'] as const) {
        await handle.executeUpdate(advanceConnectionUpdate, { args: [{ to, actor: 'admin' }] });
      }
      await handle.result();
      fs.writeFileSync(path.join(OUT, 'connection-overdue-then-connected.json'), historyToJSON(await handle.fetchHistory()));
    });
  });
  await env.teardown();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
