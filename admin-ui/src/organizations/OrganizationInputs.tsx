// The form fields of an organization, shared by create and edit.
import { Box, Typography } from '@mui/material';
import {
    FormDataConsumer,
    SelectInput,
    TextInput,
    email,
    maxLength,
    required,
    useTranslate,
} from 'react-admin';
import { organizationKindChoices } from './OrganizationFields';
import { parentCodeOf, validateOrgCode } from './orgCode';

const validateCode = [required(), validateOrgCode];
const validateName = [required(), maxLength(255)];
const validateShortName = [required(), maxLength(50)];
const validateEmail = [email()];

const CodeHelper = () => {
    const translate = useTranslate();
    return (
        <FormDataConsumer>
            {({ formData }) => {
                const parent = formData?.code ? parentCodeOf(String(formData.code).trim()) : null;
                return (
                    <span>
                        {translate('app.organization.code_helper')}
                        {parent && (
                            <>
                                <br />
                                {translate('app.organization.derived_parent', { parent })}
                            </>
                        )}
                    </span>
                );
            }}
        </FormDataConsumer>
    );
};

export const OrganizationInputs = ({ isCreate }: { isCreate: boolean }) => {
    const translate = useTranslate();
    return (
        <Box sx={{ width: '100%', maxWidth: 720 }}>
            <TextInput
                source="code"
                validate={isCreate ? validateCode : undefined}
                disabled={!isCreate}
                helperText={isCreate ? <CodeHelper /> : false}
                placeholder="000.00.01.H52"
                parse={(value: string) => value?.toUpperCase()}
                fullWidth
            />
            <TextInput source="name" validate={validateName} fullWidth />
            <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
                <TextInput source="shortName" validate={validateShortName} sx={{ flex: 1, minWidth: 200 }} />
                <SelectInput
                    source="kind"
                    choices={organizationKindChoices}
                    validate={required()}
                    sx={{ flex: 1, minWidth: 200 }}
                />
            </Box>
            <Typography variant="subtitle1" sx={{ mt: 2 }}>
                {translate('app.organization.contact')}
            </Typography>
            <TextInput source="address" fullWidth />
            <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
                <TextInput source="email" type="email" validate={validateEmail} sx={{ flex: 1, minWidth: 200 }} />
                <TextInput source="phone" sx={{ flex: 1, minWidth: 200 }} />
            </Box>
            <TextInput source="website" fullWidth />
        </Box>
    );
};

/**
 * Only the fields the API accepts. On create, empty optional fields are left
 * out; on edit they are sent as null so that clearing a field clears it.
 */
export const organizationPayload = (data: Record<string, unknown>, isCreate: boolean) => {
    const keys = ['name', 'shortName', 'kind', 'address', 'email', 'phone', 'website'];
    const payload: Record<string, unknown> = {};
    if (isCreate) payload.code = String(data.code ?? '').trim();
    for (const key of keys) {
        const raw = data[key];
        const value = typeof raw === 'string' ? raw.trim() || null : (raw ?? null);
        if (value !== null || !isCreate) payload[key] = value;
    }
    return payload;
};
