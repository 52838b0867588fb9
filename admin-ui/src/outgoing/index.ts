import OutboxIcon from '@mui/icons-material/Outbox';
import type { OutgoingDocument } from '../types';
import { OutgoingCreate } from './OutgoingCreate';
import { OutgoingList } from './OutgoingList';
import { OutgoingShow } from './OutgoingShow';

export default {
    list: OutgoingList,
    show: OutgoingShow,
    create: OutgoingCreate,
    icon: OutboxIcon,
    recordRepresentation: (record: OutgoingDocument) => record.numberAndNotation || record.summary,
};
