// The history of a document (R-DOC-3): every change with who, when (Vietnam time, +07:00),
// what, the status and its edXML code, and the reason. Append-only on the server; read here.
import { Alert, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
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
                    return (
                        <TableRow key={entry.id ?? index} data-testid={`history-${entry.action}`}>
                            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatInstantWithOffset(entry.at)}</TableCell>
                            <TableCell>{entry.actorName ?? entry.actorLabel ?? entry.actor ?? translate('app.document.history.system')}</TableCell>
                            <TableCell>{translate(`app.document.history_action.${entry.action}`, { _: entry.action })}</TableCell>
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
    );
};
