// "Việc quá hạn" (R-DL-2): open steps past their deadline — a leader's own organization, a
// supervisor's subtree, everything for admins — with the organization, the step, the due date,
// since when it is overdue and how far up the tree it escalated. A row opens the document.
import {
    DataTable,
    ExportButton,
    FilterButton,
    SearchInput,
    SelectInput,
    TopToolbar,
    useRecordContext,
    type FieldProps,
} from 'react-admin';
import { StepField, TaskDocumentLink, UrgencyField } from '../documents/DocumentFields';
import { AssigneeField, EscalationField, TaskDeadlineField, taskRowClick } from '../documents/TaskFields';
import { PriorityList } from '../documents/PriorityList';
import { urgencyChoices } from '../documents/documentStates';
import { DateTimeField } from '../fields/DateTimeField';
import { NameAndCode } from '../fields/NameAndCode';
import { organizationFilter } from '../fields/OrganizationInput';
import { stepChoices } from '../tasks/TaskList';
import type { Task } from '../types';

const overdueFilters = [
    <SearchInput key="q" source="q" alwaysOn />,
    organizationFilter(),
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
    return <NameAndCode name={record.organizationName ?? record.organizationCode} code={record.organizationCode} />;
};

export const OverdueList = () => (
    <PriorityList filters={overdueFilters} actions={<OverdueListActions />} perPage={50} title="app.menu.overdue" rowClick={taskRowClick} testId="overdue-table">
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
    </PriorityList>
);
