import GroupsIcon from '@mui/icons-material/Groups';
import { DepartmentCreate } from './DepartmentCreate';
import { DepartmentEdit } from './DepartmentEdit';
import { DepartmentList } from './DepartmentList';
import type { Department } from './departmentTypes';

export { DepartmentInput } from './DepartmentInput';

export default {
    list: DepartmentList,
    edit: DepartmentEdit,
    create: DepartmentCreate,
    icon: GroupsIcon,
    recordRepresentation: (record: Department) => record.name,
};
