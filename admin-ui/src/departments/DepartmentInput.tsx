// Picking a department of one organization (routing-rule target, a user's department): only the
// organization's active departments are offered, searched by name on the server. Disabled until
// the organization is chosen.
import { AutocompleteInput, ReferenceInput, type AutocompleteInputProps } from 'react-admin';
import { searchByQ } from '../fields/OrganizationInput';

export const DepartmentInput = ({
    source,
    organizationCode,
    helperText,
    ...props
}: Omit<AutocompleteInputProps, 'source' | 'filterToQuery'> & { source: string; organizationCode: string | null | undefined }) => (
    <ReferenceInput source={source} reference="departments" filter={{ organizationCode: organizationCode ?? undefined, active: true }} sort={{ field: 'name', order: 'ASC' }} perPage={100}>
        <AutocompleteInput
            optionText="name"
            filterToQuery={searchByQ}
            disabled={!organizationCode}
            helperText={organizationCode ? helperText : 'app.department.choose_organization_first'}
            {...props}
        />
    </ReferenceInput>
);
