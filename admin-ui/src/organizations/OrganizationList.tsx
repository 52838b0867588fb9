// Organizations as a searchable table (R-ORG-2); the tree is OrganizationTree.
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import {
    Button,
    CreateButton,
    DataTable,
    ExportButton,
    FilterButton,
    List,
    SearchInput,
    SelectInput,
    TopToolbar,
    usePermissions,
} from 'react-admin';
import { Link } from 'react-admin';
import { canRole } from '../auth/access';
import { DateTimeField } from '../fields/DateTimeField';
import type { Role } from '../types';
import {
    ConnectionStateField,
    OrganizationCodeLink,
    OrganizationKindField,
    organizationKindChoices,
} from './OrganizationFields';

const organizationFilters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="kind" source="kind" choices={organizationKindChoices} />,
];

const OrganizationListActions = () => {
    const { permissions } = usePermissions<Role[]>();
    return (
        <TopToolbar>
            <FilterButton />
            <Button component={Link} to="/organization-tree" label="app.menu.organization_tree">
                <AccountTreeIcon />
            </Button>
            {canRole(permissions, 'organizations', 'create') && <CreateButton />}
            <ExportButton />
        </TopToolbar>
    );
};

export const OrganizationList = () => (
    <List
        filters={organizationFilters}
        actions={<OrganizationListActions />}
        sort={{ field: 'code', order: 'ASC' }}
        perPage={25}
    >
        <DataTable rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="code" />
            <DataTable.Col source="name" />
            <DataTable.Col source="shortName" />
            <DataTable.Col source="kind" field={OrganizationKindField} />
            <DataTable.Col source="parentCode">
                <OrganizationCodeLink source="parentCode" />
            </DataTable.Col>
            <DataTable.Col source="connectionState" field={ConnectionStateField} />
            <DataTable.Col source="connectedAt" field={DateTimeField} />
        </DataTable>
    </List>
);
