// The caller's newest unread notifications.
import NotificationsIcon from '@mui/icons-material/Notifications';
import { List as MuiList, ListItem, ListItemText, Skeleton, Typography } from '@mui/material';
import { Button, Link, useCreatePath, useGetList, useTranslate } from 'react-admin';
import { formatDateTimeVN } from '../fields/DateTimeField';
import { useNotificationKindLabel } from '../notifications/NotificationFields';
import { UNREAD_POLL_MS } from '../notifications/NotificationBell';
import type { AppNotification } from '../types';
import { WidgetCard } from './WidgetCard';

export const UnreadNotificationsWidget = () => {
    const translate = useTranslate();
    const createPath = useCreatePath();
    const kindLabel = useNotificationKindLabel();
    const { data, total, isPending, error } = useGetList<AppNotification>(
        'notifications',
        { pagination: { page: 1, perPage: 5 }, sort: { field: 'createdAt', order: 'DESC' }, filter: { unread: true } },
        { refetchInterval: UNREAD_POLL_MS },
    );
    return (
        <WidgetCard
            title="app.dashboard.unread_notifications"
            icon={<NotificationsIcon color="primary" />}
            testId="dashboard-unread-notifications"
            actions={
                <Button
                    component={Link}
                    to={createPath({ resource: 'notifications', type: 'list' })}
                    label="app.dashboard.view_all_notifications"
                />
            }
        >
            {isPending ? (
                <Skeleton />
            ) : error ? (
                <Typography color="error">{translate('app.dashboard.load_error')}</Typography>
            ) : !total ? (
                <Typography color="text.secondary">{translate('app.dashboard.no_unread')}</Typography>
            ) : (
                <>
                    <Typography variant="h4" component="p">
                        {total}
                    </Typography>
                    <MuiList dense disablePadding>
                        {data?.map(notification => (
                            <ListItem key={notification.id} disableGutters>
                                <ListItemText
                                    primary={notification.title}
                                    secondary={`${formatDateTimeVN(notification.createdAt)} · ${kindLabel(notification.kind)}`}
                                />
                            </ListItem>
                        ))}
                    </MuiList>
                </>
            )}
        </WidgetCard>
    );
};
