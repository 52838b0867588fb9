// Fields shared by the register views (R-DOC-1, R-DOC-2): the register (sổ đến / sổ đi), the
// voided state with its reason, the document an entry registers, and the common filters.
import type { MouseEvent } from 'react';
import { Chip, Stack, Tooltip, Typography } from '@mui/material';
import BlockIcon from '@mui/icons-material/Block';
import DescriptionIcon from '@mui/icons-material/Description';
import {
    Link,
    SelectInput,
    useCreatePath,
    useRecordContext,
    useTranslate,
    type FieldProps,
} from 'react-admin';
import { formatDateTimeVN } from '../fields/DateTimeField';
import { organizationFilter } from '../fields/OrganizationInput';
import { currentVietnamYear } from '../fields/vietnamTime';
import { REGISTER_KINDS, type RegisterEntry, type RegisterKind } from '../types';

export const registerKindChoices = REGISTER_KINDS.map(kind => ({ id: kind, name: `app.register.kind.${kind}` }));

/** Registers of this year, the year before and (prepared in December) the next. */
export const registerYearChoices = (now: number = currentVietnamYear()) =>
    [now + 1, now, now - 1, now - 2].map(year => ({ id: year, name: String(year) }));

export const RegisterKindChip = ({ register }: { register: RegisterKind }) => {
    const translate = useTranslate();
    return (
        <Chip
            size="small"
            variant="outlined"
            color={register === 'incoming' ? 'primary' : 'secondary'}
            label={translate(`app.register.kind.${register}`, { _: register })}
        />
    );
};

export const RegisterKindField = (_props: FieldProps) => {
    const record = useRecordContext<{ register: RegisterKind }>();
    return record ? <RegisterKindChip register={record.register} /> : null;
};

export const RegisterNumberField = (_props: FieldProps) => {
    const record = useRecordContext<RegisterEntry>();
    if (!record) return null;
    return (
        <Typography
            component="span"
            variant="body2"
            sx={{ fontWeight: 600, textDecoration: record.voided ? 'line-through' : undefined }}
            data-testid={`register-number-${record.id}`}
        >
            {record.number}
        </Typography>
    );
};

/** "Đã hủy" with when and why, or "Còn hiệu lực". */
export const VoidedField = (_props: FieldProps) => {
    const record = useRecordContext<RegisterEntry>();
    const translate = useTranslate();
    if (!record) return null;
    if (!record.voided) {
        return <Chip size="small" variant="outlined" color="success" label={translate('app.register.valid')} />;
    }
    return (
        <Stack spacing={0.5} data-testid={`register-voided-${record.id}`}>
            <Tooltip title={formatDateTimeVN(record.voidedAt)}>
                <Chip size="small" color="error" icon={<BlockIcon />} label={translate('app.register.voided')} sx={{ alignSelf: 'flex-start' }} />
            </Tooltip>
            {record.voidReason && (
                <Typography variant="caption" color="text.secondary" data-testid={`register-void-reason-${record.id}`}>
                    {translate('app.register.void_reason_short', { reason: record.voidReason })}
                </Typography>
            )}
        </Stack>
    );
};

/** The document a number was given to: its number and notation and summary as the register recorded them, and a link to its page. */
export const RegisterDocumentField = (_props: FieldProps) => {
    const record = useRecordContext<RegisterEntry>();
    const translate = useTranslate();
    const createPath = useCreatePath();
    if (!record) return null;
    const d = record.details ?? {};
    return (
        <Stack spacing={0.25} sx={{ maxWidth: 420 }}>
            {d.numberAndNotation && (
                <Typography variant="body2" sx={{ fontWeight: 500 }}>
                    {d.numberAndNotation}
                    {d.typeName ? ` · ${d.typeName}` : ''}
                </Typography>
            )}
            {d.summary && (
                <Typography variant="body2" color="text.secondary" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical' }}>
                    {d.summary}
                </Typography>
            )}
            {record.documentId ? (
                <Chip
                    size="small"
                    variant="outlined"
                    icon={<DescriptionIcon />}
                    label={translate('app.register.document_link')}
                    component={Link}
                    to={createPath({ resource: record.register, id: record.documentId, type: 'show' })}
                    clickable
                    onClick={(event: MouseEvent) => event.stopPropagation()}
                    sx={{ alignSelf: 'flex-start' }}
                    data-testid={`register-document-${record.id}`}
                />
            ) : (
                !d.numberAndNotation && !d.summary && (
                    <Typography variant="caption" color="text.secondary">
                        {translate('app.register.no_document')}
                    </Typography>
                )
            )}
        </Stack>
    );
};

export const StoragePlaceField = (_props: FieldProps) => {
    const record = useRecordContext<RegisterEntry>();
    return <span>{record?.details?.storagePlace ?? ''}</span>;
};

export const organizationFilterInput = organizationFilter();

export const registerFilterInput = <SelectInput key="register" source="register" choices={registerKindChoices} alwaysOn />;
export const yearFilterInput = <SelectInput key="year" source="year" choices={registerYearChoices()} alwaysOn />;
