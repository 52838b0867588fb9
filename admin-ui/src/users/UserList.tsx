// "Người dùng" (R-SEC-2, admin): the accounts with accent-insensitive search and filters on
// organization, role and activity; create, edit, deactivate or reactivate, reset a password.
// Deactivated accounts stay in the list (history refers to them), greyed out.
import { Stack, type SxProps } from '@mui/material';
import {
    CreateButton,
    DataTable,
    ExportButton,
    FilterButton,
    List,
    NullableBooleanInput,
    SearchInput,
    SelectInput,
    TopToolbar,
    usePermissions,
} from 'react-admin';
import { canRole } from '../auth/access';
import { organizationFilter } from '../fields/OrganizationInput';
import type { Role, User } from '../types';
import { ResetPasswordButton } from './ResetPasswordButton';
import { ToggleActiveButton } from './ToggleActiveButton';
import { ActiveField, RolesField, UserOrganizationField, roleChoices } from './UserFields';

const userFilters = [
    <SearchInput key="q" source="q" alwaysOn />,
    organizationFilter(),
    <SelectInput key="role" source="role" choices={roleChoices()} />,
    <NullableBooleanInput key="active" source="active" trueLabel="app.user.active" falseLabel="app.user.inactive" />,
];

const UserListActions = () => {
    const { permissions } = usePermissions<Role[]>();
    return (
        <TopToolbar>
            <FilterButton />
            {canRole(permissions, 'users', 'create') && <CreateButton data-testid="user-create" />}
            <ExportButton />
        </TopToolbar>
    );
};

const RowActions = () => (
    <Stack direction="row" spacing={0.5} sx={{ justifyContent: 'flex-end' }}>
        <ResetPasswordButton compact />
        <ToggleActiveButton compact />
    </Stack>
);

const inactiveRowSx = (record: User): SxProps => (record.active ? {} : { '& td:not(:last-of-type)': { opacity: 0.55 } });

export const UserList = () => (
    <List filters={userFilters} actions={<UserListActions />} sort={{ field: 'username', order: 'ASC' }} perPage={25}>
        <DataTable bulkActionButtons={false} rowClick="edit" rowSx={inactiveRowSx} data-testid="user-table">
            <DataTable.Col source="username" />
            <DataTable.Col source="fullName" />
            <DataTable.Col source="position" disableSort />
            <DataTable.Col source="organizationCode" field={UserOrganizationField} />
            <DataTable.Col source="roles" field={RolesField} disableSort />
            <DataTable.Col source="active" field={ActiveField} />
            <DataTable.Col>
                <RowActions />
            </DataTable.Col>
        </DataTable>
    </List>
);
