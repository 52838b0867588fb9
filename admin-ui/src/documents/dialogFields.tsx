// Inputs of the action dialogs: free text (a reason, a note, a result) and a Vietnam date-time.
// Plain MUI fields with their own "touched" state: the dialogs are not react-admin forms.
import { TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { VN_OFFSET } from '../fields/vietnamTime';

export const MAX_REASON = 2000;

export const TextAreaField = ({
    label,
    value,
    onChange,
    required,
    showError,
    helper,
    testId,
    autoFocus,
}: {
    label: string;
    value: string;
    onChange: (value: string) => void;
    required?: boolean;
    /** Show "required" when empty (after a confirm attempt). */
    showError?: boolean;
    helper?: string;
    testId: string;
    autoFocus?: boolean;
}) => {
    const translate = useTranslate();
    const empty = value.trim() === '';
    const error = !!required && !!showError && empty;
    return (
        <TextField
            label={translate(label)}
            value={value}
            onChange={event => onChange(event.target.value)}
            required={required}
            error={error}
            helperText={error ? translate('ra.validation.required') : helper ? translate(helper) : undefined}
            multiline
            minRows={2}
            fullWidth
            margin="normal"
            autoFocus={autoFocus}
            slotProps={{ htmlInput: { 'data-testid': testId, maxLength: MAX_REASON } }}
        />
    );
};

/** A date and time read as Vietnam wall-clock time (+07:00), whatever the browser's zone. */
export const VietnamDateTimeInput = ({
    label,
    value,
    onChange,
    required,
    showError,
    testId,
}: {
    label: string;
    /** 'YYYY-MM-DDTHH:mm' */
    value: string;
    onChange: (value: string) => void;
    required?: boolean;
    showError?: boolean;
    testId: string;
}) => {
    const translate = useTranslate();
    const error = !!required && !!showError && !value;
    return (
        <TextField
            type="datetime-local"
            label={translate(label)}
            value={value}
            onChange={event => onChange(event.target.value)}
            required={required}
            error={error}
            helperText={error ? translate('ra.validation.required') : translate('app.document.vietnam_time', { offset: VN_OFFSET })}
            fullWidth
            margin="normal"
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': testId } }}
        />
    );
};
