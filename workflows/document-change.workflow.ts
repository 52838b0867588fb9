/**
 * Recall, update or replacement of an issued document (QĐ 2588 Articles 8.2, 10.3; R-RCL-1..3),
 * the undo step of the outgoing process. The sender's side is marked first (13 to every
 * receiver); each receiver's process then gets the request and answers 15 (agreed) or 16
 * (refused, with reason) — a receiver whose process has ended, or that the document has not
 * reached yet, is answered from the read model at once. Paper copies already dispatched to a
 * receiver that is not connected must be retrieved by the clerk, under the sending deadline.
 * Ends when every receiver has answered. Missing answers are reminded and escalated by the
 * receivers' own `recall_answer` step.
 */
import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import type { ChangeTarget, DocumentActivities, PlannedReceiver } from '../activities/documents/contract';
import type { InteropActivities } from '../activities/interop/contract';
import { CHANGE_KINDS, URGENCIES, needsPaper, priorityKeyOf, type ChangeKind } from '../domain/documents';
import { isOrgCode } from '../domain/org-code';
import {
  calendarChangedSignal,
  changeAnswerSignal,
  changeRequestSignal,
  changeStateQuery,
  confirmPaperDispatchUpdate,
  confirmPaperRecallUpdate,
  outgoingWithdrawnSignal,
  workflowIds,
  type ChangeState,
  type ChangeWorkflowInput,
} from './definitions';
import { incomingDocumentWorkflow } from './incoming-document.workflow';
import { wakeOutbox } from './interop-wake';
import { StepDeadline } from './step-deadline';

const acts = proxyActivities<DocumentActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const interop = proxyActivities<InteropActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** How long a peer system has to answer a recall / update / replace before it counts as refused. */
const PEER_ANSWER_WAIT = '30 days';

type Answer = { kind: ChangeKind; answer: 'waiting' | 'agreed' | 'refused'; reason: string | null };

function validateInput(input: ChangeWorkflowInput): void {
  const problems: string[] = [];
  if (typeof input?.documentId !== 'string' || !input.documentId) problems.push('documentId');
  if (!isOrgCode(input?.organizationCode)) problems.push('organizationCode');
  if (!CHANGE_KINDS.includes(input?.kind)) problems.push('kind');
  if (typeof input?.reason !== 'string' || !input.reason.trim()) problems.push('reason');
  if (!URGENCIES.includes(input?.urgency)) problems.push('urgency');
  if (!Array.isArray(input?.addReceivers) || !input.addReceivers.every(isOrgCode)) problems.push('addReceivers');
  if (!Array.isArray(input?.removeReceivers) || !input.removeReceivers.every(isOrgCode)) problems.push('removeReceivers');
  if (input?.kind === 'replace' && !input.replacementId) problems.push('replacementId');
  if (typeof input?.taskQueue !== 'string' || !input.taskQueue) problems.push('taskQueue');
  if (problems.length) throw ApplicationFailure.nonRetryable(`invalid change workflow input: ${problems.join(', ')}`, 'INVALID_INPUT');
}

