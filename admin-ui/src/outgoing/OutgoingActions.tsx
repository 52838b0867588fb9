// What the sender's clerks and leaders do with an outgoing document (R-OUT-1..4, R-RCL-1..3):
// issue it (optionally signing with the organization's certificate), recall it or update it
// with a reason, and per paper receiver print the copy, confirm it was dispatched and, after a
// recall, that it was retrieved. All pessimistic (DocumentActionButton).
import { useState } from 'react';
import { Alert, Checkbox, FormControlLabel, MenuItem, TextField } from '@mui/material';
import DeleteSweepIcon from '@mui/icons-material/DeleteSweep';
import EditNoteIcon from '@mui/icons-material/EditNote';
import LocalShippingIcon from '@mui/icons-material/LocalShipping';
import PrintIcon from '@mui/icons-material/Print';
import SendIcon from '@mui/icons-material/Send';
import UndoIcon from '@mui/icons-material/Undo';
import { useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { ApiFileButton } from '../documents/ApiFileButton';
import { ActionBar, DocumentActionButton, useCanOn } from '../documents/DocumentActionButton';
import { TextAreaField, VietnamDateTimeInput } from '../documents/dialogFields';
import { URGENCY_COLOR } from '../documents/documentStates';
import { toVietnamLocalInput, vietnamLocalInputToIso } from '../fields/vietnamTime';
import { URGENCIES, type Delivery, type DocumentChanges, type OutgoingDocument, type Urgency } from '../types';
import { changeOf, deliveryCodeOf, deliveryNameOf } from './deliveries';

const useCan = () => useCanOn('outgoing');

const useOutgoingAction = () => useDataProvider<AppDataProvider>().outgoingAction;

/** Phát hành (R-OUT-1, R-OUT-2): number, identifier, register entry, delivery to every receiver. */
export const IssueButton = () => {
    const record = useRecordContext<OutgoingDocument>();
    const can = useCan();
    const act = useOutgoingAction();
    const translate = useTranslate();
    const [signOnServer, setSignOnServer] = useState(false);
    if (!record || record.status !== 'draft' || !can('issue')) return null;
    const signed = record.legalValidity === 'legally_valid' || !!record.signedAt;
    return (
        <DocumentActionButton
            label="app.outgoing.issue.button"
            icon={<SendIcon />}
            testId="outgoing-issue"
            variant="contained"
            dialogTitle="app.outgoing.issue.dialog_title"
            dialogContent={translate('app.outgoing.issue.dialog_content', { summary: record.summary })}
            confirmLabel="app.outgoing.issue.confirm"
            successMessage="app.outgoing.issue.success"
            successArgs={result => ({ number: (result as { data?: { numberAndNotation?: string } })?.data?.numberAndNotation ?? '' })}
            onOpen={() => setSignOnServer(!signed)}
            onConfirm={() => act(record.id, 'issue', signOnServer ? { signOnServer: true } : {})}
        >
            {!signed && (
                <Alert severity="warning" sx={{ mb: 1 }} data-testid="outgoing-issue-unsigned">
                    {translate('app.outgoing.issue.unsigned')}
                </Alert>
            )}
            <FormControlLabel
                control={<Checkbox checked={signOnServer} onChange={event => setSignOnServer(event.target.checked)} data-testid="outgoing-issue-sign-on-server" />}
                label={translate('app.outgoing.issue.sign_on_server')}
            />
        </DocumentActionButton>
    );
};

/** Thu hồi (R-RCL-1): every receiver is asked to cancel the document and answer. */
export const RecallButton = () => {
    const record = useRecordContext<OutgoingDocument>();
    const can = useCan();
    const act = useOutgoingAction();
    const translate = useTranslate();
    const [reason, setReason] = useState('');
    const [tried, setTried] = useState(false);
    if (!record || record.status !== 'issued' || !can('recall')) return null;
    return (
        <DocumentActionButton
            label="app.outgoing.recall.button"
            icon={<UndoIcon />}
            testId="outgoing-recall"
            color="error"
            dialogTitle="app.outgoing.recall.dialog_title"
            dialogContent={translate('app.outgoing.recall.dialog_content')}
            confirmLabel="app.outgoing.recall.confirm"
            successMessage="app.outgoing.recall.success"
            onOpen={() => {
                setReason('');
                setTried(false);
            }}
            validate={() => {
                setTried(true);
                return reason.trim() !== '';
            }}
            onConfirm={() => act(record.id, 'recall', { reason: reason.trim() })}
        >
            <TextAreaField label="app.outgoing.recall.reason" value={reason} onChange={setReason} required showError={tried} testId="outgoing-recall-reason" autoFocus />
        </DocumentActionButton>
    );
};

/** Cập nhật (R-RCL-3): corrected metadata sent to every receiver, who applies it and answers. */
export const UpdateButton = () => {
    const record = useRecordContext<OutgoingDocument>();
    const can = useCan();
    const act = useOutgoingAction();
    const translate = useTranslate();
    const [summary, setSummary] = useState('');
    const [field, setField] = useState('');
    const [urgency, setUrgency] = useState<Urgency>('normal');
    const [due, setDue] = useState('');
    const [reason, setReason] = useState('');
    const [tried, setTried] = useState(false);
    if (!record || record.status !== 'issued' || !can('update')) return null;
    const original = { summary: record.summary ?? '', field: record.field ?? '', urgency: record.urgency, due: record.dueAt ? toVietnamLocalInput(record.dueAt) : '' };
    const changes = (): DocumentChanges => {
        const c: DocumentChanges = {};
        if (summary.trim() && summary.trim() !== original.summary) c.summary = summary.trim();
        if (field.trim() !== original.field) c.field = field.trim() || null;
        if (urgency !== original.urgency) c.urgency = urgency;
        if (due !== original.due) c.dueAt = due ? vietnamLocalInputToIso(due) : null;
        return c;
    };
    const changed = Object.keys(changes()).length > 0;
    return (
        <DocumentActionButton
            label="app.outgoing.update.button"
            icon={<EditNoteIcon />}
            testId="outgoing-update"
            dialogTitle="app.outgoing.update.dialog_title"
            dialogContent={translate('app.outgoing.update.dialog_content')}
            confirmLabel="app.outgoing.update.confirm"
            successMessage="app.outgoing.update.success"
            onOpen={() => {
                setSummary(original.summary);
                setField(original.field);
                setUrgency(original.urgency);
                setDue(original.due);
                setReason('');
                setTried(false);
            }}
            validate={() => {
                setTried(true);
                return changed && reason.trim() !== '';
            }}
            onConfirm={() => act(record.id, 'update', { reason: reason.trim(), changes: changes() })}
        >
            {tried && !changed && (
                <Alert severity="warning" sx={{ mb: 1 }} data-testid="outgoing-update-nothing">
                    {translate('app.outgoing.update.nothing_changed')}
                </Alert>
            )}
            <TextField
                label={translate('resources.outgoing.fields.summary')}
                value={summary}
                onChange={event => setSummary(event.target.value)}
                multiline
                minRows={2}
                fullWidth
                margin="normal"
                slotProps={{ htmlInput: { 'data-testid': 'outgoing-update-summary', maxLength: 2000 } }}
            />
            <TextField
                label={translate('resources.outgoing.fields.field')}
                value={field}
                onChange={event => setField(event.target.value)}
                fullWidth
                margin="normal"
                slotProps={{ htmlInput: { 'data-testid': 'outgoing-update-field', maxLength: 200 } }}
            />
            <TextField
                select
                label={translate('resources.outgoing.fields.urgency')}
                value={urgency}
                onChange={event => setUrgency(event.target.value as Urgency)}
                fullWidth
                margin="normal"
            >
                {URGENCIES.map(u => (
                    <MenuItem key={u} value={u} sx={{ color: URGENCY_COLOR[u] === 'default' ? undefined : `${URGENCY_COLOR[u]}.main` }}>
                        {translate(`app.document.urgency.${u}`)}
                    </MenuItem>
                ))}
            </TextField>
            <VietnamDateTimeInput label="resources.outgoing.fields.dueAt" value={due} onChange={setDue} testId="outgoing-update-due" />
            <TextAreaField label="app.outgoing.update.reason" value={reason} onChange={setReason} required showError={tried} testId="outgoing-update-reason" />
        </DocumentActionButton>
    );
};

/** In bản giấy (R-OUT-4, R-CONN-3): the signed document printed for one paper receiver. */
export const PrintForReceiverButton = ({ delivery }: { delivery: Delivery }) => {
    const record = useRecordContext<OutgoingDocument>();
    const can = useCan();
    const code = deliveryCodeOf(delivery);
    if (!record || !record.issuedAt || !['paper', 'both'].includes(delivery.channel) || !can('print')) return null;
    return (
        <ApiFileButton
            label="app.outgoing.print.button"
            path={`/outgoing/${encodeURIComponent(record.id)}/printable?to=${encodeURIComponent(code)}`}
            name={`ban-in-${code}.pdf`}
            icon={<PrintIcon />}
            testId={`outgoing-print-${code}`}
        />
    );
};

/** Đã gửi bản giấy (R-OUT-4): the clerk confirms the paper copy left for this receiver. */
export const PaperDispatchedButton = ({ delivery }: { delivery: Delivery }) => {
    const record = useRecordContext<OutgoingDocument>();
    const can = useCan();
    const act = useOutgoingAction();
    const translate = useTranslate();
    const [note, setNote] = useState('');
    const code = deliveryCodeOf(delivery);
    if (!record || record.status !== 'issued' || delivery.paperStatus !== 'pending' || !can('paper_dispatched')) return null;
    return (
        <DocumentActionButton
            label="app.outgoing.paper_dispatched.button"
            icon={<LocalShippingIcon />}
            testId={`outgoing-paper-dispatched-${code}`}
            variant="text"
            dialogTitle="app.outgoing.paper_dispatched.dialog_title"
            dialogContent={translate('app.outgoing.paper_dispatched.dialog_content', { receiver: deliveryNameOf(delivery) })}
            confirmLabel="app.outgoing.paper_dispatched.confirm"
            successMessage="app.outgoing.paper_dispatched.success"
            onOpen={() => setNote('')}
            onConfirm={() => act(record.id, 'paper-dispatched', note.trim() ? { receiverCode: code, note: note.trim() } : { receiverCode: code })}
        >
            <TextAreaField label="app.outgoing.paper_dispatched.note" value={note} onChange={setNote} testId="outgoing-paper-dispatched-note" />
        </DocumentActionButton>
    );
};

/** Đã thu hồi bản giấy (R-RCL-1): after a recall, the paper copy sent to this receiver came back. */
export const PaperRecalledButton = ({ delivery, taskOpen }: { delivery: Delivery; taskOpen: boolean }) => {
    const record = useRecordContext<OutgoingDocument>();
    const can = useCan();
    const act = useOutgoingAction();
    const translate = useTranslate();
    const code = deliveryCodeOf(delivery);
    const change = changeOf(delivery);
    const waiting = delivery.paperStatus === 'dispatched' && !!change && change.kind !== 'update' && change.code === '13';
    if (!record || !(taskOpen || waiting) || !can('paper_recalled')) return null;
    return (
        <DocumentActionButton
            label="app.outgoing.paper_recalled.button"
            icon={<DeleteSweepIcon />}
            testId={`outgoing-paper-recalled-${code}`}
            variant="text"
            color="warning"
            dialogTitle="app.outgoing.paper_recalled.dialog_title"
            dialogContent={translate('app.outgoing.paper_recalled.dialog_content', { receiver: deliveryNameOf(delivery) })}
            confirmLabel="app.outgoing.paper_recalled.confirm"
            successMessage="app.outgoing.paper_recalled.success"
            onConfirm={() => act(record.id, 'paper-recalled', { receiverCode: code })}
        />
    );
};

export const OutgoingActionButtons = () => {
    const record = useRecordContext<OutgoingDocument>();
    if (!record) return null;
    return (
        <ActionBar testId="outgoing-actions">
            <IssueButton />
            <UpdateButton />
            <RecallButton />
        </ActionBar>
    );
};
