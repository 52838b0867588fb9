import { useRecordContext, useTranslate } from 'react-admin';
import type { OutgoingDocument } from '../types';

export const OutgoingTitle = () => {
    const record = useRecordContext<OutgoingDocument>();
    const translate = useTranslate();
    const name = translate('resources.outgoing.name', { smart_count: 1 });
    if (!record) return <span>{name}</span>;
    return <span>{`${name}: ${record.numberAndNotation || translate('app.outgoing.draft_title', { summary: record.summary })}`}</span>;
};
