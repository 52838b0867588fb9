// Changing a peer system (R-SEC-1): a renewed certificate, codes it now serves, a new endpoint.
// The fingerprint follows the certificate; the server computes it again.
import { Edit, SaveButton, SimpleForm, Toolbar, useRecordContext, useTranslate } from 'react-admin';
import { PeerDeactivateButton } from './PeerDeactivateButton';
import { PeerInputs, cleanPeer } from './PeerInputs';
import type { Peer } from './peerTypes';

export const PeerTitle = () => {
    const record = useRecordContext<Peer>();
    const translate = useTranslate();
    const name = translate('resources.peers.name', { smart_count: 1 });
    return <span>{record ? `${name}: ${record.name}` : name}</span>;
};

const PeerEditToolbar = () => (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
        <SaveButton data-testid="peer-save" />
        <PeerDeactivateButton />
    </Toolbar>
);

export const PeerEdit = () => (
    <Edit title={<PeerTitle />} mutationMode="pessimistic" redirect="show" transform={(data: Record<string, unknown>) => cleanPeer(data)}>
        <SimpleForm toolbar={<PeerEditToolbar />}>
            <PeerInputs />
        </SimpleForm>
    </Edit>
);
