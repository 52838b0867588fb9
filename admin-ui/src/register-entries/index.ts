import MenuBookIcon from '@mui/icons-material/MenuBook';
import type { RegisterEntry } from '../types';
import { RegisterEntryList } from './RegisterEntryList';
import { RegisterEntryShow } from './RegisterEntryShow';

export default {
    list: RegisterEntryList,
    show: RegisterEntryShow,
    icon: MenuBookIcon,
    recordRepresentation: (record: RegisterEntry) => `${record.number}/${record.year} (${record.organizationCode})`,
};
