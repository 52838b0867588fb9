// Adding a day to the calendar (admin, R-CAL-2): an extra day off, the day-off half of a swapped
// day, or a make-up working Saturday. Pessimistic: a duplicate date (409) or a make-up day on a
// weekday (422) lands on its field. Afterwards the list opens on the new day's year.
import { Create, SimpleForm, type RaRecord } from 'react-admin';
import { HolidayInputs, holidayPayload } from './HolidayInputs';

const listOfYear = (_resource?: string, _id?: unknown, data?: Partial<RaRecord>) => {
    const year = Number(String(data?.date ?? '').slice(0, 4));
    return Number.isInteger(year) && year > 0
        ? `holidays?filter=${encodeURIComponent(JSON.stringify({ year }))}`
        : 'holidays';
};

export const HolidayCreate = () => (
    <Create
        title="app.holiday.create_title"
        redirect={listOfYear}
        mutationMode="pessimistic"
        transform={(data: Record<string, unknown>) => holidayPayload(data, true)}
    >
        <SimpleForm defaultValues={{ kind: 'day_off' }}>
            <HolidayInputs isCreate />
        </SimpleForm>
    </Create>
);
