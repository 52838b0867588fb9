import { useRecordContext, useTranslate } from 'react-admin';
import { formatDateKey } from '../fields/vietnamTime';
import type { Holiday } from '../types';

export const HolidayTitle = () => {
    const record = useRecordContext<Holiday>();
    const translate = useTranslate();
    const name = translate('resources.holidays.name', { smart_count: 1 });
    return <span>{record ? `${name}: ${formatDateKey(record.date)} — ${record.name}` : name}</span>;
};
