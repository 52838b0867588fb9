// The caller's own notifications (reminders, overdue marks, escalations, refusals, recalls),
// newest first, filtered by read state and kind; a row opens what it is about.
import DoneIcon from '@mui/icons-material/Done';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import { Button, DataTable, FilterButton, List, SelectInput, TopToolbar, useRecordContext } from 'react-admin';
import { DateTimeField } from '../fields/DateTimeField';
import { QuickFilter } from '../fields/QuickFilter';
import type { AppNotification } from '../types';
import { NotificationKindField, NotificationReadField, NotificationSubjectField, useNotificationSubjectPath } from './NotificationFields';
import { notificationKindChoices } from './notificationKinds';
import { useNotificationActions } from './useNotificationActions';

const notificationFilters = [
    <QuickFilter key="unread" source="unread" label="app.notification.unread_only" defaultValue={true} />,
    <SelectInput key="kind" source="kind" choices={notificationKindChoices} />,
];

const MarkAllReadButton = () => {
    const { markAllRead } = useNotificationActions();
    return (
        <Button
            label="app.notification.mark_all_read"
            onClick={() => markAllRead.mutate()}
            disabled={markAllRead.isPending}
            data-testid="notifications-mark-all-read"
        >
            <DoneAllIcon />
        </Button>
    );
};

const MarkReadButton = () => {
    const record = useRecordContext<AppNotification>();
    const { markRead } = useNotificationActions();
    if (!record || record.readAt) return null;
    return (
        <Button
            label="app.notification.mark_read"
            onClick={event => {
                event.stopPropagation();
                markRead.mutate(record.id);
            }}
            disabled={markRead.isPending}
            data-testid={`notification-mark-read-${record.id}`}
        >
            <DoneIcon />
        </Button>
    );
};

const NotificationListActions = () => (
    <TopToolbar>
        <FilterButton />
        <MarkAllReadButton />
    </TopToolbar>
);

const unreadRowSx = (record: AppNotification) => ({ '& td': { fontWeight: record.readAt ? undefined : 600 } });

export const NotificationList = () => {
    const subjectPath = useNotificationSubjectPath();
    return (
    <List
        filters={notificationFilters}
        actions={<NotificationListActions />}
        sort={{ field: 'createdAt', order: 'DESC' }}
        perPage={25}
    >
        <DataTable
            bulkActionButtons={false}
            rowClick={(_id, _resource, record) => subjectPath(record as AppNotification) ?? false}
            rowSx={unreadRowSx}
            data-testid="notification-table"
        >
            <DataTable.Col source="readAt" label="app.notification.unread" field={NotificationReadField} disableSort />
            <DataTable.Col source="createdAt" field={DateTimeField} />
            <DataTable.Col source="kind" field={NotificationKindField} />
            <DataTable.Col source="title" />
            <DataTable.Col source="body" />
            <DataTable.Col source="subjectId" field={NotificationSubjectField} disableSort />
            <DataTable.Col>
                <MarkReadButton />
            </DataTable.Col>
        </DataTable>
    </List>
    );
};
