import AssignmentIcon from '@mui/icons-material/Assignment';
import type { Task } from '../types';
import { TaskList } from './TaskList';

export default {
    list: TaskList,
    icon: AssignmentIcon,
    recordRepresentation: (record: Task) => record.title ?? record.step,
};
