/**
 * The side effects the document workflows may cause (SPEC §7.1–7.5), as one typed contract:
 * workflows depend on these signatures only (as types), `createDocumentActivities(deps)`
 * implements them on PostgreSQL. Every writing activity takes a `key` (workflow id + step) and
 * is idempotent under it: a retry after a crash writes nothing twice. Times are ISO 8601.
 */
import type { ChangeKind, DeliveryChannel, DocumentChanges, Step, Urgency } from '../../domain/documents';
import type { RoutingTarget } from '../../domain/routing';

// ---- Shared -----------------------------------------------------------------------------------

/** Who acted: a user id, or null for the system (timers, rules). */
export type ActorId = string | null;

export interface StepRef {
  /** The document the step belongs to (incoming for receiver steps, outgoing for sender steps). */
  documentId: string;
  step: Step;
  /** For per-receiver sender steps (paper dispatch, paper recall). */
  receiverCode?: string | null;
}

// ---- Deadlines (R-DL-1..4, R-CAL-4) -----------------------------------------------------------

export interface ScheduleStepInput extends StepRef {
  organizationCode: string;
  urgency: Urgency;
  /** When the step started; the policy deadline counts from here on the organization's calendar. */
  startedAt: string;
  /** A fixed due instant (the document's own deadline or the leader's choice); not moved by calendar changes. */
  fixedDueAt?: string | null;
}

export interface StepSchedule {
  dueAt: string;
  remindAt: string;
}

export interface StepEventInput extends StepRef {
  dueAt: string;
  key: string;
}

export interface EscalateStepInput extends StepEventInput {
  /** 1 = supervisors of the parent organization, 2 = the grandparent, … (capped at the root). */
  level: number;
}

export interface EscalationResult {
  /** The organization whose supervisors were notified. */
  escalatedTo: string | null;
  /** The level actually used (levels without supervisors are skipped upwards). */
  level: number;
  /** When to escalate again if the step is still open. */
  nextEscalationAt: string;
}

// ---- Incoming (R-REC-1..5, R-ROUTE-1..2) -------------------------------------------------------

export interface RecordArrivalInput {
  receiverCode: string;
  /** Internal delivery: the sender's outgoing document. */
  sourceDocumentId: string | null;
  /** Paper intake (R-REC-5 plain paper): the incoming document the clerk already entered. */
  incomingDocumentId: string | null;
  workflowId: string;
  key: string;
}

export interface ArrivalResult {
  documentId: string;
  organizationCode: string;
  /** R-CAL-3: the start of the next office-hours period when it arrived outside office hours. */
  receivedAt: string;
  urgency: Urgency;
  /** R-REC-5: a paper copy is expected and the clerk must confirm it. */
  paperAccompanies: boolean;
  /** The source was recalled before it arrived (a recall that overtook the delivery). */
  sourceRecalled: boolean;
  /** The document's own processing deadline, if it carries one. */
  documentDueAt: string | null;
  /** It came from a peer system: status changes are queued for that peer's outbox (R-EDX-2). */
  sourcePeerId?: string | null;
}

export type CheckName = 'completeness' | 'integrity' | 'signature' | 'formats';

export interface CheckResult {
  check: CheckName;
  outcome: 'passed' | 'failed' | 'warning';
  /** Vietnamese explanation shown to the clerk. */
  detail: string;
}

export interface ReceiptChecks {
  /** All checks passed; otherwise refusal is proposed (R-REC-3). */
  ok: boolean;
  legalValidity: 'legally_valid' | 'information_only';
  checks: CheckResult[];
}

export interface AcceptInput {
  documentId: string;
  actorId: ActorId;
  note?: string | null;
  at: string;
  key: string;
}

export interface RefuseInput {
  documentId: string;
  actorId: ActorId;
  reason: string;
  at: string;
  key: string;
}

export interface RouteInput {
  documentId: string;
  at: string;
  key: string;
  /** A person's choice when no rule fired; otherwise the rules decide. */
  manual?: { target: RoutingTarget; actorId: ActorId } | null;
}

export interface RouteResult {
  /** False when no rule fired and there is no default rule: a person must route it. */
  routed: boolean;
  rule: { id: string; version: number; name: string; reasons: string[] } | null;
  target: RoutingTarget | null;
  /** A rule that targets a person assigns them directly as main handler. */
  autoHandlerId: string | null;
}

export interface AssignInput {
  documentId: string;
  actorId: ActorId;
  handlerId: string;
  coHandlerIds: string[];
  dueAt: string;
  reason?: string | null;
  at: string;
  key: string;
}

export interface CompleteInput {
  documentId: string;
  actorId: ActorId;
  result: string;
  at: string;
  key: string;
}

export interface ExtensionInput extends StepRef {
  actorId: ActorId;
  dueAt: string;
  reason: string;
  at: string;
  key: string;
}

export interface PaperReceivedInput {
  documentId: string;
  actorId: ActorId;
  at: string;
  key: string;
}

