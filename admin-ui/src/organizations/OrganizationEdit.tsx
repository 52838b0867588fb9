// Editing an organization's name, kind and contact data (admin only). The code
// is its identity and is never edited. Pessimistic, so server validation
// errors land on the fields.
import { Edit, SimpleForm } from 'react-admin';
import { OrganizationInputs, organizationPayload } from './OrganizationInputs';
import { OrganizationTitle } from './OrganizationTitle';

export const OrganizationEdit = () => (
    <Edit
        title={<OrganizationTitle />}
        redirect="show"
        mutationMode="pessimistic"
        transform={(data: Record<string, unknown>) => organizationPayload(data, false)}
    >
        <SimpleForm>
            <OrganizationInputs isCreate={false} />
        </SimpleForm>
    </Edit>
);
