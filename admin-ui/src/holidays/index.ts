import EventIcon from '@mui/icons-material/Event';
import { formatDateKey } from '../fields/vietnamTime';
import type { Holiday } from '../types';
import { HolidayCreate } from './HolidayCreate';
import { HolidayEdit } from './HolidayEdit';
import { HolidayList } from './HolidayList';

export default {
    list: HolidayList,
    edit: HolidayEdit,
    create: HolidayCreate,
    icon: EventIcon,
    recordRepresentation: (record: Holiday) => `${formatDateKey(record.date)} — ${record.name}`,
};
