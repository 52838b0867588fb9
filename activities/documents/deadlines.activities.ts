/**
 * Deadlines of every human step (R-DL-1..4, R-CAL-4): due and reminder instants on the
 * organization's calendar, reminders, overdue marking, escalation up the organization tree to
 * supervisors, and extensions. The workflow owns the timers; these write what people see.
 */
import type { Transaction } from 'sequelize';
import { computeDeadline, reminderAt } from '../../domain/calendar';
import { STEP_LABELS_VI } from '../../domain/documents';
import { ancestorsOf } from '../../domain/org-code';
import { calendarFor, policy, stepPolicy } from './calendar';
import { claim, iso, storedResult, vnDateTime, type Ctx } from './context';
import type { DocumentActivities, EscalationResult, StepEventInput, StepRef } from './contract';
import { appendHistory } from './history';
import { loadDocument, organizationName } from './rows';
import { aboutDocument, notifyRole, notifyTaskAssignees, notifyUsers, openTaskIds, refreshOverdue, taskTitle } from './tasks';

type DeadlineActivities = Pick<DocumentActivities, 'scheduleStep' | 'remindStep' | 'markStepOverdue' | 'escalateStep' | 'recordExtension'>;

/** What a deadline event notes of its step in the history. */
const stepDetails = (input: StepEventInput) => ({ step: input.step, receiverCode: input.receiverCode ?? null, dueAt: input.dueAt });

