// "Đổi mật khẩu" (R-SEC-2): every user changes their own password from the user menu, proving
// the current one. Pessimistic: a wrong current password or a weak new one is shown under its
// field as the server said it. The session stays signed in.
import { useState } from 'react';
import { Alert, Button as MuiButton, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import KeyIcon from '@mui/icons-material/Key';
import {
    Form,
    HttpError,
    PasswordInput,
    required,
    useDataProvider,
    useGetIdentity,
    useNotify,
    useTranslate,
    useUserMenu,
} from 'react-admin';
import { NewPasswordInputs } from '../auth/NewPasswordInputs';
import type { AppDataProvider } from '../dataProvider';

/** The user-menu entry; the dialog lives outside the menu, which unmounts when it closes. */
export const ChangePasswordMenuItem = ({ onOpen }: { onOpen: () => void }) => {
    const translate = useTranslate();
    const userMenu = useUserMenu();
    return (
        <MenuItem
            onClick={() => {
                userMenu?.onClose();
                onOpen();
            }}
            data-testid="user-menu-change-password"
        >
            <ListItemIcon>
                <KeyIcon fontSize="small" />
            </ListItemIcon>
            <ListItemText>{translate('app.password.change.menu')}</ListItemText>
        </MenuItem>
    );
};

export const ChangePasswordDialog = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
    const dataProvider = useDataProvider<AppDataProvider>();
    const notify = useNotify();
    const translate = useTranslate();
    const { identity } = useGetIdentity();
    const [busy, setBusy] = useState(false);
    const [serverError, setServerError] = useState<string | null>(null);

    const close = () => {
        if (busy) return;
        setServerError(null);
        onClose();
    };

    const onSubmit = async (values: Record<string, unknown>) => {
        setBusy(true);
        setServerError(null);
        try {
            await dataProvider.changeMyPassword(String(values.currentPassword ?? ''), String(values.newPassword ?? ''));
            notify('app.password.change.success', { type: 'success' });
            onClose();
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

    const username = (identity as { username?: string } | undefined)?.username;
    return (
        <Dialog open={open} onClose={close} fullWidth maxWidth="sm" data-testid="change-password-dialog">
            {/* A fresh form each time the dialog opens: typed passwords do not linger. */}
            {open && (
                <Form onSubmit={onSubmit} record={{}}>
                    <DialogTitle>{translate('app.password.change.dialog_title')}</DialogTitle>
                    <DialogContent>
                        <DialogContentText sx={{ mb: 2 }}>{translate('app.password.change.dialog_content')}</DialogContentText>
                        <PasswordInput
                            source="currentPassword"
                            label="app.password.change.current"
                            validate={required()}
                            autoComplete="current-password"
                            fullWidth
                            slotProps={{ htmlInput: { 'data-testid': 'change-password-current' } }}
                        />
                        <NewPasswordInputs source="newPassword" label="app.password.change.new" username={username} testIds={{ password: 'change-password-new', confirm: 'change-password-confirm' }} />
                        {serverError && (
                            <Alert severity="error" data-testid="change-password-error">
                                {serverError}
                            </Alert>
                        )}
                    </DialogContent>
                    <DialogActions>
                        <MuiButton onClick={close} disabled={busy}>
                            {translate('ra.action.cancel')}
                        </MuiButton>
                        <MuiButton type="submit" variant="contained" disabled={busy} data-testid="change-password-submit">
                            {translate('app.password.change.submit')}
                        </MuiButton>
                    </DialogActions>
                </Form>
            )}
        </Dialog>
    );
};
