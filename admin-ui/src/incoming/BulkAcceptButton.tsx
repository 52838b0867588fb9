// "Tiếp nhận các văn bản đã chọn" (R-REC-3, R-DOC-1): the clerk selects arrived documents whose
// receipt checks passed (the list lets only those be selected) and accepts them in one action
// (POST /api/incoming/bulk-accept). Each is accepted and registered on its own, so the answer is
// per document: its register number (số đến), or why that one was not accepted — shown in a
// result dialog that stays until the clerk closes it. Pessimistic: nothing shows as accepted
// before the server says so.
import { useState } from 'react';
import {
    Alert,
    Button as MuiButton,
    Chip,
    CircularProgress,
    Dialog,
    DialogActions,
    DialogContent,
    DialogContentText,
    DialogTitle,
    List as MuiList,
    ListItem,
    ListItemText,
} from '@mui/material';
import MoveToInboxIcon from '@mui/icons-material/MoveToInbox';
import { useQueryClient } from '@tanstack/react-query';
import { Button, useListContext, useTranslate, type Identifier } from 'react-admin';
import { API_URL, httpClient } from '../dataProvider';
import type { IncomingDocument } from '../types';

export type BulkAcceptOutcome =
    | { id: string; ok: true; registerNumber: number }
    | { id: string; ok: false; problem: { status: number; title: string; detail?: string } };

/** Only these may be selected for bulk acceptance: arrived, and every receipt check passed. */
export const isBulkAcceptable = (record: IncomingDocument & { checksPassed?: boolean | null }) =>
    record.status === 'arrived' && record.checksPassed === true;

const bulkAccept = async (ids: Identifier[]): Promise<BulkAcceptOutcome[]> =>
    (await httpClient(`${API_URL}/incoming/bulk-accept`, { method: 'POST', body: JSON.stringify({ ids: ids.map(String) }) })).json as BulkAcceptOutcome[];

export const BulkAcceptButton = () => {
    const { selectedIds, data, onUnselectItems } = useListContext<IncomingDocument>();
    const translate = useTranslate();
    const queryClient = useQueryClient();
    const [confirming, setConfirming] = useState(false);
    const [running, setRunning] = useState(false);
    const [error, setError] = useState<string | null>(null);
    const [outcomes, setOutcomes] = useState<BulkAcceptOutcome[] | null>(null);
    // The rows as they were when accepted: the list refreshes underneath the result dialog.
    const [labels, setLabels] = useState<Record<string, string>>({});

    const start = async () => {
        setRunning(true);
        setError(null);
        const byId = new Map((data ?? []).map(r => [String(r.id), r]));
        setLabels(
            Object.fromEntries(
                selectedIds.map(id => {
                    const r = byId.get(String(id));
                    return [String(id), r ? [r.numberAndNotation, r.summary].filter(Boolean).join(' — ') : String(id)];
                }),
            ),
        );
        try {
            const result = await bulkAccept(selectedIds);
            setOutcomes(result);
            setConfirming(false);
            onUnselectItems();
            void queryClient.invalidateQueries({ queryKey: ['incoming'] });
            void queryClient.invalidateQueries({ queryKey: ['register-entries'] });
        } catch (e) {
            setError((e as Error)?.message || translate('ra.notification.http_error'));
        } finally {
            setRunning(false);
        }
    };

    const accepted = outcomes?.filter(o => o.ok).length ?? 0;
    return (
        <>
            <Button label="app.bulk_accept.button" onClick={() => setConfirming(true)} data-testid="incoming-bulk-accept">
                <MoveToInboxIcon />
            </Button>
            <Dialog open={confirming} onClose={() => !running && setConfirming(false)} fullWidth maxWidth="sm" data-testid="incoming-bulk-accept-dialog">
                <DialogTitle>{translate('app.bulk_accept.dialog_title')}</DialogTitle>
                <DialogContent>
                    <DialogContentText>{translate('app.bulk_accept.dialog_content', { smart_count: selectedIds.length })}</DialogContentText>
                    {error && (
                        <Alert severity="error" sx={{ mt: 2 }} data-testid="incoming-bulk-accept-error">
                            {error}
                        </Alert>
                    )}
                </DialogContent>
                <DialogActions>
                    <MuiButton onClick={() => setConfirming(false)} disabled={running}>
                        {translate('ra.action.cancel')}
                    </MuiButton>
                    <MuiButton
                        variant="contained"
                        onClick={() => void start()}
                        disabled={running}
                        startIcon={running ? <CircularProgress size={16} /> : <MoveToInboxIcon />}
                        data-testid="incoming-bulk-accept-confirm"
                    >
                        {translate('app.bulk_accept.confirm', { smart_count: selectedIds.length })}
                    </MuiButton>
                </DialogActions>
            </Dialog>
            <Dialog open={outcomes !== null} onClose={() => setOutcomes(null)} fullWidth maxWidth="md" data-testid="incoming-bulk-accept-result">
                <DialogTitle>{translate('app.bulk_accept.result_title')}</DialogTitle>
                <DialogContent>
                    <Alert severity={outcomes && accepted === outcomes.length ? 'success' : 'warning'} sx={{ mb: 1 }} data-testid="incoming-bulk-accept-summary">
                        {translate('app.bulk_accept.summary', { accepted, total: outcomes?.length ?? 0 })}
                    </Alert>
                    <MuiList dense>
                        {(outcomes ?? []).map(o => (
                            <ListItem key={o.id} divider data-testid={`incoming-bulk-accept-outcome-${o.id}`} data-ok={o.ok ? 'true' : 'false'}>
                                <ListItemText
                                    primary={labels[o.id] ?? o.id}
                                    secondary={o.ok ? undefined : (o.problem.detail ?? o.problem.title)}
                                />
                                {o.ok ? (
                                    <Chip color="success" size="small" label={translate('app.bulk_accept.accepted', { number: o.registerNumber })} />
                                ) : (
                                    <Chip color="error" size="small" variant="outlined" label={translate('app.bulk_accept.failed')} />
                                )}
                            </ListItem>
                        ))}
                    </MuiList>
                </DialogContent>
                <DialogActions>
                    <MuiButton onClick={() => setOutcomes(null)} data-testid="incoming-bulk-accept-close">
                        {translate('ra.action.close')}
                    </MuiButton>
                </DialogActions>
            </Dialog>
        </>
    );
};
