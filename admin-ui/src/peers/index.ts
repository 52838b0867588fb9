import HubIcon from '@mui/icons-material/Hub';
import { PeerCreate } from './PeerCreate';
import { PeerEdit } from './PeerEdit';
import { PeerList } from './PeerList';
import { PeerShow } from './PeerShow';
import type { Peer } from './peerTypes';

export default {
    list: PeerList,
    show: PeerShow,
    edit: PeerEdit,
    create: PeerCreate,
    icon: HubIcon,
    recordRepresentation: (record: Peer) => record.name,
};
