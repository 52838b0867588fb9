// "Hủy số" (R-DOC-1, admin): void a register number with a required reason. Pessimistic: the
// entry shows as voided only after the server accepted it; a refusal (e.g. 409 already voided)
// stays in the dialog with the server's own words. The number is never handed out again.
import { useState, type MouseEvent } from 'react';
import {
    Alert,
    Button as MuiButton,
    Dialog,
    DialogActions,
    DialogContent,
    DialogContentText,
    DialogTitle,
    TextField,
} from '@mui/material';
import BlockIcon from '@mui/icons-material/Block';
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
import type { RegisterEntry, Role } from '../types';

const MAX_REASON = 1000;

export const VoidEntryButton = ({ variant = 'text' }: { variant?: 'text' | 'contained' | 'outlined' }) => {
    const record = useRecordContext<RegisterEntry>();
    const { permissions } = usePermissions<Role[]>();
    const dataProvider = useDataProvider<AppDataProvider>();
    const queryClient = useQueryClient();
    const notify = useNotify();
    const translate = useTranslate();
    const [open, setOpen] = useState(false);
    const [reason, setReason] = useState('');
    const [touched, setTouched] = useState(false);
    const [serverError, setServerError] = useState<string | null>(null);

    const { mutate, isPending } = useMutation({
        mutationFn: ({ id, reason }: { id: string; reason: string }) => dataProvider.voidRegisterEntry(id, reason),
        onSuccess: ({ data }) => {
            setOpen(false);
            setReason('');
            setTouched(false);
            notify('app.register.void.success', { type: 'success', messageArgs: { number: data.number } });
            void queryClient.invalidateQueries({ queryKey: ['register-entries'] });
            void queryClient.invalidateQueries({ queryKey: ['register-counters'] });
        },
        onError: (error: Error) => setServerError(error.message || translate('ra.notification.http_error')),
    });

    if (!record || record.voided || !canRole(permissions, 'register-entries', 'void')) return null;
    const empty = reason.trim() === '';
    const stop = (event: MouseEvent) => event.stopPropagation();
    const close = () => {
        if (isPending) return;
        setOpen(false);
        setServerError(null);
    };

    return (
        <>
            <Button
                label="app.register.void.button"
                color="error"
                variant={variant}
                onClick={(event: MouseEvent) => {
                    event.stopPropagation();
                    setServerError(null);
                    setOpen(true);
                }}
                data-testid={`register-void-${record.id}`}
            >
                <BlockIcon />
            </Button>
            {/* Clicks inside the dialog must not reach the table row behind it (rowClick). */}
            <Dialog open={open} onClose={close} onClick={stop} fullWidth maxWidth="sm" data-testid="register-void-dialog">
                <DialogTitle>{translate('app.register.void.dialog_title')}</DialogTitle>
                <DialogContent>
                    <DialogContentText>
                        {translate('app.register.void.dialog_content', {
                            number: record.number,
                            register: translate(`app.register.kind.${record.register}`),
                            year: record.year,
                            org: record.organizationCode,
                        })}
                    </DialogContentText>
                    {serverError && (
                        <Alert severity="error" sx={{ mt: 2 }} data-testid="register-void-error">
                            {serverError}
                        </Alert>
                    )}
                    <TextField
                        label={translate('app.register.void.reason')}
                        value={reason}
                        onChange={event => setReason(event.target.value)}
                        onBlur={() => setTouched(true)}
                        required
                        error={touched && empty}
                        helperText={touched && empty ? translate('ra.validation.required') : translate('app.register.void.reason_helper')}
                        multiline
                        minRows={2}
                        fullWidth
                        margin="normal"
                        autoFocus
                        slotProps={{ htmlInput: { 'data-testid': 'register-void-reason', maxLength: MAX_REASON } }}
                    />
                </DialogContent>
                <DialogActions>
                    <MuiButton onClick={close} disabled={isPending}>
                        {translate('ra.action.cancel')}
                    </MuiButton>
                    <MuiButton
                        variant="contained"
                        color="error"
                        onClick={() => {
                            setTouched(true);
                            if (empty) return;
                            setServerError(null);
                            mutate({ id: String(record.id), reason: reason.trim() });
                        }}
                        disabled={isPending}
                        data-testid="register-void-confirm"
                    >
                        {translate('app.register.void.confirm')}
                    </MuiButton>
                </DialogActions>
            </Dialog>
        </>
    );
};
