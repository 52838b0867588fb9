// "Vào sổ văn bản giấy" (R-REC-5, clerk): a plain paper document — the clerk enters its
// metadata and uploads the scan (PDF or JPEG first, then attachments), sent as multipart
// `metadata` + `files` (dataProvider.create). The receipt process starts at once; the document
// then waits in the inbox like an electronic one, marked "for information only" (R-DOC-4).
import { Grid } from '@mui/material';
import { TextInput, maxLength, required } from 'react-admin';
import { DocumentCreate, DocumentFilesInput, DocumentMetadataInputs, FORM_WIDTH } from '../documents/DocumentInputs';
import { OrganizationInput } from '../fields/OrganizationInput';

/** The sender's name as written on the paper; its identifier code when it has one. */
const SenderInputs = () => (
    <Grid container spacing={2} sx={FORM_WIDTH}>
        <Grid size={{ xs: 12, md: 6 }}>
            <OrganizationInput source="senderCode" helperText="app.incoming.paper.sender_code_helper" fullWidth data-testid="incoming-sender-code" />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
            <TextInput source="senderName" validate={[required(), maxLength(300)]} fullWidth />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
            <TextInput source="numberAndNotation" validate={[required(), maxLength(100)]} helperText="app.incoming.paper.number_helper" fullWidth />
        </Grid>
    </Grid>
);

export const IncomingCreate = () => (
    <DocumentCreate title="app.incoming.create_paper" hint="app.incoming.paper.hint">
        <SenderInputs />
        <DocumentMetadataInputs signerRequired={false} />
        <DocumentFilesInput
            source="files"
            multiple
            accept={{ 'application/pdf': ['.pdf'], 'image/jpeg': ['.jpg', '.jpeg'] }}
            validate={required()}
            helperText="app.incoming.paper.files_helper"
        />
    </DocumentCreate>
);
