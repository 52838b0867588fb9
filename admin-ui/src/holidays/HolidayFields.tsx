// Small fields of the calendar: the kind of a day (Nghỉ lễ, tết / Ngày nghỉ / Ngày làm bù) and
// where it comes from (Thư viện / Theo luật / Quản trị viên), as chips.
import { Chip, Stack, Tooltip } from '@mui/material';
import EditNoteIcon from '@mui/icons-material/EditNote';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { DAY_KINDS, HOLIDAY_SOURCES, type DayKind, type Holiday, type HolidaySource } from '../types';

export const dayKindChoices = DAY_KINDS.map(kind => ({ id: kind, name: `app.holiday.kind.${kind}` }));
export const holidaySourceChoices = HOLIDAY_SOURCES.map(source => ({
    id: source,
    name: `app.holiday.source.${source}`,
}));

/** Days off are red, make-up working days green (the same colours as the year calendar). */
export const DAY_KIND_COLOR: Record<DayKind, 'error' | 'success'> = {
    holiday: 'error',
    day_off: 'error',
    working_day: 'success',
};

export const DayKindChip = ({ kind }: { kind: DayKind }) => {
    const translate = useTranslate();
    return (
        <Chip
            size="small"
            color={DAY_KIND_COLOR[kind] ?? 'default'}
            variant={kind === 'day_off' ? 'outlined' : 'filled'}
            label={translate(`app.holiday.kind.${kind}`, { _: kind })}
            data-testid={`holiday-kind-${kind}`}
        />
    );
};

const SOURCE_COLOR: Record<HolidaySource, 'default' | 'info' | 'secondary'> = {
    library: 'default',
    statutory: 'info',
    admin: 'secondary',
};

export const HolidaySourceChip = ({ source }: { source: HolidaySource }) => {
    const translate = useTranslate();
    return (
        <Chip
            size="small"
            variant="outlined"
            color={SOURCE_COLOR[source] ?? 'default'}
            label={translate(`app.holiday.source.${source}`, { _: source })}
        />
    );
};

export const HolidayKindField = (_props: FieldProps) => {
    const record = useRecordContext<Holiday>();
    return record ? <DayKindChip kind={record.kind} /> : null;
};

/** The source, and a mark when an admin changed a seeded day (the seed leaves it alone since). */
export const HolidaySourceField = (_props: FieldProps) => {
    const record = useRecordContext<Holiday>();
    const translate = useTranslate();
    if (!record) return null;
    return (
        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
            <HolidaySourceChip source={record.source} />
            {record.adminManaged && record.source !== 'admin' && (
                <Tooltip title={translate('app.holiday.admin_adjusted')}>
                    <EditNoteIcon fontSize="small" color="secondary" data-testid={`holiday-adjusted-${record.date}`} />
                </Tooltip>
            )}
        </Stack>
    );
};
