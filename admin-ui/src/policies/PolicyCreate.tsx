// An organization's own office hours (admin): `office_hours:<orgCode>`, for the organization and
// its subtree (a commune follows its district). The form starts from the current default hours.
// The server names the organization problems on `id`; they are shown on the organization input.
import { Alert } from '@mui/material';
import {
    AutocompleteInput,
    Create,
    HttpError,
    Loading,
    ReferenceInput,
    SimpleForm,
    required,
    useCreate,
    useGetOne,
    useNotify,
    useRedirect,
    useTranslate,
} from 'react-admin';
import { POLICY_KEYS, type OfficeHoursPolicy, type Policy } from '../types';
import { OfficeHoursInputs } from './PolicyInputs';
import { cleanOfficeHours, overrideKey } from './policyValues';

const organizationFilter = (q: string) => ({ q });

/** The server's field errors with `id` (the key) moved onto the organization input. */
const formErrorsOf = (error: unknown): Record<string, unknown> | undefined => {
    if (!(error instanceof HttpError)) return undefined;
    const errors = (error.body as { errors?: Record<string, unknown> } | undefined)?.errors;
    if (!errors) return { root: { serverError: error.message } };
    const { id, ...rest } = errors;
    return id ? { ...rest, organizationCode: id } : errors;
};

const OverrideForm = ({ defaults }: { defaults: OfficeHoursPolicy }) => {
    const [create] = useCreate<Policy>();
    const notify = useNotify();
    const redirect = useRedirect();
    const onSubmit = async (values: Record<string, unknown>) => {
        try {
            await create(
                'policies',
                {
                    data: {
                        id: overrideKey(String(values.organizationCode ?? '')),
                        value: cleanOfficeHours(values.value as Partial<OfficeHoursPolicy>),
                    },
                },
                { returnPromise: true },
            );
            notify('app.policy.override_created', { type: 'success' });
            redirect('list', 'policies');
            return undefined;
        } catch (error) {
            notify((error as Error)?.message || 'ra.notification.http_error', { type: 'error' });
            return formErrorsOf(error);
        }
    };
    return (
        <SimpleForm onSubmit={onSubmit} defaultValues={{ value: defaults }}>
            <ReferenceInput source="organizationCode" reference="organizations" sort={{ field: 'code', order: 'ASC' }}>
                <AutocompleteInput
                    label="app.policy.organization"
                    filterToQuery={organizationFilter}
                    validate={required()}
                    sx={{ width: '100%', maxWidth: 640 }}
                    data-testid="policy-organization"
                />
            </ReferenceInput>
            <OfficeHoursInputs />
        </SimpleForm>
    );
};

export const PolicyCreate = () => {
    const translate = useTranslate();
    const { data, isPending } = useGetOne<Policy>('policies', { id: POLICY_KEYS.officeHours });
    return (
        <Create title="app.policy.create_override">
            <Alert severity="info" sx={{ m: 2, mb: 0 }}>
                {translate('app.policy.override_hint')}
            </Alert>
            {isPending ? <Loading /> : <OverrideForm defaults={(data?.value as OfficeHoursPolicy) ?? { default: { weekdays: [1, 2, 3, 4, 5], periods: [] }, seasonal: [] }} />}
        </Create>
    );
};
