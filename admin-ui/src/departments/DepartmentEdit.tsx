// Renaming, retiring or removing a department. DELETE removes an unused one, retires one only
// the history names, and is refused (409, shown as the server said it) while active users, open
// tasks or active routing rules point at it.
import { DeleteButton, Edit, SaveButton, SimpleForm, Toolbar, useRecordContext, useTranslate } from 'react-admin';
import { DepartmentInputs, cleanDepartment } from './DepartmentInputs';
import type { Department } from './departmentTypes';

const DepartmentTitle = () => {
    const record = useRecordContext<Department>();
    const translate = useTranslate();
    const name = translate('resources.departments.name', { smart_count: 1 });
    return <span>{record ? `${name}: ${record.name}` : name}</span>;
};

const DepartmentEditToolbar = () => (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
        <SaveButton data-testid="department-save" />
        <DeleteButton mutationMode="pessimistic" confirmTitle="app.department.delete_title" confirmContent="app.department.delete_content" data-testid="department-delete" />
    </Toolbar>
);

export const DepartmentEdit = () => (
    <Edit title={<DepartmentTitle />} mutationMode="pessimistic" redirect="list" transform={(data: Record<string, unknown>) => cleanDepartment(data)}>
        <SimpleForm toolbar={<DepartmentEditToolbar />}>
            <DepartmentInputs edit />
        </SimpleForm>
    </Edit>
);
