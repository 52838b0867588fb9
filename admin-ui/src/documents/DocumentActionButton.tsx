// One workflow action on a document: a button that opens a dialog, and a pessimistic confirm —
// nothing changes on screen until the server accepted the decision (STYLE rule 10); a refusal
// (403, 409 wrong state, 422 invalid) stays in the dialog in the server's own words. After
// success the document, its history, the lists and the caller's tasks are read again. Also the
// role check the buttons share and the bar that holds them.
import { useState, type MouseEvent, type ReactElement, type ReactNode } from 'react';
import {
    Alert,
    Button as MuiButton,
    Dialog,
    DialogActions,
    DialogContent,
    DialogContentText,
    DialogTitle,
    Stack,
} from '@mui/material';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Button, useNotify, usePermissions, useTranslate } from 'react-admin';
import { canRole } from '../auth/access';
import type { Role } from '../types';

// `home`: the counters and cards of the home page (dashboard/useHome).
const READ_AGAIN = ['incoming', 'outgoing', 'tasks', 'overdue', 'documents', 'register-entries', 'home'];

/** Invalidates what a decision changes; once more a moment later for what the workflow writes after answering. */
export const readDocumentsAgain = (queryClient: QueryClient) => {
    const invalidate = () => {
        for (const key of READ_AGAIN) void queryClient.invalidateQueries({ queryKey: [key] });
    };
    invalidate();
    window.setTimeout(invalidate, 1500);
};

export interface DocumentActionButtonProps {
    label: string;
    icon: ReactElement;
    testId: string;
    color?: 'primary' | 'secondary' | 'error' | 'warning' | 'success' | 'inherit';
    variant?: 'text' | 'outlined' | 'contained';
    dialogTitle: string;
    dialogContent?: string;
    confirmLabel: string;
    successMessage: string;
    /** Arguments of the success message, from the server's answer (e.g. the number given at issue). */
    successArgs?: (result: unknown) => Record<string, unknown>;
    /** Called when the dialog opens (reset the fields). */
    onOpen?: () => void;
    /** False keeps the dialog open (the fields show their errors). */
    validate?: () => boolean;
    onConfirm: () => Promise<unknown>;
    disabled?: boolean;
    children?: ReactNode;
}

export const DocumentActionButton = ({
    label,
    icon,
    testId,
    color = 'primary',
    variant = 'outlined',
    dialogTitle,
    dialogContent,
    confirmLabel,
    successMessage,
    successArgs,
    onOpen,
    validate,
    onConfirm,
    disabled,
    children,
}: DocumentActionButtonProps) => {
    const translate = useTranslate();
    const notify = useNotify();
    const queryClient = useQueryClient();
    const [open, setOpen] = useState(false);
    const [serverError, setServerError] = useState<string | null>(null);

    const { mutate, isPending } = useMutation({
        mutationFn: onConfirm,
        onSuccess: (result: unknown) => {
            setOpen(false);
            notify(successMessage, { type: 'success', messageArgs: successArgs?.(result) });
            readDocumentsAgain(queryClient);
        },
        onError: (error: Error) => setServerError(error.message || translate('ra.notification.http_error')),
    });

    const close = () => {
        if (!isPending) setOpen(false);
    };
    const stop = (event: MouseEvent) => event.stopPropagation();

    return (
        <>
            <Button
                label={label}
                color={color === 'inherit' ? undefined : color}
                variant={variant}
                disabled={disabled || isPending}
                onClick={(event: MouseEvent) => {
                    event.stopPropagation();
                    setServerError(null);
                    onOpen?.();
                    setOpen(true);
                }}
                data-testid={testId}
            >
                {icon}
            </Button>
            {/* Clicks inside the dialog must not reach a table row behind it. */}
            <Dialog open={open} onClose={close} onClick={stop} fullWidth maxWidth="sm" data-testid={`${testId}-dialog`}>
                <DialogTitle>{translate(dialogTitle)}</DialogTitle>
                <DialogContent>
                    {dialogContent && <DialogContentText sx={{ mb: 1 }}>{dialogContent}</DialogContentText>}
                    {serverError && (
                        <Alert severity="error" sx={{ my: 1 }} data-testid={`${testId}-error`}>
                            {serverError}
                        </Alert>
                    )}
                    {children}
                </DialogContent>
                <DialogActions>
                    <MuiButton onClick={close} disabled={isPending}>
                        {translate('ra.action.cancel')}
                    </MuiButton>
                    <MuiButton
                        variant="contained"
                        color={color === 'inherit' ? 'primary' : color}
                        onClick={() => {
                            if (validate && !validate()) return;
                            setServerError(null);
                            mutate();
                        }}
                        disabled={isPending}
                        data-testid={`${testId}-confirm`}
                    >
                        {translate(confirmLabel)}
                    </MuiButton>
                </DialogActions>
            </Dialog>
        </>
    );
};

/** Whether the caller's roles allow `action` on `resource` (the buttons hide otherwise). */
export const useCanOn = (resource: string) => {
    const { permissions } = usePermissions<Role[]>();
    return (action: string) => canRole(permissions, resource, action);
};

/** A document's decisions side by side in its top toolbar. */
export const ActionBar = ({ testId, children }: { testId: string; children: ReactNode }) => (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', justifyContent: 'flex-end' }} data-testid={testId}>
        {children}
    </Stack>
);
