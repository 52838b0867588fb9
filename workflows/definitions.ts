/**
 * Everything callers need to talk to workflows: task queue, workflow-id helpers, message
 * definitions and input/result types. Imported by workflows, the API and tests alike; imports
 * only @temporalio/workflow and domain/.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ConnectionState } from '../domain/connection';
import type { IncomingStatus } from '../domain/document-status';
import type { ChangeKind, DocumentChanges, OutgoingStatus, Step, Urgency } from '../domain/documents';
import type { RoutingTarget } from '../domain/routing';

/** Workflow ids come only from here (STYLE rule 2): one process per business key. */
export const workflowIds = {
  connection: (orgCode: string): string => `connection:${orgCode}`,
  /** One receipt process per receiver and document: a duplicate delivery is the same process (R-REC-4). */
  incoming: (receiverCode: string, sourceKey: string): string => `incoming:${receiverCode}:${sourceKey}`,
  /** Source key of a plain paper document entered by the clerk (R-REC-5). */
  paperSourceKey: (incomingDocumentId: string): string => `paper-${incomingDocumentId}`,
  outgoing: (documentId: string): string => `outgoing:${documentId}`,
  /** The n-th recall / update / replace of an issued document (R-RCL-1..3). */
  change: (documentId: string, revision: number): string => `change:${documentId}:${revision}`,
  /** Source key of a document that came from a peer system as an edXML package (SPEC §8). */
  edxmlSourceKey: (incomingDocumentId: string): string => `edxml-${incomingDocumentId}`,
  /** What is to be sent to one peer system goes out through one process, in order (R-EDX-2). */
  interopOutbox: (peerId: string): string => `interop-outbox:${peerId}`,
};


// ---- Connection process (R-CONN-1..2) -------------------------------------------------------

export interface ConnectionWorkflowInput {
  orgCode: string;
  initialState: ConnectionState;
  /** ISO 8601 instant; the Article 19.2 deadline from configuration. */
  deadline: string;
  /** Reminders this many days before the deadline (default 90, 30, 7). */
  reminderDaysBefore: number[];
  /** After the deadline, remind every this many days until connected. */
  repeatEveryDays: number;
  /** Organizations whose supervisors get the escalation (Provincial Office, Dept. of ICT). */
  escalateToOrgCodes: string[];
  /** Carried across continue-as-new. */
  carried?: { overdueRecorded: boolean; repeatCount: number };
}

export interface ConnectionStatus {
  orgCode: string;
  state: ConnectionState;
  deadline: string;
  overdue: boolean;
  remindersSent: number[];
  repeatCount: number;
  nextWakeAt: string | null;
}

export interface AdvanceConnectionRequest {
  to: ConnectionState;
  actor: string;
  note?: string;
}

export interface AdvanceConnectionResult {
  state: ConnectionState;
  at: string;
}

export const advanceConnectionUpdate = defineUpdate<AdvanceConnectionResult, [AdvanceConnectionRequest]>('advanceConnection');
export const connectionStatusQuery = defineQuery<ConnectionStatus>('connectionStatus');

// ---- Deadlines shared by every human step (R-DL-1..4) ---------------------------------------

/** Where one step's deadline stands, as queries report it. */
export interface StepDeadlineState {
  step: Step;
  receiverCode: string | null;
  startedAt: string;
  dueAt: string | null;
  remindAt: string | null;
  reminded: boolean;
  overdue: boolean;
  escalationLevel: number;
  nextEscalationAt: string | null;
}

/** The calendar changed (R-CAL-4): recompute deadlines that have not passed yet. */
export const calendarChangedSignal = defineSignal('calendarChanged');

// ---- Incoming document: receipt, routing, assignment, processing (R-REC, R-ROUTE, R-DL) -----

export type IncomingSource =
  | { kind: 'internal'; documentId: string }
  | { kind: 'paper'; documentId: string }
  /** Imported from a peer system's edXML package: our incoming document, made at import. */
  | { kind: 'edxml'; documentId: string };

export interface IncomingWorkflowInput {
  receiverCode: string;
  source: IncomingSource;
  urgency: Urgency;
}

export interface AcceptRequest {
  actorId: string;
  note?: string | null;
}
export interface RefuseRequest {
  actorId: string;
  reason: string;
}
export interface RouteRequest {
  actorId: string;
  target: RoutingTarget;
}
export interface AssignRequest {
  actorId: string;
  handlerId: string;
  coHandlerIds?: string[];
  /** ISO instant; default: the document's own deadline, else the processing policy. */
  dueAt?: string | null;
  reason?: string | null;
}
export interface CompleteRequest {
  actorId: string;
  result: string;
}
export interface ExtendRequest {
  actorId: string;
  dueAt: string;
  reason: string;
}
export interface ActorRequest {
  actorId: string;
}
export interface ChangeAnswerRequest {
  actorId: string;
  agree: boolean;
  reason?: string | null;
}

