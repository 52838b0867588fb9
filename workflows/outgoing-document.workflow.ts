/**
 * Issuing and sending one outgoing document (QĐ 2588 Articles 6.2, 10; R-OUT-1..5). Started with
 * the draft; a validly signed draft must be sent the same day (send deadline, R-OUT-3) under a
 * StepDeadline. `issueUpdate` registers it (number and identifier, gap-free) and the process
 * delivers it: a receiver process per connected receiver in this installation (child workflows
 * whose ids make a duplicate delivery the same process), a tracked paper dispatch for receivers
 * that are not connected or where paper accompanies (R-OUT-4). A replacement (R-RCL-3) starts the
 * change process of the document it replaces once issued.
 */
import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import type { DocumentActivities, IssueResult, PlannedReceiver } from '../activities/documents/contract';
import type { InteropActivities } from '../activities/interop/contract';
import { needsPaper, priorityKeyOf, URGENCIES, type OutgoingStatus } from '../domain/documents';
import { isOrgCode } from '../domain/org-code';
import {
  calendarChangedSignal,
  confirmPaperDispatchUpdate,
  issueUpdate,
  outgoingStateQuery,
  outgoingWithdrawnSignal,
  workflowIds,
  type ChangeWorkflowInput,
  type IncomingWorkflowInput,
  type OutgoingState,
  type OutgoingWorkflowInput,
} from './definitions';
import { wakeOutbox } from './interop-wake';
import { StepDeadline } from './step-deadline';

const acts = proxyActivities<DocumentActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['SIGNATURE_REQUIRED', 'SIGNING_KEY_MISSING', 'INVALID_INPUT'] },
});

const interop = proxyActivities<InteropActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

function validateInput(input: OutgoingWorkflowInput): void {
  const problems: string[] = [];
  if (typeof input?.documentId !== 'string' || !input.documentId) problems.push('documentId');
  if (!isOrgCode(input?.organizationCode)) problems.push('organizationCode');
  if (!URGENCIES.includes(input?.urgency)) problems.push('urgency');
  if (input?.signedAt != null && Number.isNaN(Date.parse(input.signedAt))) problems.push('signedAt');
  if (typeof input?.taskQueue !== 'string' || !input.taskQueue) problems.push('taskQueue');
  if (problems.length) throw ApplicationFailure.nonRetryable(`invalid outgoing workflow input: ${problems.join(', ')}`, 'INVALID_INPUT');
}

