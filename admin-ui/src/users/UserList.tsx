// Users of the installation (admin only; read-only for now).
import { Chip, Stack } from '@mui/material';
import { BooleanField, DataTable, List, SearchInput, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { OrganizationCodeLink } from '../organizations/OrganizationFields';
import type { User } from '../types';

const RolesField = (_props: FieldProps) => {
    const record = useRecordContext<User>();
    const translate = useTranslate();
    if (!record) return null;
    return (
        <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap' }}>
            {(record.roles ?? []).map(role => (
                <Chip key={role} size="small" label={translate(`app.user.role.${role}`, { _: role })} />
            ))}
        </Stack>
    );
};

const userFilters = [<SearchInput key="q" source="q" alwaysOn />];

export const UserList = () => (
    <List filters={userFilters} sort={{ field: 'username', order: 'ASC' }} perPage={25}>
        <DataTable bulkActionButtons={false} rowClick={false}>
            <DataTable.Col source="username" />
            <DataTable.Col source="fullName" />
            <DataTable.Col source="organizationCode">
                <OrganizationCodeLink source="organizationCode" />
            </DataTable.Col>
            <DataTable.Col source="roles" field={RolesField} disableSort />
            <DataTable.Col source="active" field={BooleanField} />
        </DataTable>
    </List>
);
