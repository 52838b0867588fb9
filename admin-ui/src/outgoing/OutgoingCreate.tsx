// "Văn bản đi mới" (R-OUT-1): the draft of an outgoing document — its metadata, its receivers
// and its files, the main signed PDF first — sent as multipart `metadata` + `files`
// (dataProvider.create). The server verifies the signature at once; the page of the new draft
// then offers "Phát hành" (issue), which numbers and sends it.
import { Alert, Box, Grid, Typography } from '@mui/material';
import {
    AutocompleteArrayInput,
    Create,
    FileField,
    FileInput,
    ReferenceArrayInput,
    SimpleForm,
    TextInput,
    maxLength,
    required,
    useTranslate,
} from 'react-admin';
import { DocumentMetadataInputs } from '../documents/DocumentInputs';

/** R-FMT-1: the formats an attachment may have (checked again by content on the server). */
const ATTACHMENT_TYPES = {
    'application/pdf': ['.pdf'],
    'text/plain': ['.txt'],
    'text/csv': ['.csv'],
    'application/rtf': ['.rtf'],
    'application/msword': ['.doc'],
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
    'application/vnd.oasis.opendocument.text': ['.odt'],
    'application/vnd.ms-excel': ['.xls'],
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
    'application/vnd.oasis.opendocument.spreadsheet': ['.ods'],
    'image/jpeg': ['.jpg', '.jpeg'],
};

const Heading = ({ text }: { text: string }) => {
    const translate = useTranslate();
    return (
        <Typography variant="subtitle1" sx={{ fontWeight: 600, mt: 2 }}>
            {translate(text)}
        </Typography>
    );
};

const SigningHint = () => {
    const translate = useTranslate();
    return (
        <Alert severity="info" sx={{ mb: 2, width: '100%', maxWidth: 1100, boxSizing: 'border-box' }}>
            {translate('app.outgoing.create_hint')}
        </Alert>
    );
};

export const OutgoingCreate = () => (
    <Create title="app.outgoing.create" redirect="show">
        <SimpleForm defaultValues={{ urgency: 'normal' }}>
            <SigningHint />
            <Heading text="app.outgoing.section.metadata" />
            <DocumentMetadataInputs signerRequired />
            <Grid container spacing={2} sx={{ width: '100%', maxWidth: 1100 }}>
                <Grid size={{ xs: 12, md: 4 }}>
                    <TextInput source="notation" validate={maxLength(60)} helperText="app.outgoing.notation_helper" fullWidth />
                </Grid>
            </Grid>
            <Heading text="app.outgoing.section.receivers" />
            <Box sx={{ width: '100%', maxWidth: 1100 }}>
                <ReferenceArrayInput source="receivers" reference="organizations" sort={{ field: 'code', order: 'ASC' }} perPage={50}>
                    <AutocompleteArrayInput
                        filterToQuery={(q: string) => ({ q })}
                        validate={required()}
                        helperText="app.outgoing.receivers_helper"
                        fullWidth
                        data-testid="outgoing-receivers"
                    />
                </ReferenceArrayInput>
            </Box>
            <Heading text="app.outgoing.section.files" />
            <FileInput
                source="mainFile"
                accept={{ 'application/pdf': ['.pdf'] }}
                validate={required()}
                helperText="app.outgoing.main_file_helper"
                sx={{ width: '100%', maxWidth: 1100 }}
            >
                <FileField source="src" title="title" />
            </FileInput>
            <FileInput
                source="attachments"
                multiple
                accept={ATTACHMENT_TYPES}
                helperText="app.outgoing.attachments_helper"
                sx={{ width: '100%', maxWidth: 1100 }}
            >
                <FileField source="src" title="title" />
            </FileInput>
        </SimpleForm>
    </Create>
);
