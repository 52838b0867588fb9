// App-bar bell with the number of unread notifications, polled every 30 s.
import { Badge, IconButton, Tooltip } from '@mui/material';
import NotificationsIcon from '@mui/icons-material/Notifications';
import { Link, useCreatePath, useGetList, useTranslate } from 'react-admin';

export const UNREAD_POLL_MS = 30_000;

export const useUnreadCount = () => {
    const { total } = useGetList(
        'notifications',
        { pagination: { page: 1, perPage: 1 }, sort: { field: 'createdAt', order: 'DESC' }, filter: { unread: true } },
        { refetchInterval: UNREAD_POLL_MS, refetchIntervalInBackground: false },
    );
    return total ?? 0;
};

export const NotificationBell = () => {
    const translate = useTranslate();
    const createPath = useCreatePath();
    const count = useUnreadCount();
    const label = translate('app.notification.unread_count', { smart_count: count });
    const to = `${createPath({ resource: 'notifications', type: 'list' })}?filter=${encodeURIComponent(
        JSON.stringify({ unread: true }),
    )}`;
    return (
        <Tooltip title={label}>
            <IconButton component={Link} to={to} color="inherit" aria-label={label} data-testid="notification-bell">
                <Badge badgeContent={count} color="error" max={99} data-testid="notification-bell-count">
                    <NotificationsIcon />
                </Badge>
            </IconButton>
        </Tooltip>
    );
};
