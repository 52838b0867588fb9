// One organization's connection process: state, deadline, steps, and the
// "advance" action for admins and leaders.
import CorporateFareIcon from '@mui/icons-material/CorporateFare';
import { GridField } from '../fields/GridField';
import {
    BooleanField,
    Button,
    Link,
    Show,
    SimpleShowLayout,
    TextField,
    TopToolbar,
    useCreatePath,
    useRecordContext,
    useTranslate,
} from 'react-admin';
import { Divider, Grid, Typography } from '@mui/material';
import { DateTimeField } from '../fields/DateTimeField';
import { ConnectionStateField, OrganizationCodeLink, OrganizationKindField } from '../organizations/OrganizationFields';
import type { Connection } from '../types';
import { AdvanceConnectionButton } from './AdvanceConnectionButton';
import { ConnectionTimeline } from './ConnectionTimeline';

const ConnectionTitle = () => {
    const record = useRecordContext<Connection>();
    const translate = useTranslate();
    const name = translate('resources.connections.name', { smart_count: 1 });
    return <span>{record ? `${name}: ${record.name} (${record.code})` : name}</span>;
};

const ConnectionShowActions = () => {
    const record = useRecordContext<Connection>();
    const createPath = useCreatePath();
    return (
        <TopToolbar>
            {record && (
                <Button
                    component={Link}
                    to={createPath({ resource: 'organizations', id: record.code, type: 'show' })}
                    label="app.menu.organizations"
                >
                    <CorporateFareIcon />
                </Button>
            )}
            <AdvanceConnectionButton />
        </TopToolbar>
    );
};

const TimelineSection = () => {
    const translate = useTranslate();
    const record = useRecordContext<Connection>();
    return (
        <>
            <Typography variant="subtitle1">{translate('app.connection.timeline.title')}</Typography>
            {record?.steps?.length ? null : (
                <Typography variant="body2" color="text.secondary">
                    {translate('app.connection.timeline.empty')}
                </Typography>
            )}
            <ConnectionTimeline />
        </>
    );
};

export const ConnectionShow = () => (
    // The record is re-read after each advance; no optimistic changes here.
    <Show title={<ConnectionTitle />} actions={<ConnectionShowActions />}>
        <SimpleShowLayout>
            <Grid container spacing={2} sx={{ width: '100%' }}>
                <GridField><TextField source="code" /></GridField>
                <GridField md={8}><TextField source="name" /></GridField>
                <GridField><OrganizationKindField source="kind" /></GridField>
                <GridField><OrganizationCodeLink source="parentCode" emptyText="app.organization.root" /></GridField>
                <GridField><ConnectionStateField source="state" /></GridField>
                <GridField><DateTimeField source="deadline" /></GridField>
                <GridField><DateTimeField source="connectedAt" emptyText="—" /></GridField>
                <GridField><BooleanField source="deadlineMissed" /></GridField>
                <GridField><DateTimeField source="nonCompliantSince" emptyText="—" /></GridField>
                <GridField><DateTimeField source="lastReminderAt" emptyText="—" /></GridField>
            </Grid>
            <Divider flexItem />
            <TimelineSection />
        </SimpleShowLayout>
    </Show>
);
