// Small fields shared by the organization and connection views.
import type { MouseEvent } from 'react';
import { Chip, Stack } from '@mui/material';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import {
    Link,
    SelectField,
    useCreatePath,
    useFieldValue,
    useRecordContext,
    useTranslate,
    type FieldProps,
} from 'react-admin';
import { ORGANIZATION_KINDS, type ConnectionState } from '../types';

export const organizationKindChoices = ORGANIZATION_KINDS.map(kind => ({
    id: kind,
    name: `app.organization.kind.${kind}`,
}));

export const OrganizationKindField = (props: FieldProps) => (
    <SelectField {...props} source={props.source ?? 'kind'} choices={organizationKindChoices} />
);

/** An organization code rendered as a link to that organization's page. */
export const OrganizationCodeLink = (props: FieldProps & { emptyText?: string }) => {
    const code = useFieldValue(props) as string | null | undefined;
    const createPath = useCreatePath();
    const translate = useTranslate();
    if (!code) return <span>{props.emptyText ? translate(props.emptyText, { _: props.emptyText }) : ''}</span>;
    return (
        <Link
            to={createPath({ resource: 'organizations', id: code, type: 'show' })}
            onClick={(event: MouseEvent) => event.stopPropagation()}
        >
            {code}
        </Link>
    );
};

const STATE_COLOR: Record<ConnectionState, 'default' | 'info' | 'warning' | 'success'> = {
    not_connected: 'default',
    infrastructure_ready: 'warning',
    test_passed: 'info',
    connected: 'success',
};

export const ConnectionStateChip = ({ state, overdue }: { state: ConnectionState; overdue?: boolean }) => {
    const translate = useTranslate();
    const late = !!overdue && state !== 'connected';
    return (
        <Stack direction="row" spacing={0.5} component="span" sx={{ display: 'inline-flex', flexWrap: 'wrap' }}>
            <Chip
                size="small"
                color={late ? 'error' : STATE_COLOR[state] ?? 'default'}
                label={translate(`app.connection.state.${state}`, { _: state })}
                data-testid={`connection-state-${state}`}
            />
            {late && (
                <Chip
                    size="small"
                    variant="outlined"
                    color="error"
                    icon={<WarningAmberIcon />}
                    label={translate('app.connection.overdue')}
                    data-testid="connection-overdue"
                />
            )}
        </Stack>
    );
};

/**
 * The connection state of the record in context. Works for connections
 * (`state`, `overdue`) and organizations (`connectionState`, `deadlineMissed`).
 */
export const ConnectionStateField = (props: FieldProps) => {
    const record = useRecordContext();
    if (!record) return null;
    const state = (props.source ? record[props.source] : (record.state ?? record.connectionState)) as
        | ConnectionState
        | undefined;
    if (!state) return null;
    const overdue = Boolean(record.overdue ?? record.deadlineMissed);
    return <ConnectionStateChip state={state} overdue={overdue} />;
};
