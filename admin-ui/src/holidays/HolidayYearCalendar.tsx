// "Lịch năm": the twelve months of one year on one screen, weeks starting on Monday. Weekends are
// shaded, days off red, make-up working days green, today outlined. Admins click a day to add it
// to the calendar or to edit it. Fetches its own rows (one request per year, a few dozen rows).
import { useMemo } from 'react';
import { Box, Card, CardContent, Grid, Stack, Tooltip, Typography } from '@mui/material';
import {
    Loading,
    useCreatePath,
    useGetList,
    useListContext,
    useNavigate,
    usePermissions,
    useTranslate,
} from 'react-admin';
import { canRole } from '../auth/access';
import { currentVietnamYear, dateKeyOf, todayDateKey, weekdayOfDateKey } from '../fields/vietnamTime';
import type { DayKind, Holiday, Role } from '../types';

const CELL = 30;

const cellColors = (kind: DayKind | undefined, weekend: boolean) => {
    if (kind === 'holiday' || kind === 'day_off') return { bgcolor: 'error.main', color: 'error.contrastText' };
    if (kind === 'working_day') return { bgcolor: 'success.main', color: 'success.contrastText' };
    if (weekend) return { bgcolor: 'grey.200', color: 'text.secondary' };
    return { bgcolor: 'transparent', color: 'text.primary' };
};

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

interface MonthProps {
    year: number;
    month: number;
    byDate: Map<string, Holiday>;
    today: string;
    onDayClick?: (date: string, holiday: Holiday | undefined) => void;
}

const Month = ({ year, month, byDate, today, onDayClick }: MonthProps) => {
    const translate = useTranslate();
    const first = weekdayOfDateKey(dateKeyOf(year, month, 1)) ?? 1;
    const count = daysInMonth(year, month);
    const blanks = Array.from({ length: first - 1 }, (_, i) => <Box key={`blank-${i}`} />);
    return (
        <Card variant="outlined" data-testid={`calendar-month-${month}`}>
            <CardContent sx={{ p: 1, '&:last-child': { pb: 1 } }}>
                <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
                    {translate('app.calendar.month', { month })}
                </Typography>
                <Box sx={{ display: 'grid', gridTemplateColumns: `repeat(7, ${CELL}px)`, gap: '2px' }}>
                    {[1, 2, 3, 4, 5, 6, 7].map(weekday => (
                        <Typography
                            key={weekday}
                            variant="caption"
                            color="text.secondary"
                            sx={{ textAlign: 'center', fontWeight: 500 }}
                        >
                            {translate(`app.calendar.weekday_short.${weekday}`)}
                        </Typography>
                    ))}
                    {blanks}
                    {Array.from({ length: count }, (_, i) => {
                        const day = i + 1;
                        const date = dateKeyOf(year, month, day);
                        const holiday = byDate.get(date);
                        const weekend = (weekdayOfDateKey(date) ?? 1) >= 6;
                        const cell = (
                            <Box
                                component={onDayClick ? 'button' : 'div'}
                                type={onDayClick ? 'button' : undefined}
                                onClick={onDayClick ? () => onDayClick(date, holiday) : undefined}
                                data-testid={`calendar-day-${date}`}
                                data-kind={holiday?.kind ?? (weekend ? 'weekend' : 'working')}
                                sx={{
                                    ...cellColors(holiday?.kind, weekend),
                                    width: CELL,
                                    height: CELL - 4,
                                    p: 0,
                                    border: date === today ? 2 : 0,
                                    borderColor: 'primary.main',
                                    borderRadius: 1,
                                    font: 'inherit',
                                    fontSize: 13,
                                    lineHeight: `${CELL - 4}px`,
                                    textAlign: 'center',
                                    cursor: onDayClick ? 'pointer' : 'default',
                                    '&:hover': onDayClick ? { outline: '1px solid', outlineColor: 'primary.light' } : {},
                                }}
                            >
                                {day}
                            </Box>
                        );
                        return holiday ? (
                            <Tooltip key={date} title={`${holiday.name} — ${translate(`app.holiday.kind.${holiday.kind}`)}`}>
                                {cell}
                            </Tooltip>
                        ) : (
                            <Box key={date}>{cell}</Box>
                        );
                    })}
                </Box>
            </CardContent>
        </Card>
    );
};

const Legend = ({ daysOff, workingDays }: { daysOff: number; workingDays: number }) => {
    const translate = useTranslate();
    const swatch = (sx: object) => <Box sx={{ width: 16, height: 16, borderRadius: 0.5, ...sx }} />;
    return (
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', mb: 1 }}>
            <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
                {swatch({ bgcolor: 'error.main' })}
                <Typography variant="body2">{translate('app.calendar.legend_day_off', { smart_count: daysOff })}</Typography>
            </Stack>
            <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
                {swatch({ bgcolor: 'success.main' })}
                <Typography variant="body2">{translate('app.calendar.legend_working_day', { smart_count: workingDays })}</Typography>
            </Stack>
            <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
                {swatch({ bgcolor: 'grey.200' })}
                <Typography variant="body2">{translate('app.calendar.legend_weekend')}</Typography>
            </Stack>
            <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
                {swatch({ border: 2, borderColor: 'primary.main' })}
                <Typography variant="body2">{translate('app.calendar.legend_today')}</Typography>
            </Stack>
        </Stack>
    );
};

export const HolidayYearCalendar = () => {
    const translate = useTranslate();
    const navigate = useNavigate();
    const createPath = useCreatePath();
    const { permissions } = usePermissions<Role[]>();
    const { filterValues } = useListContext();
    const year = typeof filterValues.year === 'number' ? filterValues.year : currentVietnamYear();
    const { data, isPending, error } = useGetList<Holiday>('holidays', {
        pagination: { page: 1, perPage: 400 },
        sort: { field: 'date', order: 'ASC' },
        filter: { year },
    });
    const byDate = useMemo(() => new Map((data ?? []).map(h => [h.date, h])), [data]);
    const daysOff = (data ?? []).filter(h => h.kind !== 'working_day').length;
    const workingDays = (data ?? []).length - daysOff;
    const canAdd = canRole(permissions, 'holidays', 'create');
    const onDayClick = canAdd
        ? (date: string, holiday: Holiday | undefined) =>
              navigate(
                  holiday
                      ? createPath({ resource: 'holidays', id: holiday.id, type: 'edit' })
                      : `${createPath({ resource: 'holidays', type: 'create' })}?source=${encodeURIComponent(
                            JSON.stringify({ date, kind: (weekdayOfDateKey(date) ?? 1) >= 6 ? 'working_day' : 'day_off' }),
                        )}`,
              )
        : undefined;

    if (isPending) return <Loading />;
    if (error) return <Typography color="error" sx={{ p: 2 }}>{translate('app.calendar.load_error')}</Typography>;
    return (
        <Box sx={{ p: 2 }} data-testid="holiday-year-calendar">
            <Typography variant="h6">{translate('app.calendar.year_title', { year })}</Typography>
            <Legend daysOff={daysOff} workingDays={workingDays} />
            {canAdd && (
                <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                    {translate('app.calendar.click_hint')}
                </Typography>
            )}
            <Grid container spacing={1.5}>
                {Array.from({ length: 12 }, (_, i) => (
                    <Grid key={i} size={{ xs: 12, sm: 6, md: 4, lg: 3 }}>
                        <Month year={year} month={i + 1} byDate={byDate} today={todayDateKey()} onDayClick={onDayClick} />
                    </Grid>
                ))}
            </Grid>
        </Box>
    );
};
