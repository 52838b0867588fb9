// "Ngừng liên thông" (R-SEC-1, admin): DELETE deactivates the peer after a confirmation — its
// packages are refused from then on, and the row stays because documents refer to it.
// Pessimistic, never undoable; not shown for a peer that is already inactive.
import { DeleteButton, usePermissions, useRecordContext } from 'react-admin';
import { canRole } from '../auth/access';
import type { Role } from '../types';
import type { Peer } from './peerTypes';

export const PeerDeactivateButton = () => {
    const record = useRecordContext<Peer>();
    const { permissions } = usePermissions<Role[]>();
    if (!record?.active || !canRole(permissions, 'peers', 'delete')) return null;
    return (
        <DeleteButton
            label="app.peer.deactivate"
            mutationMode="pessimistic"
            confirmTitle="app.peer.deactivate_title"
            confirmContent="app.peer.deactivate_content"
            confirmColor="warning"
            successMessage="app.peer.deactivated"
            redirect="list"
            data-testid="peer-deactivate"
        />
    );
};
