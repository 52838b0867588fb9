// Shows a calendar day 'YYYY-MM-DD' (a Vietnam date, no time) as dd/MM/yyyy with its weekday,
// e.g. "16/02/2026 · Thứ Hai". Dates are never turned into instants, so no time zone can shift them.
import { Typography } from '@mui/material';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';
import { formatDateKey, weekdayOfDateKey } from './vietnamTime';

export const useDateKeyLabel = () => {
    const translate = useTranslate();
    return (key: string | null | undefined, withWeekday = true): string => {
        const weekday = weekdayOfDateKey(key);
        const day = formatDateKey(key);
        return withWeekday && weekday ? `${day} · ${translate(`app.calendar.weekday.${weekday}`)}` : day;
    };
};

export const DateKeyField = ({ withWeekday = true, ...props }: FieldProps & { withWeekday?: boolean }) => {
    const value = useFieldValue(props) as string | null | undefined;
    const label = useDateKeyLabel();
    return (
        <Typography component="span" variant="body2" className={props.className} sx={{ whiteSpace: 'nowrap' }}>
            {label(value, withWeekday)}
        </Typography>
    );
};
