/**
 * Receipt and processing of one document by one receiver (QĐ 2588 Articles 8, 9; R-REC-1..5,
 * R-ROUTE-1..2, R-DL-1..4, R-RCL-1..3). One process per receiver and source document (id from
 * `workflowIds.incoming`), so a duplicate delivery is the same process and registers once.
 *
 * arrived (01, checks) → the clerk accepts (03, register number) or refuses (02) → routing rules
 * (04) → a leader assigns (05) → the handler completes (06). Each human step waits under a
 * StepDeadline. Decisions are updates, run one at a time: validators refuse what the state does
 * not allow, and a decision that arrives while another is in flight waits for it and is checked
 * again; the sender's recall / update / replace arrive as a signal at any stage.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { ArrivalResult, DocumentActivities } from '../activities/documents/contract';
import type { IncomingStatus } from '../domain/document-status';
import { URGENCIES, type Step, type Urgency } from '../domain/documents';
import { isOrgCode } from '../domain/org-code';
import {
  acceptUpdate,
  answerChangeUpdate,
  assignUpdate,
  calendarChangedSignal,
  changeAnswerSignal,
  changeRequestSignal,
  completeUpdate,
  extendUpdate,
  incomingStateQuery,
  paperReceivedUpdate,
  refuseUpdate,
  routeUpdate,
  type ChangeRequest,
  type IncomingState,
  type IncomingWorkflowInput,
} from './definitions';
import { wakeOutbox } from './interop-wake';
import { StepDeadline } from './step-deadline';

const acts = proxyActivities<DocumentActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const TERMINAL: IncomingStatus[] = ['refused', 'completed', 'recalled', 'deleted'];
const MAX_TEXT = 4000;

function validateInput(input: IncomingWorkflowInput): void {
  const problems: string[] = [];
  if (!isOrgCode(input?.receiverCode)) problems.push('receiverCode');
  if (!input?.source || !['internal', 'paper', 'edxml'].includes(input.source.kind) || typeof input.source.documentId !== 'string' || !input.source.documentId) problems.push('source');
  if (!URGENCIES.includes(input?.urgency)) problems.push('urgency');
  if (problems.length) throw ApplicationFailure.nonRetryable(`invalid incoming workflow input: ${problems.join(', ')}`, 'INVALID_INPUT');
}

function requireText(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.trim().length === 0) throw new Error(`${what} là bắt buộc (${what} is required)`);
  if (value.length > MAX_TEXT) throw new Error(`${what} quá dài (tối đa ${MAX_TEXT} ký tự)`);
}

function requireActor(actorId: unknown): void {
  if (typeof actorId !== 'string' || actorId.length === 0) throw new Error('actorId is required');
}

function requireInstant(value: unknown, what: string): void {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw new Error(`${what} không hợp lệ (${what} must be an ISO 8601 instant)`);
}

export async function incomingDocumentWorkflow(input: IncomingWorkflowInput): Promise<{ documentId: string; status: IncomingStatus }> {
  validateInput(input);
  const { workflowId } = workflowInfo();
  const now = () => new Date().toISOString();

  let arrival: ArrivalResult | null = null;
  let status: IncomingStatus | 'in_transit' = 'in_transit';
  let urgency: Urgency = input.urgency;
  let registerNumber: number | null = null;
  let handlerId: string | null = null;
  let coHandlerIds: string[] = [];
  let paperReceived = false;
  /** A decision is being written: refuse a second one until it is done. */
  let busy = false;
  let routedPending = false;
  let assignmentSeq = 0;
  const changeQueue: ChangeRequest[] = [];
  let pendingChange: ChangeRequest | null = null;
  let current: StepDeadline | null = null;
  /** The deadline of the current assignment (replaced on reassignment). */
  let processing: StepDeadline | null = null;
  let recallAnswerDeadline: StepDeadline | null = null;
  const deadlines = new Set<StepDeadline>();

  const docId = () => {
    if (!arrival) throw new Error('Văn bản chưa đến nơi nhận (the document has not arrived yet)');
    return arrival.documentId;
  };
  // Read through functions: handlers change these while the body awaits (TypeScript cannot see that).
  const statusNow = () => status;
  const processingNow = () => processing;
  const isTerminal = () => status !== 'in_transit' && TERMINAL.includes(status);
  const newDeadline = (step: Step, startedAt: string, fixedDueAt: string | null, seq: number | string = 0): StepDeadline => {
    const d = new StepDeadline({
      documentId: docId(),
      step,
      organizationCode: input.receiverCode,
      urgency,
      startedAt,
      fixedDueAt,
      keyPrefix: `${workflowId}:${step}:${seq}`,
    });
    deadlines.add(d);
    return d;
  };
  /**
   * Decisions run one at a time. A decision that arrives while another is being written (the
   * read model the API looked at may already show the other's outcome while this process has not
   * seen its activity finish yet) waits for it, then checks the state again: validators only
   * refuse what is wrong whatever the decision in flight turns out to do. `finally` frees the
   * document again when an activity fails.
   */
  const decide = async <T>(fn: () => Promise<T>, check?: () => void): Promise<T> => {
    while (busy) await condition(() => !busy);
    if (check) {
      try {
        check();
      } catch (err) {
        throw ApplicationFailure.nonRetryable((err as Error).message, 'STATE_CHANGED');
      }
    }
    busy = true;
    try {
      const result = await fn();
      // A document from a peer system: the status this decision produced waits in its outbox.
      if (arrival?.sourcePeerId) await wakeOutbox(arrival.sourcePeerId);
      return result;
    } finally {
      busy = false;
    }
  };
  /** In a validator: the state checks, unless a decision in flight may still change the state (its handler checks again). */
  const whenIdle = (check: () => void) => {
    if (!busy) check();
  };
  const assertState = (allowed: Array<IncomingStatus>, action: string) => {
    if (!arrival || status === 'in_transit' || !allowed.includes(status)) {
      throw new Error(`Không thể ${action} khi văn bản ở trạng thái "${status}" (${action} is not allowed in status ${status})`);
    }
  };
  const canAccept = () => {
    assertState(['arrived'], 'tiếp nhận');
    if (pendingChange) throw new Error('Bên gửi đang yêu cầu thu hồi/cập nhật văn bản này (a change request is pending)');
  };
  const canRefuse = () => assertState(['arrived'], 'từ chối nhận');
  const canRoute = () => {
    assertState(['accepted'], 'chuyển xử lý');
    if (!routedPending) throw new Error('Văn bản đã được chuyển theo quy tắc (already routed by a rule)');
  };
  const canAssign = () => {
    assertState(['accepted', 'routed', 'processing'], 'phân công');
    if (status === 'accepted' && routedPending) throw new Error('Văn bản cần được chuyển xử lý trước (route it first)');
  };
  const canComplete = () => assertState(['processing'], 'hoàn thành');
  const canExtend = () => {
    assertState(['arrived', 'accepted', 'routed', 'processing'], 'gia hạn');
    if (!current) throw new Error('Bước hiện tại không có thời hạn (no deadline to extend)');
  };
  const canConfirmPaper = () => {
    if (paperReceived) throw new Error('Đã xác nhận nhận bản giấy (already confirmed)');
  };
  const canAnswerChange = () => {
    if (!pendingChange) throw new Error('Không có yêu cầu thu hồi nào đang chờ trả lời (no change request is pending)');
  };

  // ---- queries and messages -------------------------------------------------------------------

  setHandler(incomingStateQuery, (): IncomingState => ({
    documentId: arrival?.documentId ?? null,
    status,
    registerNumber,
    handlerId,
    coHandlerIds: [...coHandlerIds],
    paperAccompanies: arrival?.paperAccompanies ?? false,
    paperReceived,
    pendingChange: pendingChange ? { kind: pendingChange.kind, reason: pendingChange.reason } : null,
    deadline: current ? { ...current.state } : null,
  }));

  setHandler(calendarChangedSignal, () => {
    for (const d of deadlines) d.calendarChanged();
  });

  setHandler(changeRequestSignal, (req) => {
    changeQueue.push(req);
  });

  setHandler(
    acceptUpdate,
    ({ actorId, note }) =>
      decide(async () => {
        const r = await acts.acceptIncoming({ documentId: docId(), actorId, note: note ?? null, at: now(), key: `${workflowId}:accept` });
        registerNumber = r.registerNumber;
        status = 'accepted';
        return { registerNumber: r.registerNumber };
      }, canAccept),
    {
      validator: ({ actorId, note }) => {
        requireActor(actorId);
        if (note != null && (typeof note !== 'string' || note.length > MAX_TEXT)) throw new Error('note không hợp lệ');
        whenIdle(canAccept);
      },
    },
  );

  setHandler(
    refuseUpdate,
    ({ actorId, reason }) =>
      decide(async () => {
        await acts.refuseIncoming({ documentId: docId(), actorId, reason, at: now(), key: `${workflowId}:refuse` });
        status = 'refused';
      }, canRefuse),
    {
      validator: ({ actorId, reason }) => {
        requireActor(actorId);
        requireText(reason, 'Lý do từ chối');
        whenIdle(canRefuse);
      },
    },
  );

  setHandler(
    routeUpdate,
    ({ actorId, target }) =>
      decide(async () => {
        const r = await acts.routeIncoming({ documentId: docId(), at: now(), key: `${workflowId}:route:manual`, manual: { target, actorId } });
        await afterRouting(r.routed, r.autoHandlerId);
      }, canRoute),
    {
      validator: ({ actorId, target }) => {
        requireActor(actorId);
        const ok =
          target &&
          ((target.kind === 'department' && typeof target.departmentId === 'string' && target.departmentId.length > 0) ||
            ((target.kind === 'leader' || target.kind === 'user') && typeof target.userId === 'string' && target.userId.length > 0));
        if (!ok) throw new Error('Nơi chuyển không hợp lệ (target must be a department, leader or user)');
        whenIdle(canRoute);
      },
    },
  );

  setHandler(
    assignUpdate,
    ({ actorId, handlerId: main, coHandlerIds: co, dueAt, reason }) =>
      decide(async () => {
        const at = now();
        assignmentSeq += 1;
        const dl = newDeadline('processing', at, dueAt ?? arrival?.documentDueAt ?? null, assignmentSeq);
        // The due instant comes from the calendar; compute it before the tasks are written.
        const due = await scheduleOnce(dl);
        await acts.assignHandlers({
          documentId: docId(),
          actorId,
          handlerId: main,
          coHandlerIds: co ?? [],
          dueAt: due,
          reason: reason ?? null,
          at,
          key: `${workflowId}:assign:${assignmentSeq}`,
        });
        // Replace the processing deadline of an earlier assignment.
        if (processing) deadlines.delete(processing);
        processing = dl;
        handlerId = main;
        coHandlerIds = co ?? [];
        status = 'processing';
        return { dueAt: due };
      }, canAssign),
    {
      validator: ({ actorId, handlerId: main, coHandlerIds: co, dueAt, reason }) => {
        requireActor(actorId);
        if (typeof main !== 'string' || main.length === 0) throw new Error('Cần chọn người xử lý chính (handlerId is required)');
        if (co != null && (!Array.isArray(co) || co.some((c) => typeof c !== 'string' || c === main) || new Set(co).size !== co.length)) {
          throw new Error('Người phối hợp không hợp lệ (co-handlers must be distinct users other than the main handler)');
        }
        if (dueAt != null) {
          requireInstant(dueAt, 'Hạn xử lý');
          if (Date.parse(dueAt) <= Date.now()) throw new Error('Hạn xử lý phải ở tương lai (dueAt must be in the future)');
        }
        if (reason != null && (typeof reason !== 'string' || reason.length > MAX_TEXT)) throw new Error('reason không hợp lệ');
        whenIdle(canAssign);
      },
    },
  );

  setHandler(
    completeUpdate,
    ({ actorId, result }) =>
      decide(async () => {
        await acts.completeIncoming({ documentId: docId(), actorId, result, at: now(), key: `${workflowId}:complete` });
        status = 'completed';
      }, canComplete),
    {
      validator: ({ actorId, result }) => {
        requireActor(actorId);
        requireText(result, 'Kết quả xử lý');
        whenIdle(canComplete);
      },
    },
  );

  setHandler(
    extendUpdate,
    ({ actorId, dueAt, reason }) =>
      decide(async () => {
        const step = current as StepDeadline;
        await step.extend({ dueAt, reason, actorId, at: now() });
        return { dueAt };
      }, canExtend),
    {
      validator: ({ actorId, dueAt, reason }) => {
        requireActor(actorId);
        requireInstant(dueAt, 'Hạn mới');
        requireText(reason, 'Lý do gia hạn');
        whenIdle(canExtend);
        if (Date.parse(dueAt) <= Date.now()) throw new Error('Hạn mới phải ở tương lai (dueAt must be in the future)');
      },
    },
  );

  setHandler(
    paperReceivedUpdate,
    ({ actorId }) =>
      decide(async () => {
        await acts.recordPaperReceived({ documentId: docId(), actorId, at: now(), key: `${workflowId}:paper-received` });
        paperReceived = true;
      }, canConfirmPaper),
    {
      validator: ({ actorId }) => {
        requireActor(actorId);
        if (!arrival?.paperAccompanies) throw new Error('Văn bản này không có bản giấy gửi kèm (no paper copy is expected)');
        whenIdle(canConfirmPaper);
      },
    },
  );

  setHandler(
    answerChangeUpdate,
    ({ actorId, agree, reason }) =>
      decide(async () => {
        await answerChange(pendingChange as ChangeRequest, agree, reason ?? null, actorId);
      }, canAnswerChange),
    {
      validator: ({ actorId, agree, reason }) => {
        requireActor(actorId);
        if (typeof agree !== 'boolean') throw new Error('agree must be true or false');
        if (!agree) requireText(reason, 'Lý do không đồng ý thu hồi');
        whenIdle(canAnswerChange);
      },
    },
  );

  // ---- helpers used by handlers and the main body ----------------------------------------------

  async function scheduleOnce(dl: StepDeadline): Promise<string> {
    // run() schedules first; with done() already true after scheduling it returns at once.
    let scheduled = false;
    await dl.run(() => {
      if (dl.state.dueAt !== null) scheduled = true;
      return scheduled;
    });
    return dl.state.dueAt as string;
  }

  async function afterRouting(routed: boolean, autoHandlerId: string | null): Promise<void> {
    routedPending = !routed;
    if (!routed) return;
    status = 'routed';
    if (autoHandlerId) {
      assignmentSeq += 1;
      const at = now();
      const dl = newDeadline('processing', at, arrival?.documentDueAt ?? null, assignmentSeq);
      const due = await scheduleOnce(dl);
      await acts.assignHandlers({ documentId: docId(), actorId: null, handlerId: autoHandlerId, coHandlerIds: [], dueAt: due, at, key: `${workflowId}:assign:${assignmentSeq}` });
      processing = dl;
      handlerId = autoHandlerId;
      status = 'processing';
    }
  }

  async function reportAnswer(req: ChangeRequest, agree: boolean, reason: string | null, actorId: string | null = null): Promise<void> {
    try {
      await getExternalWorkflowHandle(req.changeWorkflowId).signal(changeAnswerSignal, { receiverCode: input.receiverCode, agree, reason, actorId });
    } catch {
      // The sender's change process has ended (e.g. superseded): the answer is already in the
      // read model through applyChange, nothing else to tell.
    }
  }

  async function answerChange(req: ChangeRequest, agree: boolean, reason: string | null, actorId: string | null): Promise<void> {
    await acts.applyChange({
      documentId: docId(),
      kind: req.kind,
      agree,
      reason,
      actorId,
      changes: req.changes,
      replacementId: req.replacementId,
      at: now(),
      key: `${req.changeWorkflowId}:${input.receiverCode}:answer`,
    });
    pendingChange = null;
    if (recallAnswerDeadline) deadlines.delete(recallAnswerDeadline);
    recallAnswerDeadline = null;
    if (agree) {
      if (req.kind === 'update') {
        if (req.changes?.urgency) {
          urgency = req.changes.urgency;
          for (const d of deadlines) d.urgencyChanged(urgency);
        }
        if (req.changes && 'dueAt' in req.changes && processing) processing.setFixedDueAt(req.changes.dueAt ?? null);
      } else if (status !== 'refused') {
        status = 'recalled';
      }
    }
    await reportAnswer(req, agree, reason, actorId);
  }

  /**
   * Change requests from the sender (R-RCL-1..3). Before acceptance a recall is applied at once
   * (nothing was registered or assigned); an update is always applied; after acceptance the clerk
   * answers a recall or replacement (15 agree / 16 refuse) under its own deadline. A document
   * whose process has ended is withdrawn without asking: completed → recalled; refused or already
   * recalled → nothing is held any more (15 with the reason).
   */
  async function handleChange(req: ChangeRequest): Promise<void> {
    if (isTerminal()) {
      const note = status === 'completed' ? null : `Văn bản đã ở trạng thái "${status}" tại nơi nhận`;
      await decide(() => answerChange(req, true, note, null));
      return;
    }
    if (req.kind === 'update' || status === 'arrived' || status === 'in_transit') {
      await decide(() => answerChange(req, true, null, null));
      return;
    }
    if (pendingChange) {
      // A newer request supersedes the one still waiting for an answer.
      await reportAnswer(pendingChange, false, 'Đã có yêu cầu mới thay thế yêu cầu này');
    }
    pendingChange = req;
    const at = now();
    await decide(() =>
      acts.openChangeAnswer({
        documentId: docId(),
        kind: req.kind,
        reason: req.reason,
        changes: req.changes,
        replacementId: req.replacementId,
        at,
        key: `${req.changeWorkflowId}:${input.receiverCode}:request`,
      }),
    );
    // Not busy while waiting: the clerk's answer (and the ongoing processing) must get through.
    const dl = newDeadline('recall_answer', at, null, req.changeWorkflowId);
    recallAnswerDeadline = dl;
    await dl.run(() => pendingChange !== req);
    deadlines.delete(dl);
  }

  async function changeLoop(): Promise<void> {
    for (;;) {
      await condition(() => changeQueue.length > 0 && arrival !== null && !busy);
      await handleChange(changeQueue.shift() as ChangeRequest);
    }
  }

  async function watchPaperReceipt(documentId: string): Promise<void> {
    // R-REC-5: remind the clerk every `paper.reminder` interval until the paper copy is confirmed.
    for (let n = 1; !paperReceived && !isTerminal(); n += 1) {
      const s = await acts.scheduleStep({ documentId, step: 'paper_receipt', organizationCode: input.receiverCode, urgency, startedAt: now() });
      const wait = Date.parse(s.dueAt) - Date.now();
      if (wait > 0 && (await condition(() => paperReceived || isTerminal(), wait))) break;
      if (paperReceived || isTerminal()) break;
      await acts.remindPaperReceipt({ documentId, key: `${workflowId}:paper-reminder:${n}` });
    }
  }

  // ---- the process -----------------------------------------------------------------------------

  const arrived = await acts.recordArrival({
    receiverCode: input.receiverCode,
    sourceDocumentId: input.source.kind === 'internal' ? input.source.documentId : null,
    incomingDocumentId: input.source.kind !== 'internal' ? input.source.documentId : null,
    workflowId,
    key: `${workflowId}:arrival`,
  });
  arrival = arrived;
  status = 'arrived';
  if (arrived.sourcePeerId) await wakeOutbox(arrived.sourcePeerId);
  urgency = arrived.urgency;
  // Not awaited: runs beside the steps for the whole life of the process.
  void changeLoop();

  if (arrived.sourceRecalled && changeQueue.length === 0) {
    // The recall overtook the delivery and its request went elsewhere (the sender found no
    // process yet): withdraw at once; the sender's change process has its answer already.
    await decide(() =>
      acts.applyChange({
        documentId: arrived.documentId,
        kind: 'recall',
        agree: true,
        reason: 'Bên gửi đã thu hồi văn bản trước khi đến nơi nhận',
        actorId: null,
        changes: null,
        replacementId: null,
        at: now(),
        key: `${workflowId}:recalled-in-transit`,
      }),
    );
    status = 'recalled';
  }
  await condition(() => changeQueue.length === 0 && !busy);
  if (isTerminal()) return finish();

  await acts.runReceiptChecks({ documentId: arrived.documentId, key: `${workflowId}:checks` });

  // R-REC-5: a paper copy accompanies it; the clerk confirms it, reminded every interval.
  const paperWatch = arrived.paperAccompanies ? watchPaperReceipt(arrived.documentId) : Promise.resolve();

  // Reception: the clerk accepts or refuses (R-REC-3).
  current = newDeadline('reception', arrived.receivedAt, null);
  await current.run(() => status !== 'arrived');

  if (statusNow() === 'accepted') {
    // Routing by the rules (R-ROUTE-1); without a rule, a person routes under the routing deadline.
    await decide(async () => {
      const routed = await acts.routeIncoming({ documentId: arrived.documentId, at: now(), key: `${workflowId}:route` });
      await afterRouting(routed.routed, routed.autoHandlerId);
    });
    if (routedPending) {
      current = newDeadline('routing', now(), null);
      await current.run(() => !routedPending || isTerminal());
    }
    if (statusNow() === 'routed') {
      current = newDeadline('assignment', now(), null);
      await current.run(() => status !== 'routed');
    }
    // Processing under the current assignment's deadline; a reassignment swaps it.
    while (statusNow() === 'processing') {
      const dl = processingNow() as StepDeadline;
      current = dl;
      await dl.run(() => status !== 'processing' || processing !== dl);
    }
  }
  current = null;

  await paperWatch;
  return finish();

  /** Let a change that raced with the end be answered, and every decision finish, before closing. */
  async function finish(): Promise<{ documentId: string; status: IncomingStatus }> {
    await condition(() => changeQueue.length === 0 && pendingChange === null && !busy && allHandlersFinished());
    return { documentId: docId(), status: status as IncomingStatus };
  }
}
