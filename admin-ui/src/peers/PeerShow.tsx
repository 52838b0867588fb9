// One peer system (R-SEC-1): the whole fingerprint with a copy button (read it to the peer's
// operator to confirm the certificate out of band), the certificate's subject, issuer and
// validity, the codes it serves and its endpoint.
import { Divider, Grid, Typography } from '@mui/material';
import { EditButton, Labeled, Show, SimpleShowLayout, TextField, TopToolbar, usePermissions, useTranslate } from 'react-admin';
import { canRole } from '../auth/access';
import { DateTimeField } from '../fields/DateTimeField';
import { GridField } from '../fields/GridField';
import type { Role } from '../types';
import { PeerTitle } from './PeerEdit';
import { CertificateStatusChip, DistinguishedNameField, FingerprintField, OrganizationCodesField, PeerActiveField } from './PeerFields';
import { PeerDeactivateButton } from './PeerDeactivateButton';

const PeerShowActions = () => {
    const { permissions } = usePermissions<Role[]>();
    return (
        <TopToolbar>
            {canRole(permissions, 'peers', 'edit') && <EditButton data-testid="peer-edit" />}
            <PeerDeactivateButton />
        </TopToolbar>
    );
};

const SectionTitle = ({ text }: { text: string }) => {
    const translate = useTranslate();
    return (
        <Typography variant="subtitle1" sx={{ mt: 1 }}>
            {translate(text)}
        </Typography>
    );
};

const breakAll = { wordBreak: 'break-all' } as const;

export const PeerShow = () => (
    <Show title={<PeerTitle />} actions={<PeerShowActions />}>
        <SimpleShowLayout>
            <Grid container spacing={2} sx={{ width: '100%' }}>
                <GridField md={6}><TextField source="name" /></GridField>
                <GridField md={6}><PeerActiveField source="active" /></GridField>
                <GridField md={12}><TextField source="endpointUrl" sx={breakAll} /></GridField>
                <GridField md={12}><OrganizationCodesField source="organizationCodes" limit={1000} /></GridField>
            </Grid>
            <Divider flexItem />
            <SectionTitle text="app.peer.certificate_section" />
            <Labeled source="fingerprint" label="app.peer.fingerprint_sha256">
                <FingerprintField source="fingerprint" />
            </Labeled>
            <Grid container spacing={2} sx={{ width: '100%' }}>
                <GridField md={6}><DistinguishedNameField source="subject" label="resources.peers.fields.certificate.subject" /></GridField>
                <GridField md={6}><DistinguishedNameField source="issuer" label="resources.peers.fields.certificate.issuer" /></GridField>
                <GridField md={4}><DateTimeField source="certificate.validFrom" withOffset /></GridField>
                <GridField md={4}><DateTimeField source="certificate.validTo" withOffset /></GridField>
                <Grid size={{ xs: 12, md: 4 }} sx={{ display: 'flex', alignItems: 'center' }}>
                    <CertificateStatusChip />
                </Grid>
            </Grid>
            <Divider flexItem />
            <Grid container spacing={2} sx={{ width: '100%' }}>
                <GridField md={6}><DateTimeField source="createdAt" /></GridField>
                <GridField md={6}><DateTimeField source="updatedAt" /></GridField>
            </Grid>
        </SimpleShowLayout>
    </Show>
);