/** From the sender's change process to a receiver's process (R-RCL-1..3). */
export interface ChangeRequest {
  kind: ChangeKind;
  reason: string;
  changes: DocumentChanges | null;
  replacementId: string | null;
  /** Where to send the answer (changeAnswerSignal). */
  changeWorkflowId: string;
  receiverCode: string;
}

export interface IncomingState {
  documentId: string | null;
  status: IncomingStatus | 'in_transit';
  registerNumber: number | null;
  handlerId: string | null;
  coHandlerIds: string[];
  paperAccompanies: boolean;
  paperReceived: boolean;
  pendingChange: { kind: ChangeKind; reason: string } | null;
  deadline: StepDeadlineState | null;
}

export const acceptUpdate = defineUpdate<{ registerNumber: number }, [AcceptRequest]>('accept');
export const refuseUpdate = defineUpdate<void, [RefuseRequest]>('refuse');
export const routeUpdate = defineUpdate<void, [RouteRequest]>('route');
export const assignUpdate = defineUpdate<{ dueAt: string }, [AssignRequest]>('assign');
export const completeUpdate = defineUpdate<void, [CompleteRequest]>('complete');
export const extendUpdate = defineUpdate<{ dueAt: string }, [ExtendRequest]>('extend');
export const paperReceivedUpdate = defineUpdate<void, [ActorRequest]>('paperReceived');
export const answerChangeUpdate = defineUpdate<void, [ChangeAnswerRequest]>('answerChange');
export const changeRequestSignal = defineSignal<[ChangeRequest]>('changeRequest');
export const incomingStateQuery = defineQuery<IncomingState>('incomingState');

// ---- Outgoing document: send deadline, issue, delivery (R-OUT-1..5) --------------------------

export interface OutgoingWorkflowInput {
  documentId: string;
  organizationCode: string;
  urgency: Urgency;
  /** When the main PDF was found validly signed (starts the send deadline, R-OUT-3); null if unsigned. */
  signedAt: string | null;
  /** Replace (R-RCL-3): the earlier document this one replaces once issued. */
  replacesId?: string | null;
  /** The revision of the replaced document, for the change process id. */
  replacesRevision?: number | null;
  /** Task queue for the receivers' processes (same as this one's). */
  taskQueue: string;
}

export interface IssueRequest {
  actorId: string;
  signOnServer?: boolean;
}
export interface IssueResponse {
  identifier: string;
  numberAndNotation: string;
  issuedAt: string;
}
export interface PaperDispatchRequest {
  actorId: string;
  receiverCode: string;
  note?: string | null;
}

export interface OutgoingState {
  status: OutgoingStatus;
  identifier: string | null;
  deliveries: Array<{ receiverCode: string; channel: string; started: boolean; paperPending: boolean }>;
  deadline: StepDeadlineState | null;
  paperDeadlines: StepDeadlineState[];
}

export const issueUpdate = defineUpdate<IssueResponse, [IssueRequest]>('issue');
export const confirmPaperDispatchUpdate = defineUpdate<void, [PaperDispatchRequest]>('confirmPaperDispatch');
/** From a change process: the document was recalled or replaced; stop dispatching paper. */
export const outgoingWithdrawnSignal = defineSignal<[{ kind: ChangeKind }]>('outgoingWithdrawn');
export const outgoingStateQuery = defineQuery<OutgoingState>('outgoingState');

// ---- Change of an issued document: recall, update, replace (R-RCL-1..3) ----------------------

export interface ChangeWorkflowInput {
  documentId: string;
  organizationCode: string;
  kind: ChangeKind;
  reason: string;
  actorId: string;
  changes: DocumentChanges | null;
  replacementId: string | null;
  addReceivers: string[];
  removeReceivers: string[];
  urgency: Urgency;
  taskQueue: string;
}

export interface ChangeAnswerMessage {
  receiverCode: string;
  agree: boolean;
  reason: string | null;
  actorId: string | null;
}

export interface ChangeState {
  kind: ChangeKind;
  answers: Array<{ receiverCode: string; kind: ChangeKind; answer: 'waiting' | 'agreed' | 'refused'; reason: string | null }>;
  paperDeadlines: StepDeadlineState[];
}

export const changeAnswerSignal = defineSignal<[ChangeAnswerMessage]>('changeAnswer');
export const confirmPaperRecallUpdate = defineUpdate<void, [PaperDispatchRequest]>('confirmPaperRecall');
export const changeStateQuery = defineQuery<ChangeState>('changeState');


// ---- Interconnection outbox (SPEC §8, R-EDX-2) -----------------------------------------------

export interface InteropOutboxInput {
  peerId: string;
  /** How long an idle outbox waits before looking again (a safety net: producers wake it). */
  idleMs?: number;
  /** Back-off while the peer cannot be reached: first and longest wait. */
  backoffMs?: { initial: number; max: number };
}

/** Something was queued for the peer: send it now. */
export const outboxWakeSignal = defineSignal('outboxWake');
