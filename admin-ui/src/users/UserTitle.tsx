import { useRecordContext, useTranslate } from 'react-admin';
import type { User } from '../types';

export const UserTitle = () => {
    const record = useRecordContext<User>();
    const translate = useTranslate();
    const name = translate('resources.users.name', { smart_count: 1 });
    return <span>{record ? `${name}: ${record.fullName} (${record.username})` : name}</span>;
};
