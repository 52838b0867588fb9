// Report periods as Vietnam calendar days (YYYY-MM-DD) and their dd/MM/yyyy form. Pure.
import { dateKeyOf, vietnamParts } from '../fields/vietnamTime';

export interface Period {
    from: string;
    to: string;
}

export const PERIOD_PRESETS = ['this_month', 'last_month', 'this_quarter', 'this_year'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const lastDayOf = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
const monthSpan = (year: number, first: number, last: number): Period => ({
    from: dateKeyOf(year, first, 1),
    to: dateKeyOf(year, last, lastDayOf(year, last)),
});

/** The period of a preset around `now` (Vietnam time). */
export const presetPeriod = (preset: PeriodPreset, now: Date = new Date()): Period => {
    const { year, month } = vietnamParts(now);
    switch (preset) {
        case 'this_month':
            return monthSpan(year, month, month);
        case 'last_month':
            return month === 1 ? monthSpan(year - 1, 12, 12) : monthSpan(year, month - 1, month - 1);
        case 'this_quarter': {
            const first = Math.floor((month - 1) / 3) * 3 + 1;
            return monthSpan(year, first, first + 2);
        }
        case 'this_year':
            return monthSpan(year, 1, 12);
    }
};

/** 'dd/MM/yyyy' (also d/M/yyyy) → 'YYYY-MM-DD', or null when it is no real date. */
export const parseDisplayDate = (text: string): string | null => {
    const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
    if (!match) return null;
    const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (month < 1 || month > 12 || day < 1 || day > lastDayOf(year, month)) return null;
    return dateKeyOf(year, month, day);
};
