import { useRecordContext, useTranslate } from 'react-admin';
import type { Organization } from '../types';

export const OrganizationTitle = () => {
    const record = useRecordContext<Organization>();
    const translate = useTranslate();
    const name = translate('resources.organizations.name', { smart_count: 1 });
    return <span>{record ? `${name}: ${record.name} (${record.code})` : name}</span>;
};
