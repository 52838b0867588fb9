import AlarmIcon from '@mui/icons-material/Alarm';
import type { Task } from '../types';
import { OverdueList } from './OverdueList';

export default {
    list: OverdueList,
    icon: AlarmIcon,
    recordRepresentation: (record: Task) => record.title ?? record.step,
};