export interface OpenChangeAnswerInput {
  documentId: string;
  kind: ChangeKind;
  reason: string;
  changes: DocumentChanges | null;
  replacementId: string | null;
  at: string;
  key: string;
}

export interface ApplyChangeInput {
  documentId: string;
  kind: ChangeKind;
  agree: boolean;
  reason: string | null;
  actorId: ActorId;
  changes: DocumentChanges | null;
  replacementId: string | null;
  at: string;
  key: string;
}

// ---- Outgoing (R-OUT-1..5) ----------------------------------------------------------------------

export interface IssueInput {
  documentId: string;
  actorId: ActorId;
  /** Sign the main PDF with the organization's configured certificate (R-OUT-1) before issuing. */
  signOnServer: boolean;
  at: string;
  key: string;
}

export interface PlannedReceiver {
  code: string;
  name: string;
  channel: DeliveryChannel;
}

export interface IssueResult {
  identifier: string;
  number: number;
  numberAndNotation: string;
  issuedAt: string;
  receivers: PlannedReceiver[];
}

export interface ReceiverEventInput {
  documentId: string;
  receiverCode: string;
  /**
   * The workflow that runs the step and holds its deadline (the change workflow for a paper
   * recall or a receiver it added); its tasks name it, as the calendar-change signal goes there.
   * When absent: the workflow id that starts `key`, else the document's own process.
   */
  workflowId?: string;
  at: string;
  key: string;
}

export interface PaperDispatchedInput extends ReceiverEventInput {
  actorId: ActorId;
  note?: string | null;
}

// ---- Change requests, sender side (R-RCL-1..3) ---------------------------------------------------

export interface StartChangeInput {
  documentId: string;
  kind: ChangeKind;
  reason: string;
  actorId: ActorId;
  changes: DocumentChanges | null;
  replacementId: string | null;
  /** Update only: receivers to add (delivered) and to remove (recalled from them). */
  addReceivers: string[];
  removeReceivers: string[];
  at: string;
  key: string;
}

export interface ChangeTarget {
  code: string;
  channel: DeliveryChannel;
  /** What this receiver is asked: recall for removed receivers of an update. */
  kind: ChangeKind;
  /** The receiver's incoming process, when it has one. */
  incomingWorkflowId: string | null;
  /** Paper-only receiver whose paper copy already left: the clerk must retrieve it. */
  paperDispatched: boolean;
}

export interface StartChangeResult {
  targets: ChangeTarget[];
  /** Update only: receivers to deliver to now. */
  added: PlannedReceiver[];
}

export interface DirectChangeInput {
  sourceDocumentId: string;
  receiverCode: string;
  kind: ChangeKind;
  reason: string;
  changes: DocumentChanges | null;
  replacementId: string | null;
  at: string;
  key: string;
}

export interface ChangeAnswer {
  agree: boolean;
  reason: string | null;
}

export interface RecordChangeAnswerInput {
  documentId: string;
  receiverCode: string;
  kind: ChangeKind;
  agree: boolean;
  reason: string | null;
  actorId: ActorId;
  at: string;
  key: string;
}

export interface DocumentActivities {
  // deadlines
  scheduleStep(input: ScheduleStepInput): Promise<StepSchedule>;
  remindStep(input: StepEventInput): Promise<void>;
  markStepOverdue(input: StepEventInput): Promise<{ nextEscalationAt: string }>;
  escalateStep(input: EscalateStepInput): Promise<EscalationResult>;
  recordExtension(input: ExtensionInput): Promise<void>;
  // incoming
  recordArrival(input: RecordArrivalInput): Promise<ArrivalResult>;
  runReceiptChecks(input: { documentId: string; key: string }): Promise<ReceiptChecks>;
  acceptIncoming(input: AcceptInput): Promise<{ registerNumber: number }>;
  refuseIncoming(input: RefuseInput): Promise<void>;
  routeIncoming(input: RouteInput): Promise<RouteResult>;
  assignHandlers(input: AssignInput): Promise<void>;
  completeIncoming(input: CompleteInput): Promise<void>;
  recordPaperReceived(input: PaperReceivedInput): Promise<void>;
  remindPaperReceipt(input: { documentId: string; key: string }): Promise<void>;
  openChangeAnswer(input: OpenChangeAnswerInput): Promise<void>;
  applyChange(input: ApplyChangeInput): Promise<void>;
  // outgoing
  openSendingStep(input: { documentId: string; key: string }): Promise<void>;
  issueOutgoing(input: IssueInput): Promise<IssueResult>;
  recordSent(input: ReceiverEventInput): Promise<void>;
  openPaperDispatch(input: ReceiverEventInput): Promise<void>;
  recordPaperDispatched(input: PaperDispatchedInput): Promise<void>;
  // change requests, sender side
  startChange(input: StartChangeInput): Promise<StartChangeResult>;
  applyChangeWithoutProcess(input: DirectChangeInput): Promise<ChangeAnswer>;
  openPaperRecall(input: ReceiverEventInput): Promise<void>;
  recordChangeAnswer(input: RecordChangeAnswerInput): Promise<void>;
}
