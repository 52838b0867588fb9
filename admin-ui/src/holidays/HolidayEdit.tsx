// Editing a day's kind, name and note (admin). The date is the row's identity; deleting marks
// the row deleted so the yearly seed does not bring a statutory day back.
import { DeleteButton, Edit, SaveButton, SimpleForm, Toolbar, usePermissions, useRecordContext } from 'react-admin';
import { canRole } from '../auth/access';
import type { Holiday, Role } from '../types';
import { HolidayInputs, holidayPayload } from './HolidayInputs';
import { HolidayTitle } from './HolidayTitle';

const HolidayEditToolbar = () => {
    const { permissions } = usePermissions<Role[]>();
    const record = useRecordContext<Holiday>();
    return (
        <Toolbar sx={{ justifyContent: 'space-between' }}>
            <SaveButton data-testid="holiday-save" />
            {canRole(permissions, 'holidays', 'delete') && !record?.deletedAt && (
                <DeleteButton mutationMode="pessimistic" confirmTitle="app.holiday.delete_title" confirmContent="app.holiday.delete_content" data-testid="holiday-delete" />
            )}
        </Toolbar>
    );
};

export const HolidayEdit = () => (
    <Edit
        title={<HolidayTitle />}
        redirect="list"
        mutationMode="pessimistic"
        transform={(data: Record<string, unknown>) => holidayPayload(data, false)}
    >
        <SimpleForm toolbar={<HolidayEditToolbar />}>
            <HolidayInputs isCreate={false} />
        </SimpleForm>
    </Edit>
);
