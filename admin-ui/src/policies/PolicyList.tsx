// "Giờ làm việc và thời hạn" (R-CAL-1, R-DL-1..2): the default office hours, the organizations'
// own office hours, and the deadline policies. Everyone reads them; admins edit them and add or
// remove an organization's own office hours.
import { CreateButton, DataTable, List, TopToolbar, usePermissions } from 'react-admin';
import { canRole } from '../auth/access';
import { DateTimeField } from '../fields/DateTimeField';
import { OrganizationCodeLink } from '../organizations/OrganizationFields';
import type { Role } from '../types';
import { PolicyNameField, PolicySummaryField } from './PolicyFields';

const PolicyListActions = () => {
    const { permissions } = usePermissions<Role[]>();
    return (
        <TopToolbar>
            {canRole(permissions, 'policies', 'create') && (
                <CreateButton label="app.policy.create_override" data-testid="policy-create-override" />
            )}
        </TopToolbar>
    );
};

export const PolicyList = () => {
    const { permissions } = usePermissions<Role[]>();
    const canEdit = canRole(permissions, 'policies', 'edit');
    return (
        <List
            actions={<PolicyListActions />}
            sort={{ field: 'id', order: 'ASC' }}
            perPage={50}
            pagination={false}
            title="app.menu.policies"
        >
            <DataTable rowClick={canEdit ? 'edit' : 'show'} bulkActionButtons={false} data-testid="policy-table">
                <DataTable.Col source="id" field={PolicyNameField} />
                <DataTable.Col source="organizationCode" disableSort>
                    <OrganizationCodeLink source="organizationCode" emptyText="app.policy.all_organizations" />
                </DataTable.Col>
                <DataTable.Col source="value" field={PolicySummaryField} disableSort />
                <DataTable.Col source="description" disableSort />
                <DataTable.Col source="updatedAt" field={DateTimeField} />
            </DataTable>
        </List>
    );
};
