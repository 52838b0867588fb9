// Fields of an audit entry shared by the list and the show view: who, what, on what, with which
// outcome. Named events (auth.login) read as words; route patterns are shown as they are.
import { Chip, Typography } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { NameAndCode } from '../fields/NameAndCode';
import type { AuditEntry } from './auditTypes';

/** Named events that have words of their own (the others are HTTP route patterns). */
const EVENTS = new Set(['auth.login', 'auth.login_failed']);

export const ActorField = (_props: FieldProps) => {
    const record = useRecordContext<AuditEntry>();
    const translate = useTranslate();
    if (!record) return null;
    if (!record.actorUsername) {
        const attempted = typeof record.details?.username === 'string' ? record.details.username : null;
        return (
            <NameAndCode
                name={<Typography component="span" variant="body2" color="text.secondary">{translate('app.audit.anonymous')}</Typography>}
                code={attempted ? translate('app.audit.attempted_username', { username: attempted }) : ''}
            />
        );
    }
    return <NameAndCode name={record.actorName ?? record.actorUsername} code={record.actorUsername} />;
};

export const ActorOrganizationField = (_props: FieldProps) => {
    const record = useRecordContext<AuditEntry>();
    if (!record?.organizationCode) return null;
    return <NameAndCode name={record.organizationName ?? record.organizationCode} code={record.organizationCode} />;
};

export const ActionField = (_props: FieldProps) => {
    const record = useRecordContext<AuditEntry>();
    const translate = useTranslate();
    if (!record) return null;
    if (EVENTS.has(record.action)) {
        return <NameAndCode name={translate(`app.audit.event.${record.action.replace('.', '_')}`)} code={record.action} />;
    }
    return (
        <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
            {record.action}
        </Typography>
    );
};

export const TargetField = (_props: FieldProps) => {
    const record = useRecordContext<AuditEntry>();
    if (!record?.targetType) return null;
    return <NameAndCode name={record.targetType} code={record.targetId ?? ''} />;
};

export const OutcomeField = (_props: FieldProps) => {
    const record = useRecordContext<AuditEntry>();
    const translate = useTranslate();
    if (!record) return null;
    if (record.outcome === null) return <Chip size="small" variant="outlined" label={translate('app.audit.outcome_unknown')} />;
    const color = record.outcome >= 500 ? 'error' : record.outcome >= 400 ? 'warning' : 'success';
    return <Chip size="small" color={color} label={record.outcome} data-testid={`audit-outcome-${record.id}`} />;
};
