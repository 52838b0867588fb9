// The form of a department: its organization (fixed once created — users and rules of that
// organization point at it) and its name, unique in the organization up to case and accents
// (the server answers 409 on the name otherwise).
import { Box } from '@mui/material';
import { BooleanInput, TextInput, maxLength, required } from 'react-admin';
import { OrganizationInput } from '../fields/OrganizationInput';

export const DepartmentInputs = ({ edit }: { edit?: boolean }) => (
    <Box sx={{ width: '100%', maxWidth: 720 }}>
        <OrganizationInput
            source="organizationCode"
            validate={required()}
            disabled={edit}
            helperText={edit ? 'app.department.organization_fixed' : false}
            fullWidth
            data-testid="department-organization"
        />
        <TextInput source="name" validate={[required(), maxLength(200)]} helperText="app.department.name_helper" fullWidth slotProps={{ htmlInput: { 'data-testid': 'department-name' } }} />
        {edit && <BooleanInput source="active" label="app.department.active" helperText="app.department.active_helper" />}
    </Box>
);

/** What POST and PUT send: the editable fields only. */
export const cleanDepartment = (data: Record<string, unknown>) => ({
    organizationCode: data.organizationCode,
    name: typeof data.name === 'string' ? data.name.trim() : data.name,
    active: data.active === undefined ? true : !!data.active,
});
