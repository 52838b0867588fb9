// Adding a document type (admin, SPEC §4). Pessimistic: a code, name or abbreviation already in
// use (409) lands on its field. Without an order the type goes to the end of the list.
import { Create, SimpleForm } from 'react-admin';
import { DocumentTypeInputs, documentTypePayload } from './DocumentTypeInputs';

export const DocumentTypeCreate = () => (
    <Create
        title="app.document_type.create_title"
        redirect="list"
        mutationMode="pessimistic"
        transform={(data: Record<string, unknown>) => documentTypePayload(data, true)}
    >
        <SimpleForm defaultValues={{ active: true }}>
            <DocumentTypeInputs isCreate />
        </SimpleForm>
    </Create>
);
