// One register entry: its number, when it was registered, what the register recorded about the
// document (Article 8.3.d for incoming, 10.1.c for outgoing) and, if voided, when, by whom, why.
import { Divider, Grid, Typography } from '@mui/material';
import {
    FunctionField,
    NumberField,
    Show,
    SimpleShowLayout,
    TextField,
    TopToolbar,
    useRecordContext,
    useTranslate,
} from 'react-admin';
import { DateTimeField } from '../fields/DateTimeField';
import { GridField } from '../fields/GridField';
import { OrganizationCodeLink } from '../organizations/OrganizationFields';
import type { RegisterEntry } from '../types';
import { RegisterDocumentField, RegisterKindField, VoidedField } from './RegisterFields';
import { RegisterEntryTitle } from './RegisterEntryTitle';
import { VoidEntryButton } from './VoidEntryButton';

const RegisterEntryShowActions = () => (
    <TopToolbar>
        <VoidEntryButton variant="outlined" />
    </TopToolbar>
);

const SectionTitle = ({ text }: { text: string }) => {
    const translate = useTranslate();
    return (
        <Typography variant="subtitle1" sx={{ mt: 1 }}>
            {translate(text)}
        </Typography>
    );
};

/** The fields of the register's snapshot that the entry has, incoming or outgoing. */
const DetailsGrid = () => {
    const record = useRecordContext<RegisterEntry>();
    const translate = useTranslate();
    if (!record) return null;
    const d = record.details ?? {};
    const text = (label: string, value: string | number | null | undefined, md = 4) =>
        value === undefined || value === null || value === '' ? null : (
            <Grid size={{ xs: 12, md }} key={label}>
                <Typography variant="caption" color="text.secondary">
                    {translate(`app.register.details.${label}`)}
                </Typography>
                <Typography variant="body2">{value}</Typography>
            </Grid>
        );
    const time = (label: string, value: string | null | undefined) => (value ? text(label, formatTime(value)) : null);
    const cells = [
        text('numberAndNotation', d.numberAndNotation),
        time('documentDate', d.documentDate),
        text('typeName', d.typeName ?? d.typeCode),
        text('field', d.field),
        text('urgency', d.urgency ? translate(`app.policy.urgency.${d.urgency}`) : null),
        time('arrivedAt', d.arrivedAt),
        text('senderName', d.senderName ?? d.senderCode),
        time('sentAt', d.sentAt),
        text('signer', [d.signerPosition, d.signerName].filter(Boolean).join(' ')),
        text('storagePlace', d.storagePlace),
        text('copies', d.copies),
        text('pageCount', d.pageCount),
        text('summary', d.summary, 12),
        text('receivers', d.receivers?.map(r => (r.code ? `${r.name} (${r.code})` : r.name)).join('; '), 12),
        text('attachments', d.attachments?.join(', '), 12),
        text('notes', d.notes, 12),
    ].filter(Boolean);
    if (!cells.length) {
        return (
            <Typography variant="body2" color="text.secondary">
                {translate('app.register.no_details')}
            </Typography>
        );
    }
    return (
        <Grid container spacing={2} sx={{ width: '100%' }}>
            {cells}
        </Grid>
    );
};

/** Document dates may be a calendar day or an instant; both read as dd/MM/yyyy [HH:mm]. */
const formatTime = (value: string) => {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (day) return `${day[3]}/${day[2]}/${day[1]}`;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    return new Intl.DateTimeFormat('vi-VN', {
        timeZone: 'Asia/Ho_Chi_Minh',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
    }).format(date);
};

const VoidSection = () => {
    const record = useRecordContext<RegisterEntry>();
    if (!record?.voided) return null;
    return (
        <>
            <Divider flexItem />
            <SectionTitle text="app.register.void_section" />
            <Grid container spacing={2} sx={{ width: '100%' }}>
                <GridField><DateTimeField source="voidedAt" /></GridField>
                <GridField><TextField source="voidedByName" label="resources.register-entries.fields.voidedBy" emptyText="—" /></GridField>
                <GridField md={12}><TextField source="voidReason" /></GridField>
            </Grid>
        </>
    );
};

export const RegisterEntryShow = () => (
    <Show title={<RegisterEntryTitle />} actions={<RegisterEntryShowActions />}>
        <SimpleShowLayout>
            <Grid container spacing={2} sx={{ width: '100%' }}>
                <GridField><NumberField source="number" /></GridField>
                <GridField><RegisterKindField source="register" /></GridField>
                <GridField><TextField source="year" /></GridField>
                <GridField><OrganizationCodeLink source="organizationCode" /></GridField>
                <GridField><DateTimeField source="registeredAt" /></GridField>
                <GridField><TextField source="registeredByName" label="resources.register-entries.fields.registeredBy" emptyText="—" /></GridField>
                <GridField><TextField source="identifier" emptyText="—" /></GridField>
                <GridField><VoidedField source="voided" /></GridField>
                <GridField>
                    <FunctionField source="documentId" render={() => <RegisterDocumentField source="documentId" />} />
                </GridField>
            </Grid>
            <Divider flexItem />
            <SectionTitle text="app.register.details_section" />
            <DetailsGrid />
            <VoidSection />
        </SimpleShowLayout>
    </Show>
);
