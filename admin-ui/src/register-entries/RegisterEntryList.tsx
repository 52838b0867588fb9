// "Sổ văn bản" (R-DOC-1, R-DOC-2): the numbers of the incoming and outgoing registers, voided ones
// included (a voided number stays in the register). Admins see every register, supervisors their
// subtree, clerks and leaders their own organization's. Admins void a number with a reason.
// Searched as the register recorded each document: text without accents ("so noi vu" finds
// "Sở Nội vụ"; digits alone also the number), registration and document dates, type, urgency.
import {
    Button,
    DataTable,
    DateInput,
    ExportButton,
    FilterButton,
    Link,
    List,
    NullableBooleanInput,
    ReferenceInput,
    SearchInput,
    SelectInput,
    TopToolbar,
    usePermissions,
} from 'react-admin';
import FormatListNumberedIcon from '@mui/icons-material/FormatListNumbered';
import { canRole } from '../auth/access';
import { DateTimeField } from '../fields/DateTimeField';
import { urgencyChoices } from '../documents/documentStates';
import { currentVietnamYear } from '../fields/vietnamTime';
import { OrganizationCodeLink } from '../organizations/OrganizationFields';
import type { RegisterEntry, Role } from '../types';
import {
    RegisterDocumentField,
    RegisterKindField,
    RegisterNumberField,
    StoragePlaceField,
    VoidedField,
    organizationFilterInput,
    registerFilterInput,
    yearFilterInput,
} from './RegisterFields';
import { VoidEntryButton } from './VoidEntryButton';

const entryFilters = [
    <SearchInput key="q" source="q" alwaysOn />,
    organizationFilterInput,
    registerFilterInput,
    yearFilterInput,
    <NullableBooleanInput
        key="voided"
        source="voided"
        trueLabel="app.register.voided"
        falseLabel="app.register.valid"
    />,
    <DateInput key="from" source="from" />,
    <DateInput key="to" source="to" />,
    <DateInput key="documentDateFrom" source="documentDateFrom" />,
    <DateInput key="documentDateTo" source="documentDateTo" />,
    <ReferenceInput key="typeCode" source="typeCode" reference="document-types" sort={{ field: 'sortOrder', order: 'ASC' }} perPage={100}>
        <SelectInput optionText="name" />
    </ReferenceInput>,
    <SelectInput key="urgency" source="urgency" choices={urgencyChoices} />,
];

const RegisterEntryListActions = () => {
    const { permissions } = usePermissions<Role[]>();
    return (
        <TopToolbar>
            <FilterButton />
            {canRole(permissions, 'register-counters', 'list') && (
                <Button component={Link} to="/register-counters" label="app.menu.register_counters">
                    <FormatListNumberedIcon />
                </Button>
            )}
            <ExportButton />
        </TopToolbar>
    );
};

const voidedRowSx = (record: RegisterEntry) => (record.voided ? { backgroundColor: 'rgba(211, 47, 47, 0.05)' } : {});

export const RegisterEntryList = () => (
    <List
        filters={entryFilters}
        filterDefaultValues={{ year: currentVietnamYear() }}
        actions={<RegisterEntryListActions />}
        sort={{ field: 'registeredAt', order: 'DESC' }}
        perPage={25}
        title="app.menu.register_entries"
    >
        <DataTable rowClick="show" bulkActionButtons={false} rowSx={voidedRowSx} data-testid="register-entry-table">
            <DataTable.Col source="number" field={RegisterNumberField} />
            <DataTable.Col source="register" field={RegisterKindField} disableSort />
            <DataTable.Col source="year" />
            <DataTable.Col source="organizationCode">
                <OrganizationCodeLink source="organizationCode" />
            </DataTable.Col>
            <DataTable.Col source="registeredAt" field={DateTimeField} />
            <DataTable.Col source="details" label="app.register.document" field={RegisterDocumentField} disableSort />
            <DataTable.Col source="details.storagePlace" field={StoragePlaceField} disableSort />
            <DataTable.Col source="voided" field={VoidedField} disableSort />
            <DataTable.Col>
                <VoidEntryButton />
            </DataTable.Col>
        </DataTable>
    </List>
);