export async function outgoingDocumentWorkflow(input: OutgoingWorkflowInput): Promise<{ status: OutgoingStatus; identifier: string | null }> {
  validateInput(input);
  const { workflowId } = workflowInfo();
  const now = () => new Date().toISOString();

  let status: OutgoingStatus = 'draft';
  let issuing = false;
  let issued: IssueResult | null = null;
  let withdrawn = false;
  const started = new Set<string>();
  const paperPending = new Set<string>();
  let sending: StepDeadline | null = null;
  const paperDeadlines = new Map<string, StepDeadline>();
  const statusNow = () => status;

  setHandler(outgoingStateQuery, (): OutgoingState => ({
    status,
    identifier: issued?.identifier ?? null,
    deliveries: (issued?.receivers ?? []).map((r) => ({ receiverCode: r.code, channel: r.channel, started: started.has(r.code), paperPending: paperPending.has(r.code) })),
    deadline: sending && status === 'draft' ? { ...sending.state } : null,
    paperDeadlines: [...paperDeadlines.values()].map((d) => ({ ...d.state })),
  }));

  setHandler(calendarChangedSignal, () => {
    sending?.calendarChanged();
    for (const d of paperDeadlines.values()) d.calendarChanged();
  });

  setHandler(outgoingWithdrawnSignal, () => {
    withdrawn = true;
  });

  setHandler(
    issueUpdate,
    async ({ actorId, signOnServer }) => {
      issuing = true;
      try {
        const r = await acts.issueOutgoing({ documentId: input.documentId, actorId, signOnServer: signOnServer === true, at: now(), key: `${workflowId}:issue` });
        issued = r;
        status = 'issued';
        return { identifier: r.identifier, numberAndNotation: r.numberAndNotation, issuedAt: r.issuedAt };
      } finally {
        issuing = false;
      }
    },
    {
      validator: ({ actorId, signOnServer }) => {
        if (typeof actorId !== 'string' || !actorId) throw new Error('actorId is required');
        if (signOnServer != null && typeof signOnServer !== 'boolean') throw new Error('signOnServer must be a boolean');
        if (status !== 'draft') throw new Error('Văn bản đã được phát hành (already issued)');
        if (issuing) throw new Error('Văn bản đang được phát hành (issuing is in progress)');
        if (!input.signedAt && signOnServer !== true) {
          throw new Error('Văn bản chưa có chữ ký số hợp lệ: không thể phát hành (Điều 10 khoản 1; R-OUT-1). Hãy tải lên bản đã ký số hoặc ký bằng chứng thư số của cơ quan.');
        }
      },
    },
  );

  setHandler(
    confirmPaperDispatchUpdate,
    async ({ actorId, receiverCode, note }) => {
      await acts.recordPaperDispatched({ documentId: input.documentId, receiverCode, actorId, note: note ?? null, at: now(), key: `${workflowId}:paper:${receiverCode}` });
      paperPending.delete(receiverCode);
    },
    {
      validator: ({ actorId, receiverCode }) => {
        if (typeof actorId !== 'string' || !actorId) throw new Error('actorId is required');
        if (!paperPending.has(receiverCode)) throw new Error(`Không có bản giấy nào đang chờ gửi cho ${String(receiverCode)} (no paper copy is pending for this receiver)`);
      },
    },
  );

  // ---- send deadline of a signed draft (R-OUT-3) --------------------------------------------------
  if (input.signedAt) {
    await acts.openSendingStep({ documentId: input.documentId, key: `${workflowId}:sending` });
    sending = new StepDeadline({
      documentId: input.documentId,
      step: 'sending',
      organizationCode: input.organizationCode,
      urgency: input.urgency,
      startedAt: input.signedAt,
      keyPrefix: `${workflowId}:sending`,
    });
    await sending.run(() => statusNow() !== 'draft');
  } else {
    await condition(() => statusNow() !== 'draft');
  }
  const result = issued as IssueResult | null;
  if (!result) throw ApplicationFailure.nonRetryable('issued without a result', 'INVALID_STATE');

  // ---- delivery (R-OUT-2, R-OUT-4) ----------------------------------------------------------------
  const priority = { priorityKey: priorityKeyOf(input.urgency) };
  for (const receiver of result.receivers) {
    if (withdrawn) break;
    if (receiver.channel === 'internal' || receiver.channel === 'both') await deliver(receiver);
    else if (receiver.channel === 'edxml' && patched('edxml-delivery')) await sendToPeer(receiver);
  }
  if (input.replacesId && !withdrawn) {
    const change: ChangeWorkflowInput = {
        documentId: input.replacesId,
        organizationCode: input.organizationCode,
        kind: 'replace',
        reason: `Thay thế bằng văn bản ${result.numberAndNotation}`,
        actorId: 'system',
        changes: null,
        replacementId: input.documentId,
        addReceivers: [],
        removeReceivers: [],
        urgency: input.urgency,
        taskQueue: input.taskQueue,
    };
    // The replaced document may have had further changes since the draft was made: take the next
    // free change number (a taken id here is another change, never this one: child starts are
    // not re-issued on replay).
    const first = (input.replacesRevision ?? 0) + 1;
    for (let n = first; ; n += 1) {
      try {
        await startChild('documentChangeWorkflow', {
          workflowId: workflowIds.change(input.replacesId, n),
          taskQueue: input.taskQueue,
          args: [change],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          priority,
        });
        break;
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError) || n >= first + 100) throw err;
      }
    }
  }
  await Promise.all(result.receivers.filter((r) => needsPaper(r.channel)).map((r) => dispatchPaper(r)));

  await condition(allHandlersFinished);
  return { status: withdrawn ? 'recalled' : 'issued', identifier: result.identifier };

  async function deliver(receiver: PlannedReceiver): Promise<void> {
    const args: [IncomingWorkflowInput] = [{ receiverCode: receiver.code, source: { kind: 'internal', documentId: input.documentId }, urgency: input.urgency }];
    await startChildOnce('incomingDocumentWorkflow', workflowIds.incoming(receiver.code, input.documentId), args);
    started.add(receiver.code);
    await acts.recordSent({ documentId: input.documentId, receiverCode: receiver.code, at: now(), key: `${workflowId}:sent:${receiver.code}` });
  }

  /** A receiver outside this installation: an edXML package through its peer system's outbox (SPEC §8). */
  async function sendToPeer(receiver: PlannedReceiver): Promise<void> {
    const { peerId } = await interop.queueInteropPackage({
      documentId: input.documentId,
      receiverCode: receiver.code,
      business: 'new',
      at: now(),
      key: `${workflowId}:edxml:${receiver.code}`,
    });
    if (!peerId) return;
    started.add(receiver.code);
    await wakeOutbox(peerId);
  }

  async function startChildOnce(workflowType: 'incomingDocumentWorkflow', id: string, args: unknown[]): Promise<void> {
    try {
      await startChild(workflowType, {
        workflowId: id,
        taskQueue: input.taskQueue,
        args,
        // The receiver's process outlives this one; a second start of the same id is a duplicate.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        priority,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  async function dispatchPaper(receiver: PlannedReceiver): Promise<void> {
    if (withdrawn) return;
    await acts.openPaperDispatch({ documentId: input.documentId, receiverCode: receiver.code, at: now(), key: `${workflowId}:paper-open:${receiver.code}` });
    paperPending.add(receiver.code);
    const dl = new StepDeadline({
      documentId: input.documentId,
      step: 'paper_dispatch',
      receiverCode: receiver.code,
      organizationCode: input.organizationCode,
      urgency: input.urgency,
      startedAt: result!.issuedAt,
      keyPrefix: `${workflowId}:paper_dispatch:${receiver.code}`,
    });
    paperDeadlines.set(receiver.code, dl);
    await dl.run(() => !paperPending.has(receiver.code) || withdrawn);
    paperDeadlines.delete(receiver.code);
  }
}
