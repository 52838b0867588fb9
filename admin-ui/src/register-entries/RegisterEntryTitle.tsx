import { useRecordContext, useTranslate } from 'react-admin';
import type { RegisterEntry } from '../types';

export const RegisterEntryTitle = () => {
    const record = useRecordContext<RegisterEntry>();
    const translate = useTranslate();
    if (!record) return <span>{translate('resources.register-entries.name', { smart_count: 1 })}</span>;
    return (
        <span>
            {translate('app.register.entry_title', {
                register: translate(`app.register.kind.${record.register}`),
                number: record.number,
                year: record.year,
                org: record.organizationCode,
            })}
        </span>
    );
};
