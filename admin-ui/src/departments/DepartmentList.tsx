// "Phòng, ban" (admin): the departments of the organizations, which routing rules send documents
// to and users belong to; searched by name without accents, filtered by organization. Retired
// departments stay listed, greyed out (the history names them).
import { Chip, type SxProps } from '@mui/material';
import { CreateButton, DataTable, FilterButton, List, NullableBooleanInput, NumberField, SearchInput, TopToolbar, usePermissions, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { canRole } from '../auth/access';
import { NameAndCode } from '../fields/NameAndCode';
import { organizationFilter } from '../fields/OrganizationInput';
import type { Role } from '../types';
import type { Department } from './departmentTypes';

const departmentFilters = [
    <SearchInput key="q" source="q" alwaysOn />,
    organizationFilter(),
    <NullableBooleanInput key="active" source="active" trueLabel="app.department.active" falseLabel="app.department.inactive" />,
];

const DepartmentListActions = () => {
    const { permissions } = usePermissions<Role[]>();
    return (
        <TopToolbar>
            <FilterButton />
            {canRole(permissions, 'departments', 'create') && <CreateButton data-testid="department-create" />}
        </TopToolbar>
    );
};

const OrganizationField = (_props: FieldProps) => {
    const record = useRecordContext<Department>();
    return record ? <NameAndCode name={record.organizationName ?? record.organizationCode} code={record.organizationCode} /> : null;
};

const ActiveField = (_props: FieldProps) => {
    const record = useRecordContext<Department>();
    const translate = useTranslate();
    if (!record) return null;
    return <Chip size="small" color={record.active ? 'success' : 'default'} label={translate(record.active ? 'app.department.active' : 'app.department.inactive')} />;
};

const inactiveRowSx = (record: Department): SxProps => (record.active ? {} : { '& td': { opacity: 0.55 } });

export const DepartmentList = () => (
    <List filters={departmentFilters} empty={false} actions={<DepartmentListActions />} sort={{ field: 'organizationCode', order: 'ASC' }} perPage={50} title="app.menu.departments">
        <DataTable rowClick="edit" bulkActionButtons={false} rowSx={inactiveRowSx} data-testid="department-table">
            <DataTable.Col source="name" />
            <DataTable.Col source="organizationCode" field={OrganizationField} />
            <DataTable.Col source="userCount">
                <NumberField source="userCount" />
            </DataTable.Col>
            <DataTable.Col source="active" field={ActiveField} />
        </DataTable>
    </List>
);
