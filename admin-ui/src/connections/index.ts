import CableIcon from '@mui/icons-material/Cable';
import type { Connection } from '../types';
import { ConnectionList } from './ConnectionList';
import { ConnectionShow } from './ConnectionShow';

export default {
    list: ConnectionList,
    show: ConnectionShow,
    icon: CableIcon,
    recordRepresentation: (record: Connection) => `${record.name} (${record.code})`,
};
