// "Hệ thống liên thông" (R-SEC-1, SPEC §8, admin): the peer systems we exchange edXML packages
// with — the organization codes each serves, where it is reached, the fingerprint of its
// certificate and how long that certificate stays valid (a warning 30 days before it ends, so
// the new one is registered in time). Deactivated peers stay listed (documents refer to them).
import type { SxProps } from '@mui/material';
import { CreateButton, DataTable, FilterButton, List, NullableBooleanInput, SearchInput, TextInput, TopToolbar, usePermissions } from 'react-admin';
import { canRole } from '../auth/access';
import type { Role } from '../types';
import { CertificateValidityField, OrganizationCodesField, PeerActiveField, ShortFingerprintField } from './PeerFields';
import type { Peer } from './peerTypes';

const peerFilters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <TextInput key="organizationCode" source="organizationCode" />,
    <NullableBooleanInput key="active" source="active" trueLabel="app.peer.active" falseLabel="app.peer.inactive" />,
];

const PeerListActions = () => {
    const { permissions } = usePermissions<Role[]>();
    return (
        <TopToolbar>
            <FilterButton />
            {canRole(permissions, 'peers', 'create') && <CreateButton data-testid="peer-create" />}
        </TopToolbar>
    );
};

const inactiveRowSx = (record: Peer): SxProps => (record.active ? {} : { '& td': { opacity: 0.55 } });

export const PeerList = () => (
    <List filters={peerFilters} empty={false} actions={<PeerListActions />} sort={{ field: 'name', order: 'ASC' }} perPage={25} title="app.menu.peers">
        <DataTable rowClick="show" bulkActionButtons={false} rowSx={inactiveRowSx} data-testid="peer-table">
            <DataTable.Col source="name" />
            <DataTable.Col source="endpointUrl" />
            <DataTable.Col source="organizationCodes" field={OrganizationCodesField} disableSort />
            <DataTable.Col source="fingerprint" field={ShortFingerprintField} disableSort />
            <DataTable.Col source="certificate.validTo" field={CertificateValidityField} disableSort />
            <DataTable.Col source="active" field={PeerActiveField} />
        </DataTable>
    </List>
);
