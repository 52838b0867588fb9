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
import type { createConnectionActivities } from '../activities/connection.activities';
import type { FlushResult, InteropActivities } from '../activities/interop/contract';
import { DAY_MS } from '../domain/time';
import { WORKFLOWS_PATH } from '../worker/create-worker';
import { fakeDocumentActivities, GRACE_MS, HOUR, STEP_MS } from '../test/support/fake-document-activities';
import {
  acceptUpdate,
  advanceConnectionUpdate,
  answerChangeUpdate,
  assignUpdate,
  completeUpdate,
  confirmPaperDispatchUpdate,
  confirmPaperRecallUpdate,
  extendUpdate,
  incomingStateQuery,
  issueUpdate,
  outboxWakeSignal,
  workflowIds,
  type ChangeWorkflowInput,
  type ConnectionWorkflowInput,
  type IncomingState,
  type IncomingWorkflowInput,
  type OutgoingWorkflowInput,
} from '../workflows/definitions';
import { step } from './lib/log-step';
import { resolveTestServer } from './lib/test-server';

const OUT = path.resolve(__dirname, '../test/replay/histories');

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: await resolveTestServer() } } });
  const connectionActivities: ReturnType<typeof createConnectionActivities> = {
    recordConnectionStep: async () => undefined,
    sendConnectionReminder: async () => undefined,
    recordConnectionOverdue: async () => undefined,
  };
  // The document processes run against recording stand-ins, as in test/workflows/.
  const docs = fakeDocumentActivities({
    receivers: [
      { code: '000.00.03.H52', name: 'Sở TT&TT', channel: 'internal' },
      { code: '000.02.37.H52', name: 'UBND xã Chiềng Sơn', channel: 'paper' },
    ],
    targets: [
      { code: '000.00.05.H52', channel: 'internal', kind: 'recall', incomingWorkflowId: workflowIds.incoming('000.00.05.H52', 'history-recall'), paperDispatched: false },
      { code: '000.00.06.H52', channel: 'internal', kind: 'recall', incomingWorkflowId: workflowIds.incoming('000.00.06.H52', 'history-recall'), paperDispatched: false },
      { code: '000.02.37.H52', channel: 'paper', kind: 'recall', incomingWorkflowId: null, paperDispatched: true },
    ],
  });
  // The outbox of a peer: unreachable twice, then a full batch, then the rest, then deactivated.
  const flushes: FlushResult[] = [
    { peerActive: true, blocked: true, more: true, sent: 0, failed: 0 },
    { peerActive: true, blocked: true, more: true, sent: 0, failed: 0 },
    { peerActive: true, blocked: false, more: true, sent: 25, failed: 0 },
    { peerActive: true, blocked: false, more: false, sent: 3, failed: 1 },
    { peerActive: false, blocked: false, more: false, sent: 0, failed: 0 },
  ];
  let flushCount = 0;
  const interopActivities: Pick<InteropActivities, 'flushInteropOutbox'> = {
    flushInteropOutbox: async () => flushes[Math.min(flushCount++, flushes.length - 1)],
  };
  const activities = { ...connectionActivities, ...docs.activities, ...interopActivities };
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
    const save = async (name: string, id: string) => {
      fs.writeFileSync(path.join(OUT, `${name}.json`), historyToJSON(await env.client.workflow.getHandle(id).fetchHistory()));
    };
    const incoming = (code: string, documentId: string): IncomingWorkflowInput => ({ receiverCode: code, source: { kind: 'internal', documentId }, urgency: 'normal' });
    const state = async (id: string, pred: (s: IncomingState) => boolean) => {
      for (let i = 0; i < 300; i += 1) {
        const s = await env.client.workflow.getHandle(id).query(incomingStateQuery).catch(() => null);
        if (s && pred(s)) return s;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`${id}: state not reached`);
    };

    await step('incoming: reminder and overdue at reception, accepted, routed, assigned, extended, completed', async () => {
      const id = workflowIds.incoming('000.00.04.H52', 'history-lifecycle');
      const h = await env.client.workflow.start('incomingDocumentWorkflow', { taskQueue, workflowId: id, args: [incoming('000.00.04.H52', 'history-lifecycle')] });
      await state(id, (s) => s.status === 'arrived');
      await env.sleep(STEP_MS.reception + GRACE_MS + HOUR);
      await h.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk' }] });
      await state(id, (s) => s.status === 'routed');
      await h.executeUpdate(assignUpdate, { args: [{ actorId: 'leader', handlerId: 'spec', coHandlerIds: ['co'] }] });
      await env.sleep(STEP_MS.processing + HOUR);
      const s = await state(id, (x) => x.deadline?.overdue === true);
      await h.executeUpdate(extendUpdate, { args: [{ actorId: 'leader', dueAt: new Date(Date.parse(s.deadline!.dueAt!) + 3 * DAY_MS).toISOString(), reason: 'Chờ số liệu' }] });
      await h.executeUpdate(completeUpdate, { args: [{ actorId: 'spec', result: 'Đã xử lý' }] });
      await h.result();
      await save('incoming-lifecycle-with-deadlines', id);
    });

    await step('outgoing: send deadline, issued to a connected and a paper receiver, paper dispatched', async () => {
      const id = workflowIds.outgoing('history-outgoing');
      const input: OutgoingWorkflowInput = { documentId: 'history-outgoing', organizationCode: '000.00.02.H52', urgency: 'urgent', signedAt: new Date(Number(await env.currentTimeMs())).toISOString(), taskQueue };
      const h = await env.client.workflow.start('outgoingDocumentWorkflow', { taskQueue, workflowId: id, args: [input] });
      await env.sleep(STEP_MS.sending + HOUR);
      await h.executeUpdate(issueUpdate, { args: [{ actorId: 'clerk' }] });
      await state(workflowIds.incoming('000.00.03.H52', 'history-outgoing'), (s) => s.status === 'arrived');
      for (let i = 0; i < 300; i += 1) {
        if (await h.executeUpdate(confirmPaperDispatchUpdate, { args: [{ actorId: 'clerk', receiverCode: '000.02.37.H52' }] }).then(() => true, () => false)) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await h.result();
      await save('outgoing-issued-internal-and-paper', id);
      await env.client.workflow.getHandle(workflowIds.incoming('000.00.03.H52', 'history-outgoing')).terminate('recorded');
    });

    await step('change: recall from an arrived receiver, an accepted receiver and a paper receiver', async () => {
      const a = workflowIds.incoming('000.00.05.H52', 'history-recall');
      const b = workflowIds.incoming('000.00.06.H52', 'history-recall');
      await env.client.workflow.start('incomingDocumentWorkflow', { taskQueue, workflowId: a, args: [incoming('000.00.05.H52', 'history-recall')] });
      const hb = await env.client.workflow.start('incomingDocumentWorkflow', { taskQueue, workflowId: b, args: [incoming('000.00.06.H52', 'history-recall')] });
      await state(a, (s) => s.status === 'arrived');
      await state(b, (s) => s.status === 'arrived');
      await hb.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk' }] });
      await state(b, (s) => s.status === 'routed');
      const id = workflowIds.change('history-recall', 1);
      const input: ChangeWorkflowInput = {
        documentId: 'history-recall',
        organizationCode: '000.00.02.H52',
        kind: 'recall',
        reason: 'Ban hành nhầm',
        actorId: 'clerk',
        changes: null,
        replacementId: null,
        addReceivers: [],
        removeReceivers: [],
        urgency: 'normal',
        taskQueue,
      };
      const h = await env.client.workflow.start('documentChangeWorkflow', { taskQueue, workflowId: id, args: [input] });
      await state(b, (s) => s.pendingChange !== null);
      await hb.executeUpdate(answerChangeUpdate, { args: [{ actorId: 'clerk', agree: true }] });
      for (let i = 0; i < 300; i += 1) {
        if (await h.executeUpdate(confirmPaperRecallUpdate, { args: [{ actorId: 'clerk', receiverCode: '000.02.37.H52' }] }).then(() => true, () => false)) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await h.result();
      await save('change-recall-mixed-receivers', id);
      await save('incoming-recalled-after-acceptance', b);
      await save('incoming-recalled-before-acceptance', a);
    });

    await step('interop outbox: peer unreachable twice, back-off, batches sent, peer deactivated', async () => {
      const id = workflowIds.interopOutbox('history-peer');
      const h = await env.client.workflow.start('interopOutboxWorkflow', { taskQueue, workflowId: id, args: [{ peerId: 'history-peer', idleMs: HOUR, backoffMs: { initial: 5_000, max: 60_000 } }] });
      await env.sleep(60_000);
      await h.signal(outboxWakeSignal);
      await env.sleep(HOUR + 60_000);
      await h.result();
      await save('interop-outbox-backoff-and-batches', id);
    });
  });
  await env.teardown();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
