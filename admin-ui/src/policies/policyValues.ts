// The shapes of the policy values (domain/calendar-policy.ts on the server) as the forms see
// them: which form a key gets, the choices of its inputs, and the clean-up before saving (the
// server validates each value against its key and answers 422 naming the field).
import {
    DEADLINE_UNITS,
    DEADLINE_URGENCIES,
    POLICY_KEYS,
    type DeadlineRule,
    type OfficeHoursPolicy,
    type OfficePeriod,
    type SeasonalOfficeHours,
} from '../types';

export type PolicyForm = 'office_hours' | 'step' | 'reminder' | 'escalation' | 'paper_reminder' | 'json';

export const OVERRIDE_PREFIX = `${POLICY_KEYS.officeHours}:`;

/** The organization of an `office_hours:<orgCode>` key, else null. */
export const overrideOrg = (key: string | null | undefined): string | null =>
    key?.startsWith(OVERRIDE_PREFIX) ? key.slice(OVERRIDE_PREFIX.length) : null;

export const overrideKey = (orgCode: string) => `${OVERRIDE_PREFIX}${orgCode}`;

/** One deadline rule per urgency (R-DL-1): routing, assignment, processing, sending (R-OUT-3), answering a recall. */
const STEP_POLICY_KEYS: readonly string[] = [
    POLICY_KEYS.routing,
    POLICY_KEYS.assignment,
    POLICY_KEYS.processing,
    POLICY_KEYS.sending,
    POLICY_KEYS.recallAnswer,
];

export const policyForm = (key: string | null | undefined): PolicyForm => {
    if (!key) return 'json';
    if (key === POLICY_KEYS.officeHours || overrideOrg(key)) return 'office_hours';
    if (STEP_POLICY_KEYS.includes(key)) return 'step';
    if (key === POLICY_KEYS.reminder) return 'reminder';
    if (key === POLICY_KEYS.escalation) return 'escalation';
    if (key === POLICY_KEYS.paperReminder) return 'paper_reminder';
    return 'json';
};

/** The translation key of a policy's name; overrides are named after their organization. */
export const KNOWN_POLICY_KEYS: readonly string[] = Object.values(POLICY_KEYS);
export const policyNameKey = (key: string): string | null =>
    KNOWN_POLICY_KEYS.includes(key) ? `app.policy.key.${key.replace('.', '_')}` : null;

export const weekdayChoices = [1, 2, 3, 4, 5, 6, 7].map(day => ({ id: day, name: `app.calendar.weekday.${day}` }));
export const deadlineUnitChoices = DEADLINE_UNITS.map(unit => ({ id: unit, name: `app.policy.unit.${unit}` }));
export const urgencies = DEADLINE_URGENCIES;

const TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** react-admin validators: they return a translation key. */
export const validateTime = (value: unknown) =>
    value === undefined || value === null || value === '' || TIME.test(String(value)) ? undefined : 'app.policy.time_invalid';
export const validateMonthDay = (value: unknown) =>
    value === undefined || value === null || value === '' || MONTH_DAY.test(String(value))
        ? undefined
        : 'app.policy.month_day_invalid';

const sortedDays = (days: unknown): number[] =>
    Array.isArray(days) ? [...new Set(days.map(Number))].sort((a, b) => a - b) : [];

const cleanPeriods = (periods: unknown): OfficePeriod[] =>
    Array.isArray(periods)
        ? periods
              .filter(Boolean)
              .map(p => ({ start: String(p.start ?? '').trim(), end: String(p.end ?? '').trim() }))
        : [];

/** Weekdays in order; an empty seasonal weekday list means "as the default", so it is left out. */
export const cleanOfficeHours = (value: Partial<OfficeHoursPolicy> | undefined): OfficeHoursPolicy => ({
    default: {
        weekdays: sortedDays(value?.default?.weekdays) as OfficeHoursPolicy['default']['weekdays'],
        periods: cleanPeriods(value?.default?.periods),
    },
    seasonal: (value?.seasonal ?? []).filter(Boolean).map(season => {
        const weekdays = sortedDays(season.weekdays);
        const cleaned: SeasonalOfficeHours = {
            name: String(season.name ?? '').trim(),
            from: String(season.from ?? '').trim(),
            to: String(season.to ?? '').trim(),
            periods: cleanPeriods(season.periods),
        };
        if (weekdays.length) cleaned.weekdays = weekdays as SeasonalOfficeHours['weekdays'];
        return cleaned;
    }),
});

const cleanRule = (rule: Partial<DeadlineRule> | undefined): DeadlineRule => ({
    unit: rule?.unit as DeadlineRule['unit'],
    count: typeof rule?.count === 'number' ? rule.count : Number(rule?.count),
});

/** The value to PUT for a key, from the form's `value`. */
export const cleanPolicyValue = (key: string, value: unknown): unknown => {
    const v = (value ?? {}) as Record<string, unknown>;
    switch (policyForm(key)) {
        case 'office_hours':
            return cleanOfficeHours(v as Partial<OfficeHoursPolicy>);
        case 'step':
            return Object.fromEntries(urgencies.map(u => [u, cleanRule(v[u] as Partial<DeadlineRule>)]));
        case 'reminder':
            return { workingDaysBefore: Number(v.workingDaysBefore), shortDeadlineFraction: Number(v.shortDeadlineFraction) };
        case 'escalation':
            return { grace: cleanRule(v.grace as Partial<DeadlineRule>) };
        case 'paper_reminder':
            return { every: cleanRule(v.every as Partial<DeadlineRule>) };
        default:
            return value;
    }
};
