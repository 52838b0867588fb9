import { useRecordContext, useTranslate } from 'react-admin';
import type { IncomingDocument } from '../types';

export const IncomingTitle = () => {
    const record = useRecordContext<IncomingDocument>();
    const translate = useTranslate();
    const name = translate('resources.incoming.name', { smart_count: 1 });
    if (!record) return <span>{name}</span>;
    return <span>{`${name}: ${record.numberAndNotation || record.summary}`}</span>;
};
