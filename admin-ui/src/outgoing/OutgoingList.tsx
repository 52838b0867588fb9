// "Văn bản đi": the outgoing documents of the caller's organization (admins all, supervisors
// their subtree) — drafts, issued, recalled, replaced. Priority mode (R-DL-4): the most urgent
// first, then newest, highlighted. Clerks and leaders start a new draft from here (R-OUT-1). The
// register (R-DOC-2) is searched without accents (receivers' names too) and exported as CSV / XLSX.
import {
    CreateButton,
    DataTable,
    FilterButton,
    TopToolbar,
    useRecordContext,
    useTranslate,
    usePermissions,
    type FieldProps,
} from 'react-admin';
import { canRole } from '../auth/access';
import {
    DocumentSummaryField,
    DocumentTypeField,
    LegalValidityField,
    OutgoingStatusField,
    UrgencyField,
} from '../documents/DocumentFields';
import { PriorityList, documentFilters } from '../documents/PriorityList';
import { RegisterExportButton } from '../documents/RegisterExportButton';
import { outgoingStatusChoices, receiverCodeOf, receiverNameOf } from '../documents/documentStates';
import { DateKeyField } from '../fields/DateKeyField';
import { DateTimeField } from '../fields/DateTimeField';
import type { OutgoingDocument, Role } from '../types';

const outgoingFilters = documentFilters(outgoingStatusChoices);

const OutgoingListActions = () => {
    const { permissions } = usePermissions<Role[]>();
    return (
        <TopToolbar>
            <FilterButton />
            {canRole(permissions, 'outgoing', 'create') && <CreateButton label="app.outgoing.create" data-testid="outgoing-create" />}
            <RegisterExportButton resource="outgoing" />
        </TopToolbar>
    );
};

/** The receivers in one line: "UBND tỉnh, Sở Tài chính (+3)". */
const ReceiversField = (_props: FieldProps) => {
    const record = useRecordContext<OutgoingDocument>();
    const translate = useTranslate();
    const receivers = record?.receivers ?? [];
    if (!receivers.length) return null;
    const names = receivers.slice(0, 2).map(r => receiverNameOf(r) || receiverCodeOf(r));
    const more = receivers.length - names.length;
    return <span>{`${names.join(', ')}${more > 0 ? ` ${translate('app.outgoing.more_receivers', { smart_count: more })}` : ''}`}</span>;
};

export const OutgoingList = () => (
    <PriorityList filters={outgoingFilters} empty={false} actions={<OutgoingListActions />} perPage={25} title="app.menu.outgoing" testId="outgoing-table">
            <DataTable.Col source="urgency" field={UrgencyField} />
            <DataTable.Col source="numberAndNotation" field={DocumentSummaryField} />
            <DataTable.Col source="documentDate">
                <DateKeyField source="documentDate" withWeekday={false} />
            </DataTable.Col>
            <DataTable.Col source="typeCode" field={DocumentTypeField} />
            <DataTable.Col source="receivers" field={ReceiversField} disableSort />
            <DataTable.Col source="issuedAt">
                <DateTimeField source="issuedAt" />
            </DataTable.Col>
            <DataTable.Col source="legalValidity" disableSort>
                <LegalValidityField source="legalValidity" compact />
            </DataTable.Col>
            <DataTable.Col source="status" field={OutgoingStatusField} />
    </PriorityList>
);
