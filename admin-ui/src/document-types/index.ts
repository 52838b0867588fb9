import DescriptionIcon from '@mui/icons-material/Description';
import type { DocumentType } from '../types';
import { DocumentTypeCreate } from './DocumentTypeCreate';
import { DocumentTypeEdit } from './DocumentTypeEdit';
import { DocumentTypeList } from './DocumentTypeList';

export default {
    list: DocumentTypeList,
    edit: DocumentTypeEdit,
    create: DocumentTypeCreate,
    icon: DescriptionIcon,
    recordRepresentation: (record: DocumentType) =>
        record.abbreviation ? `${record.name} (${record.abbreviation})` : record.name,
};
