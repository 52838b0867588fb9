// "Nhật ký hệ thống" (R-SEC-3): every action — who, what, on what, with which outcome, when and
// from where — newest first. Admins see everything, supervisors the actors of their subtree (the
// API scopes it). Read-only: entries are never edited; admins can verify the hash chain.
import { DataTable, DateInput, FilterButton, List, SearchInput, TextField, TextInput, TopToolbar } from 'react-admin';
import { DateTimeField } from '../fields/DateTimeField';
import { organizationFilter } from '../fields/OrganizationInput';
import { ActionField, ActorField, ActorOrganizationField, OutcomeField, TargetField } from './AuditFields';
import { VerifyChainButton } from './VerifyChainButton';

const auditFilters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <TextInput key="actorUsername" source="actorUsername" />,
    <TextInput key="action" source="action" helperText="app.audit.action_helper" />,
    <TextInput key="targetType" source="targetType" />,
    <TextInput key="targetId" source="targetId" />,
    organizationFilter('organizationCode', { alwaysOn: false }),
    <DateInput key="from" source="from" />,
    <DateInput key="to" source="to" />,
];

const AuditListActions = () => (
    <TopToolbar>
        <FilterButton />
        <VerifyChainButton />
    </TopToolbar>
);

export const AuditList = () => (
    <List filters={auditFilters} actions={<AuditListActions />} sort={{ field: 'seq', order: 'DESC' }} perPage={50} empty={false} title="app.menu.audit">
        <DataTable rowClick="show" bulkActionButtons={false} data-testid="audit-table">
            <DataTable.Col source="seq" />
            <DataTable.Col source="at">
                <DateTimeField source="at" />
            </DataTable.Col>
            <DataTable.Col source="actorUsername" field={ActorField} />
            <DataTable.Col source="organizationCode" field={ActorOrganizationField} />
            <DataTable.Col source="action" field={ActionField} />
            <DataTable.Col source="targetType" field={TargetField} />
            <DataTable.Col source="outcome" field={OutcomeField} />
            <DataTable.Col source="sourceAddress">
                <TextField source="sourceAddress" emptyText="—" />
            </DataTable.Col>
        </DataTable>
    </List>
);
