// What the outgoing draft (R-OUT-1) and the paper intake (R-REC-5) forms share: the form itself
// with its hint, the metadata inputs (SPEC §4: type, date, field, summary, signer, urgency, own
// deadline, copies, pages, notes) and the file inputs. Names follow the API's metadata, so its
// 400/422 field errors land under the right input.
import type { ReactNode } from 'react';
import { Alert, Grid } from '@mui/material';
import {
    Create,
    DateInput,
    FileField,
    FileInput,
    NumberInput,
    ReferenceInput,
    SelectInput,
    TextInput,
    maxLength,
    minValue,
    number,
    required,
    SimpleForm,
    useTranslate,
    type FileInputProps,
} from 'react-admin';
import { toVietnamLocalInput, vietnamLocalInputToIso } from '../fields/vietnamTime';
import { urgencyChoices } from './documentStates';

/** An instant typed as Vietnam wall-clock time; the form holds ISO 8601 with +07:00 (R-TIME-1). */
export const VietnamDateTimeTextInput = ({ source, label, helperText }: { source: string; label?: string; helperText?: string }) => (
    <TextInput
        source={source}
        label={label}
        type="datetime-local"
        helperText={helperText ?? 'app.document.vietnam_time_helper'}
        format={(value: unknown) => (typeof value === 'string' && value ? toVietnamLocalInput(value) : '')}
        parse={(value: string) => vietnamLocalInputToIso(value)}
        slotProps={{ inputLabel: { shrink: true } }}
        fullWidth
    />
);

/** The width of every block of the new-document forms. */
export const FORM_WIDTH = { width: '100%', maxWidth: 1100 } as const;

const count = [number(), minValue(0)];

export const DocumentTypeInput = ({ source = 'typeCode' }: { source?: string }) => (
    <ReferenceInput source={source} reference="document-types" sort={{ field: 'sortOrder', order: 'ASC' }} perPage={100} filter={{ active: true }}>
        <SelectInput optionText="name" validate={required()} fullWidth data-testid="document-type-input" />
    </ReferenceInput>
);

export const DocumentMetadataInputs = ({ signerRequired }: { signerRequired: boolean }) => (
    <Grid container spacing={2} sx={FORM_WIDTH}>
        <Grid size={{ xs: 12, md: 4 }}>
            <DocumentTypeInput />
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
            <DateInput source="documentDate" validate={required()} fullWidth />
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
            <SelectInput source="urgency" choices={urgencyChoices} validate={required()} fullWidth data-testid="urgency-input" />
        </Grid>
        <Grid size={{ xs: 12 }}>
            <TextInput source="summary" validate={[required(), maxLength(2000)]} multiline minRows={2} fullWidth />
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
            <TextInput source="field" validate={maxLength(200)} fullWidth />
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
            <TextInput source="signerPosition" validate={signerRequired ? [required(), maxLength(200)] : maxLength(200)} fullWidth />
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
            <TextInput source="signerName" validate={signerRequired ? [required(), maxLength(200)] : maxLength(200)} fullWidth />
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
            <VietnamDateTimeTextInput source="dueAt" />
        </Grid>
        <Grid size={{ xs: 6, md: 2 }}>
            <NumberInput source="copies" validate={count} step={1} fullWidth />
        </Grid>
        <Grid size={{ xs: 6, md: 2 }}>
            <NumberInput source="pageCount" validate={count} step={1} fullWidth />
        </Grid>
        <Grid size={{ xs: 12 }}>
            <TextInput source="notes" validate={maxLength(2000)} multiline fullWidth />
        </Grid>
    </Grid>
);

const FormHint = ({ text }: { text: string }) => {
    const translate = useTranslate();
    return (
        <Alert severity="info" sx={{ mb: 2, ...FORM_WIDTH, boxSizing: 'border-box' }}>
            {translate(text)}
        </Alert>
    );
};

/** A new document's form (sent as multipart `metadata` + `files`): a hint first, normal urgency, its page once created. */
export const DocumentCreate = ({ title, hint, children }: { title: string; hint: string; children: ReactNode }) => (
    <Create title={title} redirect="show">
        <SimpleForm defaultValues={{ urgency: 'normal' }}>
            <FormHint text={hint} />
            {children}
        </SimpleForm>
    </Create>
);

/** Files picked for upload, listed by name. */
export const DocumentFilesInput = (props: Omit<FileInputProps, 'children' | 'sx'>) => (
    <FileInput {...props} sx={FORM_WIDTH}>
        <FileField source="src" title="title" />
    </FileInput>
);
