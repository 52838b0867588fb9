/**
 * Recording stand-ins for the document activities, for time-skipping workflow tests: they keep
 * just enough state to answer like the real ones (statuses, register numbers) and compute due
 * instants from fixed step durations, so every deadline branch is reached by skipping time.
 * The real activities are tested on PostgreSQL in test/activities/.
 */
import { Context } from '@temporalio/activity';
import type { ArrivalResult, ChangeTarget, DocumentActivities, IssueResult, PlannedReceiver, RouteResult } from '../../activities/documents/contract';
import type { Step } from '../../domain/documents';
import { workflowIds } from '../../workflows/definitions';

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

/** Working time is not modelled here: a step lasts this long in plain time. */
export const STEP_MS: Record<Step, number> = {
  reception: 8 * HOUR,
  routing: 8 * HOUR,
  assignment: 4 * HOUR,
  processing: 10 * DAY,
  sending: 4 * HOUR,
  paper_dispatch: 8 * HOUR,
  paper_receipt: 2 * DAY,
  recall_answer: 8 * HOUR,
  paper_recall: 8 * HOUR,
  interop_send: 8 * HOUR,
};
export const GRACE_MS = DAY;

export interface Call {
  name: keyof DocumentActivities;
  input: Record<string, unknown>;
  at: number;
}

export interface FakeOptions {
  route?: RouteResult;
  receivers?: PlannedReceiver[];
  arrival?: Partial<ArrivalResult>;
  /** Change targets returned by startChange. */
  targets?: ChangeTarget[];
  added?: PlannedReceiver[];
  /** Multiplies step durations from the moment it is changed (a calendar change). */
  stretch?: { factor: number };
  /** Organization levels that exist above the receiver (escalation stops at the top). */
  treeDepth?: number;
  issueFailure?: Error;
  /** Routing by the rules waits for this (a slow activity, to race a decision against it). */
  routeGate?: Promise<void>;
}

let docSeq = 0;

/** The server's (skipped) clock, not this process's: when the activity was scheduled. */
function serverNow(): number {
  return Context.current().info.currentAttemptScheduledTimestampMs;
}

export function fakeDocumentActivities(opts: FakeOptions = {}) {
  const calls: Call[] = [];
  const registerNumbers = new Map<string, number>();
  let nextNumber = 1;
  const record = (name: keyof DocumentActivities, input: object) => calls.push({ name, input: { ...input }, at: serverNow() });
  const stretch = opts.stretch ?? { factor: 1 };
  const depth = opts.treeDepth ?? 2;

  const activities: DocumentActivities = {
    async scheduleStep(input) {
      record('scheduleStep', input);
      const due = input.fixedDueAt ? Date.parse(input.fixedDueAt) : Date.parse(input.startedAt) + STEP_MS[input.step] * stretch.factor;
      const start = Date.parse(input.startedAt);
      return { dueAt: new Date(due).toISOString(), remindAt: new Date(due - Math.round((due - start) / 4)).toISOString() };
    },
    async remindStep(input) {
      record('remindStep', input);
    },
    async markStepOverdue(input) {
      record('markStepOverdue', input);
      return { nextEscalationAt: new Date(serverNow() + GRACE_MS).toISOString() };
    },
    async escalateStep(input) {
      record('escalateStep', input);
      const level = Math.min(input.level, depth);
      return { escalatedTo: `level-${level}`, level, nextEscalationAt: new Date(serverNow() + GRACE_MS).toISOString() };
    },
    async recordExtension(input) {
      record('recordExtension', input);
    },
    async recordArrival(input) {
      record('recordArrival', input);
      docSeq += 1;
      return {
        documentId: input.incomingDocumentId ?? `in-${docSeq}-${input.receiverCode}`,
        organizationCode: input.receiverCode,
        receivedAt: new Date(serverNow()).toISOString(),
        urgency: 'normal',
        paperAccompanies: false,
        sourceRecalled: false,
        documentDueAt: null,
        ...opts.arrival,
      };
    },
    async runReceiptChecks(input) {
      record('runReceiptChecks', input);
      return { ok: true, legalValidity: 'legally_valid', checks: [] };
    },
    async acceptIncoming(input) {
      record('acceptIncoming', input);
      // Exactly once per key, like the register's idempotency key.
      if (!registerNumbers.has(input.key)) registerNumbers.set(input.key, nextNumber++);
      return { registerNumber: registerNumbers.get(input.key) as number };
    },
    async refuseIncoming(input) {
      record('refuseIncoming', input);
    },
    async routeIncoming(input) {
      record('routeIncoming', input);
      if (input.manual) return { routed: true, rule: null, target: input.manual.target, autoHandlerId: input.manual.target.kind === 'user' ? input.manual.target.userId : null };
      await opts.routeGate;
      return opts.route ?? { routed: true, rule: { id: 'r1', version: 1, name: 'mặc định', reasons: ['quy tắc mặc định'] }, target: { kind: 'leader', userId: 'leader-1' }, autoHandlerId: null };
    },
    async assignHandlers(input) {
      record('assignHandlers', input);
    },
    async completeIncoming(input) {
      record('completeIncoming', input);
    },
    async recordPaperReceived(input) {
      record('recordPaperReceived', input);
    },
    async remindPaperReceipt(input) {
      record('remindPaperReceipt', input);
    },
    async openChangeAnswer(input) {
      record('openChangeAnswer', input);
    },
    async applyChange(input) {
      record('applyChange', input);
    },
    async openSendingStep(input) {
      record('openSendingStep', input);
    },
    async issueOutgoing(input): Promise<IssueResult> {
      record('issueOutgoing', input);
      if (opts.issueFailure) throw opts.issueFailure;
      return {
        identifier: `000.00.02.H52.2026.${nextNumber}`,
        number: nextNumber,
        numberAndNotation: `${nextNumber}/QĐ-SNV`,
        issuedAt: new Date(serverNow()).toISOString(),
        receivers: opts.receivers ?? [],
      };
    },
    async recordSent(input) {
      record('recordSent', input);
    },
    async openPaperDispatch(input) {
      record('openPaperDispatch', input);
    },
    async recordPaperDispatched(input) {
      record('recordPaperDispatched', input);
    },
    async startChange(input) {
      record('startChange', input);
      return { targets: opts.targets ?? [], added: opts.added ?? [] };
    },
    async applyChangeWithoutProcess(input) {
      record('applyChangeWithoutProcess', input);
      return { agree: true, reason: 'chưa đến nơi nhận' };
    },
    async openPaperRecall(input) {
      record('openPaperRecall', input);
    },
    async recordChangeAnswer(input) {
      record('recordChangeAnswer', input);
    },
  };

  return {
    activities,
    calls,
    named: (name: keyof DocumentActivities) => calls.filter((c) => c.name === name),
  };
}

/** A change target for an internal receiver whose process id follows the helper. */
export function internalTarget(code: string, documentId: string, kind: ChangeTarget['kind'] = 'recall'): ChangeTarget {
  return { code, channel: 'internal', kind, incomingWorkflowId: workflowIds.incoming(code, documentId), paperDispatched: false };
}
