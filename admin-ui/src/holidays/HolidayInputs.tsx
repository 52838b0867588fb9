// The form fields of a day in the calendar, shared by create and edit. A row is its date: the
// date is chosen on create and read-only afterwards (delete and recreate to move a day).
import { Box } from '@mui/material';
import {
    DateInput,
    FormDataConsumer,
    RadioButtonGroupInput,
    TextInput,
    maxLength,
    required,
    useTranslate,
} from 'react-admin';
import { useDateKeyLabel } from '../fields/DateKeyField';
import { weekdayOfDateKey } from '../fields/vietnamTime';
import { dayKindChoices } from './HolidayFields';

/** Early feedback for the server's rule: only a Saturday or Sunday can be made a working day. */
export const validateKind = (value: unknown, values: Record<string, unknown>): string | undefined => {
    if (value !== 'working_day') return undefined;
    const weekday = weekdayOfDateKey(values?.date as string | undefined);
    return weekday !== null && weekday <= 5 ? 'app.holiday.working_day_weekend_only' : undefined;
};

const validateDate = [required()];
const validateKinds = [required(), validateKind];
const validateName = [required(), maxLength(200)];
const validateNote = [maxLength(1000)];

const DateHelper = ({ isCreate }: { isCreate: boolean }) => {
    const translate = useTranslate();
    const label = useDateKeyLabel();
    return (
        <FormDataConsumer>
            {({ formData }) => (
                <span data-testid="holiday-date-weekday">
                    {formData?.date ? label(String(formData.date)) : translate('app.holiday.date_helper')}
                    {!isCreate && (
                        <>
                            <br />
                            {translate('app.holiday.date_readonly')}
                        </>
                    )}
                </span>
            )}
        </FormDataConsumer>
    );
};

export const HolidayInputs = ({ isCreate }: { isCreate: boolean }) => (
    <Box sx={{ width: '100%', maxWidth: 640 }}>
        <DateInput
            source="date"
            validate={isCreate ? validateDate : undefined}
            disabled={!isCreate}
            helperText={<DateHelper isCreate={isCreate} />}
            slotProps={{ htmlInput: { 'data-testid': 'holiday-date' } }}
            sx={{ width: 320 }}
        />
        <RadioButtonGroupInput source="kind" choices={dayKindChoices} validate={validateKinds} data-testid="holiday-kind" />
        <TextInput
            source="name"
            validate={validateName}
            fullWidth
            slotProps={{ htmlInput: { 'data-testid': 'holiday-name' } }}
        />
        <TextInput source="note" validate={validateNote} multiline minRows={2} fullWidth />
    </Box>
);

/** Only what the API accepts; an emptied note is sent as null so that it is cleared. */
export const holidayPayload = (data: Record<string, unknown>, isCreate: boolean) => {
    const note = typeof data.note === 'string' ? data.note.trim() || null : (data.note ?? null);
    const payload: Record<string, unknown> = {
        kind: data.kind,
        name: typeof data.name === 'string' ? data.name.trim() : data.name,
        note,
    };
    if (isCreate) payload.date = data.date;
    return payload;
};
