// Vietnam calendar days and instants in the browser, whatever its own time zone (R-TIME-1):
// Vietnam is UTC+07:00 all year (no daylight saving), so a fixed offset is exact.
import type { IsoWeekday } from '../types';

export const VN_OFFSET = '+07:00';
const VN_OFFSET_MS = 7 * 3600_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock parts of an instant as seen in Vietnam. */
export const vietnamParts = (value: string | number | Date) => {
    const shifted = new Date(new Date(value).getTime() + VN_OFFSET_MS);
    return {
        year: shifted.getUTCFullYear(),
        month: shifted.getUTCMonth() + 1,
        day: shifted.getUTCDate(),
        hour: shifted.getUTCHours(),
        minute: shifted.getUTCMinutes(),
        weekday: (((shifted.getUTCDay() + 6) % 7) + 1) as IsoWeekday,
    };
};

export const currentVietnamYear = (now: Date = new Date()): number => vietnamParts(now).year;

/** 'YYYY-MM-DD' of today in Vietnam. */
export const todayDateKey = (now: Date = new Date()): string => {
    const p = vietnamParts(now);
    return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
};

export const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

/** ISO weekday of a 'YYYY-MM-DD' calendar day (1 = Monday … 7 = Sunday), or null if malformed. */
export const weekdayOfDateKey = (key: string | null | undefined): IsoWeekday | null => {
    if (!key || !DATE_KEY.test(key)) return null;
    const date = new Date(`${key}T00:00:00Z`);
    if (Number.isNaN(date.getTime())) return null;
    return (((date.getUTCDay() + 6) % 7) + 1) as IsoWeekday;
};

/** '2026-02-16' → '16/02/2026'; other input unchanged. */
export const formatDateKey = (key: string | null | undefined): string => {
    if (!key) return '';
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
    return match ? `${match[3]}/${match[2]}/${match[1]}` : key;
};

export const dateKeyOf = (year: number, month: number, day: number): string => `${year}-${pad(month)}-${pad(day)}`;

/** An instant as dd/MM/yyyy HH:mm +07:00 (the form the deadline calculator shows). */
export const formatInstantWithOffset = (value: string | number | Date | null | undefined): string => {
    if (value === null || value === undefined || value === '') return '';
    const ms = new Date(value).getTime();
    if (Number.isNaN(ms)) return '';
    const p = vietnamParts(ms);
    return `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)} ${VN_OFFSET}`;
};

/** The value of an <input type="datetime-local"> for an instant, in Vietnam time. */
export const toVietnamLocalInput = (value: string | number | Date = new Date()): string => {
    const p = vietnamParts(value);
    return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
};

/** 'YYYY-MM-DDTHH:mm' read as Vietnam wall-clock time → ISO 8601 with +07:00, or null. */
export const vietnamLocalInputToIso = (value: string | null | undefined): string | null => {
    const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value ?? '');
    if (!match) return null;
    return `${match[1]}T${match[2]}:${match[3]}:${match[4] ?? '00'}${VN_OFFSET}`;
};

/** 'MM-DD' (the API's month-day) ↔ 'dd/MM' (how Vietnamese write it). */
export const monthDayToDisplay = (value: string | null | undefined): string => {
    const match = /^(\d{2})-(\d{2})$/.exec(value ?? '');
    return match ? `${match[2]}/${match[1]}` : (value ?? '');
};

export const displayToMonthDay = (value: string | null | undefined): string => {
    const match = /^(\d{1,2})\/(\d{1,2})$/.exec((value ?? '').trim());
    return match ? `${pad(Number(match[2]))}-${pad(Number(match[1]))}` : (value ?? '');
};
