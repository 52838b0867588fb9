// "Việc của tôi": the caller's open work — tasks named to them and those of their role in their
// organization (reception for clerks, assignment for leaders, processing for handlers, …), the
// most urgent first and then the nearest deadline (R-DL-4). Deadlines: red overdue, amber due
// today, green otherwise. A row opens the document.
import { DataTable, FilterButton, SearchInput, SelectInput, TopToolbar } from 'react-admin';
import { StepField, TaskDocumentLink, UrgencyField } from '../documents/DocumentFields';
import { AssigneeField, EscalationField, TaskDeadlineField, taskRowClick } from '../documents/TaskFields';
import { PriorityList } from '../documents/PriorityList';
import { urgencyChoices } from '../documents/documentStates';
import { DateTimeField } from '../fields/DateTimeField';
import { QuickFilter } from '../fields/QuickFilter';
import { STEPS } from '../types';

export const stepChoices = STEPS.map(step => ({ id: step, name: `app.document.step.${step}` }));

const taskFilters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="step" source="step" choices={stepChoices} />,
    <SelectInput key="urgency" source="urgency" choices={urgencyChoices} />,
    <QuickFilter key="overdue" source="overdue" label="app.document.overdue_only" defaultValue={true} />,
];

const TaskListActions = () => (
    <TopToolbar>
        <FilterButton />
    </TopToolbar>
);

export const TaskList = () => (
    <PriorityList filters={taskFilters} actions={<TaskListActions />} perPage={50} title="app.menu.tasks" exporter={false} rowClick={taskRowClick} testId="task-table">
            <DataTable.Col source="urgency" field={UrgencyField} />
            <DataTable.Col source="step" field={StepField} />
            <DataTable.Col source="documentId" field={TaskDocumentLink} disableSort />
            <DataTable.Col source="dueAt" field={TaskDeadlineField} />
            <DataTable.Col source="assigneeName" field={AssigneeField} disableSort />
            <DataTable.Col source="escalationLevel" field={EscalationField} />
            <DataTable.Col source="createdAt">
                <DateTimeField source="createdAt" />
            </DataTable.Col>
    </PriorityList>
);
