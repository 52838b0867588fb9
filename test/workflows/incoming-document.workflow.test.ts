/**
 * Receipt and processing of an incoming document (R-REC-1..5, R-ROUTE-1..2, R-DL-1..3, R-CAL-4,
 * R-RCL-1..3) on the real time-skipping test server, with recording activities: every deadline
 * branch sends nothing and skips time.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { incomingDocumentWorkflow } from '../../workflows';
import {
  acceptUpdate,
  answerChangeUpdate,
  assignUpdate,
  calendarChangedSignal,
  changeRequestSignal,
  completeUpdate,
  extendUpdate,
  incomingStateQuery,
  paperReceivedUpdate,
  refuseUpdate,
  routeUpdate,
  workflowIds,
  type IncomingState,
  type IncomingWorkflowInput,
} from '../../workflows/definitions';
import { timeSkippingEnv, uniqueTaskQueue, workflowBundle } from '../support/temporal';
import { DAY, fakeDocumentActivities, GRACE_MS, HOUR, STEP_MS, type FakeOptions } from '../support/fake-document-activities';

// A fresh server per test (it starts in well under a second): skipped time and timers of one
// test's processes cannot leak into the next.
let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

let seq = 0;
const RECEIVER = '000.00.03.H52';

async function setup(opts: FakeOptions = {}, input: Partial<IncomingWorkflowInput> = {}) {
  const fake = fakeDocumentActivities(opts);
  const taskQueue = uniqueTaskQueue('incoming');
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: fake.activities });
  seq += 1;
  const sourceId = `src-${process.pid}-${Date.now()}-${seq}`;
  const wfInput: IncomingWorkflowInput = { receiverCode: RECEIVER, source: { kind: 'internal', documentId: sourceId }, urgency: 'normal', ...input };
  const workflowId = workflowIds.incoming(RECEIVER, sourceId);
  const start = () => env.client.workflow.start(incomingDocumentWorkflow, { taskQueue, workflowId, args: [wfInput] });
  return { ...fake, worker, taskQueue, start, workflowId, sourceId };
}

/** Polls the process's query until `pred` holds (decisions are refused before arrival). */
async function until(handle: WorkflowHandle, pred: (s: IncomingState) => boolean, ms = 15_000): Promise<IncomingState> {
  const end = Date.now() + ms;
  for (;;) {
    const s = await handle.query(incomingStateQuery);
    if (pred(s)) return s;
    if (Date.now() > end) throw new Error(`state not reached: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const arrived = (s: IncomingState) => s.status === 'arrived';

describe('incoming document process', () => {
  test('R-REC-1 R-REC-2 R-REC-3 R-REC-4 R-ROUTE-1 R-ROUTE-2 when accepted, routed by a rule, assigned and completed, then each step is recorded once and the process ends completed', async () => {
    const t = await setup();
    const result = await t.worker.runUntil(async () => {
      const h = await t.start();
      await until(h, arrived);
      const accepted = await h.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk-1', note: 'đủ điều kiện' }] });
      expect(accepted.registerNumber).toBe(1);
      // A second acceptance (e.g. a retried click) is refused: registered exactly once.
      await expect(h.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk-1' }] })).rejects.toThrow(WorkflowUpdateFailedError);
      await until(h, (s) => s.status === 'routed');
      const assigned = await h.executeUpdate(assignUpdate, { args: [{ actorId: 'leader-1', handlerId: 'spec-1', coHandlerIds: ['spec-2'] }] });
      expect(Date.parse(assigned.dueAt)).toBeGreaterThan(Date.now());
      await h.executeUpdate(completeUpdate, { args: [{ actorId: 'spec-1', result: 'Đã tham mưu văn bản trả lời' }] });
      return h.result();
    });
    expect(result.status).toBe('completed');
    expect(t.calls.map((c) => c.name).filter((n) => !['scheduleStep', 'remindStep'].includes(n))).toEqual([
      'recordArrival',
      'runReceiptChecks',
      'acceptIncoming',
      'routeIncoming',
      'assignHandlers',
      'completeIncoming',
    ]);
    expect(t.named('assignHandlers')[0].input).toMatchObject({ handlerId: 'spec-1', coHandlerIds: ['spec-2'], actorId: 'leader-1' });
    // Keys are the workflow id + step: a retried activity cannot register twice.
    expect(t.named('acceptIncoming')[0].input.key).toBe(`${t.workflowId}:accept`);
  });

  test('R-ROUTE-2 when the leader assigns while the routing activity is still running (the read model already shows it routed), then the assignment waits for it and succeeds; a second acceptance racing the first is refused after it', async () => {
    let release!: () => void;
    const t = await setup({ routeGate: new Promise<void>((r) => (release = r)) });
    const result = await t.worker.runUntil(async () => {
      const h = await t.start();
      await until(h, arrived);
      const [first, second] = await Promise.allSettled([
        h.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk-1' }] }),
        h.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk-2' }] }),
      ]);
      expect([first.status, second.status].sort()).toEqual(['fulfilled', 'rejected']);
      const refused = (first.status === 'rejected' ? first.reason : (second as PromiseRejectedResult).reason) as WorkflowUpdateFailedError;
      expect(refused.cause?.message).toMatch(/Không thể tiếp nhận khi văn bản ở trạng thái "accepted"/);
      await until(h, () => t.named('routeIncoming').length === 1);
      const assign = h.executeUpdate(assignUpdate, { args: [{ actorId: 'leader-1', handlerId: 'spec-1' }] });
      await new Promise((r) => setTimeout(r, 300));
      expect(t.named('assignHandlers')).toHaveLength(0);
      release();
      await assign;
      await h.executeUpdate(completeUpdate, { args: [{ actorId: 'spec-1', result: 'Xong' }] });
      return h.result();
    });
    expect(result.status).toBe('completed');
    expect(t.named('acceptIncoming')).toHaveLength(1);
    expect(t.named('assignHandlers')).toHaveLength(1);
  });

  test('R-REC-4 when the same document is delivered twice, then the second start is rejected as the same process', async () => {
    const t = await setup();
    await t.worker.runUntil(async () => {
      const h = await t.start();
      await until(h, arrived);
      await expect(t.start()).rejects.toThrow(WorkflowExecutionAlreadyStartedError);
      await h.terminate('test done');
    });
    expect(t.named('recordArrival')).toHaveLength(1);
  });

  test('R-REC-3 when the clerk refuses with a reason, then the refusal is recorded and the process ends; a refusal without reason is rejected', async () => {
    const t = await setup();
    const result = await t.worker.runUntil(async () => {
      const h = await t.start();
      await until(h, arrived);
      const noReason = await h.executeUpdate(refuseUpdate, { args: [{ actorId: 'clerk-1', reason: '  ' }] }).catch((e: unknown) => e);
      expect((noReason as WorkflowUpdateFailedError).cause?.message).toMatch(/Lý do từ chối là bắt buộc/);
      await h.executeUpdate(refuseUpdate, { args: [{ actorId: 'clerk-1', reason: 'Sai thể thức, thiếu chữ ký số' }] });
      return h.result();
    });
    expect(result.status).toBe('refused');
    expect(t.named('refuseIncoming')[0].input).toMatchObject({ reason: 'Sai thể thức, thiếu chữ ký số' });
    expect(t.named('acceptIncoming')).toHaveLength(0);
  });

  test('R-DL-1 R-DL-2 when nobody accepts, then the clerk is reminded, the step falls overdue at the deadline and escalates level by level every grace period', async () => {
    const t = await setup({ treeDepth: 2 });
    await t.worker.runUntil(async () => {
      const h = await t.start();
      const s = await until(h, (x) => x.status === 'arrived' && x.deadline?.dueAt != null);
      const due = Date.parse(s.deadline!.dueAt!);
      await env.sleep(STEP_MS.reception + 3 * GRACE_MS + HOUR);
      const after = await h.query(incomingStateQuery);
      expect(after.deadline).toMatchObject({ step: 'reception', reminded: true, overdue: true });
      expect(after.deadline!.escalationLevel).toBeGreaterThanOrEqual(3);
      await h.terminate('test done');
      const reminders = t.named('remindStep');
      expect(reminders).toHaveLength(1);
      expect(Math.abs(reminders[0].at - (due - STEP_MS.reception / 4))).toBeLessThan(60_000);
      const overdue = t.named('markStepOverdue');
      expect(overdue).toHaveLength(1);
      expect(Math.abs(overdue[0].at - due)).toBeLessThan(60_000);
      const escalations = t.named('escalateStep');
      expect(escalations.map((e) => e.input.level)).toEqual([1, 2, 3]);
      expect(Math.abs(escalations[0].at - (due + GRACE_MS))).toBeLessThan(60_000);
      expect(Math.abs(escalations[1].at - (due + 2 * GRACE_MS))).toBeLessThan(60_000);
      // At the top of the tree it keeps escalating (repeated until done), with a new key each time.
      expect(new Set(escalations.map((e) => e.input.key)).size).toBe(3);
    });
  });

  test('R-DL-1 R-DL-2 when the handler does not complete, then the processing deadline reminds, falls overdue and escalates; completing stops it', async () => {
    const t = await setup();
    await t.worker.runUntil(async () => {
      const h = await t.start();
      await until(h, arrived);
      await h.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk-1' }] });
      await until(h, (s) => s.status === 'routed');
      await h.executeUpdate(assignUpdate, { args: [{ actorId: 'leader-1', handlerId: 'spec-1' }] });
      await env.sleep(STEP_MS.processing + GRACE_MS + HOUR);
      const s = await h.query(incomingStateQuery);
      expect(s.deadline).toMatchObject({ step: 'processing', reminded: true, overdue: true, escalationLevel: 1 });
      await h.executeUpdate(completeUpdate, { args: [{ actorId: 'spec-1', result: 'xong' }] });
      await h.result();
      const escalationsAtEnd = t.named('escalateStep').length;
      await env.sleep(5 * GRACE_MS);
      expect(t.named('escalateStep')).toHaveLength(escalationsAtEnd);
    });
    expect(t.named('remindStep').filter((c) => c.input.step === 'processing')).toHaveLength(1);
    expect(t.named('markStepOverdue').filter((c) => c.input.step === 'processing')).toHaveLength(1);
  });

  test('R-DL-1 R-DL-2 when a routed document waits for assignment, then the leader is reminded and the assignment step falls overdue and escalates; assigning moves on to processing', async () => {
    const t = await setup();
    await t.worker.runUntil(async () => {
      const h = await t.start();
      await until(h, arrived);
      await h.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk-1' }] });
      await until(h, (s) => s.status === 'routed' && s.deadline?.step === 'assignment');
      await env.sleep(STEP_MS.assignment + GRACE_MS + HOUR);
      expect((await h.query(incomingStateQuery)).deadline).toMatchObject({ step: 'assignment', reminded: true, overdue: true, escalationLevel: 1 });
      await h.executeUpdate(assignUpdate, { args: [{ actorId: 'leader-1', handlerId: 'spec-1' }] });
      const s = await until(h, (x) => x.deadline?.step === 'processing');
      expect(s.deadline).toMatchObject({ overdue: false, escalationLevel: 0 });
      await h.terminate('test done');
    });
    expect(t.named('markStepOverdue').map((c) => c.input.step)).toEqual(['assignment']);
    expect(t.named('escalateStep').map((c) => [c.input.step, c.input.level])).toEqual([['assignment', 1]]);
  });

  test('R-DL-3 when a leader extends an overdue deadline with a reason, then the timers restart from the new deadline', async () => {
    const t = await setup();
    await t.worker.runUntil(async () => {
      const h = await t.start();
      await until(h, arrived);
      await h.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk-1' }] });
      await until(h, (s) => s.status === 'routed');
      await h.executeUpdate(assignUpdate, { args: [{ actorId: 'leader-1', handlerId: 'spec-1' }] });
      await env.sleep(STEP_MS.processing + HOUR);
      expect((await h.query(incomingStateQuery)).deadline?.overdue).toBe(true);
      const newDue = new Date(Date.parse((await h.query(incomingStateQuery)).deadline!.dueAt!) + 5 * DAY).toISOString();
      const noReason = await h.executeUpdate(extendUpdate, { args: [{ actorId: 'leader-1', dueAt: newDue, reason: '' }] }).catch((e: unknown) => e);
      expect(noReason).toBeInstanceOf(WorkflowUpdateFailedError);
      await h.executeUpdate(extendUpdate, { args: [{ actorId: 'leader-1', dueAt: newDue, reason: 'Chờ ý kiến của Sở Tài chính' }] });
      expect((await h.query(incomingStateQuery)).deadline).toMatchObject({ dueAt: newDue, overdue: false, escalationLevel: 0 });
      await env.sleep(5 * DAY);
      await until(h, (s) => s.deadline?.overdue === true);
      await h.terminate('test done');
    });
    expect(t.named('recordExtension')[0].input).toMatchObject({ step: 'processing', reason: 'Chờ ý kiến của Sở Tài chính' });
    // Overdue twice: once before and once after the extension, under different keys.
    const overdue = t.named('markStepOverdue').filter((c) => c.input.step === 'processing');
    expect(overdue).toHaveLength(2);
    expect(overdue[0].input.key).not.toBe(overdue[1].input.key);
  });

  test('R-CAL-4 when the calendar changes, then a deadline that has not passed is recomputed and the new one applies', async () => {
    const stretch = { factor: 1 };
    const t = await setup({ stretch });
    await t.worker.runUntil(async () => {
      const h = await t.start();
      const before = await until(h, (s) => s.status === 'arrived' && s.deadline?.dueAt != null);
      // e.g. a day off is added: the same step now lasts twice as long.
      stretch.factor = 2;
      await h.signal(calendarChangedSignal);
      const after = await until(h, (s) => s.deadline?.dueAt !== before.deadline!.dueAt);
      expect(Date.parse(after.deadline!.dueAt!) - Date.parse(before.deadline!.dueAt!)).toBe(STEP_MS.reception);
      await env.sleep(STEP_MS.reception + HOUR);
      expect((await h.query(incomingStateQuery)).deadline?.overdue).toBe(false);
      await env.sleep(STEP_MS.reception);
      expect((await h.query(incomingStateQuery)).deadline?.overdue).toBe(true);
      await h.terminate('test done');
    });
  });

  test('R-ROUTE-1 when no rule fires, then a person routes it under the routing deadline before a leader assigns', async () => {
    const t = await setup({ route: { routed: false, rule: null, target: null, autoHandlerId: null } });
    await t.worker.runUntil(async () => {
      const h = await t.start();
      await until(h, arrived);
      await h.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk-1' }] });
      const s = await until(h, (x) => x.deadline?.step === 'routing');
      expect(s.status).toBe('accepted');
      await expect(h.executeUpdate(assignUpdate, { args: [{ actorId: 'leader-1', handlerId: 'spec-1' }] })).rejects.toThrow(WorkflowUpdateFailedError);
      await env.sleep(STEP_MS.routing + HOUR);
      expect((await h.query(incomingStateQuery)).deadline).toMatchObject({ step: 'routing', overdue: true });
      await h.executeUpdate(routeUpdate, { args: [{ actorId: 'clerk-1', target: { kind: 'leader', userId: 'leader-2' } }] });
      await until(h, (x) => x.status === 'routed' && x.deadline?.step === 'assignment');
      await h.terminate('test done');
    });
    expect(t.named('routeIncoming').map((c) => c.input.manual ?? null)).toEqual([null, { target: { kind: 'leader', userId: 'leader-2' }, actorId: 'clerk-1' }]);
  });

  test('R-ROUTE-1 R-ROUTE-2 when a rule targets a person, then they are assigned directly; a leader can reassign and the new deadline replaces the old', async () => {
    const t = await setup({ route: { routed: true, rule: { id: 'r2', version: 3, name: 'CĐS', reasons: ['trích yếu có "chuyển đổi số"'] }, target: { kind: 'user', userId: 'spec-9' }, autoHandlerId: 'spec-9' } });
    await t.worker.runUntil(async () => {
      const h = await t.start();
      await until(h, arrived);
      await h.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk-1' }] });
      const s = await until(h, (x) => x.status === 'processing');
      expect(s.handlerId).toBe('spec-9');
      const dueAt = new Date(Date.parse(s.deadline?.dueAt ?? new Date().toISOString()) + 3 * DAY).toISOString();
      await h.executeUpdate(assignUpdate, { args: [{ actorId: 'leader-1', handlerId: 'spec-3', dueAt, reason: 'Chuyển người khác' }] });
      const re = await until(h, (x) => x.handlerId === 'spec-3' && x.deadline?.dueAt === dueAt);
      expect(re.status).toBe('processing');
      await h.terminate('test done');
    });
    expect(t.named('assignHandlers').map((c) => [c.input.handlerId, c.input.actorId])).toEqual([
      ['spec-9', null],
      ['spec-3', 'leader-1'],
    ]);
  });

  test('R-ROUTE-2 when an assignment names a deadline in the past or the main handler as co-handler, then it is rejected', async () => {
    const t = await setup();
    await t.worker.runUntil(async () => {
      const h = await t.start();
      await until(h, arrived);
      await expect(h.executeUpdate(completeUpdate, { args: [{ actorId: 'spec-1', result: 'x' }] })).rejects.toThrow(WorkflowUpdateFailedError);
      await h.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk-1' }] });
      await until(h, (x) => x.status === 'routed');
      const past = await h.executeUpdate(assignUpdate, { args: [{ actorId: 'l', handlerId: 's', dueAt: '2020-01-01T00:00:00+07:00' }] }).catch((e: unknown) => e);
      expect((past as WorkflowUpdateFailedError).cause?.message).toMatch(/Hạn xử lý phải ở tương lai/);
      await expect(h.executeUpdate(assignUpdate, { args: [{ actorId: 'l', handlerId: 's', coHandlerIds: ['s'] }] })).rejects.toThrow(WorkflowUpdateFailedError);
      await h.terminate('test done');
    });
    expect(t.named('assignHandlers')).toHaveLength(0);
  });

  test('R-RCL-1 R-RCL-2 when a recall arrives before acceptance, then it is applied at once and nothing is registered', async () => {
    const t = await setup();
    const result = await t.worker.runUntil(async () => {
      const h = await t.start();
      await until(h, arrived);
      await h.signal(changeRequestSignal, { kind: 'recall', reason: 'Ban hành nhầm', changes: null, replacementId: null, changeWorkflowId: 'change:none:1', receiverCode: RECEIVER });
      return h.result();
    });
    expect(result.status).toBe('recalled');
    expect(t.named('applyChange')[0].input).toMatchObject({ kind: 'recall', agree: true });
    expect(t.named('acceptIncoming')).toHaveLength(0);
    expect(t.named('openChangeAnswer')).toHaveLength(0);
  });

  test('R-RCL-1 R-DL-2 when a recall arrives after acceptance, then the clerk is asked under a deadline and agreeing recalls the document', async () => {
    const t = await setup();
    const result = await t.worker.runUntil(async () => {
      const h = await t.start();
      await until(h, arrived);
      await h.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk-1' }] });
      await until(h, (s) => s.status === 'routed');
      await h.signal(changeRequestSignal, { kind: 'recall', reason: 'Ban hành nhầm', changes: null, replacementId: null, changeWorkflowId: 'change:none:2', receiverCode: RECEIVER });
      await until(h, (s) => s.pendingChange?.kind === 'recall');
      await env.sleep(STEP_MS.recall_answer + HOUR);
      await h.executeUpdate(answerChangeUpdate, { args: [{ actorId: 'clerk-1', agree: true }] });
      return h.result();
    });
    expect(result.status).toBe('recalled');
    expect(t.named('openChangeAnswer')).toHaveLength(1);
    expect(t.named('markStepOverdue').map((c) => c.input.step)).toContain('recall_answer');
    expect(t.named('applyChange')[0].input).toMatchObject({ kind: 'recall', agree: true, actorId: 'clerk-1' });
  });

  test('R-RCL-2 when the receiver refuses a recall with a reason, then processing continues', async () => {
    const t = await setup();
    const result = await t.worker.runUntil(async () => {
      const h = await t.start();
      await until(h, arrived);
      await h.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk-1' }] });
      await until(h, (s) => s.status === 'routed');
      await h.executeUpdate(assignUpdate, { args: [{ actorId: 'leader-1', handlerId: 'spec-1' }] });
      await h.signal(changeRequestSignal, { kind: 'recall', reason: 'Ban hành nhầm', changes: null, replacementId: null, changeWorkflowId: 'change:none:3', receiverCode: RECEIVER });
      await until(h, (s) => s.pendingChange !== null);
      await expect(h.executeUpdate(answerChangeUpdate, { args: [{ actorId: 'clerk-1', agree: false }] })).rejects.toThrow(WorkflowUpdateFailedError);
      await h.executeUpdate(answerChangeUpdate, { args: [{ actorId: 'clerk-1', agree: false, reason: 'Văn bản đã được thực hiện' }] });
      await until(h, (s) => s.pendingChange === null);
      await h.executeUpdate(completeUpdate, { args: [{ actorId: 'spec-1', result: 'xong' }] });
      return h.result();
    });
    expect(result.status).toBe('completed');
    expect(t.named('applyChange')[0].input).toMatchObject({ agree: false, reason: 'Văn bản đã được thực hiện' });
  });

  test('R-RCL-3 when the sender updates the urgency and deadline, then the change is applied to the running process', async () => {
    const t = await setup();
    await t.worker.runUntil(async () => {
      const h = await t.start();
      await until(h, arrived);
      await h.executeUpdate(acceptUpdate, { args: [{ actorId: 'clerk-1' }] });
      await until(h, (s) => s.status === 'routed');
      await h.executeUpdate(assignUpdate, { args: [{ actorId: 'leader-1', handlerId: 'spec-1' }] });
      const dueAt = new Date(Date.now() + 2 * DAY).toISOString();
      await h.signal(changeRequestSignal, { kind: 'update', reason: 'Sửa hạn xử lý', changes: { dueAt, urgency: 'urgent' }, replacementId: null, changeWorkflowId: 'change:none:4', receiverCode: RECEIVER });
      const s = await until(h, (x) => x.deadline?.dueAt === dueAt);
      expect(s.status).toBe('processing');
      await h.terminate('test done');
    });
    expect(t.named('applyChange')[0].input).toMatchObject({ kind: 'update', agree: true, changes: { urgency: 'urgent' } });
  });

  test('R-REC-5 when a paper copy accompanies the document, then the clerk is reminded every interval until it is confirmed', async () => {
    const t = await setup({ arrival: { paperAccompanies: true } });
    await t.worker.runUntil(async () => {
      const h = await t.start();
      await until(h, (s) => s.paperAccompanies && s.status === 'arrived');
      await env.sleep(2 * STEP_MS.paper_receipt + HOUR);
      await h.executeUpdate(paperReceivedUpdate, { args: [{ actorId: 'clerk-1' }] });
      await expect(h.executeUpdate(paperReceivedUpdate, { args: [{ actorId: 'clerk-1' }] })).rejects.toThrow(WorkflowUpdateFailedError);
      await env.sleep(3 * STEP_MS.paper_receipt);
      await h.terminate('test done');
    });
    expect(t.named('remindPaperReceipt')).toHaveLength(2);
    expect(t.named('recordPaperReceived')).toHaveLength(1);
  });

  test('R-REC-5 when a plain paper document is entered by the clerk, then the same receipt process runs on it', async () => {
    const paperDocId = `paper-doc-${Date.now()}`;
    const t = await setup({}, { source: { kind: 'paper', documentId: paperDocId } });
    const result = await t.worker.runUntil(async () => {
      const h = await t.start();
      await until(h, arrived);
      await h.executeUpdate(refuseUpdate, { args: [{ actorId: 'clerk-1', reason: 'Không thuộc thẩm quyền' }] });
      return h.result();
    });
    expect(result).toEqual({ documentId: paperDocId, status: 'refused' });
    expect(t.named('recordArrival')[0].input).toMatchObject({ sourceDocumentId: null, incomingDocumentId: paperDocId });
  });

  test('R-RCL-2 when the recall overtook the delivery, then the arriving document is withdrawn at once', async () => {
    const t = await setup({ arrival: { sourceRecalled: true } });
    const result = await t.worker.runUntil(async () => (await t.start()).result());
    expect(result.status).toBe('recalled');
    expect(t.named('applyChange')[0].input).toMatchObject({ kind: 'recall', agree: true, actorId: null });
    expect(t.named('runReceiptChecks')).toHaveLength(0);
  });
});
