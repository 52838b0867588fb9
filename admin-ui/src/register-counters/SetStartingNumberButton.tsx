// "Đặt số bắt đầu" (R-DOC-1, admin): make N the next number of a register because the numbers
// below it were used on paper this year. On a register's page the register is fixed; from the
// list the admin picks organization, register and year (a register without numbers yet has no
// row). Pessimistic: the server's refusal — 409 when N is not above the highest number used,
// 422 for a closed year — is shown in the dialog and on the field.
import { useState } from 'react';
import { Alert, Button as MuiButton, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack } from '@mui/material';
import PinIcon from '@mui/icons-material/Pin';
import { useQueryClient } from '@tanstack/react-query';
import {
    AutocompleteInput,
    Button,
    Form,
    HttpError,
    NumberInput,
    ReferenceInput,
    SelectInput,
    TextInput,
    maxLength,
    maxValue,
    minValue,
    number,
    required,
    useCreatePath,
    useDataProvider,
    useNavigate,
    useNotify,
    usePermissions,
    useRecordContext,
    useTranslate,
} from 'react-admin';
import { canRole } from '../auth/access';
import type { AppDataProvider } from '../dataProvider';
import { currentVietnamYear } from '../fields/vietnamTime';
import { registerKindChoices } from '../register-entries/RegisterFields';
import type { RegisterCounter, RegisterKind, Role } from '../types';

const MAX_NUMBER = 999_999;
const validateNext = [required(), number(), minValue(1), maxValue(MAX_NUMBER)];
const validateReason = [maxLength(1000)];

interface StartingNumberForm {
    organizationCode?: string;
    register?: RegisterKind;
    year?: number;
    nextNumber: number;
    reason?: string;
}

const counterId = (org: string, register: string, year: number) => `${org}:${register}:${year}`;

export const SetStartingNumberButton = ({ variant = 'text' }: { variant?: 'text' | 'contained' | 'outlined' }) => {
    const record = useRecordContext<RegisterCounter>();
    const { permissions } = usePermissions<Role[]>();
    const dataProvider = useDataProvider<AppDataProvider>();
    const queryClient = useQueryClient();
    const notify = useNotify();
    const navigate = useNavigate();
    const createPath = useCreatePath();
    const translate = useTranslate();
    const [open, setOpen] = useState(false);
    const [busy, setBusy] = useState(false);
    const [serverError, setServerError] = useState<string | null>(null);

    if (!canRole(permissions, 'register-counters', 'set_start')) return null;
    const year = currentVietnamYear();
    // Past registers are closed; the server refuses them, so the button is not offered.
    if (record && record.year < year) return null;

    const onSubmit = async (values: Record<string, unknown>) => {
        const v = values as unknown as StartingNumberForm;
        const id = record ? String(record.id) : counterId(String(v.organizationCode), String(v.register), Number(v.year));
        setBusy(true);
        setServerError(null);
        try {
            const { data } = await dataProvider.setRegisterStartingNumber(id, Number(v.nextNumber), v.reason);
            notify('app.register.start.success', { type: 'success', messageArgs: { number: data.nextNumber } });
            await queryClient.invalidateQueries({ queryKey: ['register-counters'] });
            setOpen(false);
            if (!record) navigate(createPath({ resource: 'register-counters', id: data.id, type: 'show' }));
            return undefined;
        } catch (error) {
            // The server's reason shows under the field it names, else in the dialog.
            const errors = error instanceof HttpError ? (error.body as { errors?: Record<string, unknown> })?.errors : undefined;
            const { root: _root, ...fields } = errors ?? {};
            if (Object.keys(fields).length) return fields;
            setServerError((error as Error)?.message || translate('ra.notification.http_error'));
            return undefined;
        } finally {
            setBusy(false);
        }
    };

    const defaults: Partial<StartingNumberForm> = record
        ? { nextNumber: record.nextNumber }
        : { register: 'incoming', year, nextNumber: 1 };

    return (
        <>
            <Button
                label="app.register.start.button"
                variant={variant}
                onClick={() => {
                    setServerError(null);
                    setOpen(true);
                }}
                data-testid="register-start-button"
            >
                <PinIcon />
            </Button>
            <Dialog open={open} onClose={() => !busy && setOpen(false)} fullWidth maxWidth="sm" data-testid="register-start-dialog">
                <Form onSubmit={onSubmit} defaultValues={defaults}>
                    <DialogTitle>{translate('app.register.start.dialog_title')}</DialogTitle>
                    <DialogContent>
                        <DialogContentText sx={{ mb: 2 }}>
                            {record
                                ? translate('app.register.start.dialog_content', {
                                      register: translate(`app.register.kind.${record.register}`),
                                      year: record.year,
                                      org: record.organizationCode,
                                      highest: record.highestRegistered ?? 0,
                                  })
                                : translate('app.register.start.dialog_content_new')}
                        </DialogContentText>
                        {!record && (
                            <>
                                <ReferenceInput source="organizationCode" reference="organizations" sort={{ field: 'code', order: 'ASC' }}>
                                    <AutocompleteInput
                                        label="resources.register-counters.fields.organizationCode"
                                        filterToQuery={(q: string) => ({ q })}
                                        validate={required()}
                                        fullWidth
                                    />
                                </ReferenceInput>
                                <Stack direction="row" spacing={2} useFlexGap>
                                    <SelectInput
                                        source="register"
                                        label="resources.register-counters.fields.register"
                                        choices={registerKindChoices}
                                        validate={required()}
                                        sx={{ width: 220 }}
                                    />
                                    <SelectInput
                                        source="year"
                                        label="resources.register-counters.fields.year"
                                        choices={[year, year + 1].map(y => ({ id: y, name: String(y) }))}
                                        validate={required()}
                                        sx={{ width: 140 }}
                                    />
                                </Stack>
                            </>
                        )}
                        <NumberInput
                            source="nextNumber"
                            label="app.register.start.next_number"
                            helperText="app.register.start.next_number_helper"
                            validate={validateNext}
                            step={1}
                            slotProps={{ htmlInput: { 'data-testid': 'register-start-next-number' } }}
                        />
                        <TextInput
                            source="reason"
                            label="app.register.start.reason"
                            validate={validateReason}
                            multiline
                            minRows={2}
                            fullWidth
                            slotProps={{ htmlInput: { 'data-testid': 'register-start-reason' } }}
                        />
                        {serverError && (
                            <Alert severity="error" data-testid="register-start-error">
                                {serverError}
                            </Alert>
                        )}
                    </DialogContent>
                    <DialogActions>
                        <MuiButton onClick={() => setOpen(false)} disabled={busy}>
                            {translate('ra.action.cancel')}
                        </MuiButton>
                        <MuiButton type="submit" variant="contained" disabled={busy} data-testid="register-start-confirm">
                            {translate('app.register.start.confirm')}
                        </MuiButton>
                    </DialogActions>
                </Form>
            </Dialog>
        </>
    );
};
