import { useRecordContext, useTranslate } from 'react-admin';
import type { DocumentType } from '../types';

export const DocumentTypeTitle = () => {
    const record = useRecordContext<DocumentType>();
    const translate = useTranslate();
    const name = translate('resources.document-types.name', { smart_count: 1 });
    return <span>{record ? `${name}: ${record.name} (${record.code})` : name}</span>;
};