export async function documentChangeWorkflow(input: ChangeWorkflowInput): Promise<{ agreed: string[]; refused: string[] }> {
  validateInput(input);
  const { workflowId } = workflowInfo();
  const now = () => new Date().toISOString();
  const answers = new Map<string, Answer>();
  const paperRecalls = new Map<string, StepDeadline>();
  const paperPending = new Set<string>();
  const recording = new Set<string>();

  setHandler(changeStateQuery, (): ChangeState => ({
    kind: input.kind,
    answers: [...answers.entries()].map(([receiverCode, a]) => ({ receiverCode, ...a })),
    paperDeadlines: [...paperRecalls.values()].map((d) => ({ ...d.state })),
  }));

  setHandler(calendarChangedSignal, () => {
    for (const d of paperRecalls.values()) d.calendarChanged();
  });

  const record = async (receiverCode: string, agree: boolean, reason: string | null, actorId: string | null) => {
    const a = answers.get(receiverCode);
    if (!a || a.answer !== 'waiting' || recording.has(receiverCode)) return;
    recording.add(receiverCode);
    try {
      await acts.recordChangeAnswer({ documentId: input.documentId, receiverCode, kind: a.kind, agree, reason, actorId, at: now(), key: `${workflowId}:answer:${receiverCode}` });
      answers.set(receiverCode, { ...a, answer: agree ? 'agreed' : 'refused', reason });
    } finally {
      recording.delete(receiverCode);
    }
  };

  // Answers may arrive before this process has sent every request: they are kept and recorded.
  const early: Array<{ receiverCode: string; agree: boolean; reason: string | null; actorId: string | null }> = [];
  setHandler(changeAnswerSignal, async ({ receiverCode, agree, reason, actorId }) => {
    if (!answers.has(receiverCode)) {
      early.push({ receiverCode, agree, reason, actorId });
      return;
    }
    await record(receiverCode, agree, reason ?? null, actorId ?? null);
  });

  setHandler(
    confirmPaperRecallUpdate,
    async ({ actorId, receiverCode }) => {
      await record(receiverCode, true, 'Đã thu hồi bản giấy', actorId);
    },
    {
      validator: ({ actorId, receiverCode }) => {
        if (typeof actorId !== 'string' || !actorId) throw new Error('actorId is required');
        if (!paperRecalls.has(receiverCode) || answers.get(receiverCode)?.answer !== 'waiting') {
          throw new Error(`Không có bản giấy nào đang chờ thu hồi từ ${String(receiverCode)} (no paper recall is pending for this receiver)`);
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

  const start = await acts.startChange({
    documentId: input.documentId,
    kind: input.kind,
    reason: input.reason,
    actorId: input.actorId === 'system' ? null : input.actorId,
    changes: input.changes,
    replacementId: input.replacementId,
    addReceivers: input.addReceivers,
    removeReceivers: input.removeReceivers,
    at: now(),
    key: `${workflowId}:start`,
  });
  for (const t of start.targets) answers.set(t.code, { kind: t.kind, answer: 'waiting', reason: null });

  if (input.kind !== 'update') {
    // Stop the sender's process from dispatching any more (paper) copies.
    try {
      await getExternalWorkflowHandle(workflowIds.outgoing(input.documentId)).signal(outgoingWithdrawnSignal, { kind: input.kind });
    } catch {
      // It has already finished: nothing left to stop.
    }
  }

  for (const e of early.splice(0)) await record(e.receiverCode, e.agree, e.reason, e.actorId);
  await Promise.all([...start.targets.map((t) => ask(t)), ...start.added.map((r) => deliverAdded(r))]);
  await condition(() => [...answers.values()].every((a) => a.answer !== 'waiting') && paperPending.size === 0 && recording.size === 0 && allHandlersFinished());

  const agreed = [...answers.entries()].filter(([, a]) => a.answer === 'agreed').map(([c]) => c);
  const refused = [...answers.entries()].filter(([, a]) => a.answer === 'refused').map(([c]) => c);
  return { agreed, refused };

  async function ask(t: ChangeTarget): Promise<void> {
    if (t.incomingWorkflowId) {
      try {
        await getExternalWorkflowHandle(t.incomingWorkflowId).signal(changeRequestSignal, {
          kind: t.kind,
          reason: input.reason,
          changes: input.changes,
          replacementId: input.replacementId,
          changeWorkflowId: workflowId,
          receiverCode: t.code,
        });
        return;
      } catch {
        // The receiver's process has ended or has not started: answer from the read model.
      }
      const a = await acts.applyChangeWithoutProcess({
        sourceDocumentId: input.documentId,
        receiverCode: t.code,
        kind: t.kind,
        reason: input.reason,
        changes: input.changes,
        replacementId: input.replacementId,
        at: now(),
        key: `${workflowId}:direct:${t.code}`,
      });
      await record(t.code, a.agree, a.reason, null);
      return;
    }
    if (t.channel === 'edxml' && patched('edxml-change')) {
      // Outside this installation: the request goes as an edXML package; the answer comes back
      // as a 15/16 status message, which the API turns into changeAnswerSignal (R-RCL-2, R-EDX-2).
      const { peerId } = await interop.queueInteropPackage({
        documentId: input.documentId,
        receiverCode: t.code,
        business: t.kind,
        reason: input.reason,
        changes: input.changes,
        replacementId: input.replacementId,
        at: now(),
        key: `${workflowId}:edxml:${t.code}`,
      });
      if (!peerId) {
        await record(t.code, false, 'Không có hệ thống liên thông nào phục vụ đơn vị nhận (no peer system serves this receiver)', null);
        return;
      }
      await wakeOutbox(peerId);
      if (!(await condition(() => answers.get(t.code)?.answer !== 'waiting', PEER_ANSWER_WAIT))) {
        await record(t.code, false, 'Hệ thống liên thông của đơn vị nhận không trả lời (no answer from the peer system)', null);
      }
      return;
    }
    if (t.kind !== 'update' && t.paperDispatched) {
      await acts.openPaperRecall({ documentId: input.documentId, receiverCode: t.code, workflowId, at: now(), key: `${workflowId}:paper-recall:${t.code}` });
      const dl = new StepDeadline({
        documentId: input.documentId,
        step: 'paper_recall',
        receiverCode: t.code,
        organizationCode: input.organizationCode,
        urgency: input.urgency,
        startedAt: now(),
        keyPrefix: `${workflowId}:paper_recall:${t.code}`,
      });
      paperRecalls.set(t.code, dl);
      await dl.run(() => answers.get(t.code)?.answer !== 'waiting');
      return;
    }
    // Paper that has not left yet is simply not sent; a paper receiver learns of an update on paper.
    const reason = t.kind === 'update' ? 'Đơn vị chưa kết nối: thông báo cập nhật bằng văn bản giấy' : 'Bản giấy chưa gửi đi: đã hủy gửi';
    await record(t.code, true, reason, null);
  }

  async function deliverAdded(r: PlannedReceiver): Promise<void> {
    if (r.channel === 'internal' || r.channel === 'both') {
      try {
        await startChild(incomingDocumentWorkflow, {
          workflowId: workflowIds.incoming(r.code, input.documentId),
          taskQueue: input.taskQueue,
          args: [{ receiverCode: r.code, source: { kind: 'internal', documentId: input.documentId }, urgency: input.urgency }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          priority: { priorityKey: priorityKeyOf(input.urgency) },
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
      await acts.recordSent({ documentId: input.documentId, receiverCode: r.code, at: now(), key: `${workflowId}:sent:${r.code}` });
    }
    if (needsPaper(r.channel)) {
      await acts.openPaperDispatch({ documentId: input.documentId, receiverCode: r.code, workflowId, at: now(), key: `${workflowId}:paper-open:${r.code}` });
      paperPending.add(r.code);
      const dl = new StepDeadline({
        documentId: input.documentId,
        step: 'paper_dispatch',
        receiverCode: r.code,
        organizationCode: input.organizationCode,
        urgency: input.urgency,
        startedAt: now(),
        keyPrefix: `${workflowId}:paper_dispatch:${r.code}`,
      });
      await dl.run(() => !paperPending.has(r.code));
    }
  }
}
