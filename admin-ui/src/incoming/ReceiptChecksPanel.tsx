// R-REC-2: the automatic checks before acceptance (completeness, integrity, signature, formats),
// each passed / failed / warning with the server's explanation; failed checks propose refusal
// (R-REC-3).
import type { ReactElement } from 'react';
import { Alert, List, ListItem, ListItemIcon, ListItemText, Typography } from '@mui/material';
import CancelIcon from '@mui/icons-material/Cancel';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { useRecordContext, useTranslate } from 'react-admin';
import type { CheckOutcome, CheckResult, IncomingDocument } from '../types';

const ICON: Record<CheckOutcome, ReactElement> = {
    passed: <CheckCircleIcon color="success" />,
    failed: <CancelIcon color="error" />,
    warning: <WarningAmberIcon color="warning" />,
};

export const ReceiptChecksPanel = () => {
    const record = useRecordContext<IncomingDocument>();
    const translate = useTranslate();
    if (!record) return null;
    const raw = record.checks;
    const list: CheckResult[] = Array.isArray(raw) ? raw : (raw?.checks ?? []);
    if (!list.length) {
        return (
            <Typography variant="body2" color="text.secondary">
                {translate('app.document.checks.none')}
            </Typography>
        );
    }
    const failed = list.filter(c => c.outcome === 'failed').length;
    return (
        <>
            {failed > 0 && record.status === 'arrived' && (
                <Alert severity="warning" sx={{ mb: 1 }} data-testid="checks-propose-refusal">
                    {translate('app.document.checks.propose_refusal', { smart_count: failed })}
                </Alert>
            )}
            <List dense disablePadding data-testid="receipt-checks">
                {list.map(check => (
                    <ListItem key={check.check} disableGutters data-testid={`check-${check.check}`} data-outcome={check.outcome}>
                        <ListItemIcon sx={{ minWidth: 36 }}>{ICON[check.outcome] ?? ICON.warning}</ListItemIcon>
                        <ListItemText
                            primary={`${translate(`app.document.check.${check.check}`, { _: check.check })} — ${translate(`app.document.check_outcome.${check.outcome}`, { _: check.outcome })}`}
                            secondary={check.detail}
                        />
                    </ListItem>
                ))}
            </List>
        </>
    );
};
