import { Create, SaveButton, SimpleForm, Toolbar } from 'react-admin';
import { DepartmentInputs, cleanDepartment } from './DepartmentInputs';

const DepartmentCreateToolbar = () => (
    <Toolbar>
        <SaveButton data-testid="department-save" />
    </Toolbar>
);

export const DepartmentCreate = () => (
    <Create title="app.department.create_title" redirect="list" mutationMode="pessimistic" transform={(data: Record<string, unknown>) => cleanDepartment(data)}>
        <SimpleForm toolbar={<DepartmentCreateToolbar />}>
            <DepartmentInputs />
        </SimpleForm>
    </Create>
);
