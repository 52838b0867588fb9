import CorporateFareIcon from '@mui/icons-material/CorporateFare';
import type { Organization } from '../types';
import { OrganizationCreate } from './OrganizationCreate';
import { OrganizationEdit } from './OrganizationEdit';
import { OrganizationList } from './OrganizationList';
import { OrganizationShow } from './OrganizationShow';

export { OrganizationTree } from './OrganizationTree';

export default {
    list: OrganizationList,
    show: OrganizationShow,
    edit: OrganizationEdit,
    create: OrganizationCreate,
    icon: CorporateFareIcon,
    recordRepresentation: (record: Organization) => `${record.name} (${record.code})`,
};
