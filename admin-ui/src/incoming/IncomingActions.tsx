// The decisions on an incoming document (docs/document-processes.md, HTTP contract), each a
// button shown only to the roles that may take it and only in the status where it applies:
// accept / refuse (clerk, arrived; R-REC-3), route (clerk or leader, accepted and no rule fired;
// R-ROUTE-1), assign (leader; R-ROUTE-2), complete (main handler or leader), extend (leader;
// R-DL-3), paper received (clerk; R-REC-5), answer a recall (clerk; R-RCL-1), and the printable
// copy with the incoming stamp. All pessimistic (DocumentActionButton).
import { useState } from 'react';
import {
    Alert,
    Autocomplete,
    FormControlLabel,
    MenuItem,
    Radio,
    RadioGroup,
    TextField,
} from '@mui/material';
import AltRouteIcon from '@mui/icons-material/AltRoute';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import DoNotDisturbIcon from '@mui/icons-material/DoNotDisturb';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import InventoryIcon from '@mui/icons-material/Inventory';
import MoveToInboxIcon from '@mui/icons-material/MoveToInbox';
import PrintIcon from '@mui/icons-material/Print';
import ReplyIcon from '@mui/icons-material/Reply';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import { useDataProvider, useGetIdentity, useRecordContext, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { ApiFileButton } from '../documents/ApiFileButton';
import { ActionBar, DocumentActionButton, useCanOn } from '../documents/DocumentActionButton';
import { TextAreaField, VietnamDateTimeInput } from '../documents/dialogFields';
import { colleagueLabel, useColleagues } from '../documents/useColleagues';
import { toVietnamLocalInput, vietnamLocalInputToIso } from '../fields/vietnamTime';
import type { CheckResult, Colleague, IncomingDocument, RoutingTarget } from '../types';

const checksOf = (record: IncomingDocument): { ok: boolean | null; list: CheckResult[] } => {
    const checks = record.checks;
    if (!checks) return { ok: null, list: [] };
    if (Array.isArray(checks)) return { ok: checks.every(c => c.outcome !== 'failed'), list: checks };
    return { ok: checks.ok, list: checks.checks ?? [] };
};

export const failedChecksOf = (record: IncomingDocument): CheckResult[] => checksOf(record).list.filter(c => c.outcome === 'failed');

const useCan = () => useCanOn('incoming');

const useIncomingAction = () => useDataProvider<AppDataProvider>().incomingAction;

/** Tiếp nhận (R-REC-3, R-REC-4): registers the document in the incoming register, exactly once. */
export const AcceptButton = () => {
    const record = useRecordContext<IncomingDocument>();
    const can = useCan();
    const act = useIncomingAction();
    const translate = useTranslate();
    const [note, setNote] = useState('');
    if (!record || record.status !== 'arrived' || !can('accept')) return null;
    const failed = failedChecksOf(record);
    return (
        <DocumentActionButton
            label="app.incoming.accept.button"
            icon={<MoveToInboxIcon />}
            testId="incoming-accept"
            variant="contained"
            dialogTitle="app.incoming.accept.dialog_title"
            dialogContent={translate('app.incoming.accept.dialog_content', { summary: record.summary })}
            confirmLabel="app.incoming.accept.confirm"
            successMessage="app.incoming.accept.success"
            onOpen={() => setNote('')}
            onConfirm={() => act(record.id, 'accept', note.trim() ? { note: note.trim() } : {})}
        >
            {failed.length > 0 && (
                <Alert severity="warning" sx={{ mb: 1 }} data-testid="incoming-accept-checks-warning">
                    {translate('app.incoming.accept.checks_failed', { smart_count: failed.length })}
                </Alert>
            )}
            {record.legalValidity === 'information_only' && (
                <Alert severity="info" sx={{ mb: 1 }}>
                    {translate('app.incoming.accept.information_only')}
                </Alert>
            )}
            <TextAreaField label="app.incoming.accept.note" value={note} onChange={setNote} testId="incoming-accept-note" />
        </DocumentActionButton>
    );
};

/** Từ chối (R-REC-3): returned to the sender with the reason (02). */
export const RefuseButton = () => {
    const record = useRecordContext<IncomingDocument>();
    const can = useCan();
    const act = useIncomingAction();
    const translate = useTranslate();
    const [reason, setReason] = useState('');
    const [tried, setTried] = useState(false);
    if (!record || record.status !== 'arrived' || !can('refuse')) return null;
    const failed = failedChecksOf(record);
    return (
        <DocumentActionButton
            label="app.incoming.refuse.button"
            icon={<DoNotDisturbIcon />}
            testId="incoming-refuse"
            color="error"
            dialogTitle="app.incoming.refuse.dialog_title"
            dialogContent={translate('app.incoming.refuse.dialog_content')}
            confirmLabel="app.incoming.refuse.confirm"
            successMessage="app.incoming.refuse.success"
            onOpen={() => {
                // Checks that failed propose the refusal: their explanations are the draft reason.
                setReason(failed.map(c => c.detail).join('; '));
                setTried(false);
            }}
            validate={() => {
                setTried(true);
                return reason.trim() !== '';
            }}
            onConfirm={() => act(record.id, 'refuse', { reason: reason.trim() })}
        >
            <TextAreaField
                label="app.incoming.refuse.reason"
                value={reason}
                onChange={setReason}
                required
                showError={tried}
                helper="app.incoming.refuse.reason_helper"
                testId="incoming-refuse-reason"
                autoFocus
            />
        </DocumentActionButton>
    );
};

const ColleagueSelect = ({
    label,
    value,
    onChange,
    colleagues,
    showError,
    testId,
}: {
    label: string;
    value: Colleague | null;
    onChange: (c: Colleague | null) => void;
    colleagues: Colleague[];
    showError?: boolean;
    testId: string;
}) => {
    const translate = useTranslate();
    return (
        <Autocomplete<Colleague>
            options={colleagues}
            value={value}
            onChange={(_event, next) => onChange(next)}
            getOptionLabel={colleagueLabel}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            noOptionsText={translate('app.incoming.no_colleagues')}
            renderInput={params => (
                <TextField
                    {...params}
                    label={translate(label)}
                    required
                    margin="normal"
                    error={!!showError && !value}
                    helperText={showError && !value ? translate('ra.validation.required') : undefined}
                />
            )}
            data-testid={testId}
        />
    );
};

/** Chuyển xử lý (R-ROUTE-1): when no rule fired, a clerk or leader chooses where it goes. */
export const RouteButton = () => {
    const record = useRecordContext<IncomingDocument>();
    const can = useCan();
    const act = useIncomingAction();
    const translate = useTranslate();
    const [kind, setKind] = useState<RoutingTarget['kind']>('leader');
    const [person, setPerson] = useState<Colleague | null>(null);
    const [departmentId, setDepartmentId] = useState('');
    const [tried, setTried] = useState(false);
    const visible = !!record && record.status === 'accepted' && !record.routedRule && can('route');
    const { colleagues } = useColleagues(visible);
    if (!record || !visible) return null;
    const leaders = colleagues.filter(c => c.roles?.includes('leader'));
    const departments = [...new Map(colleagues.filter(c => c.departmentId).map(c => [c.departmentId!, c.departmentName ?? c.departmentId!])).entries()];
    const target = (): RoutingTarget | null => {
        if (kind === 'department') return departmentId ? { kind, departmentId } : null;
        return person ? { kind, userId: person.id } : null;
    };
    return (
        <DocumentActionButton
            label="app.incoming.route.button"
            icon={<AltRouteIcon />}
            testId="incoming-route"
            dialogTitle="app.incoming.route.dialog_title"
            dialogContent={translate('app.incoming.route.dialog_content')}
            confirmLabel="app.incoming.route.confirm"
            successMessage="app.incoming.route.success"
            onOpen={() => {
                setKind('leader');
                setPerson(null);
                setDepartmentId('');
                setTried(false);
            }}
            validate={() => {
                setTried(true);
                return target() !== null;
            }}
            onConfirm={() => act(record.id, 'route', { target: target()! })}
        >
            <TextField
                select
                label={translate('app.incoming.route.kind')}
                value={kind}
                onChange={event => {
                    setKind(event.target.value as RoutingTarget['kind']);
                    setPerson(null);
                }}
                fullWidth
                margin="normal"
                slotProps={{ htmlInput: { 'data-testid': 'incoming-route-kind' } }}
            >
                {(['leader', 'user', 'department'] as const).map(k => (
                    <MenuItem key={k} value={k}>
                        {translate(`app.routing_rule.target_kind.${k}`)}
                    </MenuItem>
                ))}
            </TextField>
            {kind === 'department' ? (
                <TextField
                    select
                    label={translate('app.routing_rule.department')}
                    value={departmentId}
                    onChange={event => setDepartmentId(event.target.value)}
                    required
                    error={tried && !departmentId}
                    helperText={departments.length ? undefined : translate('app.incoming.route.no_departments')}
                    fullWidth
                    margin="normal"
                >
                    {departments.map(([id, name]) => (
                        <MenuItem key={id} value={id}>
                            {name}
                        </MenuItem>
                    ))}
                </TextField>
            ) : (
                <ColleagueSelect
                    label={kind === 'leader' ? 'app.routing_rule.target_kind.leader' : 'app.routing_rule.target_kind.user'}
                    value={person}
                    onChange={setPerson}
                    colleagues={kind === 'leader' ? leaders : colleagues}
                    showError={tried}
                    testId="incoming-route-person"
                />
            )}
        </DocumentActionButton>
    );
};

/** Phân công (R-ROUTE-2): main handler, co-handlers, deadline; again later to change the handler. */
export const AssignButton = () => {
    const record = useRecordContext<IncomingDocument>();
    const can = useCan();
    const act = useIncomingAction();
    const translate = useTranslate();
    const visible = !!record && ['routed', 'processing'].includes(record.status) && can('assign');
    const { colleagues, isPending } = useColleagues(visible);
    const [main, setMain] = useState<Colleague | null>(null);
    const [co, setCo] = useState<Colleague[]>([]);
    const [due, setDue] = useState('');
    const [reason, setReason] = useState('');
    const [tried, setTried] = useState(false);
    if (!record || !visible) return null;
    const reassign = record.status === 'processing';
    return (
        <DocumentActionButton
            label={reassign ? 'app.incoming.assign.reassign_button' : 'app.incoming.assign.button'}
            icon={<AssignmentIndIcon />}
            testId="incoming-assign"
            variant={reassign ? 'outlined' : 'contained'}
            dialogTitle="app.incoming.assign.dialog_title"
            dialogContent={translate('app.incoming.assign.dialog_content')}
            confirmLabel="app.incoming.assign.confirm"
            successMessage="app.incoming.assign.success"
            onOpen={() => {
                const current = colleagues.find(c => c.id === record.mainHandlerId) ?? null;
                setMain(current);
                const coIds = (record.handlers ?? []).filter(h => h.role === 'co' && h.status !== 'cancelled').map(h => h.userId);
                setCo(colleagues.filter(c => coIds.includes(c.id)));
                setDue('');
                setReason('');
                setTried(false);
            }}
            validate={() => {
                setTried(true);
                return !!main;
            }}
            onConfirm={() =>
                act(record.id, 'assign', {
                    handlerId: main!.id,
                    coHandlerIds: co.filter(c => c.id !== main!.id).map(c => c.id),
                    ...(due ? { dueAt: vietnamLocalInputToIso(due)! } : {}),
                    ...(reason.trim() ? { reason: reason.trim() } : {}),
                })
            }
        >
            <ColleagueSelect
                label="app.incoming.assign.main_handler"
                value={main}
                onChange={setMain}
                colleagues={colleagues}
                showError={tried}
                testId="incoming-assign-main"
            />
            <Autocomplete<Colleague, true>
                multiple
                options={colleagues.filter(c => c.id !== main?.id)}
                value={co}
                onChange={(_event, next) => setCo(next)}
                getOptionLabel={colleagueLabel}
                isOptionEqualToValue={(a, b) => a.id === b.id}
                loading={isPending}
                renderInput={params => <TextField {...params} label={translate('app.incoming.assign.co_handlers')} margin="normal" />}
                data-testid="incoming-assign-co"
            />
            <VietnamDateTimeInput label="app.incoming.assign.due_at" value={due} onChange={setDue} testId="incoming-assign-due" />
            <Alert severity="info" sx={{ mt: 0 }}>
                {translate('app.incoming.assign.due_hint')}
            </Alert>
            <TextAreaField label="app.incoming.assign.reason" value={reason} onChange={setReason} testId="incoming-assign-reason" />
        </DocumentActionButton>
    );
};

/** Hoàn thành (06): by the main handler or a leader, with the result. */
export const CompleteButton = () => {
    const record = useRecordContext<IncomingDocument>();
    const can = useCan();
    const { identity } = useGetIdentity();
    const act = useIncomingAction();
    const [result, setResult] = useState('');
    const [tried, setTried] = useState(false);
    if (!record || record.status !== 'processing') return null;
    const isMainHandler = !!identity && !!record.mainHandlerId && String(identity.id) === String(record.mainHandlerId);
    if (!isMainHandler && !can('complete')) return null;
    return (
        <DocumentActionButton
            label="app.incoming.complete.button"
            icon={<TaskAltIcon />}
            testId="incoming-complete"
            color="success"
            variant="contained"
            dialogTitle="app.incoming.complete.dialog_title"
            confirmLabel="app.incoming.complete.confirm"
            successMessage="app.incoming.complete.success"
            onOpen={() => {
                setResult('');
                setTried(false);
            }}
            validate={() => {
                setTried(true);
                return result.trim() !== '';
            }}
            onConfirm={() => act(record.id, 'complete', { result: result.trim() })}
        >
            <TextAreaField
                label="app.incoming.complete.result"
                value={result}
                onChange={setResult}
                required
                showError={tried}
                helper="app.incoming.complete.result_helper"
                testId="incoming-complete-result"
                autoFocus
            />
        </DocumentActionButton>
    );
};

/** Gia hạn (R-DL-3): a new due date with a reason; the timers restart. */
export const ExtendButton = () => {
    const record = useRecordContext<IncomingDocument>();
    const can = useCan();
    const act = useIncomingAction();
    const translate = useTranslate();
    const [due, setDue] = useState('');
    const [reason, setReason] = useState('');
    const [tried, setTried] = useState(false);
    if (!record || !['accepted', 'routed', 'processing'].includes(record.status) || !can('extend')) return null;
    const current = record.deadline?.dueAt ?? record.dueAt;
    return (
        <DocumentActionButton
            label="app.incoming.extend.button"
            icon={<EventRepeatIcon />}
            testId="incoming-extend"
            dialogTitle="app.incoming.extend.dialog_title"
            dialogContent={current ? translate('app.incoming.extend.current', { due: toVietnamLocalInput(current).replace('T', ' ') }) : undefined}
            confirmLabel="app.incoming.extend.confirm"
            successMessage="app.incoming.extend.success"
            onOpen={() => {
                setDue(current ? toVietnamLocalInput(current) : '');
                setReason('');
                setTried(false);
            }}
            validate={() => {
                setTried(true);
                return !!vietnamLocalInputToIso(due) && reason.trim() !== '';
            }}
            onConfirm={() => act(record.id, 'extend', { dueAt: vietnamLocalInputToIso(due)!, reason: reason.trim() })}
        >
            <VietnamDateTimeInput label="app.incoming.extend.due_at" value={due} onChange={setDue} required showError={tried} testId="incoming-extend-due" />
            <TextAreaField label="app.incoming.extend.reason" value={reason} onChange={setReason} required showError={tried} testId="incoming-extend-reason" />
        </DocumentActionButton>
    );
};

/** Đã nhận bản giấy (R-REC-5): the paper copy that accompanies the electronic one arrived. */
export const PaperReceivedButton = () => {
    const record = useRecordContext<IncomingDocument>();
    const can = useCan();
    const act = useIncomingAction();
    const translate = useTranslate();
    if (!record || record.intake !== 'paper_accompanies' || record.paperReceivedAt || ['refused', 'recalled', 'deleted'].includes(record.status)) return null;
    if (!can('paper_received')) return null;
    return (
        <DocumentActionButton
            label="app.incoming.paper_received.button"
            icon={<InventoryIcon />}
            testId="incoming-paper-received"
            dialogTitle="app.incoming.paper_received.dialog_title"
            dialogContent={translate('app.incoming.paper_received.dialog_content')}
            confirmLabel="app.incoming.paper_received.confirm"
            successMessage="app.incoming.paper_received.success"
            onConfirm={() => act(record.id, 'paper-received', {})}
        />
    );
};

/** Trả lời thu hồi (R-RCL-1..3): agree (15) or refuse with a reason (16). */
export const AcknowledgeRecallButton = () => {
    const record = useRecordContext<IncomingDocument>();
    const can = useCan();
    const act = useIncomingAction();
    const translate = useTranslate();
    const [agree, setAgree] = useState(true);
    const [reason, setReason] = useState('');
    const [tried, setTried] = useState(false);
    const change = record?.pendingChange;
    if (!record || !change || !can('acknowledge_recall')) return null;
    return (
        <DocumentActionButton
            label="app.incoming.recall_answer.button"
            icon={<ReplyIcon />}
            testId="incoming-acknowledge-recall"
            color="warning"
            variant="contained"
            dialogTitle="app.incoming.recall_answer.dialog_title"
            dialogContent={translate('app.incoming.recall_answer.dialog_content', {
                kind: translate(`app.document.change_kind.${change.kind}`, { _: change.kind }),
                reason: change.reason,
            })}
            confirmLabel="app.incoming.recall_answer.confirm"
            successMessage="app.incoming.recall_answer.success"
            onOpen={() => {
                setAgree(true);
                setReason('');
                setTried(false);
            }}
            validate={() => {
                setTried(true);
                return agree || reason.trim() !== '';
            }}
            onConfirm={() => act(record.id, 'acknowledge-recall', agree ? { agree: true } : { agree: false, reason: reason.trim() })}
        >
            <RadioGroup value={agree ? 'agree' : 'refuse'} onChange={event => setAgree(event.target.value === 'agree')}>
                <FormControlLabel value="agree" control={<Radio />} label={translate('app.incoming.recall_answer.agree')} data-testid="incoming-recall-agree" />
                <FormControlLabel value="refuse" control={<Radio />} label={translate('app.incoming.recall_answer.refuse')} data-testid="incoming-recall-refuse" />
            </RadioGroup>
            {!agree && (
                <TextAreaField label="app.incoming.recall_answer.reason" value={reason} onChange={setReason} required showError={tried} testId="incoming-recall-reason" />
            )}
        </DocumentActionButton>
    );
};

/** In bản có dấu đến: the PDF with the incoming stamp (register number, receipt time). */
export const PrintStampedButton = () => {
    const record = useRecordContext<IncomingDocument>();
    const can = useCan();
    if (!record || !can('print') || ['arrived', 'refused', 'deleted'].includes(record.status)) return null;
    return (
        <ApiFileButton
            label="app.incoming.print.button"
            path={`/incoming/${encodeURIComponent(record.id)}/printable`}
            name={`van-ban-den-${record.registerNumber ?? record.id}.pdf`}
            icon={<PrintIcon />}
            testId="incoming-print"
        />
    );
};

/** Every action in the order a document meets them. */
export const IncomingActionButtons = () => {
    const record = useRecordContext<IncomingDocument>();
    if (!record) return null;
    return (
        <ActionBar testId="incoming-actions">
            <AcknowledgeRecallButton />
            <AcceptButton />
            <RefuseButton />
            <RouteButton />
            <AssignButton />
            <CompleteButton />
            <ExtendButton />
            <PaperReceivedButton />
            <PrintStampedButton />
        </ActionBar>
    );
};
