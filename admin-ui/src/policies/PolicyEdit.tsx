// Editing a policy's value (admin). The form depends on the key (office hours, a deadline rule
// per urgency, reminder, escalation); the server validates the value for its key and a 422 shows
// under the field it names. Only an organization's own office hours can be deleted.
import { Alert } from '@mui/material';
import {
    DeleteButton,
    Edit,
    SaveButton,
    SimpleForm,
    Toolbar,
    usePermissions,
    useRecordContext,
    useTranslate,
} from 'react-admin';
import { canRole } from '../auth/access';
import type { Policy, Role } from '../types';
import { PolicyValueInputs } from './PolicyInputs';
import { PolicyTitle } from './PolicyTitle';
import { cleanPolicyValue, overrideOrg } from './policyValues';

const PolicyEditToolbar = () => {
    const { permissions } = usePermissions<Role[]>();
    const record = useRecordContext<Policy>();
    return (
        <Toolbar sx={{ justifyContent: 'space-between' }}>
            <SaveButton data-testid="policy-save" />
            {record && overrideOrg(String(record.id)) && canRole(permissions, 'policies', 'delete') && (
                <DeleteButton
                    mutationMode="pessimistic"
                    confirmTitle="app.policy.delete_override_title"
                    confirmContent="app.policy.delete_override_content"
                    data-testid="policy-delete"
                />
            )}
        </Toolbar>
    );
};

const PolicyForm = () => {
    const record = useRecordContext<Policy>();
    const translate = useTranslate();
    if (!record) return null;
    return (
        <>
            <Alert severity="info" sx={{ width: '100%', maxWidth: 900 }}>
                {record.description || translate('app.policy.no_description')}
            </Alert>
            <PolicyValueInputs policyKey={String(record.id)} />
        </>
    );
};

export const PolicyEdit = () => (
    <Edit
        title={<PolicyTitle />}
        redirect="list"
        mutationMode="pessimistic"
        transform={(data: Record<string, unknown>) => ({ value: cleanPolicyValue(String(data.id), data.value) })}
    >
        <SimpleForm toolbar={<PolicyEditToolbar />}>
            <PolicyForm />
        </SimpleForm>
    </Edit>
);
