// "Văn bản đến": the incoming register / inbox of the caller's organization (admins all,
// supervisors their subtree). Priority mode (R-DL-4): the server lists urgent documents first
// and they are highlighted; deadlines are coloured (R-DL-2). Clerks get a "Chờ tiếp nhận" quick
// filter (status arrived), the intake form of a plain paper document (R-REC-5) and the
// acceptance of several arrived documents at once. The default order is the server's "urgency"
// sort: most urgent first, then newest. The register (R-DOC-1) is searched without accents and
// exported as CSV / XLSX with the filters shown.
import { Chip } from '@mui/material';
import HourglassTopIcon from '@mui/icons-material/HourglassTop';
import {
    CreateButton,
    DataTable,
    FilterButton,
    TopToolbar,
    useListContext,
    usePermissions,
    useRecordContext,
    useTranslate,
    type FieldProps,
} from 'react-admin';
import { canRole } from '../auth/access';
import {
    DeadlineChip,
    DocumentSummaryField,
    DocumentTypeField,
    IncomingStatusField,
    LegalValidityField,
    SenderField,
    UrgencyField,
} from '../documents/DocumentFields';
import { PriorityList, documentFilters } from '../documents/PriorityList';
import { RegisterExportButton } from '../documents/RegisterExportButton';
import { incomingDeadlineOf, incomingStatusChoices, stepDeadlineTone } from '../documents/documentStates';
import { DateTimeField } from '../fields/DateTimeField';
import { organizationFilter } from '../fields/OrganizationInput';
import { QuickFilter } from '../fields/QuickFilter';
import type { IncomingDocument, Role } from '../types';
import { BulkAcceptButton, isBulkAcceptable } from './BulkAcceptButton';

const incomingFilters = documentFilters(
    incomingStatusChoices,
    organizationFilter('senderCode', { alwaysOn: false }),
    <QuickFilter key="overdue" source="overdue" label="app.document.overdue_only" defaultValue={true} />,
);

/** "Chờ tiếp nhận": the clerk's own queue, arrived documents only (toggles the status filter). */
const AwaitingReceptionToggle = () => {
    const { filterValues, displayedFilters, setFilters } = useListContext();
    const translate = useTranslate();
    const active = filterValues?.status === 'arrived';
    return (
        <Chip
            icon={<HourglassTopIcon />}
            label={translate('app.incoming.awaiting_reception')}
            color="primary"
            variant={active ? 'filled' : 'outlined'}
            onClick={() => {
                const { status: _status, ...rest } = filterValues ?? {};
                setFilters(active ? rest : { ...rest, status: 'arrived' }, { ...displayedFilters, status: true });
            }}
            sx={{ mr: 1 }}
            data-testid="incoming-awaiting-reception"
            aria-pressed={active}
        />
    );
};

const IncomingListActions = () => {
    const { permissions } = usePermissions<Role[]>();
    return (
        <TopToolbar sx={{ alignItems: 'center' }}>
            {canRole(permissions, 'incoming', 'accept') && <AwaitingReceptionToggle />}
            <FilterButton />
            {canRole(permissions, 'incoming', 'create') && <CreateButton label="app.incoming.create_paper" data-testid="incoming-create" />}
            <RegisterExportButton resource="incoming" />
        </TopToolbar>
    );
};

const IncomingDeadlineField = (_props: FieldProps) => {
    const record = useRecordContext<IncomingDocument>();
    const deadline = record ? incomingDeadlineOf(record) : null;
    if (!record || !deadline) return null;
    return <DeadlineChip dueAt={deadline.dueAt} tone={stepDeadlineTone(deadline)} testId={`incoming-deadline-${record.id}`} />;
};

export const IncomingList = () => {
    const { permissions } = usePermissions<Role[]>();
    const clerk = canRole(permissions, 'incoming', 'accept');
    return (
        <PriorityList
            filters={incomingFilters}
            empty={false}
            actions={<IncomingListActions />}
            perPage={25}
            title="app.menu.incoming"
            testId="incoming-table"
            bulkActionButtons={clerk ? <BulkAcceptButton /> : false}
            isRowSelectable={clerk ? isBulkAcceptable : undefined}
        >
            <DataTable.Col source="urgency" field={UrgencyField} />
            <DataTable.Col source="receivedAt">
                <DateTimeField source="receivedAt" />
            </DataTable.Col>
            <DataTable.Col source="registerNumber" />
            <DataTable.Col source="numberAndNotation" field={DocumentSummaryField} />
            <DataTable.Col source="senderName" field={SenderField} />
            <DataTable.Col source="typeCode" field={DocumentTypeField} />
            <DataTable.Col source="dueAt" field={IncomingDeadlineField} />
            <DataTable.Col source="status" field={IncomingStatusField} />
            <DataTable.Col source="legalValidity" disableSort>
                <LegalValidityField source="legalValidity" compact />
            </DataTable.Col>
        </PriorityList>
    );
};
