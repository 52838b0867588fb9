// Moves an organization's connection process one step forward (R-CONN-1).
// Pessimistic: nothing changes on screen until the server has accepted it;
// a refusal (409 conflict, 422 invalid) shows the server's own message.
import { useState } from 'react';
import {
    Button as MuiButton,
    Dialog,
    DialogActions,
    DialogContent,
    DialogContentText,
    DialogTitle,
    TextField,
} from '@mui/material';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
    Button,
    useDataProvider,
    useNotify,
    usePermissions,
    useRecordContext,
    useTranslate,
} from 'react-admin';
import { canRole } from '../auth/access';
import type { AppDataProvider } from '../dataProvider';
import type { Connection, ConnectionState, Role } from '../types';
import { nextConnectionState } from './connectionStates';

export const AdvanceConnectionButton = () => {
    const record = useRecordContext<Connection>();
    const { permissions } = usePermissions<Role[]>();
    const dataProvider = useDataProvider<AppDataProvider>();
    const queryClient = useQueryClient();
    const notify = useNotify();
    const translate = useTranslate();
    const [open, setOpen] = useState(false);
    const [note, setNote] = useState('');

    const { mutate, isPending } = useMutation({
        mutationFn: ({ code, to, note }: { code: string; to: ConnectionState; note: string }) =>
            dataProvider.advanceConnection(code, to, note),
        onSuccess: (_result, { to }) => {
            setOpen(false);
            setNote('');
            notify('app.connection.advance.success', {
                type: 'success',
                messageArgs: { state: translate(`app.connection.state.${to}`) },
            });
            void queryClient.invalidateQueries({ queryKey: ['connections'] });
            void queryClient.invalidateQueries({ queryKey: ['organizations'] });
        },
        onError: (error: Error) => {
            notify(error.message || 'ra.notification.http_error', { type: 'error' });
        },
    });

    if (!record || !canRole(permissions, 'connections', 'advance')) return null;
    const next = nextConnectionState(record.state);
    if (!next) return null;
    const nextLabel = translate(`app.connection.state.${next}`);

    return (
        <>
            <Button
                label={translate('app.connection.advance.button', { state: nextLabel })}
                onClick={() => setOpen(true)}
                disabled={isPending}
                data-testid="advance-connection-button"
                variant="contained"
            >
                <ArrowForwardIcon />
            </Button>
            <Dialog
                open={open}
                onClose={() => !isPending && setOpen(false)}
                fullWidth
                maxWidth="sm"
                data-testid="advance-connection-dialog"
            >
                <DialogTitle>{translate('app.connection.advance.dialog_title')}</DialogTitle>
                <DialogContent>
                    <DialogContentText>
                        {translate('app.connection.advance.dialog_content', {
                            name: record.name,
                            from: translate(`app.connection.state.${record.state}`),
                            to: nextLabel,
                        })}
                    </DialogContentText>
                    <TextField
                        label={translate('app.connection.advance.note')}
                        value={note}
                        onChange={event => setNote(event.target.value)}
                        multiline
                        minRows={2}
                        fullWidth
                        margin="normal"
                        slotProps={{ htmlInput: { 'data-testid': 'advance-connection-note', maxLength: 1000 } }}
                    />
                </DialogContent>
                <DialogActions>
                    <MuiButton onClick={() => setOpen(false)} disabled={isPending}>
                        {translate('ra.action.cancel')}
                    </MuiButton>
                    <MuiButton
                        variant="contained"
                        onClick={() => mutate({ code: record.code ?? String(record.id), to: next, note })}
                        disabled={isPending}
                        data-testid="advance-connection-confirm"
                    >
                        {translate('app.connection.advance.confirm')}
                    </MuiButton>
                </DialogActions>
            </Dialog>
        </>
    );
};
