// "Việc quá hạn" (R-DL-2): open steps past their deadline — a leader's own organization, a
// supervisor's subtree, everything for admins — with the organization, the step, the due date,
// since when it is overdue and how far up the tree it escalated. A row opens the document.
import {
    AutocompleteInput,
    DataTable,
    ExportButton,
    FilterButton,
    List,
    ReferenceInput,
    SearchInput,
    SelectInput,
    TopToolbar,
    useRecordContext,
    type FieldProps,
} from 'react-admin';
import { Stack, Typography } from '@mui/material';
import { StepField, TaskDocumentLink, UrgencyField } from '../documents/DocumentFields';
import { AssigneeField, EscalationField, TaskDeadlineField, taskRowClick } from '../documents/TaskFields';
import { PRIORITY_SORT, urgencyChoices, urgencyRowSx } from '../documents/documentStates';
import { DateTimeField } from '../fields/DateTimeField';
import { stepChoices } from '../tasks/TaskList';
import type { Task } from '../types';

const overdueFilters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <ReferenceInput key="organizationCode" source="organizationCode" reference="organizations" sort={{ field: 'code', order: 'ASC' }} alwaysOn>
        <AutocompleteInput filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 320 }} />
    </ReferenceInput>,
    <SelectInput key="step" source="step" choices={stepChoices} />,
    <SelectInput key="urgency" source="urgency" choices={urgencyChoices} />,
];

const OverdueListActions = () => (
    <TopToolbar>
        <FilterButton />
        <ExportButton />
    </TopToolbar>
);

const OrganizationField = (_props: FieldProps) => {
    const record = useRecordContext<Task>();
    if (!record) return null;
    return (
        <Stack spacing={0}>
            <Typography variant="body2">{record.organizationName ?? record.organizationCode}</Typography>
            <Typography variant="caption" color="text.secondary">
                {record.organizationCode}
            </Typography>
        </Stack>
    );
};

export const OverdueList = () => (
    <List filters={overdueFilters} actions={<OverdueListActions />} sort={PRIORITY_SORT} perPage={50} title="app.menu.overdue">
        <DataTable rowClick={taskRowClick} bulkActionButtons={false} rowSx={urgencyRowSx} data-testid="overdue-table">
            <DataTable.Col source="organizationCode" field={OrganizationField} />
            <DataTable.Col source="urgency" field={UrgencyField} />
            <DataTable.Col source="documentId" field={TaskDocumentLink} disableSort />
            <DataTable.Col source="step" field={StepField} />
            <DataTable.Col source="dueAt" field={TaskDeadlineField} />
            <DataTable.Col source="overdueAt" disableSort>
                <DateTimeField source="overdueAt" />
            </DataTable.Col>
            <DataTable.Col source="escalationLevel" field={EscalationField} />
            <DataTable.Col source="assigneeName" field={AssigneeField} disableSort />
        </DataTable>
    </List>
);
