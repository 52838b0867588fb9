// Fields shared by the document-type views (SPEC §4).
import { Chip, Typography } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import type { DocumentType } from '../types';

/** The abbreviation, or "không có" for a type whose notation carries none (Công văn). */
export const AbbreviationField = (_props: FieldProps) => {
    const record = useRecordContext<DocumentType>();
    const translate = useTranslate();
    if (!record) return null;
    if (record.abbreviation) {
        return (
            <Typography component="span" variant="body2" sx={{ fontWeight: 600 }}>
                {record.abbreviation}
            </Typography>
        );
    }
    return (
        <Typography component="span" variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>
            {translate('app.document_type.no_abbreviation')}
        </Typography>
    );
};

/** "Đang dùng" or "Ngừng dùng": a retired type stays for the documents that refer to it. */
export const InUseField = (_props: FieldProps) => {
    const record = useRecordContext<DocumentType>();
    const translate = useTranslate();
    if (!record) return null;
    return (
        <Chip
            size="small"
            variant={record.active ? 'outlined' : 'filled'}
            color={record.active ? 'success' : 'default'}
            label={translate(record.active ? 'app.document_type.in_use' : 'app.document_type.retired')}
        />
    );
};
