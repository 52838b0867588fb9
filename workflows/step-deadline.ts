/**
 * The deadline of one human step (R-DL-1..3, R-CAL-4), run inside a workflow beside the wait for
 * the person: reminder before the deadline, overdue at it (leaders notified), then escalation up
 * the organization tree every grace period until the step is done. Due and reminder instants come
 * from an activity (the business calendar lives in the database); an extension or a calendar
 * change recomputes them. Runs in the workflow sandbox: imports @temporalio/workflow, domain/ and
 * activity types only.
 */
import { condition, proxyActivities } from '@temporalio/workflow';
import type { DocumentActivities, StepRef } from '../activities/documents/contract';
import type { Step, Urgency } from '../domain/documents';
import type { StepDeadlineState } from './definitions';

const { scheduleStep, remindStep, markStepOverdue, escalateStep, recordExtension } = proxyActivities<DocumentActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export interface StepDeadlineOptions {
  documentId: string;
  step: Step;
  receiverCode?: string | null;
  organizationCode: string;
  urgency: Urgency;
  startedAt: string;
  /** A fixed due instant (document's own or a leader's); calendar changes do not move it. */
  fixedDueAt?: string | null;
  /** Unique per step instance within the workflow, e.g. `<workflowId>:processing:1`. */
  keyPrefix: string;
}

export class StepDeadline {
  readonly state: StepDeadlineState;
  private fixedDueAt: string | null;
  private urgency: Urgency;
  /** Bumped when due/reminder instants must be recomputed. */
  private version = 0;
  private scheduledVersion = -1;
  /** Bumped by an extension: every event after it is a new event (new idempotency keys). */
  private epoch = 0;

  constructor(private readonly opts: StepDeadlineOptions) {
    this.fixedDueAt = opts.fixedDueAt ?? null;
    this.urgency = opts.urgency;
    this.state = {
      step: opts.step,
      receiverCode: opts.receiverCode ?? null,
      startedAt: opts.startedAt,
      dueAt: null,
      remindAt: null,
      reminded: false,
      overdue: false,
      escalationLevel: 0,
      nextEscalationAt: null,
    };
  }

  private get ref(): StepRef {
    return { documentId: this.opts.documentId, step: this.opts.step, receiverCode: this.opts.receiverCode ?? null };
  }

  private key(event: string): string {
    return `${this.opts.keyPrefix}:${this.epoch}:${event}`;
  }

  /** R-CAL-4: a calendar change moves a deadline that has not passed yet. */
  calendarChanged(): void {
    if (!this.state.overdue && !this.fixedDueAt) this.version += 1;
  }

  /** The document's urgency changed (an update from the sender): short deadlines apply from now on. */
  urgencyChanged(urgency: Urgency): void {
    this.urgency = urgency;
    if (!this.state.overdue && !this.fixedDueAt) this.version += 1;
  }

  /** R-DL-3: a new due instant restarts reminder, overdue and escalation. */
  async extend(p: { dueAt: string; reason: string; actorId: string | null; at: string }): Promise<void> {
    this.epoch += 1;
    this.fixedDueAt = p.dueAt;
    Object.assign(this.state, { dueAt: p.dueAt, reminded: false, overdue: false, escalationLevel: 0, nextEscalationAt: null });
    this.version += 1;
    await recordExtension({ ...this.ref, actorId: p.actorId, dueAt: p.dueAt, reason: p.reason, at: p.at, key: this.key('extended') });
  }

  /** A fixed due date set without an extension record (e.g. the sender's update of the deadline). */
  setFixedDueAt(dueAt: string | null): void {
    this.fixedDueAt = dueAt;
    if (!this.state.overdue) this.version += 1;
  }

  /** Runs until `done()` holds; may be called again after it returned (it resumes where it stood). */
  async run(done: () => boolean): Promise<void> {
    while (!done()) {
      if (this.scheduledVersion !== this.version) {
        const v = this.version;
        const s = await scheduleStep({
          ...this.ref,
          organizationCode: this.opts.organizationCode,
          urgency: this.urgency,
          startedAt: this.opts.startedAt,
          fixedDueAt: this.fixedDueAt,
        });
        this.state.dueAt = s.dueAt;
        this.state.remindAt = s.remindAt;
        this.scheduledVersion = v;
        continue;
      }
      const due = Date.parse(this.state.dueAt as string);
      const remindAt = Date.parse(this.state.remindAt as string);
      const started = Date.parse(this.opts.startedAt);
      let next: { at: number; kind: 'remind' | 'overdue' | 'escalate' };
      if (!this.state.reminded && remindAt > started && remindAt < due) next = { at: remindAt, kind: 'remind' };
      else if (!this.state.overdue) next = { at: due, kind: 'overdue' };
      else next = { at: Date.parse(this.state.nextEscalationAt as string), kind: 'escalate' };

      const v = this.version;
      const wait = next.at - Date.now();
      if (wait > 0 && (await condition(() => done() || this.version !== v, wait))) continue;
      if (done()) break;
      if (this.version !== v) continue;

      const event = { ...this.ref, dueAt: this.state.dueAt as string };
      if (next.kind === 'remind') {
        await remindStep({ ...event, key: this.key('reminder') });
        this.state.reminded = true;
      } else if (next.kind === 'overdue') {
        const { nextEscalationAt } = await markStepOverdue({ ...event, key: this.key('overdue') });
        this.state.reminded = true;
        this.state.overdue = true;
        this.state.nextEscalationAt = nextEscalationAt;
      } else {
        const level = this.state.escalationLevel + 1;
        const r = await escalateStep({ ...event, level, key: this.key(`escalation:${level}`) });
        // At the top of the tree the level stops growing, but the repeats keep new keys.
        this.state.escalationLevel = Math.max(level, r.level);
        this.state.nextEscalationAt = r.nextEscalationAt;
      }
    }
  }
}
