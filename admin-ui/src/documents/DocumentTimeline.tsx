// The history of a document (R-DOC-3): every change with who, when (Vietnam time, +07:00),
// what, the status and its edXML code, and the reason. Append-only on the server; read here.
// Deadline events stand out (R-DL-2): escalations in red with the level and the organization
// they went to, overdue marks in amber, reminders in blue; a banner above says how often and
// where the document was escalated.
import { Alert, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import TrendingUpIcon from '@mui/icons-material/TrendingUp';
import { useQuery } from '@tanstack/react-query';
import { Loading, useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { formatInstantWithOffset } from '../fields/vietnamTime';
import { INCOMING_STATUSES, OUTGOING_STATUSES, type HistoryEntry } from '../types';
import { statusCodeOf } from './DocumentFields';

export const historyQueryKey = (id: unknown) => ['documents', 'history', String(id)];

/** A status label whichever side it belongs to (incoming, outgoing, a receiver's delivery). */
export const useStatusLabel = () => {
    const translate = useTranslate();
    return (status: string | null | undefined): string => {
        if (!status) return '';
        if ((INCOMING_STATUSES as readonly string[]).includes(status)) return translate(`app.document.incoming_status.${status}`);
        if ((OUTGOING_STATUSES as readonly string[]).includes(status)) return translate(`app.document.outgoing_status.${status}`);
        return translate(`app.document.delivery_status.${status}`, { _: status });
    };
};

/** A note the actor added (acceptance); the reason column carries everything else. */
const noteOf = (details: HistoryEntry['details']): string | null => (typeof details?.note === 'string' ? details.note : null);

/** Deadline events and how they are tinted. */
const DEADLINE_EVENT_TINT: Record<string, string> = {
    escalated: 'rgba(211, 47, 47, 0.08)',
    overdue: 'rgba(237, 108, 2, 0.08)',
    reminder: 'rgba(2, 136, 209, 0.06)',
};

/** The level an escalation reached and where it went (details written by the escalation activity). */
const escalationOf = (entry: HistoryEntry): { level: number | null; to: string | null } => {
    const details = entry.details ?? {};
    const result = (details.result ?? {}) as { level?: unknown };
    return {
        level: typeof result.level === 'number' ? result.level : null,
        to: typeof details.escalatedToName === 'string' ? details.escalatedToName : null,
    };
};

/** R-DL-2: how many times the document was escalated, and the latest. */
const EscalationSummary = ({ entries }: { entries: HistoryEntry[] }) => {
    const translate = useTranslate();
    const escalations = entries.filter(e => e.action === 'escalated');
    if (!escalations.length) return null;
    const latest = escalations[escalations.length - 1]!;
    const { to } = escalationOf(latest);
    return (
        <Alert severity="error" icon={<TrendingUpIcon />} sx={{ mb: 1 }} data-testid="history-escalation-summary">
            {translate('app.document.history.escalation_summary', {
                smart_count: escalations.length,
                at: formatInstantWithOffset(latest.at),
                to: to ?? translate('app.document.history.escalation_nobody'),
            })}
        </Alert>
    );
};

export const DocumentTimeline = () => {
    const record = useRecordContext();
    const dataProvider = useDataProvider<AppDataProvider>();
    const translate = useTranslate();
    const statusLabel = useStatusLabel();
    const { data, isPending, error } = useQuery({
        queryKey: historyQueryKey(record?.id),
        queryFn: () => dataProvider.getDocumentHistory(record!.id),
        enabled: !!record?.id,
    });
    if (!record) return null;
    if (isPending) return <Loading />;
    if (error) {
        return (
            <Alert severity="error" data-testid="document-history-error">
                {(error as Error).message || translate('app.document.history.load_error')}
            </Alert>
        );
    }
    const entries = data?.data ?? [];
    if (!entries.length) {
        return (
            <Typography variant="body2" color="text.secondary">
                {translate('app.document.history.empty')}
            </Typography>
        );
    }
    return (
        <>
        <EscalationSummary entries={entries} />
        <Table size="small" data-testid="document-history">
            <TableHead>
                <TableRow>
                    <TableCell>{translate('app.document.history.at')}</TableCell>
                    <TableCell>{translate('app.document.history.actor')}</TableCell>
                    <TableCell>{translate('app.document.history.action')}</TableCell>
                    <TableCell>{translate('app.document.history.status')}</TableCell>
                    <TableCell>{translate('app.document.history.reason')}</TableCell>
                </TableRow>
            </TableHead>
            <TableBody>
                {entries.map((entry, index) => {
                    const code = entry.statusCode ?? (entry.status ? statusCodeOf(entry.status) : null);
                    const detail = noteOf(entry.details);
                    const escalation = entry.action === 'escalated' ? escalationOf(entry) : null;
                    return (
                        <TableRow
                            key={entry.id ?? index}
                            data-testid={`history-${entry.action}`}
                            sx={DEADLINE_EVENT_TINT[entry.action] ? { backgroundColor: DEADLINE_EVENT_TINT[entry.action] } : undefined}
                        >
                            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatInstantWithOffset(entry.at)}</TableCell>
                            <TableCell>{entry.actorName ?? entry.actorLabel ?? entry.actor ?? translate('app.document.history.system')}</TableCell>
                            <TableCell>
                                {translate(`app.document.history_action.${entry.action}`, { _: entry.action })}
                                {escalation?.level ? (
                                    <Chip
                                        size="small"
                                        color="error"
                                        variant="outlined"
                                        icon={<TrendingUpIcon />}
                                        label={translate('app.task.escalation_level', { level: escalation.level })}
                                        sx={{ ml: 1 }}
                                        data-testid={`history-escalation-level-${escalation.level}`}
                                    />
                                ) : null}
                            </TableCell>
                            <TableCell>
                                {entry.status && statusLabel(entry.status)}
                                {code && <Chip size="small" variant="outlined" label={code} sx={{ ml: 1 }} />}
                            </TableCell>
                            <TableCell>
                                {entry.reason}
                                {detail && (
                                    <Typography variant="caption" color="text.secondary" component="div">
                                        {detail}
                                    </Typography>
                                )}
                            </TableCell>
                        </TableRow>
                    );
                })}
            </TableBody>
        </Table>
        </>
    );
};
