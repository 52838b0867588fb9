// The caller's own organization and its connection state.
import CorporateFareIcon from '@mui/icons-material/CorporateFare';
import { Skeleton, Stack, Typography } from '@mui/material';
import { Button, Link, useCreatePath, useGetIdentity, useGetOne, useTranslate } from 'react-admin';
import { ConnectionStateChip } from '../organizations/OrganizationFields';
import type { Organization } from '../types';
import { WidgetCard } from './WidgetCard';

export const MyOrganizationWidget = () => {
    const translate = useTranslate();
    const createPath = useCreatePath();
    const { identity } = useGetIdentity();
    const code = identity?.organizationCode as string | undefined;
    const { data, isPending, error } = useGetOne<Organization>(
        'organizations',
        { id: code ?? '' },
        { enabled: !!code },
    );
    return (
        <WidgetCard
            title="app.dashboard.my_organization"
            icon={<CorporateFareIcon color="primary" />}
            testId="dashboard-my-organization"
            actions={
                code ? (
                    <Button
                        component={Link}
                        to={createPath({ resource: 'organizations', id: code, type: 'show' })}
                        label="ra.action.show"
                    />
                ) : undefined
            }
        >
            {!identity ? (
                <Skeleton />
            ) : !code ? (
                <Typography color="text.secondary">{translate('app.dashboard.no_organization')}</Typography>
            ) : isPending ? (
                <Skeleton />
            ) : error || !data ? (
                <Typography>{String(identity.organizationName ?? code)}</Typography>
            ) : (
                <Stack spacing={1}>
                    <Typography variant="subtitle1">{data.name}</Typography>
                    <Typography variant="body2" color="text.secondary">
                        {data.code} · {translate(`app.organization.kind.${data.kind}`)}
                    </Typography>
                    <Typography variant="caption" color="text.secondary">
                        {translate('app.dashboard.connection_state')}
                    </Typography>
                    <div>
                        <ConnectionStateChip state={data.connectionState} overdue={data.deadlineMissed} />
                    </div>
                </Stack>
            )}
        </WidgetCard>
    );
};
