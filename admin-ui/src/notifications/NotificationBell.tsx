// App-bar bell (R-DL-2, R-RCL-1, R-REC-3): the number of unread notifications, read again every
// 30 s and whenever the window gets focus; a click opens the newest ones — reminders,
// escalations, refusals, recalls — each opening what it is about (and marked read on the way),
// with mark-as-read, mark-all-read and the full list.
import { useState, type MouseEvent } from 'react';
import {
    Badge,
    Box,
    Divider,
    IconButton,
    List,
    ListItem,
    ListItemButton,
    ListItemText,
    Popover,
    Stack,
    Tooltip,
    Typography,
} from '@mui/material';
import DoneIcon from '@mui/icons-material/Done';
import NotificationsIcon from '@mui/icons-material/Notifications';
import { Button, Link, useGetList, useNavigate, useTranslate } from 'react-admin';
import { formatDateTimeVN } from '../fields/DateTimeField';
import type { AppNotification } from '../types';
import { useNotificationKindLabel, useNotificationSubjectPath } from './NotificationFields';
import { notificationTone } from './notificationKinds';
import { useNotificationActions } from './useNotificationActions';

export const UNREAD_POLL_MS = 30_000;
/** How many of the newest notifications the dropdown shows. */
export const LATEST_SHOWN = 8;

const SORT = { field: 'createdAt', order: 'DESC' } as const;

export const useUnreadCount = () => {
    const { total } = useGetList(
        'notifications',
        { pagination: { page: 1, perPage: 1 }, sort: SORT, filter: { unread: true } },
        { refetchInterval: UNREAD_POLL_MS, refetchIntervalInBackground: false, refetchOnWindowFocus: true },
    );
    return total ?? 0;
};

const TONE_COLOR = { error: 'error.main', warning: 'warning.main', info: 'info.main', default: 'text.disabled' } as const;

const LatestNotifications = ({ onClose }: { onClose: () => void }) => {
    const translate = useTranslate();
    const navigate = useNavigate();
    const kindLabel = useNotificationKindLabel();
    const subjectPath = useNotificationSubjectPath();
    const { markRead, markAllRead } = useNotificationActions();
    const { data, isPending } = useGetList<AppNotification>('notifications', { pagination: { page: 1, perPage: LATEST_SHOWN }, sort: SORT, filter: {} });
    const open = (notification: AppNotification) => {
        const to = subjectPath(notification);
        if (!notification.readAt) markRead.mutate(notification.id);
        if (to) {
            onClose();
            navigate(to);
        }
    };
    return (
        <Box sx={{ width: { xs: 320, sm: 420 } }} data-testid="notification-menu">
            <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', px: 2, py: 1 }}>
                <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
                    {translate('app.notification.menu_title')}
                </Typography>
                <Button label="app.notification.mark_all_read" onClick={() => markAllRead.mutate()} disabled={markAllRead.isPending} data-testid="notification-menu-mark-all-read" />
            </Stack>
            <Divider />
            {isPending ? (
                <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
                    {translate('ra.page.loading')}
                </Typography>
            ) : !data?.length ? (
                <Typography variant="body2" color="text.secondary" sx={{ p: 2 }} data-testid="notification-menu-empty">
                    {translate('app.dashboard.no_unread')}
                </Typography>
            ) : (
                <List dense disablePadding sx={{ maxHeight: 440, overflowY: 'auto' }}>
                    {data.map(notification => {
                        const unread = !notification.readAt;
                        return (
                            <ListItem
                                key={notification.id}
                                disablePadding
                                divider
                                data-testid={`notification-menu-item-${notification.id}`}
                                data-unread={unread ? 'true' : 'false'}
                                secondaryAction={
                                    unread ? (
                                        <Tooltip title={translate('app.notification.mark_read')}>
                                            <IconButton
                                                edge="end"
                                                size="small"
                                                onClick={(event: MouseEvent) => {
                                                    event.stopPropagation();
                                                    markRead.mutate(notification.id);
                                                }}
                                                aria-label={translate('app.notification.mark_read')}
                                                data-testid={`notification-menu-mark-read-${notification.id}`}
                                            >
                                                <DoneIcon fontSize="small" />
                                            </IconButton>
                                        </Tooltip>
                                    ) : undefined
                                }
                            >
                                <ListItemButton onClick={() => open(notification)} sx={{ alignItems: 'flex-start', pr: 6 }}>
                                    <Box
                                        sx={{ width: 8, height: 8, borderRadius: '50%', mt: 1, mr: 1.5, flexShrink: 0, bgcolor: unread ? TONE_COLOR[notificationTone(notification.kind)] : 'transparent' }}
                                    />
                                    <ListItemText
                                        primary={notification.title}
                                        secondary={
                                            <>
                                                <Typography component="span" variant="body2" color="text.secondary" sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
                                                    {notification.body}
                                                </Typography>
                                                <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                                                    {`${formatDateTimeVN(notification.createdAt)} · ${kindLabel(notification.kind)}`}
                                                </Typography>
                                            </>
                                        }
                                        slotProps={{ primary: { sx: { fontWeight: unread ? 600 : 400 } } }}
                                    />
                                </ListItemButton>
                            </ListItem>
                        );
                    })}
                </List>
            )}
            <Divider />
            <Box sx={{ px: 1, py: 0.5, textAlign: 'center' }}>
                <Button component={Link} to="/notifications" onClick={onClose} label="app.dashboard.view_all_notifications" data-testid="notification-menu-all" />
            </Box>
        </Box>
    );
};

export const NotificationBell = () => {
    const translate = useTranslate();
    const count = useUnreadCount();
    const [anchor, setAnchor] = useState<HTMLElement | null>(null);
    const label = translate('app.notification.unread_count', { smart_count: count });
    return (
        <>
            <Tooltip title={label}>
                <IconButton
                    color="inherit"
                    aria-label={label}
                    aria-haspopup="true"
                    aria-expanded={!!anchor}
                    onClick={event => setAnchor(event.currentTarget)}
                    data-testid="notification-bell"
                >
                    <Badge badgeContent={count} color="error" max={99} data-testid="notification-bell-count" data-count={count}>
                        <NotificationsIcon />
                    </Badge>
                </IconButton>
            </Tooltip>
            <Popover
                open={!!anchor}
                anchorEl={anchor}
                onClose={() => setAnchor(null)}
                anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
                transformOrigin={{ vertical: 'top', horizontal: 'right' }}
            >
                {anchor && <LatestNotifications onClose={() => setAnchor(null)} />}
            </Popover>
        </>
    );
};
