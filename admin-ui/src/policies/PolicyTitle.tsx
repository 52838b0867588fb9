import { useRecordContext, useTranslate } from 'react-admin';
import type { Policy } from '../types';
import { usePolicyName } from './PolicyFields';

export const PolicyTitle = () => {
    const record = useRecordContext<Policy>();
    const translate = useTranslate();
    const name = usePolicyName();
    return <span>{record ? name(record) : translate('resources.policies.name', { smart_count: 1 })}</span>;
};
