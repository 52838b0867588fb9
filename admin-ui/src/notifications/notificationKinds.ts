// The kinds of in-app notification the processes write (activities/, api/services/): reminders,
// overdue marks and escalations (R-DL-2, R-CONN-2), refusals (R-REC-3), recall and update
// requests and answers (R-RCL-1..3), work that waits (routing, assignment, sending, paper), and
// interconnection failures — and how urgent each looks.
export const NOTIFICATION_KINDS = [
    'document_arrived',
    'document_refused',
    'document_assigned',
    'routing_needed',
    'assignment_needed',
    'sending_needed',
    'paper_dispatch_needed',
    'paper_recall_needed',
    'paper_reminder',
    'change_requested',
    'change_refused',
    'deadline_reminder',
    'deadline_overdue',
    'deadline_escalation',
    'deadline_extended',
    'overdue_digest',
    'interop_failed',
    'connection_reminder',
    'connection_overdue',
    'connection_escalation',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationTone = 'error' | 'warning' | 'info' | 'default';

const TONE: Partial<Record<NotificationKind, NotificationTone>> = {
    deadline_escalation: 'error',
    connection_escalation: 'error',
    deadline_overdue: 'error',
    connection_overdue: 'error',
    document_refused: 'error',
    change_refused: 'error',
    interop_failed: 'error',
    change_requested: 'warning',
    deadline_reminder: 'warning',
    paper_reminder: 'warning',
    connection_reminder: 'warning',
    overdue_digest: 'warning',
};

export const notificationTone = (kind: string): NotificationTone => TONE[kind as NotificationKind] ?? 'info';

export const notificationKindChoices = NOTIFICATION_KINDS.map(kind => ({ id: kind, name: `app.notification.kind.${kind}` }));
