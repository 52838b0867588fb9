// One organization: identity, contact data and its connection state.
import CableIcon from '@mui/icons-material/Cable';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { GridField } from '../fields/GridField';
import {
    BooleanField,
    Button,
    EditButton,
    Link,
    Show,
    SimpleShowLayout,
    TextField,
    TopToolbar,
    useCreatePath,
    usePermissions,
    useRecordContext,
    useTranslate,
} from 'react-admin';
import { Divider, Grid, Typography } from '@mui/material';
import { canRole } from '../auth/access';
import { DateTimeField } from '../fields/DateTimeField';
import type { Organization, Role } from '../types';
import { ConnectionStateField, OrganizationCodeLink, OrganizationKindField } from './OrganizationFields';
import { OrganizationTitle } from './OrganizationTitle';

const OrganizationShowActions = () => {
    const { permissions } = usePermissions<Role[]>();
    const record = useRecordContext<Organization>();
    const createPath = useCreatePath();
    return (
        <TopToolbar>
            <Button component={Link} to="/organization-tree" label="app.menu.organization_tree">
                <AccountTreeIcon />
            </Button>
            {record && canRole(permissions, 'connections', 'show') && (
                <Button
                    component={Link}
                    to={createPath({ resource: 'connections', id: record.code, type: 'show' })}
                    label="app.organization.view_connection"
                >
                    <CableIcon />
                </Button>
            )}
            {canRole(permissions, 'organizations', 'edit') && <EditButton />}
        </TopToolbar>
    );
};

const SectionTitle = ({ text }: { text: string }) => {
    const translate = useTranslate();
    return (
        <Typography variant="subtitle1" sx={{ mt: 1 }}>
            {translate(text)}
        </Typography>
    );
};

export const OrganizationShow = () => (
    <Show title={<OrganizationTitle />} actions={<OrganizationShowActions />}>
        <SimpleShowLayout>
            <Grid container spacing={2} sx={{ width: '100%' }}>
                <GridField><TextField source="code" /></GridField>
                <GridField md={8}><TextField source="name" /></GridField>
                <GridField><TextField source="shortName" /></GridField>
                <GridField><OrganizationKindField source="kind" /></GridField>
                <GridField><OrganizationCodeLink source="parentCode" emptyText="app.organization.root" /></GridField>
            </Grid>
            <Divider flexItem />
            <SectionTitle text="app.organization.contact" />
            <TextField source="address" emptyText="—" />
            <TextField source="email" emptyText="—" />
            <TextField source="phone" emptyText="—" />
            <TextField source="website" emptyText="—" />
            <Divider flexItem />
            <SectionTitle text="app.organization.connection" />
            <ConnectionStateField source="connectionState" />
            <DateTimeField source="connectedAt" emptyText="—" />
            <BooleanField source="deadlineMissed" />
            <DateTimeField source="nonCompliantSince" emptyText="—" />
            <Divider flexItem />
            <DateTimeField source="createdAt" />
            <DateTimeField source="updatedAt" />
        </SimpleShowLayout>
    </Show>
);
