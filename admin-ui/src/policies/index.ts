import ScheduleIcon from '@mui/icons-material/Schedule';
import type { Policy } from '../types';
import { PolicyCreate } from './PolicyCreate';
import { PolicyEdit } from './PolicyEdit';
import { PolicyList } from './PolicyList';
import { PolicyShow } from './PolicyShow';

export default {
    list: PolicyList,
    show: PolicyShow,
    edit: PolicyEdit,
    create: PolicyCreate,
    icon: ScheduleIcon,
    recordRepresentation: (record: Policy) => String(record.id),
};
