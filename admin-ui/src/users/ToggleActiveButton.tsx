// "Ngừng kích hoạt" / "Kích hoạt lại" (R-SEC-2, admin): after a confirmation, the account is
// deactivated (its sessions stop working at once; the row and its history stay) or reactivated.
// Pessimistic: the list changes only after the server accepted; its refusal (e.g. 409 on one's own
// account) is shown as it said it. Not offered on one's own account.
import { useState, type MouseEvent } from 'react';
import { IconButton, Tooltip } from '@mui/material';
import BlockIcon from '@mui/icons-material/Block';
import RestoreIcon from '@mui/icons-material/Restore';
import {
    Button,
    Confirm,
    useGetIdentity,
    useNotify,
    usePermissions,
    useRecordContext,
    useRefresh,
    useTranslate,
    useUpdate,
} from 'react-admin';
import { canRole } from '../auth/access';
import type { Role, User } from '../types';

export const ToggleActiveButton = ({ variant = 'text', compact = false }: { variant?: 'text' | 'outlined' | 'contained'; /** icon only, with a tooltip (table rows) */ compact?: boolean }) => {
    const record = useRecordContext<User>();
    const { permissions } = usePermissions<Role[]>();
    const { identity } = useGetIdentity();
    const notify = useNotify();
    const refresh = useRefresh();
    const translate = useTranslate();
    const [open, setOpen] = useState(false);
    const [update, { isPending }] = useUpdate<User>();

    if (!record || !canRole(permissions, 'users', 'deactivate')) return null;
    if (identity && String(identity.id) === String(record.id)) return null;
    const deactivating = record.active;
    const name = `${record.fullName} (${record.username})`;
    const label = deactivating ? 'app.user.deactivate' : 'app.user.reactivate';
    const color = deactivating ? 'error' : 'primary';
    const testId = `user-${deactivating ? 'deactivate' : 'reactivate'}-${record.username}`;
    const openConfirm = (event: MouseEvent) => {
        event.stopPropagation();
        setOpen(true);
    };

    const confirm = () =>
        update(
            'users',
            { id: record.id, data: { active: !deactivating }, previousData: record },
            {
                mutationMode: 'pessimistic',
                onSuccess: () => {
                    setOpen(false);
                    notify(deactivating ? 'app.user.deactivated' : 'app.user.reactivated', { type: 'success', messageArgs: { name } });
                    refresh();
                },
                onError: (error: unknown) => {
                    setOpen(false);
                    notify((error as Error)?.message || 'ra.notification.http_error', { type: 'error' });
                },
            },
        );

    return (
        <>
            {compact ? (
                <Tooltip title={translate(label)}>
                    <IconButton size="small" color={color} aria-label={translate(label)} onClick={openConfirm} data-testid={testId}>
                        {deactivating ? <BlockIcon fontSize="small" /> : <RestoreIcon fontSize="small" />}
                    </IconButton>
                </Tooltip>
            ) : (
                <Button label={label} color={color} variant={variant} onClick={openConfirm} data-testid={testId}>
                    {deactivating ? <BlockIcon /> : <RestoreIcon />}
                </Button>
            )}
            <Confirm
                isOpen={open}
                loading={isPending}
                title={deactivating ? 'app.user.deactivate_title' : 'app.user.reactivate_title'}
                content={deactivating ? 'app.user.deactivate_content' : 'app.user.reactivate_content'}
                titleTranslateOptions={{ name }}
                contentTranslateOptions={{ name }}
                confirm={label}
                confirmColor={deactivating ? 'warning' : 'primary'}
                onConfirm={confirm}
                onClose={() => !isPending && setOpen(false)}
            />
        </>
    );
};
