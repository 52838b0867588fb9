import NotificationsIcon from '@mui/icons-material/Notifications';
import type { AppNotification } from '../types';
import { NotificationList } from './NotificationList';

export { NotificationBell } from './NotificationBell';

export default {
    list: NotificationList,
    icon: NotificationsIcon,
    recordRepresentation: (record: AppNotification) => record.title,
};
