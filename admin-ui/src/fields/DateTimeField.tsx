// Shows an ISO 8601 time as dd/MM/yyyy HH:mm in Vietnam time (Asia/Ho_Chi_Minh,
// +07:00, R-TIME-1), whatever the browser's own time zone and language.
import { useFieldValue, type FieldProps } from 'react-admin';
import { Typography } from '@mui/material';

const PARTS = new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
});

/** `2025-11-27T13:05:00+07:00` → `27/11/2025 13:05`; '' for empty or invalid input. */
export const formatDateTimeVN = (value: string | number | Date | null | undefined, withTime = true): string => {
    if (value === null || value === undefined || value === '') return '';
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) return '';
    const part = Object.fromEntries(PARTS.formatToParts(date).map(p => [p.type, p.value]));
    const day = `${part.day}/${part.month}/${part.year}`;
    return withTime ? `${day} ${part.hour}:${part.minute}` : day;
};

export interface DateTimeFieldProps extends FieldProps {
    /** Show only dd/MM/yyyy. */
    dateOnly?: boolean;
    /** Append the Vietnam offset: dd/MM/yyyy HH:mm +07:00. */
    withOffset?: boolean;
    emptyText?: string;
}

export const DateTimeField = ({ dateOnly, withOffset, emptyText = '', ...props }: DateTimeFieldProps) => {
    const value = useFieldValue(props);
    const formatted = formatDateTimeVN(value, !dateOnly);
    const text = formatted && withOffset && !dateOnly ? `${formatted} +07:00` : formatted;
    return (
        <Typography component="span" variant="body2" className={props.className}>
            {text || emptyText}
        </Typography>
    );
};
