// Fields of the notifications list: kind, read state, and a link to the subject.
import type { MouseEvent } from 'react';
import { Chip } from '@mui/material';
import { Link, useCreatePath, usePermissions, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { canRole } from '../auth/access';
import { documentRedirectPath } from '../documents/DocumentRedirect';
import type { AppNotification, Role } from '../types';
import { notificationTone } from './notificationKinds';

export const useNotificationKindLabel = () => {
    const translate = useTranslate();
    return (kind: string) =>
        translate(`app.notification.kind.${kind}`, { _: translate('app.notification.kind.other') });
};

export const NotificationKindField = (_props: FieldProps) => {
    const record = useRecordContext<AppNotification>();
    const kindLabel = useNotificationKindLabel();
    if (!record) return null;
    const tone = notificationTone(record.kind);
    return <Chip size="small" color={tone === 'info' ? 'default' : tone} label={kindLabel(record.kind)} data-testid={`notification-kind-${record.kind}`} />;
};

export const NotificationReadField = (_props: FieldProps) => {
    const record = useRecordContext<AppNotification>();
    const translate = useTranslate();
    if (!record) return null;
    return record.readAt ? (
        <Chip size="small" variant="outlined" label={translate('app.notification.read')} />
    ) : (
        <Chip size="small" color="primary" label={translate('app.notification.unread')} />
    );
};

/** The page of what a notification is about, where the back office has one (else null). */
export const useNotificationSubjectPath = () => {
    const createPath = useCreatePath();
    const { permissions } = usePermissions<Role[]>();
    return (notification: Pick<AppNotification, 'subjectId' | 'subjectType'>): string | null => {
        if (!notification.subjectId) return null;
        const type = notification.subjectType ?? '';
        if (type === 'document') return documentRedirectPath(notification.subjectId);
        const resource =
            /connection/i.test(type) && canRole(permissions, 'connections', 'show')
                ? 'connections'
                : /organi[sz]ation|connection/i.test(type)
                  ? 'organizations'
                  : null;
        return resource ? createPath({ resource, id: notification.subjectId, type: 'show' }) : null;
    };
};

/** Links the notification to what it is about, where the back office has a page for it. */
export const NotificationSubjectField = (_props: FieldProps) => {
    const record = useRecordContext<AppNotification>();
    const createPath = useCreatePath();
    const translate = useTranslate();
    const { permissions } = usePermissions<Role[]>();
    if (!record?.subjectId) return null;
    const type = record.subjectType ?? '';
    // Documents (SPEC §7): the notification knows the id, not the direction.
    if (type === 'document') {
        return (
            <Link to={documentRedirectPath(record.subjectId)} onClick={(event: MouseEvent) => event.stopPropagation()} data-testid={`notification-document-${record.id}`}>
                {translate('app.notification.open_document')}
            </Link>
        );
    }
    const resource =
        /connection/i.test(type) && canRole(permissions, 'connections', 'show')
            ? 'connections'
            : /organi[sz]ation|connection/i.test(type)
              ? 'organizations'
              : null;
    if (!resource) return <span>{record.subjectId}</span>;
    return (
        <Link to={createPath({ resource, id: record.subjectId, type: 'show' })} onClick={(event: MouseEvent) => event.stopPropagation()}>
            {record.subjectId}
        </Link>
    );
};
