import PeopleIcon from '@mui/icons-material/People';
import type { User } from '../types';
import { UserList } from './UserList';

export default {
    list: UserList,
    icon: PeopleIcon,
    recordRepresentation: (record: User) => `${record.fullName} (${record.username})`,
};
