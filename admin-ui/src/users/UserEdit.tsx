// Editing an account (admin, R-SEC-2): everything but the user name and the password. Changes to
// roles and organization apply from the user's next request. Pessimistic, so the server's
// refusals (e.g. removing one's own admin role, 409) are shown as it said them.
import { Edit, SaveButton, SimpleForm, Toolbar } from 'react-admin';
import { ResetPasswordButton } from './ResetPasswordButton';
import { ToggleActiveButton } from './ToggleActiveButton';
import { UserInputs, userPayload } from './UserInputs';
import { UserTitle } from './UserTitle';

const UserEditToolbar = () => (
    <Toolbar sx={{ gap: 1 }}>
        <SaveButton data-testid="user-save" />
        <ResetPasswordButton variant="outlined" />
        <ToggleActiveButton variant="outlined" />
    </Toolbar>
);

export const UserEdit = () => (
    <Edit
        title={<UserTitle />}
        redirect="list"
        mutationMode="pessimistic"
        transform={(data: Record<string, unknown>) => userPayload(data, false)}
    >
        <SimpleForm toolbar={<UserEditToolbar />}>
            <UserInputs isCreate={false} />
        </SimpleForm>
    </Edit>
);
