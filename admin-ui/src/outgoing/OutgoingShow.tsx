// An outgoing document (R-OUT-1..5, R-RCL-1..3): status, urgency, whether its main PDF carries a
// valid signature (R-DOC-4), the sending deadline (R-OUT-3), its metadata and register data,
// per-receiver delivery tracking with the paper actions, its files and its history, and the
// actions of the organization's clerks and leaders (issue, update, recall).
import { Alert, Box, Grid } from '@mui/material';
import { NumberField, TextField, useRecordContext, useTranslate } from 'react-admin';
import { DocumentTypeField, OutgoingStatusChip } from '../documents/DocumentFields';
import { DocumentHeader, DocumentShow, FilesAndHistory, StepDeadline } from '../documents/DocumentPage';
import { DocumentSection } from '../documents/DocumentSection';
import { DateKeyField } from '../fields/DateKeyField';
import { DateTimeField } from '../fields/DateTimeField';
import { GridField } from '../fields/GridField';
import type { OutgoingDocument } from '../types';
import { DeliveryTable } from './DeliveryTable';
import { OutgoingActionButtons } from './OutgoingActions';
import { OutgoingTitle } from './OutgoingTitle';

/** R-OUT-3: the send deadline of a signed draft, or of paper copies still to dispatch. */
const SendingDeadline = () => {
    const record = useRecordContext<OutgoingDocument>();
    const deadline = record?.deadline;
    if (!record || !deadline?.dueAt || ['recalled', 'replaced'].includes(record.status)) return null;
    return <StepDeadline deadline={deadline} testId="outgoing-deadline" />;
};

const Header = () => {
    const record = useRecordContext<OutgoingDocument>();
    if (!record) return null;
    return <DocumentHeader status={<OutgoingStatusChip status={record.status} />} deadline={<SendingDeadline />} testId="outgoing-header" />;
};

const Banners = () => {
    const record = useRecordContext<OutgoingDocument>();
    const translate = useTranslate();
    if (!record) return null;
    return (
        <>
            {record.status === 'draft' && record.legalValidity !== 'legally_valid' && !record.signedAt && (
                <Alert severity="warning" sx={{ mb: 2 }} data-testid="outgoing-unsigned-banner">
                    {translate('app.outgoing.unsigned_banner')}
                </Alert>
            )}
            {record.status === 'recalled' && (
                <Alert severity="info" sx={{ mb: 2 }} data-testid="outgoing-recalled-banner">
                    {translate('app.outgoing.recalled_banner', { reason: record.recallReason ?? '' })}
                </Alert>
            )}
            {record.status === 'replaced' && (
                <Alert severity="info" sx={{ mb: 2 }}>
                    {translate('app.outgoing.replaced_banner')}
                </Alert>
            )}
        </>
    );
};

const OutgoingDetail = () => {
    const record = useRecordContext<OutgoingDocument>();
    if (!record) return null;
    return (
        <Box sx={{ p: 2 }}>
            <Header />
            <Banners />
            <Grid container spacing={2} sx={{ width: '100%' }}>
                <GridField><TextField source="numberAndNotation" emptyText="—" /></GridField>
                <GridField><TextField source="documentIdentifier" emptyText="—" /></GridField>
                <GridField><DateKeyField source="documentDate" withWeekday={false} /></GridField>
                <GridField><DocumentTypeField source="typeCode" label="resources.outgoing.fields.typeCode" /></GridField>
                <GridField><TextField source="field" emptyText="—" /></GridField>
                <GridField><TextField source="notation" emptyText="—" /></GridField>
                <GridField md={12}><TextField source="summary" /></GridField>
                <GridField><TextField source="signerPosition" emptyText="—" /></GridField>
                <GridField><TextField source="signerName" emptyText="—" /></GridField>
                <GridField><DateTimeField source="signedAt" withOffset emptyText="—" /></GridField>
                <GridField><DateTimeField source="issuedAt" withOffset emptyText="—" /></GridField>
                <GridField><DateTimeField source="dueAt" withOffset emptyText="—" /></GridField>
                <GridField><TextField source="createdByName" emptyText="—" /></GridField>
                <GridField><NumberField source="copies" emptyText="—" /></GridField>
                <GridField><NumberField source="pageCount" emptyText="—" /></GridField>
                {record.notes && <GridField md={12}><TextField source="notes" /></GridField>}
            </Grid>
            <DocumentSection title="app.outgoing.deliveries.title">
                <DeliveryTable />
            </DocumentSection>
            <FilesAndHistory />
        </Box>
    );
};

export const OutgoingShow = () => (
    <DocumentShow title={<OutgoingTitle />} actions={<OutgoingActionButtons />}>
        <OutgoingDetail />
    </DocumentShow>
);
