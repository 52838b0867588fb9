import MoveToInboxIcon from '@mui/icons-material/MoveToInbox';
import type { IncomingDocument } from '../types';
import { IncomingCreate } from './IncomingCreate';
import { IncomingList } from './IncomingList';
import { IncomingShow } from './IncomingShow';

export default {
    list: IncomingList,
    show: IncomingShow,
    create: IncomingCreate,
    icon: MoveToInboxIcon,
    recordRepresentation: (record: IncomingDocument) => record.numberAndNotation || record.summary,
};
