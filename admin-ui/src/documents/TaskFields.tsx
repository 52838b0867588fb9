// Fields of a task or an overdue step (R-DL-1..2): its deadline coloured for the caller, who
// holds it (a person, or everyone with a role in the organization) and how far it escalated.
import { Chip, Stack, Typography } from '@mui/material';
import TrendingUpIcon from '@mui/icons-material/TrendingUp';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import type { Task } from '../types';
import { DeadlineChip } from './DocumentFields';
import { documentResourceOfStep, taskDeadlineTone } from './documentStates';

export const TaskDeadlineField = (_props: FieldProps) => {
    const record = useRecordContext<Task>();
    if (!record) return null;
    return <DeadlineChip dueAt={record.dueAt} tone={taskDeadlineTone(record)} testId={`task-deadline-${record.id}`} />;
};

export const AssigneeField = (_props: FieldProps) => {
    const record = useRecordContext<Task>();
    const translate = useTranslate();
    if (!record) return null;
    if (record.assigneeName) {
        return (
            <span>
                {record.assigneeName}
                {record.handlerRole ? ` (${translate(`app.task.handler_role.${record.handlerRole}`)})` : ''}
            </span>
        );
    }
    return record.assigneeRole ? <span>{translate('app.task.by_role', { role: translate(`app.user.role.${record.assigneeRole}`) })}</span> : null;
};

export const EscalationField = (_props: FieldProps) => {
    const record = useRecordContext<Task>();
    const translate = useTranslate();
    if (!record?.escalationLevel) return null;
    return (
        <Stack spacing={0.25}>
            <Chip
                size="small"
                color="error"
                variant="outlined"
                icon={<TrendingUpIcon />}
                label={translate('app.task.escalation_level', { level: record.escalationLevel })}
                data-testid={`task-escalation-${record.id}`}
            />
            {record.escalatedTo && (
                <Typography variant="caption" color="text.secondary">
                    {translate('app.task.escalated_to', { org: record.escalatedTo })}
                </Typography>
            )}
        </Stack>
    );
};

/** A row opens the task's document (incoming or outgoing by its step). */
export const taskRowClick = (_id: unknown, _resource: string, record: Task): string =>
    `/${documentResourceOfStep(record.step, record.direction)}/${encodeURIComponent(record.documentId)}/show`;
