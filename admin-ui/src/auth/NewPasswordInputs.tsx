// A new password and its confirmation, checked early against the server's policy (R-SEC-2).
// Shared by the create-user form, the admin's reset dialog and the user's own change dialog.
import { PasswordInput, required } from 'react-admin';
import { validateNewPassword, validatePasswordConfirm } from './passwordValidation';

export const NewPasswordInputs = ({
    source,
    label,
    username,
    testIds,
}: {
    source: string;
    /** i18n key; without it react-admin labels the field from the resource. */
    label?: string;
    /** The account's user name when the form has no `username` field. */
    username?: string | null;
    testIds: { password: string; confirm: string };
}) => (
    <>
        <PasswordInput
            source={source}
            label={label}
            validate={[required(), validateNewPassword(username)]}
            helperText="app.password.policy"
            autoComplete="new-password"
            fullWidth
            slotProps={{ htmlInput: { 'data-testid': testIds.password } }}
        />
        <PasswordInput
            source={`${source}Confirm`}
            label={label ? 'app.password.confirm' : undefined}
            validate={[required(), validatePasswordConfirm(source)]}
            autoComplete="new-password"
            fullWidth
            slotProps={{ htmlInput: { 'data-testid': testIds.confirm } }}
        />
    </>
);
