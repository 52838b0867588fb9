// The form fields of a document type, shared by create and edit (SPEC §4). The code is the type's
// identity (documents refer to it): chosen on create, read-only afterwards. A type is retired by
// unticking "active", never deleted.
import { Box } from '@mui/material';
import { BooleanInput, NumberInput, TextInput, maxLength, minValue, number, regex, required } from 'react-admin';

const validateCode = [required(), regex(/^[A-Z0-9_]{1,20}$/, 'app.document_type.code_invalid')];
const validateName = [required(), maxLength(100)];
const validateAbbreviation = [regex(/^[\p{L}\p{N}]{1,10}$/u, 'app.document_type.abbreviation_invalid')];
const validateSortOrder = [number(), minValue(0)];

export const DocumentTypeInputs = ({ isCreate }: { isCreate: boolean }) => (
    <Box sx={{ width: '100%', maxWidth: 640 }}>
        <TextInput
            source="code"
            validate={isCreate ? validateCode : undefined}
            disabled={!isCreate}
            parse={(value: string) => value?.toUpperCase()}
            helperText={isCreate ? 'app.document_type.code_helper' : 'app.document_type.code_readonly'}
            slotProps={{ htmlInput: { 'data-testid': 'document-type-code' } }}
            sx={{ width: 320 }}
        />
        <TextInput source="name" validate={validateName} fullWidth slotProps={{ htmlInput: { 'data-testid': 'document-type-name' } }} />
        <TextInput
            source="abbreviation"
            validate={validateAbbreviation}
            helperText="app.document_type.abbreviation_helper"
            slotProps={{ htmlInput: { 'data-testid': 'document-type-abbreviation' } }}
            sx={{ width: 320 }}
        />
        <NumberInput source="sortOrder" validate={validateSortOrder} step={1} helperText="app.document_type.sort_order_helper" sx={{ width: 320 }} />
        <BooleanInput source="active" helperText="app.document_type.active_helper" />
    </Box>
);

/** Only what the API accepts; an empty abbreviation is null (no abbreviation, like Công văn). */
export const documentTypePayload = (data: Record<string, unknown>, isCreate: boolean) => {
    const abbreviation = typeof data.abbreviation === 'string' ? data.abbreviation.trim() || null : (data.abbreviation ?? null);
    const sortOrder = typeof data.sortOrder === 'number' && Number.isFinite(data.sortOrder) ? data.sortOrder : undefined;
    const payload: Record<string, unknown> = {
        name: typeof data.name === 'string' ? data.name.trim() : data.name,
        abbreviation,
        active: data.active !== false,
    };
    if (sortOrder !== undefined) payload.sortOrder = sortOrder;
    if (isCreate) payload.code = String(data.code ?? '').trim().toUpperCase();
    return payload;
};
