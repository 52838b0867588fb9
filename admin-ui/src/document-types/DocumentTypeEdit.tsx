// Editing a document type (admin, SPEC §4): name, abbreviation, order, active. No delete button:
// documents refer to types, so a type is retired by unticking "active".
import { Edit, SaveButton, SimpleForm, Toolbar } from 'react-admin';
import { DocumentTypeInputs, documentTypePayload } from './DocumentTypeInputs';
import { DocumentTypeTitle } from './DocumentTypeTitle';

const DocumentTypeEditToolbar = () => (
    <Toolbar>
        <SaveButton data-testid="document-type-save" />
    </Toolbar>
);

export const DocumentTypeEdit = () => (
    <Edit
        title={<DocumentTypeTitle />}
        redirect="list"
        mutationMode="pessimistic"
        transform={(data: Record<string, unknown>) => documentTypePayload(data, false)}
    >
        <SimpleForm toolbar={<DocumentTypeEditToolbar />}>
            <DocumentTypeInputs isCreate={false} />
        </SimpleForm>
    </Edit>
);
