// "Đặt lại mật khẩu" (R-SEC-2, admin): give another account a new password, typed twice and
// checked against the password policy. Pessimistic: the server's refusal lands under the field
// it names, else in the dialog. One's own password is changed from the user menu instead.
import { useState, type MouseEvent } from 'react';
import { Alert, Button as MuiButton, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, IconButton, Tooltip } from '@mui/material';
import KeyIcon from '@mui/icons-material/Key';
import {
    Button,
    Form,
    HttpError,
    useDataProvider,
    useGetIdentity,
    useNotify,
    usePermissions,
    useRecordContext,
    useRefresh,
    useTranslate,
} from 'react-admin';
import { canRole } from '../auth/access';
import { NewPasswordInputs } from '../auth/NewPasswordInputs';
import type { AppDataProvider } from '../dataProvider';
import type { Role, User } from '../types';

const LABEL = 'app.user.reset_password.button';

export const ResetPasswordButton = ({ variant = 'text', compact = false }: { variant?: 'text' | 'outlined' | 'contained'; /** icon only, with a tooltip (table rows) */ compact?: boolean }) => {
    const record = useRecordContext<User>();
    const { permissions } = usePermissions<Role[]>();
    const { identity } = useGetIdentity();
    const dataProvider = useDataProvider<AppDataProvider>();
    const notify = useNotify();
    const refresh = useRefresh();
    const translate = useTranslate();
    const [open, setOpen] = useState(false);
    const [busy, setBusy] = useState(false);
    const [serverError, setServerError] = useState<string | null>(null);

    if (!record || !canRole(permissions, 'users', 'reset_password')) return null;
    if (identity && String(identity.id) === String(record.id)) return null;

    const testId = `user-reset-password-${record.username}`;
    const openDialog = (event: MouseEvent) => {
        event.stopPropagation();
        setServerError(null);
        setOpen(true);
    };
    const close = () => {
        if (busy) return;
        setOpen(false);
        setServerError(null);
    };

    const onSubmit = async (values: Record<string, unknown>) => {
        setBusy(true);
        setServerError(null);
        try {
            await dataProvider.resetUserPassword(record.id, String(values.password ?? ''));
            notify('app.user.reset_password.success', { type: 'success', messageArgs: { name: record.fullName } });
            setOpen(false);
            refresh();
            return undefined;
        } catch (error) {
            const errors = error instanceof HttpError ? (error.body as { errors?: Record<string, unknown> })?.errors : undefined;
            const { root: _root, ...fields } = errors ?? {};
            if (Object.keys(fields).length) return fields;
            setServerError((error as Error)?.message || translate('ra.notification.http_error'));
            return undefined;
        } finally {
            setBusy(false);
        }
    };

    return (
        <>
            {compact ? (
                <Tooltip title={translate(LABEL)}>
                    <IconButton size="small" aria-label={translate(LABEL)} onClick={openDialog} data-testid={testId}>
                        <KeyIcon fontSize="small" />
                    </IconButton>
                </Tooltip>
            ) : (
                <Button label={LABEL} variant={variant} onClick={openDialog} data-testid={testId}>
                    <KeyIcon />
                </Button>
            )}
            {/* Clicks inside the dialog must not reach the table row behind it (rowClick). */}
            <Dialog open={open} onClose={close} onClick={(event: MouseEvent) => event.stopPropagation()} fullWidth maxWidth="sm" data-testid="user-reset-password-dialog">
                <Form onSubmit={onSubmit} record={{}}>
                    <DialogTitle>{translate('app.user.reset_password.dialog_title')}</DialogTitle>
                    <DialogContent>
                        <DialogContentText sx={{ mb: 2 }}>
                            {translate('app.user.reset_password.dialog_content', { name: `${record.fullName} (${record.username})` })}
                        </DialogContentText>
                        <NewPasswordInputs source="password" label="app.user.reset_password.new_password" username={record.username} testIds={{ password: 'user-reset-password-new', confirm: 'user-reset-password-confirm' }} />
                        {serverError && (
                            <Alert severity="error" data-testid="user-reset-password-error">
                                {serverError}
                            </Alert>
                        )}
                    </DialogContent>
                    <DialogActions>
                        <MuiButton onClick={close} disabled={busy}>
                            {translate('ra.action.cancel')}
                        </MuiButton>
                        <MuiButton type="submit" variant="contained" disabled={busy} data-testid="user-reset-password-submit">
                            {translate('app.user.reset_password.confirm')}
                        </MuiButton>
                    </DialogActions>
                </Form>
            </Dialog>
        </>
    );
};
