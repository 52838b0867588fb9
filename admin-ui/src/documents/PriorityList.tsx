// The lists of the document processes in priority mode (R-DL-4): the server's `urgency` sort puts
// the most urgent first, and urgent rows are tinted. Also the filters both document lists share —
// they are the registers' search (R-DOC-1, R-DOC-2): text without accents, status, urgency, type,
// register number, document date and register date.
import type { ReactElement, ReactNode } from 'react';
import { DataTable, DateInput, List, NumberInput, ReferenceInput, SearchInput, SelectInput, type DataTableProps, type ListProps } from 'react-admin';
import { PRIORITY_SORT, urgencyChoices, urgencyRowSx } from './documentStates';

type PriorityListProps = Omit<ListProps, 'children' | 'sort'> & {
    /** What a row opens: the record's show page unless told. */
    rowClick?: DataTableProps['rowClick'];
    /** Actions on selected rows (none unless told), and which rows may be selected. */
    bulkActionButtons?: DataTableProps['bulkActionButtons'];
    isRowSelectable?: DataTableProps['isRowSelectable'];
    testId: string;
    children: ReactNode;
};

export const PriorityList = ({ rowClick = 'show', bulkActionButtons = false, isRowSelectable, testId, children, ...listProps }: PriorityListProps) => (
    <List sort={PRIORITY_SORT} {...listProps}>
        <DataTable rowClick={rowClick} bulkActionButtons={bulkActionButtons} isRowSelectable={isRowSelectable} rowSx={urgencyRowSx} data-testid={testId}>
            {children}
        </DataTable>
    </List>
);

/**
 * Filters of an incoming or outgoing list: search and status always shown, then urgency and
 * type, the list's own (`extra`), and the date range.
 */
export const documentFilters = (statusChoices: Array<{ id: string; name: string }>, ...extra: ReactElement[]): ReactElement[] => [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
    <SelectInput key="urgency" source="urgency" choices={urgencyChoices} />,
    <ReferenceInput key="typeCode" source="typeCode" reference="document-types" sort={{ field: 'sortOrder', order: 'ASC' }} perPage={100}>
        <SelectInput optionText="name" />
    </ReferenceInput>,
    <NumberInput key="registerNumber" source="registerNumber" min={1} />,
    ...extra,
    <DateInput key="from" source="from" />,
    <DateInput key="to" source="to" />,
    <DateInput key="documentDateFrom" source="documentDateFrom" />,
    <DateInput key="documentDateTo" source="documentDateTo" />,
];
