// One policy, read-only (everyone but admins land here from the list).
import { EditButton, Show, SimpleShowLayout, TextField, TopToolbar, usePermissions } from 'react-admin';
import { canRole } from '../auth/access';
import { DateTimeField } from '../fields/DateTimeField';
import { OrganizationCodeLink } from '../organizations/OrganizationFields';
import type { Role } from '../types';
import { PolicyNameField, PolicyValueView } from './PolicyFields';
import { PolicyTitle } from './PolicyTitle';

const PolicyShowActions = () => {
    const { permissions } = usePermissions<Role[]>();
    return <TopToolbar>{canRole(permissions, 'policies', 'edit') && <EditButton />}</TopToolbar>;
};

export const PolicyShow = () => (
    <Show title={<PolicyTitle />} actions={<PolicyShowActions />}>
        <SimpleShowLayout>
            <PolicyNameField source="id" />
            <OrganizationCodeLink source="organizationCode" emptyText="app.policy.all_organizations" />
            <TextField source="description" />
            <PolicyValueView />
            <DateTimeField source="updatedAt" />
        </SimpleShowLayout>
    </Show>
);
