/**
 * Issuing, delivery and paper paths of an outgoing document (R-OUT-1..5) and its recall, update
 * and replacement (R-RCL-1..3), on the real time-skipping test server with recording activities.
 * The receivers' processes run for real as child workflows on the same worker.
 */
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { ChangeTarget, PlannedReceiver } from '../../activities/documents/contract';
import { causes } from '../../api/services/document-processes';
import { documentChangeWorkflow, incomingDocumentWorkflow, outgoingDocumentWorkflow } from '../../workflows';
import {
  acceptUpdate,
  answerChangeUpdate,
  changeStateQuery,
  confirmPaperDispatchUpdate,
  confirmPaperRecallUpdate,
  incomingStateQuery,
  issueUpdate,
  outgoingStateQuery,
  workflowIds,
  type ChangeWorkflowInput,
  type IncomingState,
  type OutgoingWorkflowInput,
} from '../../workflows/definitions';
import { timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../support/temporal';
import { fakeDocumentActivities, GRACE_MS, HOUR, internalTarget, STEP_MS, type FakeOptions } from '../support/fake-document-activities';

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

const SENDER = '000.00.02.H52';
const CONNECTED = '000.00.03.H52';
const NOT_CONNECTED = '000.02.37.H52';
const PROVINCE = '000.00.00.H52';
let seq = 0;

function newDocumentId(): string {
  seq += 1;
  return `out-${process.pid}-${Date.now()}-${seq}`;
}

/** A worker created is always run (runUntil): one left unrun keeps jest from exiting. */
async function setup(opts: FakeOptions = {}, documentId = newDocumentId()) {
  const fake = fakeDocumentActivities(opts);
  const taskQueue = uniqueTaskQueue('outgoing');
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
  return { ...fake, worker, taskQueue, documentId };
}

function outgoingInput(t: { documentId: string; taskQueue: string }, over: Partial<OutgoingWorkflowInput> = {}): OutgoingWorkflowInput {
  return { documentId: t.documentId, organizationCode: SENDER, urgency: 'normal', signedAt: new Date().toISOString(), taskQueue: t.taskQueue, ...over };
}

/** Polls until `pred` holds; a process that has not started yet is waited for too. */
async function until<T>(read: () => Promise<T>, pred: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await read();
      if (pred(v)) return v;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`not reached: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const incomingState = (h: WorkflowHandle) => () => h.query(incomingStateQuery);

describe('outgoing document process', () => {
  test('R-OUT-1 when the draft is not signed, then issuing is refused unless the organization signs it on the server', async () => {
    const t = await setup();
    await t.worker.runUntil(async () => {
      const h = await env.client.workflow.start(outgoingDocumentWorkflow, { taskQueue: t.taskQueue, workflowId: workflowIds.outgoing(t.documentId), args: [outgoingInput(t, { signedAt: null })] });
      const refused = await h.executeUpdate(issueUpdate, { args: [{ actorId: 'clerk-1' }] }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((refused as WorkflowUpdateFailedError).cause?.message).toMatch(/chưa có chữ ký số hợp lệ/);
      const issued = await h.executeUpdate(issueUpdate, { args: [{ actorId: 'clerk-1', signOnServer: true }] });
      expect(issued.identifier).toMatch(/^000\.00\.02\.H52\.2026\.\d+$/);
      await h.result();
    });
    expect(t.named('issueOutgoing')).toHaveLength(1);
    expect(t.named('issueOutgoing')[0].input).toMatchObject({ signOnServer: true });
    // An unsigned draft has no send deadline: it is not yet a signed document (R-OUT-3).
    expect(t.named('openSendingStep')).toHaveLength(0);
  });

  test('R-OUT-1 when the signature check fails at issue, then the update fails with the reason and the draft can be issued later', async () => {
    const t = await setup({ issueFailure: ApplicationFailure.nonRetryable('Chữ ký số không hợp lệ', 'SIGNATURE_REQUIRED') });
    await t.worker.runUntil(async () => {
      const h = await env.client.workflow.start(outgoingDocumentWorkflow, { taskQueue: t.taskQueue, workflowId: workflowIds.outgoing(t.documentId), args: [outgoingInput(t)] });
      const failed = await h.executeUpdate(issueUpdate, { args: [{ actorId: 'clerk-1' }] }).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(WorkflowUpdateFailedError);
      // The activity's failure is in the chain of causes, where the API looks for it (updateProblem).
      expect(causes(failed)).toContainEqual(expect.objectContaining({ type: 'SIGNATURE_REQUIRED', message: 'Chữ ký số không hợp lệ' }));
      expect((await h.query(outgoingStateQuery)).status).toBe('draft');
      await h.terminate('test done');
    });
    // Non-retryable: one attempt, not a retry storm.
    expect(t.named('issueOutgoing')).toHaveLength(1);
  });

  test('R-OUT-3 R-DL-2 when a signed document is not sent, then the send deadline reminds, falls overdue and escalates; issuing stops it', async () => {
    const t = await setup();
    await t.worker.runUntil(async () => {
      const h = await env.client.workflow.start(outgoingDocumentWorkflow, { taskQueue: t.taskQueue, workflowId: workflowIds.outgoing(t.documentId), args: [outgoingInput(t)] });
      await env.sleep(STEP_MS.sending + GRACE_MS + HOUR);
      expect((await h.query(outgoingStateQuery)).deadline).toMatchObject({ step: 'sending', reminded: true, overdue: true, escalationLevel: 1 });
      await h.executeUpdate(issueUpdate, { args: [{ actorId: 'clerk-1' }] });
      await h.result();
      const n = t.named('escalateStep').length;
      await env.sleep(3 * GRACE_MS);
      expect(t.named('escalateStep')).toHaveLength(n);
    });
    expect(t.named('openSendingStep')).toHaveLength(1);
    expect(t.named('markStepOverdue').map((c) => c.input.step)).toEqual(['sending']);
  });

  test('R-OUT-2 R-OUT-4 R-OUT-5 when issued to a connected, a not connected and a paper-accompanies receiver, then two receiver processes start and two paper copies are tracked until dispatched', async () => {
    const receivers: PlannedReceiver[] = [
      { code: CONNECTED, name: 'Sở TT&TT', channel: 'internal' },
      { code: NOT_CONNECTED, name: 'UBND xã Chiềng Sơn', channel: 'paper' },
      { code: PROVINCE, name: 'UBND tỉnh', channel: 'both' },
    ];
    const t = await setup({ receivers });
    const result = await t.worker.runUntil(async () => {
      const h = await env.client.workflow.start(outgoingDocumentWorkflow, { taskQueue: t.taskQueue, workflowId: workflowIds.outgoing(t.documentId), args: [outgoingInput(t)] });
      await h.executeUpdate(issueUpdate, { args: [{ actorId: 'clerk-1' }] });
      // The receivers' processes run: the connected one can be accepted by its clerk.
      const child = env.client.workflow.getHandle(workflowIds.incoming(CONNECTED, t.documentId));
      await until(incomingState(child), (s: IncomingState) => s.status === 'arrived');
      await child.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk-stttt' }] });
      await until(incomingState(env.client.workflow.getHandle(workflowIds.incoming(PROVINCE, t.documentId))), (s: IncomingState) => s.status === 'arrived');
      const s = await until(() => h.query(outgoingStateQuery), (x) => x.paperDeadlines.length === 2);
      expect(s.deliveries.filter((d) => d.paperPending).map((d) => d.receiverCode).sort()).toEqual([PROVINCE, NOT_CONNECTED].sort());
      await env.sleep(STEP_MS.paper_dispatch + HOUR);
      expect((await h.query(outgoingStateQuery)).paperDeadlines.every((d) => d.overdue)).toBe(true);
      await expect(h.executeUpdate(confirmPaperDispatchUpdate, { args: [{ actorId: 'clerk-1', receiverCode: CONNECTED }] })).rejects.toThrow(WorkflowUpdateFailedError);
      await h.executeUpdate(confirmPaperDispatchUpdate, { args: [{ actorId: 'clerk-1', receiverCode: NOT_CONNECTED, note: 'Gửi qua bưu điện' }] });
      await h.executeUpdate(confirmPaperDispatchUpdate, { args: [{ actorId: 'clerk-1', receiverCode: PROVINCE }] });
      return h.result();
    });
    expect(result.status).toBe('issued');
    expect(t.named('recordSent').map((c) => c.input.receiverCode).sort()).toEqual([CONNECTED, PROVINCE].sort());
    expect(t.named('openPaperDispatch').map((c) => c.input.receiverCode).sort()).toEqual([NOT_CONNECTED, PROVINCE].sort());
    expect(t.named('recordPaperDispatched').map((c) => c.input.receiverCode).sort()).toEqual([NOT_CONNECTED, PROVINCE].sort());
    expect(t.named('recordArrival').map((c) => c.input.receiverCode).sort()).toEqual([CONNECTED, PROVINCE].sort());
    expect(t.named('markStepOverdue').filter((c) => c.input.step === 'paper_dispatch').map((c) => c.input.receiverCode).sort()).toEqual([NOT_CONNECTED, PROVINCE].sort());
  });

  test('R-REC-4 when a receiver already has the process (a duplicate delivery), then issuing still completes and the document arrives once', async () => {
    const t = await setup({ receivers: [{ code: CONNECTED, name: 'Sở TT&TT', channel: 'internal' }] });
    await t.worker.runUntil(async () => {
      await env.client.workflow.start(incomingDocumentWorkflow, {
        taskQueue: t.taskQueue,
        workflowId: workflowIds.incoming(CONNECTED, t.documentId),
        args: [{ receiverCode: CONNECTED, source: { kind: 'internal', documentId: t.documentId }, urgency: 'normal' }],
      });
      const h = await env.client.workflow.start(outgoingDocumentWorkflow, { taskQueue: t.taskQueue, workflowId: workflowIds.outgoing(t.documentId), args: [outgoingInput(t)] });
      await h.executeUpdate(issueUpdate, { args: [{ actorId: 'clerk-1' }] });
      await h.result();
    });
    expect(t.named('recordArrival')).toHaveLength(1);
    expect(t.named('recordSent')).toHaveLength(1);
  });

  test('R-RCL-3 when a replacing document is issued, then the change process of the replaced document starts and asks its receivers', async () => {
    const oldId = `old-${Date.now()}`;
    const t = await setup({ targets: [{ code: CONNECTED, channel: 'internal', kind: 'replace', incomingWorkflowId: workflowIds.incoming(CONNECTED, oldId), paperDispatched: false }] });
    await t.worker.runUntil(async () => {
      const h = await env.client.workflow.start(outgoingDocumentWorkflow, {
        taskQueue: t.taskQueue,
        workflowId: workflowIds.outgoing(t.documentId),
        args: [outgoingInput(t, { replacesId: oldId, replacesRevision: 0 })],
      });
      await h.executeUpdate(issueUpdate, { args: [{ actorId: 'clerk-1' }] });
      await h.result();
      const change = await env.client.workflow.getHandle(workflowIds.change(oldId, 1)).result();
      expect(change).toEqual({ agreed: [CONNECTED], refused: [] });
    });
    expect(t.named('startChange')[0].input).toMatchObject({ documentId: oldId, kind: 'replace', replacementId: t.documentId });
    // The old receiver's process had ended (or never existed): answered from the read model.
    expect(t.named('applyChangeWithoutProcess')[0].input).toMatchObject({ receiverCode: CONNECTED, kind: 'replace' });
  });
});

describe('change process (recall, update, replace)', () => {
  function changeInput(t: { documentId: string; taskQueue: string }, over: Partial<ChangeWorkflowInput> = {}): ChangeWorkflowInput {
    return {
      documentId: t.documentId,
      organizationCode: SENDER,
      kind: 'recall',
      reason: 'Ban hành nhầm nơi nhận',
      actorId: 'clerk-1',
      changes: null,
      replacementId: null,
      addReceivers: [],
      removeReceivers: [],
      urgency: 'normal',
      taskQueue: t.taskQueue,
      ...over,
    };
  }

  async function startReceiver(t: { documentId: string; taskQueue: string }, code: string) {
    const h = await env.client.workflow.start(incomingDocumentWorkflow, {
      taskQueue: t.taskQueue,
      workflowId: workflowIds.incoming(code, t.documentId),
      args: [{ receiverCode: code, source: { kind: 'internal', documentId: t.documentId }, urgency: 'normal' }],
    });
    await until(incomingState(h), (s: IncomingState) => s.status === 'arrived');
    return h;
  }

  test('R-RCL-1 R-RCL-2 when a document is recalled from receivers at every stage, then each answers and the sender records every answer', async () => {
    const arrivedOnly = '000.00.04.H52';
    const accepted = '000.00.05.H52';
    const gone = '000.00.06.H52';
    const paperSent = '000.02.37.H52';
    const paperNotSent = '000.01.41.H52';
    const documentId = newDocumentId();
    const targets: ChangeTarget[] = [
      internalTarget(arrivedOnly, documentId),
      internalTarget(accepted, documentId),
      internalTarget(gone, documentId),
      { code: paperSent, channel: 'paper', kind: 'recall', incomingWorkflowId: null, paperDispatched: true },
      { code: paperNotSent, channel: 'paper', kind: 'recall', incomingWorkflowId: null, paperDispatched: false },
    ];
    const t = await setup({ targets }, documentId);
    const result = await t.worker.runUntil(async () => {
      const a = await startReceiver(t, arrivedOnly);
      const b = await startReceiver(t, accepted);
      await b.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk-b' }] });
      await until(incomingState(b), (s: IncomingState) => s.status === 'routed');
      const h = await env.client.workflow.start(documentChangeWorkflow, { taskQueue: t.taskQueue, workflowId: workflowIds.change(documentId, 1), args: [changeInput(t)] });
      expect(await a.result()).toMatchObject({ status: 'recalled' });
      await until(incomingState(b), (s: IncomingState) => s.pendingChange?.kind === 'recall');
      await b.executeUpdate(answerChangeUpdate, { args: [{ actorId: 'clerk-b', agree: true }] });
      expect(await b.result()).toMatchObject({ status: 'recalled' });
      await until(() => h.query(changeStateQuery), (s) => s.paperDeadlines.length === 1);
      await env.sleep(STEP_MS.paper_recall + HOUR);
      expect((await h.query(changeStateQuery)).paperDeadlines[0]).toMatchObject({ step: 'paper_recall', overdue: true });
      await h.executeUpdate(confirmPaperRecallUpdate, { args: [{ actorId: 'clerk-1', receiverCode: paperSent }] });
      return h.result();
    });
    expect(result.refused).toEqual([]);
    expect(result.agreed.sort()).toEqual([arrivedOnly, accepted, gone, paperSent, paperNotSent].sort());
    expect(t.named('recordChangeAnswer').map((c) => c.input.receiverCode).sort()).toEqual(result.agreed.sort());
    expect(t.named('applyChangeWithoutProcess').map((c) => c.input.receiverCode)).toEqual([gone]);
    expect(t.named('openPaperRecall').map((c) => c.input.receiverCode)).toEqual([paperSent]);
  });

  test('R-RCL-2 when an accepted receiver refuses the recall with a reason, then the sender records 16 with that reason', async () => {
    const documentId = newDocumentId();
    const t = await setup({ targets: [internalTarget(CONNECTED, documentId)] }, documentId);
    const result = await t.worker.runUntil(async () => {
      const b = await startReceiver(t, CONNECTED);
      await b.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk-b' }] });
      await until(incomingState(b), (s: IncomingState) => s.status === 'routed');
      const h = await env.client.workflow.start(documentChangeWorkflow, { taskQueue: t.taskQueue, workflowId: workflowIds.change(t.documentId, 1), args: [changeInput(t)] });
      await until(incomingState(b), (s: IncomingState) => s.pendingChange !== null);
      await b.executeUpdate(answerChangeUpdate, { args: [{ actorId: 'clerk-b', agree: false, reason: 'Đã triển khai thực hiện' }] });
      const r = await h.result();
      expect((await b.query(incomingStateQuery)).status).toBe('routed');
      await b.terminate('test done');
      return r;
    });
    expect(result).toEqual({ agreed: [], refused: [CONNECTED] });
    expect(t.named('recordChangeAnswer')[0].input).toMatchObject({ receiverCode: CONNECTED, agree: false, reason: 'Đã triển khai thực hiện', actorId: 'clerk-b' });
  });

  test('R-RCL-3 when an update adds a receiver and changes metadata, then the new receiver gets the document and existing ones apply the change', async () => {
    const documentId = newDocumentId();
    const added = '000.00.04.H52';
    const t = await setup({ targets: [internalTarget(CONNECTED, documentId, 'update')], added: [{ code: added, name: 'Sở Tài chính', channel: 'internal' }] }, documentId);
    const result = await t.worker.runUntil(async () => {
      const b = await startReceiver(t, CONNECTED);
      const h = await env.client.workflow.start(documentChangeWorkflow, {
        taskQueue: t.taskQueue,
        workflowId: workflowIds.change(t.documentId, 1),
        args: [changeInput(t, { kind: 'update', reason: 'Bổ sung nơi nhận', changes: { summary: 'Trích yếu đã sửa' }, addReceivers: [added] })],
      });
      const r = await h.result();
      await until(incomingState(env.client.workflow.getHandle(workflowIds.incoming(added, t.documentId))), (s: IncomingState) => s.status === 'arrived');
      await b.terminate('test done');
      return r;
    });
    expect(result).toEqual({ agreed: [CONNECTED], refused: [] });
    expect(t.named('applyChange')[0].input).toMatchObject({ kind: 'update', agree: true, changes: { summary: 'Trích yếu đã sửa' } });
    expect(t.named('recordSent').map((c) => c.input.receiverCode)).toEqual([added]);
  });
});
