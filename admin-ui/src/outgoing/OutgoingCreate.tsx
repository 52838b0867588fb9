// "Văn bản đi mới" (R-OUT-1): the draft of an outgoing document — its metadata, its receivers
// and its files, the main signed PDF first — sent as multipart `metadata` + `files`
// (dataProvider.create). The server verifies the signature at once; the page of the new draft
// then offers "Phát hành" (issue), which numbers and sends it.
import { Box, Grid, Typography } from '@mui/material';
import { TextInput, maxLength, required, useTranslate } from 'react-admin';
import { DocumentCreate, DocumentFilesInput, DocumentMetadataInputs, FORM_WIDTH } from '../documents/DocumentInputs';
import { OrganizationsInput } from '../fields/OrganizationInput';

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

export const OutgoingCreate = () => (
    <DocumentCreate title="app.outgoing.create" hint="app.outgoing.create_hint">
        <Heading text="app.outgoing.section.metadata" />
        <DocumentMetadataInputs signerRequired />
        <Grid container spacing={2} sx={FORM_WIDTH}>
            <Grid size={{ xs: 12, md: 4 }}>
                <TextInput source="notation" validate={maxLength(60)} helperText="app.outgoing.notation_helper" fullWidth />
            </Grid>
        </Grid>
        <Heading text="app.outgoing.section.receivers" />
        <Box sx={FORM_WIDTH}>
            <OrganizationsInput
                source="receivers"
                perPage={50}
                validate={required()}
                helperText="app.outgoing.receivers_helper"
                fullWidth
                data-testid="outgoing-receivers"
            />
        </Box>
        <Heading text="app.outgoing.section.files" />
        <DocumentFilesInput source="mainFile" accept={{ 'application/pdf': ['.pdf'] }} validate={required()} helperText="app.outgoing.main_file_helper" />
        <DocumentFilesInput source="attachments" multiple accept={ATTACHMENT_TYPES} helperText="app.outgoing.attachments_helper" />
    </DocumentCreate>
);
