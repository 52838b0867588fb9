// Compliance view (R-CONN-4): per organization of the caller's subtree, its
// connection state, since when, and whether it missed the deadline.
import { DataTable, ExportButton, FilterButton, List, SelectInput, TextInput, TopToolbar } from 'react-admin';
import { DateTimeField } from '../fields/DateTimeField';
import { QuickFilter } from '../fields/QuickFilter';
import { ConnectionStateField, OrganizationCodeLink, OrganizationKindField } from '../organizations/OrganizationFields';
import type { Connection } from '../types';
import { ConnectionSummary } from './ConnectionSummary';
import { connectionStateChoices } from './connectionStates';

const connectionFilters = [
    <QuickFilter key="overdue" source="overdue" label="app.connection.overdue_only" defaultValue={true} />,
    <SelectInput key="state" source="state" choices={connectionStateChoices} />,
    <TextInput key="subtree" source="subtree" placeholder="000.00.00.H52" />,
];

const ConnectionListActions = () => (
    <TopToolbar>
        <FilterButton />
        <ExportButton />
    </TopToolbar>
);

const overdueRowSx = (record: Connection) =>
    record.overdue && record.state !== 'connected' ? { backgroundColor: 'rgba(211, 47, 47, 0.06)' } : {};

export const ConnectionList = () => (
    <List
        filters={connectionFilters}
        actions={<ConnectionListActions />}
        sort={{ field: 'code', order: 'ASC' }}
        perPage={25}
    >
        <ConnectionSummary />
        <DataTable rowClick="show" bulkActionButtons={false} rowSx={overdueRowSx}>
            <DataTable.Col source="code" />
            <DataTable.Col source="name" />
            <DataTable.Col source="kind" field={OrganizationKindField} />
            <DataTable.Col source="parentCode">
                <OrganizationCodeLink source="parentCode" />
            </DataTable.Col>
            <DataTable.Col source="state" field={ConnectionStateField} />
            <DataTable.Col source="connectedAt" field={DateTimeField} />
            <DataTable.Col source="deadline" field={DateTimeField} />
            <DataTable.Col source="nonCompliantSince" field={DateTimeField} />
            <DataTable.Col source="lastReminderAt" field={DateTimeField} />
        </DataTable>
    </List>
);
