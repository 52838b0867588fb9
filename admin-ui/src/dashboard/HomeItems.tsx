// The rows of the home cards: a task or a document with its number and summary (a link to its
// page), urgency (R-DL-4), its deadline in green / amber / red (R-DL-2), and room for a decision
// taken in place; the receipt-check verdicts of an arrived document as small chips (R-REC-2).
import type { ReactNode } from 'react';
import { Box, Chip, ListItem, Stack, Tooltip, Typography } from '@mui/material';
import CancelIcon from '@mui/icons-material/Cancel';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Link, useTranslate } from 'react-admin';
import { DeadlineChip, UrgencyChip } from '../documents/DocumentFields';
import { documentResourceOfStep, isUrgent, taskDeadlineTone, type DeadlineTone } from '../documents/documentStates';
import type { CheckOutcome, CheckResult, IncomingDocument, Task, Urgency } from '../types';

/** The page of a task's document (incoming or outgoing by its step). */
export const taskDocumentPath = (task: Pick<Task, 'documentId' | 'step' | 'direction'>): string =>
    `/${documentResourceOfStep(task.step, task.direction)}/${encodeURIComponent(task.documentId)}/show`;

const TONE_TINT: Record<DeadlineTone, string | undefined> = {
    overdue: 'rgba(211, 47, 47, 0.08)',
    soon: 'rgba(237, 108, 2, 0.10)',
    ok: undefined,
};

/** One document on a card: link, summary, chips, and an action on the right. */
export const HomeItem = ({
    to,
    title,
    summary,
    urgency,
    chips,
    action,
    tone,
    testId,
}: {
    /** The page of the item; without one the title is plain text. */
    to?: string;
    title: string;
    summary?: string | null;
    urgency?: Urgency | null;
    chips?: ReactNode;
    action?: ReactNode;
    /** Tints the row: red overdue, amber due today. */
    tone?: DeadlineTone | null;
    testId: string;
}) => (
    <ListItem
        disableGutters
        divider
        sx={{ alignItems: 'flex-start', gap: 1, px: 1, backgroundColor: tone ? TONE_TINT[tone] : undefined, borderRadius: 1 }}
        data-testid={testId}
        data-tone={tone ?? 'none'}
    >
        <Box sx={{ flex: 1, minWidth: 0 }}>
            {to ? (
                <Link to={to} data-testid={`${testId}-open`} sx={{ fontWeight: 600 }}>
                    {title}
                </Link>
            ) : (
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {title}
                </Typography>
            )}
            {summary && (
                <Typography
                    variant="body2"
                    color="text.secondary"
                    sx={{ overflow: 'hidden', textOverflow: 'ellipsis', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical' }}
                >
                    {summary}
                </Typography>
            )}
            <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', mt: 0.5, alignItems: 'center' }}>
                {urgency && isUrgent(urgency) && <UrgencyChip urgency={urgency} />}
                {chips}
            </Stack>
        </Box>
        {action && <Box sx={{ flexShrink: 0, pt: 0.5 }}>{action}</Box>}
    </ListItem>
);

/** A task on a card: its step, its document, its deadline coloured for the caller. */
export const TaskItem = ({ task, action, testId, showStep = true, extra }: { task: Task; action?: ReactNode; testId: string; showStep?: boolean; extra?: ReactNode }) => {
    const translate = useTranslate();
    const tone = taskDeadlineTone(task);
    return (
        <HomeItem
            to={taskDocumentPath(task)}
            title={task.numberAndNotation || translate(`app.document.open.${documentResourceOfStep(task.step, task.direction)}`)}
            summary={task.summary ?? task.title}
            urgency={task.urgency}
            tone={tone === 'ok' ? null : tone}
            action={action}
            testId={testId}
            chips={
                <>
                    {showStep && <Chip size="small" variant="outlined" label={translate(`app.document.step.${task.step}`, { _: task.step })} />}
                    <DeadlineChip dueAt={task.dueAt} tone={tone} testId={`${testId}-deadline`} />
                    {extra}
                </>
            }
        />
    );
};

const checkIcon = (outcome: CheckOutcome) =>
    outcome === 'passed' ? <CheckCircleIcon /> : outcome === 'failed' ? <CancelIcon /> : <WarningAmberIcon />;
const CHECK_COLOR: Record<CheckOutcome, 'success' | 'error' | 'warning'> = { passed: 'success', failed: 'error', warning: 'warning' };

export const checkListOf = (checks: IncomingDocument['checks']): CheckResult[] => (Array.isArray(checks) ? checks : (checks?.checks ?? []));

/** R-REC-2: one chip per automatic check, its explanation in the tooltip. */
export const CheckChips = ({ checks, testId }: { checks: IncomingDocument['checks']; testId: string }) => {
    const translate = useTranslate();
    const list = checkListOf(checks);
    if (!list.length) return <Chip size="small" variant="outlined" label={translate('app.home.clerk.checks_pending')} data-testid={`${testId}-pending`} />;
    return (
        <>
            {list.map(check => (
                <Tooltip key={check.check} title={check.detail}>
                    <Chip
                        size="small"
                        variant={check.outcome === 'passed' ? 'outlined' : 'filled'}
                        color={CHECK_COLOR[check.outcome] ?? 'warning'}
                        icon={checkIcon(check.outcome)}
                        label={translate(`app.document.check.${check.check}`, { _: check.check })}
                        data-testid={`${testId}-${check.check}`}
                        data-outcome={check.outcome}
                    />
                </Tooltip>
            ))}
        </>
    );
};
