// The registers per organization and year (R-DOC-1): the next number, how many numbers were
// registered, voided, or used on paper before the system took over. Admins set a register's
// starting number here or on its page.
import { Button, DataTable, ExportButton, FilterButton, Link, List, TopToolbar, usePermissions } from 'react-admin';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import { canRole } from '../auth/access';
import { DateTimeField } from '../fields/DateTimeField';
import { currentVietnamYear } from '../fields/vietnamTime';
import { OrganizationCodeLink } from '../organizations/OrganizationFields';
import { RegisterKindField, organizationFilterInput, registerFilterInput, yearFilterInput } from '../register-entries/RegisterFields';
import type { Role } from '../types';
import { SetStartingNumberButton } from './SetStartingNumberButton';

const counterFilters = [organizationFilterInput, registerFilterInput, yearFilterInput];

const RegisterCounterListActions = () => {
    const { permissions } = usePermissions<Role[]>();
    return (
        <TopToolbar>
            <FilterButton />
            {canRole(permissions, 'register-entries', 'list') && (
                <Button component={Link} to="/register-entries" label="app.menu.register_entries">
                    <MenuBookIcon />
                </Button>
            )}
            <SetStartingNumberButton />
            <ExportButton />
        </TopToolbar>
    );
};

export const RegisterCounterList = () => (
    <List
        filters={counterFilters}
        filterDefaultValues={{ year: currentVietnamYear() }}
        actions={<RegisterCounterListActions />}
        sort={{ field: 'organizationCode', order: 'ASC' }}
        perPage={25}
        title="app.menu.register_counters"
    >
        <DataTable rowClick="show" bulkActionButtons={false} data-testid="register-counter-table">
            <DataTable.Col source="organizationCode">
                <OrganizationCodeLink source="organizationCode" />
            </DataTable.Col>
            <DataTable.Col source="register" field={RegisterKindField} />
            <DataTable.Col source="year" />
            <DataTable.NumberCol source="nextNumber" />
            <DataTable.NumberCol source="highestRegistered" disableSort />
            <DataTable.NumberCol source="registeredCount" disableSort />
            <DataTable.NumberCol source="voidedCount" disableSort />
            <DataTable.NumberCol source="paperCount" disableSort />
            <DataTable.Col source="lastChangedAt" field={DateTimeField} disableSort />
        </DataTable>
    </List>
);
