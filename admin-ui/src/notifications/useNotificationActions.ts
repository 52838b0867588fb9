// Mark-as-read calls through the custom dataProvider methods; afterwards every
// notifications query (list, bell, dashboard) is refetched.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useNotify, type Identifier } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';

export const useNotificationActions = () => {
    const dataProvider = useDataProvider<AppDataProvider>();
    const queryClient = useQueryClient();
    const notify = useNotify();
    const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
    const onError = (error: Error) => notify(error.message || 'ra.notification.http_error', { type: 'error' });

    const markRead = useMutation({
        mutationFn: (id: Identifier) => dataProvider.markNotificationRead(id),
        onSuccess: () => {
            notify('app.notification.marked_read', { type: 'info' });
            void refresh();
        },
        onError,
    });
    const markAllRead = useMutation({
        mutationFn: () => dataProvider.markAllNotificationsRead(),
        onSuccess: () => {
            notify('app.notification.all_marked_read', { type: 'info' });
            void refresh();
        },
        onError,
    });
    return { markRead, markAllRead };
};