export function createDeadlineActivities(ctx: Ctx): DeadlineActivities {
  /** The open tasks of the step (only its receiver's, for per-receiver steps). */
  const stepTaskIds = (t: Transaction, doc: { id: string }, input: StepRef) => openTaskIds(ctx, t, { documentId: doc.id, steps: [input.step], receiverCode: input.receiverCode });

  return {
    async scheduleStep(input) {
      const start = Date.parse(input.startedAt);
      const fixed = input.fixedDueAt ? Date.parse(input.fixedDueAt) : null;
      const cal = await calendarFor(ctx, input.organizationCode, start, ...(fixed === null ? [] : [fixed]));
      const due = fixed ?? computeDeadline(cal, start, (await stepPolicy(ctx, input.step))[input.urgency]);
      // A fixed due date already reached leaves no time to remind in: remind at the due instant.
      const remind = due > start ? reminderAt(cal, start, due, await policy(ctx, 'deadline.reminder')) : due;
      const dueAt = iso(due);
      await ctx.transaction(async (t) => {
        await ctx.exec(
          t,
          `UPDATE tasks SET due_at = CAST(:dueAt AS timestamptz)
            WHERE document_id = :documentId AND step = :step AND status = 'open' AND (CAST(:receiverCode AS text) IS NULL OR receiver_code = :receiverCode)`,
          { documentId: input.documentId, step: input.step, receiverCode: input.receiverCode ?? null, dueAt },
        );
        if (input.step === 'processing') {
          await ctx.exec(t, 'UPDATE documents SET due_at = CAST(:dueAt AS timestamptz), updated_at = now() WHERE id = :id', { id: input.documentId, dueAt });
        }
      });
      return { dueAt, remindAt: iso(remind) };
    },

    async remindStep(input) {
      await ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, input.documentId);
        if (!(await claim(ctx, t, input.key))) return;
        const now = ctx.now();
        const taskIds = await stepTaskIds(t, doc, input);
        if (taskIds.length) await ctx.exec(t, 'UPDATE tasks SET reminded_at = :now WHERE id IN (:taskIds)', { now, taskIds });
        const notified = await notifyTaskAssignees(
          ctx,
          t,
          taskIds,
          aboutDocument(doc.id, input.key, {
            kind: 'deadline_reminder',
            title: `Nhắc hạn: ${STEP_LABELS_VI[input.step]}`,
            body: `${taskTitle(input.step, doc)}. Hạn: ${vnDateTime(input.dueAt)}.`,
          }),
        );
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at: now,
          actorId: null,
          action: 'reminder',
          status: doc.status,
          reason: `Nhắc hạn "${STEP_LABELS_VI[input.step]}" (hạn ${vnDateTime(input.dueAt)})`,
          details: { ...stepDetails(input), notified },
          key: input.key,
        });
      });
    },

    async markStepOverdue(input) {
      const { organization_code: org } = await loadDocument(ctx, null, input.documentId);
      const due = Date.parse(input.dueAt);
      const cal = await calendarFor(ctx, org, due, ctx.now());
      const nextEscalationAt = iso(computeDeadline(cal, due, (await policy(ctx, 'deadline.escalation')).grace));
      await ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, input.documentId);
        if (!(await claim(ctx, t, input.key))) return;
        const taskIds = await stepTaskIds(t, doc, input);
        if (taskIds.length) {
          await ctx.exec(t, 'UPDATE tasks SET overdue = true, overdue_at = CAST(:dueAt AS timestamptz) WHERE id IN (:taskIds)', { dueAt: input.dueAt, taskIds });
        }
        await refreshOverdue(ctx, t, doc.id);
        const notified = await notifyRole(
          ctx,
          t,
          [doc.organization_code],
          ['leader'],
          aboutDocument(doc.id, input.key, {
            kind: 'deadline_overdue',
            title: `Quá hạn: ${STEP_LABELS_VI[input.step]}`,
            body: `${taskTitle(input.step, doc)} đã quá hạn ${vnDateTime(input.dueAt)}.`,
          }),
        );
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at: ctx.now(),
          actorId: null,
          action: 'overdue',
          status: doc.status,
          reason: `Quá hạn "${STEP_LABELS_VI[input.step]}" (hạn ${vnDateTime(input.dueAt)})`,
          details: { ...stepDetails(input), nextEscalationAt, notified },
          key: input.key,
        });
      });
      return { nextEscalationAt };
    },

    async escalateStep(input) {
      const { organization_code: org } = await loadDocument(ctx, null, input.documentId);
      const now = ctx.now();
      const cal = await calendarFor(ctx, org, now);
      const nextEscalationAt = iso(computeDeadline(cal, now, (await policy(ctx, 'deadline.escalation')).grace));
      // Level 1 is the parent; a root organization escalates to its own supervisors.
      const chain = ancestorsOf(org);
      if (!chain.length) chain.push(org);
      const first = Math.min(Math.max(1, Math.floor(input.level)), chain.length) - 1;
      return ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, input.documentId);
        if (!(await claim(ctx, t, input.key))) return (await storedResult<EscalationResult>(ctx, t, input.key))!;
        let result: EscalationResult = { escalatedTo: null, level: chain.length, nextEscalationAt };
        let supervisors: string[] = [];
        // Levels without an active supervisor are skipped upwards.
        for (let i = first; i < chain.length; i++) {
          supervisors = (
            await ctx.select<{ id: string }>(
              t,
              "SELECT id FROM users WHERE active AND 'supervisor' = ANY (roles) AND (supervises_code = :code OR organization_code = :code) ORDER BY id",
              { code: chain[i] },
            )
          ).map((r) => r.id);
          if (supervisors.length) {
            result = { escalatedTo: chain[i], level: i + 1, nextEscalationAt };
            break;
          }
        }
        const taskIds = await stepTaskIds(t, doc, input);
        if (taskIds.length) {
          await ctx.exec(t, 'UPDATE tasks SET escalation_level = :level, escalated_to = :to WHERE id IN (:taskIds)', { level: result.level, to: result.escalatedTo, taskIds });
        }
        const orgName = await organizationName(ctx, t, doc.organization_code);
        const targetName = result.escalatedTo ? await organizationName(ctx, t, result.escalatedTo) : null;
        await notifyUsers(
          ctx,
          t,
          supervisors,
          aboutDocument(doc.id, input.key, {
            kind: 'deadline_escalation',
            title: `Văn bản quá hạn tại ${orgName}`,
            body: `${taskTitle(input.step, doc)}: quá hạn "${STEP_LABELS_VI[input.step]}" từ ${vnDateTime(input.dueAt)}, chuyển cấp trên (cấp ${result.level}).`,
          }),
        );
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at: now,
          actorId: null,
          action: 'escalated',
          status: doc.status,
          reason: targetName ? `Quá hạn, báo cáo cấp trên: ${targetName}` : 'Quá hạn, không tìm thấy người giám sát ở cấp trên',
          details: { ...stepDetails(input), requestedLevel: input.level, escalatedToName: targetName, notified: supervisors.length, result },
          key: input.key,
        });
        return result;
      });
    },

    async recordExtension(input) {
      await ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, input.documentId);
        if (!(await claim(ctx, t, input.key))) return;
        const taskIds = await stepTaskIds(t, doc, input);
        const [{ old }] = await ctx.select<{ old: Date | null }>(t, 'SELECT max(due_at) AS old FROM tasks WHERE id IN (:taskIds)', { taskIds: taskIds.length ? taskIds : [null] });
        const oldDueAt = iso(old ?? (input.step === 'processing' ? doc.due_at : null));
        if (taskIds.length) {
          await ctx.exec(
            t,
            `UPDATE tasks SET due_at = CAST(:dueAt AS timestamptz), overdue = false, overdue_at = NULL, reminded_at = NULL, escalation_level = 0, escalated_to = NULL
              WHERE id IN (:taskIds)`,
            { dueAt: input.dueAt, taskIds },
          );
        }
        if (input.step === 'processing') {
          await ctx.exec(t, 'UPDATE documents SET due_at = CAST(:dueAt AS timestamptz), updated_at = now() WHERE id = :id', { id: doc.id, dueAt: input.dueAt });
        }
        await refreshOverdue(ctx, t, doc.id);
        await notifyTaskAssignees(
          ctx,
          t,
          taskIds,
          aboutDocument(doc.id, input.key, {
            kind: 'deadline_extended',
            title: `Gia hạn: ${STEP_LABELS_VI[input.step]}`,
            body: `${taskTitle(input.step, doc)}: hạn mới ${vnDateTime(input.dueAt)}. Lý do: ${input.reason}`,
          }),
        );
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at: input.at,
          actorId: input.actorId,
          action: 'extended',
          status: doc.status,
          reason: input.reason,
          details: { step: input.step, receiverCode: input.receiverCode ?? null, oldDueAt, newDueAt: input.dueAt },
          key: input.key,
        });
      });
    },
  };
}
