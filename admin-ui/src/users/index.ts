import PeopleIcon from '@mui/icons-material/People';
import type { User } from '../types';
import { UserCreate } from './UserCreate';
import { UserEdit } from './UserEdit';
import { UserList } from './UserList';

export default {
    list: UserList,
    edit: UserEdit,
    create: UserCreate,
    icon: PeopleIcon,
    recordRepresentation: (record: User) => `${record.fullName} (${record.username})`,
};
