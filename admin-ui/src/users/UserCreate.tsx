// Creating an account (admin, R-SEC-2) with its first password, typed twice. Pessimistic: a taken
// user name (409), an unregistered organization (422) or a weak password (400) lands on its field.
import { Create, SaveButton, SimpleForm, Toolbar } from 'react-admin';
import { UserInputs, userPayload } from './UserInputs';

const UserCreateToolbar = () => (
    <Toolbar>
        <SaveButton data-testid="user-save" />
    </Toolbar>
);

export const UserCreate = () => (
    <Create
        title="app.user.create_title"
        redirect="list"
        mutationMode="pessimistic"
        transform={(data: Record<string, unknown>) => userPayload(data, true)}
    >
        <SimpleForm defaultValues={{ roles: [] }} toolbar={<UserCreateToolbar />} mode="onBlur" reValidateMode="onBlur">
            <UserInputs isCreate />
        </SimpleForm>
    </Create>
);
