// "Loại văn bản" (SPEC §4): the document types in their order, with the abbreviation used in
// numbers and notations (15/QĐ-UBND; Công văn has none). Everyone reads the list; admins add and
// edit types and retire them (never delete: documents refer to them).
import { CreateButton, DataTable, ExportButton, FilterButton, List, NullableBooleanInput, SearchInput, TopToolbar, usePermissions } from 'react-admin';
import { canRole } from '../auth/access';
import type { Role } from '../types';
import { AbbreviationField, InUseField } from './DocumentTypeFields';

const documentTypeFilters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <NullableBooleanInput key="active" source="active" trueLabel="app.document_type.in_use" falseLabel="app.document_type.retired" />,
];

const DocumentTypeListActions = () => {
    const { permissions } = usePermissions<Role[]>();
    return (
        <TopToolbar>
            <FilterButton />
            {canRole(permissions, 'document-types', 'create') && <CreateButton data-testid="document-type-create" />}
            <ExportButton />
        </TopToolbar>
    );
};

export const DocumentTypeList = () => {
    const { permissions } = usePermissions<Role[]>();
    return (
        <List
            filters={documentTypeFilters}
            actions={<DocumentTypeListActions />}
            sort={{ field: 'sortOrder', order: 'ASC' }}
            perPage={50}
            title="app.menu.document_types"
        >
            <DataTable bulkActionButtons={false} rowClick={canRole(permissions, 'document-types', 'edit') ? 'edit' : false} data-testid="document-type-table">
                <DataTable.NumberCol source="sortOrder" />
                <DataTable.Col source="code" />
                <DataTable.Col source="name" />
                <DataTable.Col source="abbreviation" field={AbbreviationField} />
                <DataTable.Col source="active" field={InUseField} />
            </DataTable>
        </List>
    );
};
