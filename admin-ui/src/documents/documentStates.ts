// The vocabulary of the document processes as the screens use it: choices for the inputs, the
// colour of each status, where a task's document lives, and the colour of a deadline (R-DL-2,
// R-DL-4). Pure functions, no React.
import { vietnamParts } from '../fields/vietnamTime';
import {
    INCOMING_STATUSES,
    OUTGOING_STATUSES,
    URGENCIES,
    URGENCY_RANK,
    type DocumentDeadline,
    type IncomingDocument,
    type IncomingStatus,
    type OutgoingStatus,
    type Step,
    type Urgency,
} from '../types';

type ChipColor = 'default' | 'primary' | 'secondary' | 'error' | 'info' | 'success' | 'warning';

export const urgencyChoices = URGENCIES.map(u => ({ id: u, name: `app.document.urgency.${u}` }));
export const incomingStatusChoices = INCOMING_STATUSES.map(s => ({ id: s, name: `app.document.incoming_status.${s}` }));
export const outgoingStatusChoices = OUTGOING_STATUSES.map(s => ({ id: s, name: `app.document.outgoing_status.${s}` }));

export const URGENCY_COLOR: Record<Urgency, ChipColor> = {
    normal: 'default',
    urgent: 'warning',
    very_urgent: 'error',
    express: 'error',
};

export const INCOMING_STATUS_COLOR: Record<IncomingStatus, ChipColor> = {
    arrived: 'info',
    refused: 'error',
    accepted: 'primary',
    routed: 'secondary',
    processing: 'warning',
    completed: 'success',
    recalled: 'default',
    deleted: 'default',
};

export const OUTGOING_STATUS_COLOR: Record<OutgoingStatus, ChipColor> = {
    draft: 'default',
    issued: 'success',
    recalled: 'error',
    replaced: 'secondary',
};

/** A receiver's delivery: before it arrives, then the status its incoming copy reports. */
const DELIVERY_STATUS_COLOR: Record<string, ChipColor> = {
    pending: 'default',
    sent: 'info',
    ...INCOMING_STATUS_COLOR,
    paper_pending: 'warning',
    paper_sent: 'success',
    // An edXML package the interconnection could not deliver: the sender's clerk resolves it.
    send_failed: 'error',
};
export const deliveryStatusColor = (status: string): ChipColor => DELIVERY_STATUS_COLOR[status] ?? 'default';

/** R-DL-4 priority mode: the API's `urgency` sort puts the most urgent first (then newest, or nearest deadline for tasks). */
export const PRIORITY_SORT = { field: 'urgency', order: 'DESC' } as const;

/** R-DL-4: urgent documents are highlighted in every list. */
export const isUrgent = (urgency: Urgency | null | undefined): boolean => !!urgency && urgency !== 'normal';

/** Rows of urgent documents get a tint growing with the urgency. */
export const urgencyRowSx = (record: { urgency?: Urgency | null; [key: string]: unknown }) => {
    const rank = record?.urgency ? URGENCY_RANK[record.urgency] ?? 0 : 0;
    if (!rank) return {};
    const tint = ['', 'rgba(237, 108, 2, 0.08)', 'rgba(211, 47, 47, 0.08)', 'rgba(211, 47, 47, 0.14)'][rank];
    return { backgroundColor: tint, '& td:first-of-type': { borderLeft: '4px solid', borderLeftColor: rank >= 2 ? 'error.main' : 'warning.main' } };
};

/** Steps of the sender's side; every other step belongs to an incoming document. */
const OUTGOING_STEPS: readonly Step[] = ['sending', 'paper_dispatch', 'paper_recall'];
export const documentResourceOfStep = (step: Step | null | undefined, direction?: 'incoming' | 'outgoing'): 'incoming' | 'outgoing' =>
    direction ?? (step && OUTGOING_STEPS.includes(step) ? 'outgoing' : 'incoming');

export type DeadlineTone = 'ok' | 'soon' | 'overdue';
export const DEADLINE_TONE_COLOR: Record<DeadlineTone, 'success' | 'warning' | 'error'> = { ok: 'success', soon: 'warning', overdue: 'error' };

const DAY_MS = 24 * 3600_000;

/**
 * The same wall-clock moment one working day later (Monday–Friday; public holidays are not known
 * here, so around them a deadline turns amber a little late — the reminder still turns it amber).
 */
export const oneWorkingDayAfter = (now: Date): Date => {
    let at = new Date(now.getTime() + DAY_MS);
    while (vietnamParts(at).weekday > 5) at = new Date(at.getTime() + DAY_MS);
    return at;
};

/** What both deadline colours start from: red when overdue or past, null without a usable due date, else `soon(due)` decides amber or green. */
const deadlineTone = (
    deadline: { dueAt?: string | null; overdue?: boolean } | null | undefined,
    now: Date,
    soon: (due: Date) => boolean,
): DeadlineTone | null => {
    if (!deadline) return null;
    if (deadline.overdue) return 'overdue';
    if (!deadline.dueAt) return null;
    const due = new Date(deadline.dueAt);
    if (Number.isNaN(due.getTime())) return null;
    if (due.getTime() <= now.getTime()) return 'overdue';
    return soon(due) ? 'soon' : 'ok';
};

/**
 * A step's deadline (document detail): red when overdue, amber when the reminder went out or
 * less than one working day is left, green otherwise; null without a due date.
 */
export const stepDeadlineTone = (
    deadline: { dueAt?: string | null; reminded?: boolean; remindedAt?: string | null; overdue?: boolean } | null | undefined,
    now: Date = new Date(),
): DeadlineTone | null =>
    deadlineTone(deadline, now, due => !!(deadline?.reminded || deadline?.remindedAt) || due.getTime() < oneWorkingDayAfter(now).getTime());

/** A task's deadline ("Việc của tôi"): red when overdue, amber when due today (Vietnam day), else green. */
export const taskDeadlineTone = (
    task: { dueAt?: string | null; overdue?: boolean } | null | undefined,
    now: Date = new Date(),
): DeadlineTone | null =>
    deadlineTone(task, now, due => {
        const d = vietnamParts(due);
        const n = vietnamParts(now);
        return d.year === n.year && d.month === n.month && d.day === n.day;
    });

/** Statuses in which an incoming document has no deadline left to show. */
const INCOMING_ENDED: readonly IncomingStatus[] = ['completed', 'refused', 'recalled', 'deleted'];

/** The deadline an incoming document shows: its current step's, else its own due date; none once it has ended. */
export const incomingDeadlineOf = (
    doc: Pick<IncomingDocument, 'status' | 'deadline' | 'dueAt' | 'overdue'>,
): DocumentDeadline | null => {
    if (INCOMING_ENDED.includes(doc.status)) return null;
    const deadline = doc.deadline ?? (doc.dueAt ? { dueAt: doc.dueAt, overdue: doc.overdue } : null);
    return deadline?.dueAt ? deadline : null;
};

/** A file's display name, whichever field the API filled. */
export const fileNameOf = (file: { originalName?: string; name?: string; id?: string; fileId?: string }): string =>
    file.name ?? file.originalName ?? fileIdOf(file);
export const fileIdOf = (file: { id?: string; fileId?: string }): string => file.fileId ?? file.id ?? '';

/** A receiver's code and name, whichever field names the API used. */
export const receiverCodeOf = (r: { code?: string; receiverCode?: string } | string): string =>
    typeof r === 'string' ? r : (r.receiverCode ?? r.code ?? '');
export const receiverNameOf = (r: { name?: string | null; receiverName?: string | null } | string): string =>
    typeof r === 'string' ? '' : (r.receiverName ?? r.name ?? '');
