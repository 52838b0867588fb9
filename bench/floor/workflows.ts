/**
 * The floor benchmark's workflows (bench/floor.bench.ts): the smallest workflows that make
 * Temporal do what ONE document lifecycle makes it do — a signed draft issued to one connected
 * receiver, accepted, routed by a rule to a leader, assigned, completed, with the people acting
 * before any reminder — and nothing else. Activities are no-ops (./activities).
 *
 * Per lifecycle (history events; the real workflows are workflows/outgoing-document.workflow.ts,
 * workflows/incoming-document.workflow.ts and the StepDeadline of workflows/step-deadline.ts):
 *
 * | event                                    | sender | receiver | lifecycle |
 * |------------------------------------------|--------|----------|-----------|
 * | ActivityTaskScheduled                    |   4    |    9     |    13     |
 * | WorkflowExecutionUpdateAccepted          |   1    |    3     |     4     |
 * | WorkflowExecutionSignaled                |   0    |    0     |     0     |
 * | SignalExternalWorkflowExecutionInitiated |   0    |    0     |     0     |
 * | StartChildWorkflowExecutionInitiated     |   1    |    0     |     1     |
 * | TimerStarted (each one later cancelled)  |   1    |    3     |     4     |
 * | WorkflowTaskCompleted                    |   7    |   13     |    20     |
 *
 * sender activities: openSendingStep, scheduleStep (send deadline, then its reminder timer),
 *   [update issue] issueOutgoing, [timer cancelled, child started] recordSent.
 * receiver activities: recordArrival, runReceiptChecks, scheduleStep (reception, timer),
 *   [update accept] acceptIncoming, [timer cancelled] routeIncoming, scheduleStep (assignment,
 *   timer), [update assign] scheduleStep (processing), assignHandlers, [timer cancelled,
 *   processing timer], [update complete] completeIncoming, [timer cancelled].
 *
 * Where the numbers come from: test/replay/histories/outgoing-issued-internal-and-paper.json has
 * 9 activities, 2 updates, 1 child, 4 timers, 15 workflow tasks; without its paper receiver
 * (openPaperDispatch, scheduleStep, confirmPaperDispatch + recordPaperDispatched, a timer) and
 * without the send deadline's reminder and overdue firing (2 timers fired, remindStep,
 * markStepOverdue) that is the sender column. incoming-lifecycle-with-deadlines.json has 17
 * activities, 4 updates, 9 timers, 28 workflow tasks; without the reminders, overdue, escalation
 * and the extension (5 timers fired, 1 cancelled by the extension, 3 remindStep, 2
 * markStepOverdue, escalateStep, the extend update, recordExtension, its scheduleStep) that is the
 * receiver column. Both columns were checked by running the real workflows with stub activities,
 * driven like the API and paced like people. The API (api/services/document-processes.ts) starts
 * the sender with client.workflow.start (workflowIdConflictPolicy FAIL, REJECT_DUPLICATE) and
 * sends every decision with executeUpdate; it sends no signal and no query in this lifecycle (it
 * reads the read model). The receiver is a child of the sender (startChild, ABANDON). Statuses go
 * back to the sender inside the receiver's activities (a database write), not as messages.
 *
 * The driver acts on a step once the workflow says it waits for it (a sink, which is no history
 * event): that is when a person would see the step in the read model, after its timer started.
 */
import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  defineUpdate,
  proxyActivities,
  proxySinks,
  setHandler,
  startChild,
  workflowInfo,
  type Sinks,
} from '@temporalio/workflow';
import type { FloorActivities } from './activities';

export const issueUpdate = defineUpdate<{ identifier: string }, [{ actorId: string }]>('issue');
export const acceptUpdate = defineUpdate<{ registerNumber: number }, [{ actorId: string }]>('accept');
export const assignUpdate = defineUpdate<{ dueAt: string }, [{ actorId: string; handlerId: string }]>('assign');
export const completeUpdate = defineUpdate<void, [{ actorId: string; result: string }]>('complete');

export type FloorStep = 'sending' | 'reception' | 'assignment' | 'processing';

export interface FloorSinks extends Sinks {
  floor: { waiting(step: FloorStep): void };
}

export interface FloorSenderInput {
  documentId: string;
  receiverWorkflowId: string;
  taskQueue: string;
}

// Same options as the real proxies: documents (sender 2 min, receiver 1 min), deadlines 30 s.
const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;
const sender = proxyActivities<FloorActivities>({ startToCloseTimeout: '2 minutes', retry });
const receiver = proxyActivities<FloorActivities>({ startToCloseTimeout: '1 minute', retry });
const deadlines = proxyActivities<FloorActivities>({ startToCloseTimeout: '30 seconds', retry });
const { floor } = proxySinks<FloorSinks>();

/** A person's step: its reminder timer runs until `done()` (cancelled then, as StepDeadline's is). */
async function waitUnderDeadline(step: FloorStep, done: () => boolean): Promise<void> {
  const waiting = condition(done, '1 day');
  floor.waiting(step);
  if (!(await waiting)) await condition(done);
}

/** The sender's process (outgoingDocumentWorkflow): send deadline, issue, one receiver, sent. */
export async function floorSender(input: FloorSenderInput): Promise<{ identifier: string }> {
  const { workflowId } = workflowInfo();
  const key = (k: string) => ({ documentId: input.documentId, key: `${workflowId}:${k}` });
  let identifier: string | null = null;

  setHandler(issueUpdate, async () => {
    const r = await sender.issueOutgoing(key('issue'));
    identifier = r.identifier;
    return { identifier: r.identifier };
  });

  await sender.openSendingStep(key('sending'));
  await deadlines.scheduleStep(key('sending:schedule'));
  await waitUnderDeadline('sending', () => identifier !== null);

  await startChild(floorReceiver, {
    workflowId: input.receiverWorkflowId,
    taskQueue: input.taskQueue,
    args: [{ documentId: input.documentId }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    priority: { priorityKey: 3 },
  });
  await sender.recordSent(key('sent'));
  await condition(allHandlersFinished);
  return { identifier: String(identifier) };
}

/** The receiver's process (incomingDocumentWorkflow): arrival, checks, accept, route, assign, complete. */
export async function floorReceiver(input: { documentId: string }): Promise<{ status: string }> {
  const { workflowId } = workflowInfo();
  const key = (k: string) => ({ documentId: input.documentId, key: `${workflowId}:${k}` });
  let accepted = false;
  let assigned = false;
  let completed = false;

  setHandler(acceptUpdate, async () => {
    const r = await receiver.acceptIncoming(key('accept'));
    accepted = true;
    return r;
  });
  setHandler(assignUpdate, async () => {
    // As the real handler: the processing deadline is scheduled before the tasks are written.
    const s = await deadlines.scheduleStep(key('processing:schedule'));
    await receiver.assignHandlers(key('assign'));
    assigned = true;
    return { dueAt: s.dueAt };
  });
  setHandler(completeUpdate, async () => {
    await receiver.completeIncoming(key('complete'));
    completed = true;
  });

  await receiver.recordArrival(key('arrival'));
  await receiver.runReceiptChecks(key('checks'));
  await deadlines.scheduleStep(key('reception:schedule'));
  await waitUnderDeadline('reception', () => accepted);
  await receiver.routeIncoming(key('route'));
  await deadlines.scheduleStep(key('assignment:schedule'));
  await waitUnderDeadline('assignment', () => assigned);
  await waitUnderDeadline('processing', () => completed);
  await condition(allHandlersFinished);
  return { status: 'completed' };
}
