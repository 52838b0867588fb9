// Early feedback for the server's password policy (domain/password-policy.ts, R-SEC-2): the same
// rule, with the back office's own translated messages. The server decides in the end.
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordViolations } from '../types';

type Values = Record<string, unknown>;
type Message = string | { message: string; args: Record<string, unknown> } | undefined;

/** A new password for the account named by the form's `username` field, or by `username`. */
export const validateNewPassword =
    (username?: string | null) =>
    (value: unknown, values: Values): Message => {
        if (typeof value !== 'string' || value === '') return 'ra.validation.required';
        const [violation] = passwordViolations(value, username ?? (values?.username as string | undefined));
        if (!violation) return undefined;
        return { message: `app.password.violation.${violation}`, args: { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH } };
    };

/** The repeated password must equal the one in `field`. */
export const validatePasswordConfirm =
    (field: string) =>
    (value: unknown, values: Values): Message =>
        value === values?.[field] ? undefined : 'app.password.mismatch';
