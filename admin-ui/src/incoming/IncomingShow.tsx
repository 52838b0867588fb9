// An incoming document (R-REC, R-ROUTE, R-DL, R-RCL): where it stands (status and edXML code,
// urgency, legal validity R-DOC-4, deadline colour), the pending change request, its metadata,
// the receipt checks (R-REC-2), its files, its history (R-DOC-3) and the decisions the caller
// may take now (IncomingActions).
import { Alert, AlertTitle, Box, Grid, Typography } from '@mui/material';
import { NumberField, TextField, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { DocumentSection } from '../documents/DocumentSection';
import { DocumentTypeField, IncomingStatusChip, SenderField } from '../documents/DocumentFields';
import { DocumentHeader, DocumentShow, FilesAndHistory, StepDeadline } from '../documents/DocumentPage';
import { incomingDeadlineOf } from '../documents/documentStates';
import { DateKeyField } from '../fields/DateKeyField';
import { DateTimeField } from '../fields/DateTimeField';
import { GridField } from '../fields/GridField';
import type { DocumentChanges, IncomingDocument } from '../types';
import { IncomingActionButtons } from './IncomingActions';
import { IncomingTitle } from './IncomingTitle';
import { ReceiptChecksPanel } from './ReceiptChecksPanel';

/** The current step's deadline (or the document's own) in green, amber or red. */
export const IncomingDeadline = () => {
    const record = useRecordContext<IncomingDocument>();
    const translate = useTranslate();
    const deadline = record ? incomingDeadlineOf(record) : null;
    if (!deadline) return null;
    return (
        <StepDeadline deadline={deadline} testId="incoming-deadline">
            {(deadline.reminded || deadline.remindedAt) && <Typography variant="caption">{translate('app.document.deadline.reminded')}</Typography>}
            {(deadline.escalationLevel ?? 0) > 0 && (
                <Typography variant="caption" color="error">
                    {translate('app.document.deadline.escalated', { level: deadline.escalationLevel })}
                </Typography>
            )}
        </StepDeadline>
    );
};

const ChangesList = ({ changes }: { changes: DocumentChanges }) => {
    const translate = useTranslate();
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
    if (!entries.length) return null;
    return (
        <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {entries.map(([field, value]) => (
                <li key={field}>
                    {translate(`app.document.changes.${field}`, { _: field })}: {value === null ? '—' : String(value)}
                </li>
            ))}
        </Box>
    );
};

/** R-RCL-1..3: the sender asks to recall, update or replace this document. */
const PendingChangeBanner = () => {
    const record = useRecordContext<IncomingDocument>();
    const translate = useTranslate();
    const change = record?.pendingChange;
    if (!change) return null;
    return (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="pending-change">
            <AlertTitle>{translate(`app.document.pending_change.${change.kind}`, { _: change.kind })}</AlertTitle>
            {translate('app.document.pending_change.reason', { reason: change.reason })}
            {change.changes && <ChangesList changes={change.changes} />}
            <Typography variant="body2" sx={{ mt: 0.5 }}>
                {translate('app.document.pending_change.answer_hint')}
            </Typography>
        </Alert>
    );
};

const StateBanners = () => {
    const record = useRecordContext<IncomingDocument>();
    const translate = useTranslate();
    if (!record) return null;
    return (
        <>
            {record.status === 'recalled' && (
                <Alert severity="info" sx={{ mb: 2 }} data-testid="recalled-banner">
                    {translate('app.document.recalled_banner')}
                    {record.recallReason ? ` ${translate('app.document.pending_change.reason', { reason: record.recallReason })}` : ''}
                </Alert>
            )}
            {record.legalValidity === 'information_only' && (
                <Alert severity="info" sx={{ mb: 2 }} data-testid="information-only-banner">
                    {translate('app.document.legal_validity_hint.information_only')}
                </Alert>
            )}
        </>
    );
};

const Header = () => {
    const record = useRecordContext<IncomingDocument>();
    if (!record) return null;
    return <DocumentHeader status={<IncomingStatusChip status={record.status} code={record.statusCode} />} deadline={<IncomingDeadline />} testId="incoming-header" />;
};

const Handlers = () => {
    const record = useRecordContext<IncomingDocument>();
    const translate = useTranslate();
    if (!record?.mainHandlerId && !record?.mainHandlerName) return null;
    const coHandlers = (record.handlers ?? []).filter(h => h.role === 'co').map(h => h.fullName ?? h.userId);
    return (
        <Grid container spacing={2} sx={{ width: '100%' }}>
            <Grid size={{ xs: 12, md: 4 }}>
                <Typography variant="caption" color="text.secondary">
                    {translate('resources.incoming.fields.mainHandlerName')}
                </Typography>
                <Typography variant="body2" data-testid="incoming-main-handler">
                    {record.mainHandlerName ?? record.mainHandlerId}
                </Typography>
            </Grid>
            <Grid size={{ xs: 12, md: 8 }}>
                <Typography variant="caption" color="text.secondary">
                    {translate('resources.incoming.fields.coHandlers')}
                </Typography>
                <Typography variant="body2" data-testid="incoming-co-handlers">
                    {coHandlers.join(', ') || '—'}
                </Typography>
            </Grid>
            {record.result && (
                <Grid size={{ xs: 12 }}>
                    <Typography variant="caption" color="text.secondary">
                        {translate('resources.incoming.fields.result')}
                    </Typography>
                    <Typography variant="body2" data-testid="incoming-result">
                        {record.result}
                    </Typography>
                </Grid>
            )}
        </Grid>
    );
};

const RoutedRule = () => {
    const record = useRecordContext<IncomingDocument>();
    const translate = useTranslate();
    const rule = record?.routedRule;
    if (!rule) return null;
    return (
        <Typography variant="body2" sx={{ mt: 1 }} data-testid="incoming-routed-rule">
            {translate('app.incoming.routed_by_rule', { name: rule.name, version: rule.version })}
            {rule.reasons?.length ? ` (${rule.reasons.join('; ')})` : ''}
        </Typography>
    );
};

/** R-REC-5: electronic, electronic with a paper copy, or a scanned paper document. */
const IntakeField = (_props: FieldProps) => {
    const record = useRecordContext<IncomingDocument>();
    const translate = useTranslate();
    return (
        <Typography component="span" variant="body2" data-testid="incoming-intake">
            {translate(`app.document.intake.${record?.intake ?? 'electronic'}`)}
        </Typography>
    );
};

const IncomingDetail = () => {
    const record = useRecordContext<IncomingDocument>();
    const translate = useTranslate();
    if (!record) return null;
    return (
        <Box sx={{ p: 2 }}>
            <Header />
            <PendingChangeBanner />
            <StateBanners />
            <Grid container spacing={2} sx={{ width: '100%' }}>
                <GridField><TextField source="numberAndNotation" emptyText="—" /></GridField>
                <GridField><DateKeyField source="documentDate" withWeekday={false} /></GridField>
                <GridField><DocumentTypeField source="typeCode" label="resources.incoming.fields.typeCode" /></GridField>
                <GridField md={12}><TextField source="summary" /></GridField>
                <GridField><SenderField source="senderName" label="resources.incoming.fields.senderName" /></GridField>
                <GridField><TextField source="signerName" emptyText="—" /></GridField>
                <GridField><TextField source="signerPosition" emptyText="—" /></GridField>
                <GridField><TextField source="field" emptyText="—" /></GridField>
                <GridField><DateTimeField source="sentAt" withOffset emptyText="—" /></GridField>
                <GridField><DateTimeField source="receivedAt" withOffset emptyText="—" /></GridField>
                <GridField><NumberField source="registerNumber" emptyText="—" /></GridField>
                <GridField><DateTimeField source="dueAt" withOffset emptyText="—" /></GridField>
                <GridField><TextField source="storagePlace" emptyText="—" /></GridField>
                <GridField><NumberField source="copies" emptyText="—" /></GridField>
                <GridField><NumberField source="pageCount" emptyText="—" /></GridField>
                <GridField><IntakeField source="intake" /></GridField>
                {record.paperReceivedAt && <GridField><DateTimeField source="paperReceivedAt" withOffset /></GridField>}
                {record.notes && <GridField md={12}><TextField source="notes" /></GridField>}
            </Grid>
            <DocumentSection title="app.incoming.section.processing">
                <Handlers />
                <RoutedRule />
                {!record.mainHandlerId && !record.routedRule && (
                    <Typography variant="body2" color="text.secondary">
                        {translate('app.incoming.not_assigned')}
                    </Typography>
                )}
            </DocumentSection>
            <DocumentSection title="app.document.checks.title">
                <ReceiptChecksPanel />
            </DocumentSection>
            <FilesAndHistory />
        </Box>
    );
};

export const IncomingShow = () => (
    // Decisions are pessimistic; the record is read again after each (DocumentActionButton).
    <DocumentShow title={<IncomingTitle />} actions={<IncomingActionButtons />}>
        <IncomingDetail />
    </DocumentShow>
);
