// "Kiểm tra tính toàn vẹn" (R-SEC-3, admins): asks the server to recompute the hash chain of the
// whole audit log and shows the verdict — intact with the row count, or the first broken entry
// and why — together with the chain head, which an admin may keep elsewhere to anchor the log.
import { useState } from 'react';
import { Alert, Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, LinearProgress, Typography } from '@mui/material';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { useMutation } from '@tanstack/react-query';
import { Button, usePermissions, useTranslate } from 'react-admin';
import { canRole } from '../auth/access';
import { API_URL, httpClient } from '../dataProvider';
import type { Role } from '../types';
import type { AuditVerifyResult } from './auditTypes';

const verifyChain = async (): Promise<AuditVerifyResult> => (await httpClient(`${API_URL}/audit/verify`)).json as AuditVerifyResult;

export const VerifyChainButton = () => {
    const { permissions } = usePermissions<Role[]>();
    const translate = useTranslate();
    const [open, setOpen] = useState(false);
    const { mutate, data, error, isPending, reset } = useMutation<AuditVerifyResult, Error>({ mutationFn: verifyChain });

    if (!canRole(permissions, 'audit', 'verify')) return null;
    const close = () => {
        if (isPending) return;
        setOpen(false);
        reset();
    };

    return (
        <>
            <Button
                label="app.audit.verify.button"
                onClick={() => {
                    setOpen(true);
                    mutate();
                }}
                data-testid="audit-verify"
            >
                <VerifiedUserIcon />
            </Button>
            <Dialog open={open} onClose={close} fullWidth maxWidth="sm" data-testid="audit-verify-dialog">
                <DialogTitle>{translate('app.audit.verify.title')}</DialogTitle>
                <DialogContent>
                    {isPending && (
                        <>
                            <Typography variant="body2" sx={{ mb: 1 }}>{translate('app.audit.verify.running')}</Typography>
                            <LinearProgress />
                        </>
                    )}
                    {error && <Alert severity="error">{error.message || translate('ra.notification.http_error')}</Alert>}
                    {data && data.ok && (
                        <Alert severity="success" data-testid="audit-verify-ok">
                            {translate('app.audit.verify.ok', { rows: data.rows })}
                        </Alert>
                    )}
                    {data && !data.ok && data.firstBroken && (
                        <Alert severity="error" data-testid="audit-verify-broken">
                            <Typography variant="body2">{translate('app.audit.verify.broken', { seq: data.firstBroken.seq })}</Typography>
                            <Typography variant="body2">{translate(`app.audit.verify.reason.${data.firstBroken.reason}`)}</Typography>
                            <Typography variant="body2">{translate('app.audit.verify.intact_before', { rows: data.rows })}</Typography>
                        </Alert>
                    )}
                    {data && (
                        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 2, wordBreak: 'break-all' }}>
                            {translate('app.audit.verify.head', { seq: data.head.seq, hash: data.head.hash })}
                            <br />
                            {translate('app.audit.verify.head_hint')}
                        </Typography>
                    )}
                </DialogContent>
                <DialogActions>
                    <MuiButton onClick={close} disabled={isPending}>
                        {translate('ra.action.close')}
                    </MuiButton>
                </DialogActions>
            </Dialog>
        </>
    );
};
