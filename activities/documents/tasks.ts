/**
 * Tasks of the human steps (read model of what each person or role has to do, R-DL-1) and the
 * notifications that go with them. A task is either named (`assignee_user_id`) or
 * organization-level (`assignee_role` in `organization_code`, optionally narrowed to a
 * department); every insert is keyed by `dedupe_key`.
 */
import type { Transaction } from 'sequelize';
import type { Role } from '../../db/models';
import { STEP_LABELS_VI, type Step, type Urgency } from '../../domain/documents';
import { notifyUsersByRole, type NotificationDraft } from '../notifications';
import type { Ctx } from './context';
import type { ReceiverEventInput } from './contract';
import { describeDocument, type DocumentRow } from './rows';

export interface NewTask {
  documentId: string;
  organizationCode: string;
  step: Step;
  assigneeUserId?: string | null;
  assigneeRole?: Extract<Role, 'clerk' | 'leader' | 'specialist'> | null;
  assigneeDepartmentId?: string | null;
  handlerRole?: 'main' | 'co' | null;
  receiverCode?: string | null;
  urgency: Urgency;
  dueAt?: string | Date | null;
  title: string;
  workflowId?: string | null;
  key: string;
}

/** Opens a task; returns its id, or null when the key already opened one. */
export async function openTask(ctx: Ctx, t: Transaction, task: NewTask): Promise<string | null> {
  const [row] = await ctx.select<{ id: string }>(
    t,
    `INSERT INTO tasks (document_id, organization_code, kind, step, assignee_user_id, assignee_role, assignee_department_id, handler_role,
                        receiver_code, status, urgency, due_at, title, workflow_id, dedupe_key)
     VALUES (:documentId, :organizationCode, :step, :step, :assigneeUserId, :assigneeRole, :assigneeDepartmentId, :handlerRole,
             :receiverCode, 'open', :urgency, CAST(:dueAt AS timestamptz), :title, :workflowId, :key)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    {
      ...task,
      assigneeUserId: task.assigneeUserId ?? null,
      assigneeRole: task.assigneeRole ?? null,
      assigneeDepartmentId: task.assigneeDepartmentId ?? null,
      handlerRole: task.handlerRole ?? null,
      receiverCode: task.receiverCode ?? null,
      dueAt: task.dueAt instanceof Date ? task.dueAt.toISOString() : (task.dueAt ?? null),
      workflowId: task.workflowId ?? null,
    },
  );
  return row?.id ?? null;
}

export interface TaskFilter {
  documentId: string;
  /** Only these steps (all when omitted). */
  steps?: Step[];
  /** Per-receiver sender steps: only this receiver's task. */
  receiverCode?: string | null;
}

function where(f: TaskFilter): { sql: string; params: Record<string, unknown> } {
  const parts = ["document_id = :documentId", "status = 'open'"];
  const params: Record<string, unknown> = { documentId: f.documentId };
  if (f.steps) {
    parts.push(f.steps.length ? 'step IN (:steps)' : 'false');
    params.steps = f.steps;
  }
  if (f.receiverCode) {
    parts.push('receiver_code = :receiverCode');
    params.receiverCode = f.receiverCode;
  }
  return { sql: parts.join(' AND '), params };
}

/** Closes the open tasks matching `f` as done (the step was completed) or cancelled (it no longer applies). */
export async function closeTasks(
  ctx: Ctx,
  t: Transaction,
  f: TaskFilter,
  close: { status: 'done' | 'cancelled'; at: string | Date; actorId: string | null; result?: string | null },
): Promise<number> {
  const w = where(f);
  return ctx.exec(
    t,
    `UPDATE tasks SET status = :status, completed_at = CAST(:at AS timestamptz), completed_by = CAST(:actorId AS uuid), result = coalesce(:result, result)
      WHERE ${w.sql}`,
    { ...w.params, status: close.status, at: close.at instanceof Date ? close.at.toISOString() : close.at, actorId: close.actorId, result: close.result ?? null },
  );
}

export async function openTaskIds(ctx: Ctx, t: Transaction, f: TaskFilter): Promise<string[]> {
  const w = where(f);
  return (await ctx.select<{ id: string }>(t, `SELECT id FROM tasks WHERE ${w.sql} ORDER BY created_at, id`, w.params)).map((r) => r.id);
}

/** The document's handling ended (refused, completed, recalled): every task still open is cancelled. */
export async function cancelOpenTasks(ctx: Ctx, t: Transaction, documentId: string, close: { at: string | Date; actorId: string | null }): Promise<void> {
  await closeTasks(ctx, t, { documentId }, { status: 'cancelled', ...close });
  await refreshOverdue(ctx, t, documentId);
}

/** documents.overdue mirrors "some open task of it is overdue" (the overdue lists, R-DL-2). */
export async function refreshOverdue(ctx: Ctx, t: Transaction, documentId: string): Promise<void> {
  await ctx.exec(
    t,
    `UPDATE documents d SET overdue = EXISTS (SELECT 1 FROM tasks k WHERE k.document_id = d.id AND k.status = 'open' AND k.overdue)
      WHERE d.id = :documentId`,
    { documentId },
  );
}

/** A task title: the step, then the document as people name it. */
export function taskTitle(step: Step, doc: Pick<DocumentRow, 'number_and_notation' | 'summary'>, receiverName?: string | null): string {
  const what = describeDocument(doc);
  const title = `${STEP_LABELS_VI[step]}${receiverName ? ` (${receiverName})` : ''}: ${what}`;
  return title.length > 500 ? `${title.slice(0, 497)}…` : title;
}

/** Notifies named users (active ones only); returns how many rows were new. */
export async function notifyUsers(ctx: Ctx, t: Transaction, userIds: string[], n: NotificationDraft): Promise<number> {
  const ids = [...new Set(userIds.filter(Boolean))];
  if (!ids.length) return 0;
  const rows = await ctx.select(
    t,
    `INSERT INTO notifications (user_id, kind, title, body, subject_type, subject_id, dedupe_key)
     SELECT u.id, :kind, :title, :body, :subjectType, :subjectId, :dedupeKey FROM users u WHERE u.active AND u.id IN (:ids)
     ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id`,
    { ...n, ids },
  );
  return rows.length;
}

export function notifyRole(ctx: Ctx, t: Transaction, orgCodes: string[], roles: Role[], n: NotificationDraft): Promise<number> {
  return orgCodes.length ? notifyUsersByRole(ctx.sequelize, t, orgCodes, roles, n) : Promise.resolve(0);
}

/**
 * Notifies whoever holds the tasks: the named user, else everyone with the task's role in its
 * organization — narrowed to the task's department when that department has someone with the role.
 */
export async function notifyTaskAssignees(ctx: Ctx, t: Transaction, taskIds: string[], n: NotificationDraft): Promise<number> {
  if (!taskIds.length) return 0;
  const rows = await ctx.select(
    t,
    `INSERT INTO notifications (user_id, kind, title, body, subject_type, subject_id, dedupe_key)
     SELECT DISTINCT u.id, :kind, :title, :body, :subjectType, :subjectId, :dedupeKey
       FROM tasks k JOIN users u ON u.active AND (
            u.id = k.assignee_user_id
         OR (k.assignee_user_id IS NULL AND u.organization_code = k.organization_code AND k.assignee_role = ANY (u.roles)
             AND (k.assignee_department_id IS NULL OR u.department_id = k.assignee_department_id
                  OR NOT EXISTS (SELECT 1 FROM users v WHERE v.active AND v.department_id = k.assignee_department_id AND k.assignee_role = ANY (v.roles)))))
      WHERE k.id IN (:taskIds)
     ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id`,
    { ...n, taskIds },
  );
  return rows.length;
}

export type Notice = Pick<NotificationDraft, 'kind' | 'title' | 'body'>;

/** A notification about document `documentId`, sent once per user under `key`. */
export function aboutDocument(documentId: string, key: string, n: Notice): NotificationDraft {
  return { ...n, subjectType: 'document', subjectId: documentId, dedupeKey: key };
}

type TaskOf = Pick<DocumentRow, 'id' | 'organization_code' | 'urgency' | 'workflow_id'>;

/**
 * Opens one task of `doc` under `${key}:task` (in the document's own process unless
 * `task.workflowId` says another) and notifies whoever holds it under `key`; returns its id, or
 * null when the key already opened it (nobody is notified twice).
 */
export async function openDocumentTask(
  ctx: Ctx,
  t: Transaction,
  doc: TaskOf,
  task: Omit<NewTask, 'documentId' | 'organizationCode' | 'urgency' | 'key'>,
  notice: Notice,
  key: string,
): Promise<string | null> {
  const taskId = await openTask(ctx, t, {
    documentId: doc.id,
    organizationCode: doc.organization_code,
    urgency: doc.urgency,
    ...task,
    workflowId: task.workflowId === undefined ? doc.workflow_id : task.workflowId,
    key: `${key}:task`,
  });
  await notifyTaskAssignees(ctx, t, taskId ? [taskId] : [], aboutDocument(doc.id, key, notice));
  return taskId;
}

/** What follows the workflow id in the step key of each per-receiver paper step. */
const PAPER_KEY_MARKERS = { paper_dispatch: ':paper-open:', paper_recall: ':paper-recall:' } as const;

/**
 * The process that holds a per-receiver paper step's deadline: the one the input names, else
 * the workflow whose id starts the step key (`${workflowId}:paper-open:…`,
 * `${workflowId}:paper-recall:…`), else the document's own. The API signals calendar changes to
 * a task's workflow, so a recall run by the change workflow must not name the outgoing one.
 */
export function paperStepWorkflowId(step: keyof typeof PAPER_KEY_MARKERS, input: Pick<ReceiverEventInput, 'workflowId' | 'key'>, fallback: string | null): string | null {
  if (input.workflowId) return input.workflowId;
  const at = input.key.lastIndexOf(PAPER_KEY_MARKERS[step]);
  return at > 0 ? input.key.slice(0, at) : fallback;
}

/** Opens the clerk's task to dispatch or retrieve the paper copy sent to one receiver, and notifies the clerks. */
export function openPaperTask(
  ctx: Ctx,
  t: Transaction,
  doc: TaskOf & Pick<DocumentRow, 'number_and_notation' | 'summary'>,
  step: keyof typeof PAPER_KEY_MARKERS,
  input: ReceiverEventInput,
  receiverName: string,
  notice: Notice,
): Promise<string | null> {
  const task = {
    step,
    assigneeRole: 'clerk' as const,
    receiverCode: input.receiverCode,
    title: taskTitle(step, doc, receiverName),
    workflowId: paperStepWorkflowId(step, input, doc.workflow_id),
  };
  return openDocumentTask(ctx, t, doc, task, notice, input.key);
}
