import FormatListNumberedIcon from '@mui/icons-material/FormatListNumbered';
import type { RegisterCounter } from '../types';
import { RegisterCounterList } from './RegisterCounterList';
import { RegisterCounterShow } from './RegisterCounterShow';

export default {
    list: RegisterCounterList,
    show: RegisterCounterShow,
    icon: FormatListNumberedIcon,
    recordRepresentation: (record: RegisterCounter) => `${record.organizationCode}:${record.register}:${record.year}`,
};
