// One audit entry: who did what on what, when, from where and with which outcome, its details as
// recorded (never passwords, tokens or file contents), and its place in the hash chain.
import { Divider, Grid, Typography } from '@mui/material';
import { Labeled, Show, SimpleShowLayout, TextField, useRecordContext, useTranslate } from 'react-admin';
import { DateTimeField } from '../fields/DateTimeField';
import { GridField } from '../fields/GridField';
import { ActionField, ActorField, ActorOrganizationField, OutcomeField, TargetField } from './AuditFields';
import type { AuditEntry } from './auditTypes';

const AuditTitle = () => {
    const record = useRecordContext<AuditEntry>();
    const translate = useTranslate();
    return <span>{record ? translate('app.audit.title', { seq: record.seq }) : ''}</span>;
};

const SectionTitle = ({ text }: { text: string }) => {
    const translate = useTranslate();
    return (
        <Typography variant="subtitle1" sx={{ mt: 1 }}>
            {translate(text)}
        </Typography>
    );
};

const DetailsJson = () => {
    const record = useRecordContext<AuditEntry>();
    const translate = useTranslate();
    if (!record) return null;
    if (!record.details) {
        return (
            <Typography variant="body2" color="text.secondary">
                {translate('app.audit.no_details')}
            </Typography>
        );
    }
    return (
        <Typography
            component="pre"
            variant="body2"
            data-testid="audit-details"
            sx={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-word', bgcolor: 'action.hover', p: 1.5, borderRadius: 1, m: 0, width: '100%' }}
        >
            {JSON.stringify(record.details, null, 2)}
        </Typography>
    );
};

const ChainHint = () => {
    const translate = useTranslate();
    return <>{translate('app.audit.chain_hint')}</>;
};

const hashSx = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;

export const AuditShow = () => (
    <Show title={<AuditTitle />} actions={false}>
        <SimpleShowLayout>
            <Grid container spacing={2} sx={{ width: '100%' }}>
                <GridField><TextField source="seq" /></GridField>
                <GridField><DateTimeField source="at" withOffset /></GridField>
                <GridField><OutcomeField source="outcome" /></GridField>
                <GridField><ActorField source="actorUsername" /></GridField>
                <GridField><ActorOrganizationField source="organizationCode" /></GridField>
                <GridField><TextField source="sourceAddress" emptyText="—" /></GridField>
                <GridField md={8}><ActionField source="action" /></GridField>
                <GridField><TargetField source="targetType" /></GridField>
            </Grid>
            <Divider flexItem />
            <SectionTitle text="resources.audit.fields.details" />
            <DetailsJson />
            <Divider flexItem />
            <SectionTitle text="app.audit.chain_section" />
            <Typography variant="caption" color="text.secondary">
                <ChainHint />
            </Typography>
            <Labeled source="prevHash">
                <TextField source="prevHash" sx={hashSx} />
            </Labeled>
            <Labeled source="hash">
                <TextField source="hash" sx={hashSx} />
            </Labeled>
        </SimpleShowLayout>
    </Show>
);
