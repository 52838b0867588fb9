// Registering an organization (admin only). The server derives the parent
// from the code and refuses a code without an existing parent (R-ORG-2).
import { Create, SimpleForm } from 'react-admin';
import { OrganizationInputs, organizationPayload } from './OrganizationInputs';

export const OrganizationCreate = () => (
    <Create
        redirect="show"
        mutationMode="pessimistic"
        transform={(data: Record<string, unknown>) => organizationPayload(data, true)}
    >
        <SimpleForm mode="onBlur" reValidateMode="onBlur">
            <OrganizationInputs isCreate />
        </SimpleForm>
    </Create>
);
