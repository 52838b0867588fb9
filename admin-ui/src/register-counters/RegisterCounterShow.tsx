// One register of one organization and year (R-DOC-1): its numbers and the history of its
// starting number (who set it, when, from what to what, why). Admins set it here.
import { Divider, Grid, Typography } from '@mui/material';
import {
    ArrayField,
    Button,
    DataTable,
    Link,
    NumberField,
    Show,
    SimpleShowLayout,
    TextField,
    TopToolbar,
    useRecordContext,
    useTranslate,
} from 'react-admin';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import { DateTimeField } from '../fields/DateTimeField';
import { GridField } from '../fields/GridField';
import { OrganizationCodeLink } from '../organizations/OrganizationFields';
import { RegisterKindField } from '../register-entries/RegisterFields';
import type { RegisterCounter } from '../types';
import { SetStartingNumberButton } from './SetStartingNumberButton';

const RegisterCounterTitle = () => {
    const record = useRecordContext<RegisterCounter>();
    const translate = useTranslate();
    if (!record) return null;
    return (
        <span>
            {translate('app.register.counter_title', {
                register: translate(`app.register.kind.${record.register}`),
                year: record.year,
                org: record.organizationCode,
            })}
        </span>
    );
};

const EntriesButton = () => {
    const record = useRecordContext<RegisterCounter>();
    if (!record) return null;
    const filter = { organizationCode: record.organizationCode, register: record.register, year: record.year };
    return (
        <Button component={Link} to={`/register-entries?filter=${encodeURIComponent(JSON.stringify(filter))}`} label="app.register.view_entries">
            <MenuBookIcon />
        </Button>
    );
};

const RegisterCounterShowActions = () => (
    <TopToolbar>
        <EntriesButton />
        <SetStartingNumberButton variant="outlined" />
    </TopToolbar>
);

const ChangesSection = () => {
    const record = useRecordContext<RegisterCounter>();
    const translate = useTranslate();
    return (
        <>
            <Typography variant="subtitle1">{translate('app.register.changes_title')}</Typography>
            {record?.changes?.length ? (
                <ArrayField source="changes">
                    <DataTable bulkActionButtons={false} rowClick={false} data-testid="register-counter-changes">
                        <DataTable.Col source="changedAt" label="app.register.change.changedAt" field={DateTimeField} disableSort />
                        <DataTable.NumberCol source="previousNextNumber" label="app.register.change.previousNextNumber" disableSort />
                        <DataTable.NumberCol source="nextNumber" label="app.register.change.nextNumber" disableSort />
                        <DataTable.NumberCol source="highestRegistered" label="app.register.change.highestRegistered" disableSort />
                        <DataTable.Col source="changedByName" label="app.register.change.changedBy" disableSort />
                        <DataTable.Col source="reason" label="app.register.change.reason" disableSort />
                    </DataTable>
                </ArrayField>
            ) : (
                <Typography variant="body2" color="text.secondary">
                    {translate('app.register.changes_empty')}
                </Typography>
            )}
        </>
    );
};

export const RegisterCounterShow = () => (
    <Show title={<RegisterCounterTitle />} actions={<RegisterCounterShowActions />}>
        <SimpleShowLayout>
            <Grid container spacing={2} sx={{ width: '100%' }}>
                <GridField><OrganizationCodeLink source="organizationCode" /></GridField>
                <GridField><RegisterKindField source="register" /></GridField>
                <GridField><TextField source="year" /></GridField>
                <GridField><NumberField source="nextNumber" data-testid="register-counter-next" /></GridField>
                <GridField><NumberField source="highestRegistered" emptyText="—" /></GridField>
                <GridField><NumberField source="registeredCount" /></GridField>
                <GridField><NumberField source="voidedCount" /></GridField>
                <GridField><NumberField source="paperCount" /></GridField>
                <GridField><DateTimeField source="lastChangedAt" emptyText="—" /></GridField>
            </Grid>
            <Divider flexItem />
            <ChangesSection />
        </SimpleShowLayout>
    </Show>
);
