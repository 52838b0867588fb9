// The form fields of an account, shared by create and edit (R-SEC-2). The user name is the
// account's identity: chosen on create, read-only afterwards. The password is set on create only;
// later an admin resets it (ResetPasswordButton) and the user changes it from the user menu.
// The subtree a supervisor watches is asked only when the supervisor role is ticked.
import { Box, Typography } from '@mui/material';
import {
    AutocompleteInput,
    CheckboxGroupInput,
    FormDataConsumer,
    Labeled,
    ReferenceInput,
    TextInput,
    email,
    maxLength,
    regex,
    required,
    useGetIdentity,
    useInput,
    useRecordContext,
    useTranslate,
} from 'react-admin';
import { useEffect, useRef } from 'react';
import { NewPasswordInputs } from '../auth/NewPasswordInputs';
import { DepartmentInput } from '../departments/DepartmentInput';
import { DateTimeField } from '../fields/DateTimeField';
import type { Role, User } from '../types';
import { ActiveField, roleChoices } from './UserFields';

const validateUsername = [required(), regex(/^[a-z0-9._-]{3,64}$/, 'app.user.username_invalid')];
const validateFullName = [required(), maxLength(200)];
const validateOptional200 = [maxLength(200)];
const validateEmail = [email(), maxLength(254)];
const validatePhone = [maxLength(40)];
const validateRoles = [required('app.user.roles_required')];

const organizationFilter = (q: string) => ({ q });

/** The user's department, among the active ones of their organization; cleared when the organization changes. */
const UserDepartmentInput = ({ organizationCode }: { organizationCode: string | null | undefined }) => {
    const { field } = useInput({ source: 'departmentId' });
    const shownFor = useRef(organizationCode);
    useEffect(() => {
        if (shownFor.current === organizationCode) return;
        shownFor.current = organizationCode;
        if (field.value) field.onChange(null);
    }, [organizationCode, field]);
    return (
        <Box data-testid="user-department">
            <DepartmentInput source="departmentId" organizationCode={organizationCode} helperText="app.user.department_helper" fullWidth />
        </Box>
    );
};

/** True when the form edits the signed-in admin's own account. */
export const useIsOwnAccount = (): boolean => {
    const record = useRecordContext<User>();
    const { identity } = useGetIdentity();
    return !!record && !!identity && String(identity.id) === String(record.id);
};

export const UserInputs = ({ isCreate }: { isCreate: boolean }) => {
    const translate = useTranslate();
    const own = useIsOwnAccount();
    return (
        <Box sx={{ width: '100%', maxWidth: 720 }}>
            <TextInput
                source="username"
                validate={isCreate ? validateUsername : undefined}
                disabled={!isCreate}
                parse={(value: string) => value?.toLowerCase()}
                helperText={isCreate ? 'app.user.username_helper' : 'app.user.username_readonly'}
                autoComplete="off"
                slotProps={{ htmlInput: { 'data-testid': 'user-username' } }}
                fullWidth
            />
            <TextInput source="fullName" validate={validateFullName} fullWidth slotProps={{ htmlInput: { 'data-testid': 'user-full-name' } }} />
            <TextInput source="position" validate={validateOptional200} fullWidth />
            <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
                <TextInput source="email" type="email" validate={validateEmail} sx={{ flex: 1, minWidth: 220 }} />
                <TextInput source="phone" validate={validatePhone} sx={{ flex: 1, minWidth: 220 }} />
            </Box>
            <Box data-testid="user-organization">
                <ReferenceInput source="organizationCode" reference="organizations" sort={{ field: 'code', order: 'ASC' }}>
                    <AutocompleteInput filterToQuery={organizationFilter} validate={required()} helperText="app.user.organization_helper" fullWidth />
                </ReferenceInput>
            </Box>
            <FormDataConsumer>{({ formData }) => <UserDepartmentInput organizationCode={formData?.organizationCode} />}</FormDataConsumer>
            <Box data-testid="user-roles">
                <CheckboxGroupInput
                    source="roles"
                    choices={roleChoices(own ? ['admin'] : [])}
                    validate={validateRoles}
                    helperText={own ? 'app.user.own_admin_role' : false}
                />
            </Box>
            <FormDataConsumer>
                {({ formData }) =>
                    Array.isArray(formData?.roles) && formData.roles.includes('supervisor') ? (
                        <Box data-testid="user-supervises">
                            <ReferenceInput source="supervisesCode" reference="organizations" sort={{ field: 'code', order: 'ASC' }}>
                                <AutocompleteInput filterToQuery={organizationFilter} helperText="app.user.supervises_helper" fullWidth />
                            </ReferenceInput>
                        </Box>
                    ) : null
                }
            </FormDataConsumer>
            {!isCreate && (
                <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap', mt: 1 }}>
                    <Labeled source="active">
                        <ActiveField source="active" />
                    </Labeled>
                    <Labeled source="passwordChangedAt">
                        <DateTimeField source="passwordChangedAt" emptyText="—" />
                    </Labeled>
                    <Labeled source="createdAt">
                        <DateTimeField source="createdAt" />
                    </Labeled>
                </Box>
            )}
            {isCreate && (
                <>
                    <Typography variant="subtitle1" sx={{ mt: 2 }}>
                        {translate('app.user.initial_password')}
                    </Typography>
                    <NewPasswordInputs source="password" testIds={{ password: 'user-password', confirm: 'user-password-confirm' }} />
                </>
            )}
        </Box>
    );
};

const trimmedOrNull = (raw: unknown): unknown => (typeof raw === 'string' ? raw.trim() || null : (raw ?? null));

/**
 * Only the fields the API accepts. Optional fields left empty are omitted on create and sent as
 * null on edit, so clearing a field clears it. The subtree goes only with the supervisor role.
 */
export const userPayload = (data: Record<string, unknown>, isCreate: boolean) => {
    const payload: Record<string, unknown> = {};
    for (const key of ['fullName', 'position', 'email', 'phone']) {
        const value = trimmedOrNull(data[key]);
        if (value !== null || !isCreate) payload[key] = value;
    }
    const roles = Array.isArray(data.roles) ? (data.roles as Role[]) : [];
    payload.organizationCode = data.organizationCode;
    payload.roles = roles;
    payload.supervisesCode = roles.includes('supervisor') ? (data.supervisesCode ?? null) : null;
    const departmentId = data.departmentId || null;
    if (departmentId || !isCreate) payload.departmentId = departmentId;
    if (isCreate) {
        payload.username = String(data.username ?? '').trim().toLowerCase();
        // Sent exactly as typed: passwords are never trimmed.
        payload.password = data.password;
    }
    return payload;
};
