// Small fields shared by the incoming, outgoing, task and overdue views: urgency, statuses with
// their edXML code, legal validity (R-DOC-4), deadline colour (R-DL-2), the document's type and
// sender, and a link from a task to its document.
import type { MouseEvent } from 'react';
import { Chip, Stack, Tooltip, Typography } from '@mui/material';
import AlarmIcon from '@mui/icons-material/Alarm';
import GppGoodIcon from '@mui/icons-material/GppGood';
import GppMaybeIcon from '@mui/icons-material/GppMaybe';
import PriorityHighIcon from '@mui/icons-material/PriorityHigh';
import { Link, useCreatePath, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { formatInstantWithOffset } from '../fields/vietnamTime';
import { formatDateTimeVN } from '../fields/DateTimeField';
import {
    EDXML_STATUS_CODES,
    type IncomingStatus,
    type LegalValidity,
    type OutgoingStatus,
    type Step,
    type Urgency,
} from '../types';
import {
    DEADLINE_TONE_COLOR,
    INCOMING_STATUS_COLOR,
    OUTGOING_STATUS_COLOR,
    URGENCY_COLOR,
    deliveryStatusColor,
    documentResourceOfStep,
    isUrgent,
    type DeadlineTone,
} from './documentStates';

export const UrgencyChip = ({ urgency }: { urgency: Urgency }) => {
    const translate = useTranslate();
    return (
        <Chip
            size="small"
            color={URGENCY_COLOR[urgency] ?? 'default'}
            variant={isUrgent(urgency) ? 'filled' : 'outlined'}
            icon={isUrgent(urgency) ? <PriorityHighIcon /> : undefined}
            label={translate(`app.document.urgency.${urgency}`, { _: urgency })}
            data-testid={`urgency-${urgency}`}
        />
    );
};

export const UrgencyField = (_props: FieldProps) => {
    const record = useRecordContext<{ urgency?: Urgency }>();
    return record?.urgency ? <UrgencyChip urgency={record.urgency} /> : null;
};

/** The edXML code of a reportable status (R-DOC-3), e.g. 03 for accepted. */
export const statusCodeOf = (status: string): string | null =>
    (EDXML_STATUS_CODES as Record<string, string | undefined>)[status] ?? null;

export const IncomingStatusChip = ({ status, code }: { status: IncomingStatus; code?: string | null }) => {
    const translate = useTranslate();
    const shown = code ?? statusCodeOf(status);
    return (
        <Chip
            size="small"
            color={INCOMING_STATUS_COLOR[status] ?? 'default'}
            label={`${translate(`app.document.incoming_status.${status}`, { _: status })}${shown ? ` (${shown})` : ''}`}
            data-testid={`incoming-status-${status}`}
        />
    );
};

export const IncomingStatusField = (_props: FieldProps) => {
    const record = useRecordContext<{ status?: IncomingStatus; statusCode?: string | null }>();
    return record?.status ? <IncomingStatusChip status={record.status} code={record.statusCode} /> : null;
};

export const OutgoingStatusChip = ({ status }: { status: OutgoingStatus }) => {
    const translate = useTranslate();
    return (
        <Chip
            size="small"
            color={OUTGOING_STATUS_COLOR[status] ?? 'default'}
            label={translate(`app.document.outgoing_status.${status}`, { _: status })}
            data-testid={`outgoing-status-${status}`}
        />
    );
};

export const OutgoingStatusField = (_props: FieldProps) => {
    const record = useRecordContext<{ status?: OutgoingStatus }>();
    return record?.status ? <OutgoingStatusChip status={record.status} /> : null;
};

/** What the sender sees of one receiver (R-OUT-5): the label and the edXML code. */
export const DeliveryStatusChip = ({ status, code }: { status: string; code?: string | null }) => {
    const translate = useTranslate();
    const shown = code ?? statusCodeOf(status);
    return (
        <Chip
            size="small"
            color={deliveryStatusColor(status)}
            label={`${translate(`app.document.delivery_status.${status}`, { _: status })}${shown ? ` (${shown})` : ''}`}
            data-testid={`delivery-status-${status}`}
        />
    );
};

/** R-DOC-4: "legally valid, replaces paper" or "for information only". */
export const LegalValidityBadge = ({ value, compact }: { value: LegalValidity | null | undefined; compact?: boolean }) => {
    const translate = useTranslate();
    if (!value) return null;
    const valid = value === 'legally_valid';
    const label = translate(`app.document.legal_validity.${value}`);
    const chip = (
        <Chip
            size="small"
            color={valid ? 'success' : 'warning'}
            variant={valid ? 'filled' : 'outlined'}
            icon={valid ? <GppGoodIcon /> : <GppMaybeIcon />}
            label={compact ? translate(`app.document.legal_validity_short.${value}`) : label}
            data-testid={`legal-validity-${value}`}
        />
    );
    return compact ? <Tooltip title={label}>{chip}</Tooltip> : chip;
};

export const LegalValidityField = ({ compact }: FieldProps & { compact?: boolean }) => {
    const record = useRecordContext<{ legalValidity?: LegalValidity | null }>();
    return <LegalValidityBadge value={record?.legalValidity} compact={compact} />;
};

/** A due time coloured by how much time is left (green / amber / red). */
export const DeadlineChip = ({ dueAt, tone, testId }: { dueAt?: string | null; tone: DeadlineTone | null; testId?: string }) => {
    const translate = useTranslate();
    if (!dueAt && !tone) return null;
    const label = dueAt ? formatDateTimeVN(dueAt) : translate(`app.document.deadline.${tone}`);
    const chip = (
        <Chip
            size="small"
            icon={<AlarmIcon />}
            color={tone ? DEADLINE_TONE_COLOR[tone] : 'default'}
            variant={tone === 'ok' ? 'outlined' : 'filled'}
            label={label}
            data-testid={testId}
            data-tone={tone ?? 'none'}
        />
    );
    return tone ? (
        <Tooltip title={`${translate(`app.document.deadline.${tone}`)}${dueAt ? ` — ${formatInstantWithOffset(dueAt)}` : ''}`}>{chip}</Tooltip>
    ) : (
        chip
    );
};

/** "Loại văn bản": the type's name when the API joined it, else its code. */
export const DocumentTypeField = (_props: FieldProps) => {
    const record = useRecordContext<{ typeName?: string | null; typeCode?: string | null }>();
    return <span>{record?.typeName ?? record?.typeCode ?? ''}</span>;
};

export const SenderField = (_props: FieldProps) => {
    const record = useRecordContext<{ senderName?: string | null; senderCode?: string | null }>();
    if (!record) return null;
    return (
        <Stack spacing={0}>
            <Typography variant="body2">{record.senderName ?? record.senderCode ?? ''}</Typography>
            {record.senderName && record.senderCode && (
                <Typography variant="caption" color="text.secondary">
                    {record.senderCode}
                </Typography>
            )}
        </Stack>
    );
};

/** Number and notation in bold with the summary under it (lists). */
export const DocumentSummaryField = ({ maxWidth = 460 }: FieldProps & { maxWidth?: number }) => {
    const record = useRecordContext<{ numberAndNotation?: string | null; summary?: string | null }>();
    const translate = useTranslate();
    if (!record) return null;
    return (
        <Stack spacing={0.25} sx={{ maxWidth }}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {record.numberAndNotation || translate('app.document.no_number')}
            </Typography>
            <Typography
                variant="body2"
                color="text.secondary"
                sx={{ overflow: 'hidden', textOverflow: 'ellipsis', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical' }}
            >
                {record.summary}
            </Typography>
        </Stack>
    );
};

/** A task's or overdue item's document, linking to its page (incoming or outgoing by the step). */
export const TaskDocumentLink = (_props: FieldProps) => {
    const record = useRecordContext<{
        documentId: string;
        step?: Step;
        direction?: 'incoming' | 'outgoing';
        title?: string | null;
        summary?: string | null;
        documentSummary?: string | null;
        numberAndNotation?: string | null;
    }>();
    const createPath = useCreatePath();
    const translate = useTranslate();
    if (!record?.documentId) return null;
    const resource = documentResourceOfStep(record.step, record.direction);
    const summary = record.documentSummary ?? record.summary ?? record.title;
    return (
        <Stack spacing={0.25} sx={{ maxWidth: 480 }}>
            <Link
                to={createPath({ resource, id: record.documentId, type: 'show' })}
                onClick={(event: MouseEvent) => event.stopPropagation()}
                data-testid={`task-document-${record.documentId}`}
            >
                {record.numberAndNotation || translate(`app.document.open.${resource}`)}
            </Link>
            {summary && (
                <Typography variant="body2" color="text.secondary" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical' }}>
                    {summary}
                </Typography>
            )}
        </Stack>
    );
};

export const StepField = (_props: FieldProps) => {
    const record = useRecordContext<{ step?: Step }>();
    const translate = useTranslate();
    return record?.step ? <span>{translate(`app.document.step.${record.step}`, { _: record.step })}</span> : null;
};
