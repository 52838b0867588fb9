// "Vào sổ văn bản giấy" (R-REC-5, clerk): a plain paper document — the clerk enters its
// metadata and uploads the scan (PDF or JPEG first, then attachments), sent as multipart
// `metadata` + `files` (dataProvider.create). The receipt process starts at once; the document
// then waits in the inbox like an electronic one, marked "for information only" (R-DOC-4).
import { Alert, Grid } from '@mui/material';
import {
    AutocompleteInput,
    Create,
    FileField,
    FileInput,
    ReferenceInput,
    SimpleForm,
    TextInput,
    maxLength,
    required,
    useTranslate,
} from 'react-admin';
import { DocumentMetadataInputs } from '../documents/DocumentInputs';

/** The sender's name as written on the paper; its identifier code when it has one. */
const SenderInputs = () => (
    <Grid container spacing={2} sx={{ width: '100%', maxWidth: 1100 }}>
        <Grid size={{ xs: 12, md: 6 }}>
            <ReferenceInput source="senderCode" reference="organizations" sort={{ field: 'code', order: 'ASC' }}>
                <AutocompleteInput
                    filterToQuery={(q: string) => ({ q })}
                    helperText="app.incoming.paper.sender_code_helper"
                    fullWidth
                    data-testid="incoming-sender-code"
                />
            </ReferenceInput>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
            <TextInput source="senderName" validate={[required(), maxLength(300)]} fullWidth />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
            <TextInput source="numberAndNotation" validate={[required(), maxLength(100)]} helperText="app.incoming.paper.number_helper" fullWidth />
        </Grid>
    </Grid>
);

const PaperIntakeHint = () => {
    const translate = useTranslate();
    return (
        <Alert severity="info" sx={{ mb: 2, width: '100%', maxWidth: 1100, boxSizing: 'border-box' }}>
            {translate('app.incoming.paper.hint')}
        </Alert>
    );
};

export const IncomingCreate = () => (
    <Create title="app.incoming.create_paper" redirect="show">
        <SimpleForm defaultValues={{ urgency: 'normal' }}>
            <PaperIntakeHint />
            <SenderInputs />
            <DocumentMetadataInputs signerRequired={false} />
            <FileInput
                source="files"
                multiple
                accept={{ 'application/pdf': ['.pdf'], 'image/jpeg': ['.jpg', '.jpeg'] }}
                validate={required()}
                helperText="app.incoming.paper.files_helper"
                sx={{ width: '100%', maxWidth: 1100 }}
            >
                <FileField source="src" title="title" />
            </FileInput>
        </SimpleForm>
    </Create>
);
