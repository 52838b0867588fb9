// Registering a peer system (R-SEC-1): pessimistic, so a code another peer serves (409), a code
// of our own organizations or a certificate that does not parse (422) lands on its field.
import { Create, SaveButton, SimpleForm, Toolbar } from 'react-admin';
import { PeerInputs, cleanPeer } from './PeerInputs';

const PeerCreateToolbar = () => (
    <Toolbar>
        <SaveButton data-testid="peer-save" />
    </Toolbar>
);

export const PeerCreate = () => (
    <Create title="app.peer.create_title" redirect="show" mutationMode="pessimistic" transform={(data: Record<string, unknown>) => cleanPeer(data)}>
        <SimpleForm defaultValues={{ active: true, organizationCodes: [] }} toolbar={<PeerCreateToolbar />}>
            <PeerInputs />
        </SimpleForm>
    </Create>
);
