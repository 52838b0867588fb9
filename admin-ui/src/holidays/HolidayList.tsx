// "Lịch làm việc" (R-CAL-2): the national days off, compensatory and swapped days and make-up
// working Saturdays, one year at a time (the current year first), as a table or a year calendar.
// Everyone reads it; admins add, edit and delete days (pessimistic: the server decides).
import type { MouseEvent } from 'react';
import { Stack, ToggleButton, ToggleButtonGroup, Tooltip, type SxProps } from '@mui/material';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import TableRowsIcon from '@mui/icons-material/TableRows';
import RestoreIcon from '@mui/icons-material/Restore';
import {
    Button,
    CreateButton,
    DataTable,
    DeleteButton,
    EditButton,
    ExportButton,
    FilterButton,
    Link,
    List,
    SearchInput,
    SelectInput,
    TopToolbar,
    useCreatePath,
    usePermissions,
    useRecordContext,
    useStore,
    useTranslate,
} from 'react-admin';
import { canRole } from '../auth/access';
import { DateKeyField } from '../fields/DateKeyField';
import { DateTimeField } from '../fields/DateTimeField';
import { QuickFilter } from '../fields/QuickFilter';
import { currentVietnamYear } from '../fields/vietnamTime';
import type { Holiday, Role } from '../types';
import { HolidayKindField, HolidaySourceField, dayKindChoices, holidaySourceChoices } from './HolidayFields';
import { HolidayYearCalendar } from './HolidayYearCalendar';
import { YearTabs } from './YearTabs';

type View = 'table' | 'calendar';
const VIEW_KEY = 'holidays.view';

const holidayFilters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="kind" source="kind" choices={dayKindChoices} />,
    <SelectInput key="source" source="source" choices={holidaySourceChoices} />,
    <QuickFilter key="deleted" source="deleted" label="app.holiday.deleted_only" defaultValue={true} />,
];

const ViewToggle = () => {
    const translate = useTranslate();
    const [view, setView] = useStore<View>(VIEW_KEY, 'table');
    return (
        <ToggleButtonGroup
            size="small"
            exclusive
            value={view}
            onChange={(_event: MouseEvent<HTMLElement>, value: View | null) => value && setView(value)}
            data-testid="holiday-view-toggle"
        >
            <ToggleButton value="table" aria-label={translate('app.calendar.view_table')} data-testid="holiday-view-table">
                <Tooltip title={translate('app.calendar.view_table')}>
                    <TableRowsIcon fontSize="small" />
                </Tooltip>
            </ToggleButton>
            <ToggleButton value="calendar" aria-label={translate('app.calendar.view_calendar')} data-testid="holiday-view-calendar">
                <Tooltip title={translate('app.calendar.view_calendar')}>
                    <CalendarMonthIcon fontSize="small" />
                </Tooltip>
            </ToggleButton>
        </ToggleButtonGroup>
    );
};

const HolidayListActions = () => {
    const { permissions } = usePermissions<Role[]>();
    return (
        <TopToolbar sx={{ alignItems: 'center' }}>
            <ViewToggle />
            <FilterButton />
            {canRole(permissions, 'holidays', 'create') && <CreateButton data-testid="holiday-create" />}
            <ExportButton />
        </TopToolbar>
    );
};

/**
 * A deleted day comes back by adding its date again (the server revives the row as the admin's);
 * the create form opens filled in with the deleted row.
 */
const RestoreHolidayButton = ({ record }: { record: Holiday }) => {
    const createPath = useCreatePath();
    const source = { date: record.date, kind: record.kind, name: record.name, note: record.note ?? undefined };
    return (
        <Button
            component={Link}
            to={`${createPath({ resource: 'holidays', type: 'create' })}?source=${encodeURIComponent(JSON.stringify(source))}`}
            label="app.holiday.restore"
            data-testid={`holiday-restore-${record.date}`}
        >
            <RestoreIcon />
        </Button>
    );
};

/** Edit and delete for admins on current rows; restore on deleted ones. */
const HolidayRowActions = () => {
    const { permissions } = usePermissions<Role[]>();
    const record = useRecordContext<Holiday>();
    if (!record) return null;
    if (record.deletedAt) {
        return canRole(permissions, 'holidays', 'create') ? <RestoreHolidayButton record={record} /> : null;
    }
    return (
        <Stack direction="row" spacing={0.5} sx={{ justifyContent: 'flex-end' }}>
            {canRole(permissions, 'holidays', 'edit') && <EditButton data-testid={`holiday-edit-${record.date}`} />}
            {canRole(permissions, 'holidays', 'delete') && (
                <DeleteButton
                    mutationMode="pessimistic"
                    confirmTitle="app.holiday.delete_title"
                    confirmContent="app.holiday.delete_content"
                    redirect={false}
                    data-testid={`holiday-delete-${record.date}`}
                />
            )}
        </Stack>
    );
};

const deletedRowSx = (record: Holiday): SxProps =>
    record.deletedAt ? { '& td:not(:last-of-type)': { opacity: 0.6, textDecoration: 'line-through' } } : {};

const HolidayTable = () => (
    <DataTable bulkActionButtons={false} rowClick={false} rowSx={deletedRowSx} data-testid="holiday-table">
        <DataTable.Col source="date" field={DateKeyField} />
        <DataTable.Col source="kind" field={HolidayKindField} />
        <DataTable.Col source="name" />
        <DataTable.Col source="source" field={HolidaySourceField} />
        <DataTable.Col source="note" disableSort />
        <DataTable.Col source="updatedAt" field={DateTimeField} />
        <DataTable.Col>
            <HolidayRowActions />
        </DataTable.Col>
    </DataTable>
);

const HolidayListBody = () => {
    const [view] = useStore<View>(VIEW_KEY, 'table');
    return (
        <>
            <YearTabs />
            {view === 'calendar' ? <HolidayYearCalendar /> : <HolidayTable />}
        </>
    );
};

export const HolidayList = () => {
    const [view] = useStore<View>(VIEW_KEY, 'table');
    return (
        <List
            filters={holidayFilters}
            filterDefaultValues={{ year: currentVietnamYear() }}
            actions={<HolidayListActions />}
            sort={{ field: 'date', order: 'ASC' }}
            perPage={50}
            pagination={view === 'calendar' ? false : undefined}
            title="app.menu.holidays"
        >
            <HolidayListBody />
        </List>
    );
};
