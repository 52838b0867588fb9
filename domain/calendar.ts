/**
 * Business calendar (R-CAL-1..4): office hours, days off and working-time arithmetic in Vietnam
 * time. Pure; imports only domain/. Workflows receive a `BusinessCalendar` as plain data (see
 * `loadCalendar` in db/repositories/calendar.repository.ts) and compute deadlines with these
 * functions inside the Temporal sandbox, so a changed calendar can simply be passed in again.
 *
 * Semantics (instants are epoch milliseconds or Dates; results are epoch milliseconds):
 * - Days are calendar days in Vietnam (fixed UTC+07:00). A day is a *working day* when it has
 *   office hours: its weekday is in the applicable hours' `weekdays` (ISO 1 = Monday … 7 = Sunday)
 *   and it is not marked `holiday`/`day_off`, or it is marked `working_day` (a make-up Saturday,
 *   the working half of a swapped day), in which case it gets that date's periods whatever its
 *   weekday is.
 * - The applicable hours of a date are the first seasonal variant whose month-day range
 *   (inclusive, may wrap past 31/12) contains it, else the default.
 * - *Working time* is the union of the working days' periods, each half-open [start, end): at
 *   11:30 the lunch break has begun, at 17:00 the evening. Nights, lunch breaks, weekends and
 *   days off are not working time.
 * - `nextOfficeHoursStart(t)` (R-CAL-3 receipt time): t itself inside office hours, else the
 *   start of the next period.
 * - `addWorkingMs/Hours(t, x)`: the earliest instant at which x of working time has elapsed since
 *   t, so a deadline that uses up a period ends at that period's end (17:00, not 07:30 the next
 *   morning); negative x goes back symmetrically (the latest instant x of working time before t).
 *   Invariant: workingMsBetween(t, addWorkingMs(t, x)) === x.
 * - `addWorkingDays(t, n)`: the same time of day n working days later. t is first placed in
 *   office hours (for n ≥ 0 at its receipt time, for n < 0 at the end of the previous period;
 *   a period's end counts as inside here), and the result is clamped into the target day's office
 *   hours: a time in a break becomes the end of the period before it, a time before the first
 *   period that period's start, after the last that period's end. With equal hours every day,
 *   addWorkingDays(t, n) spans exactly n days' worth of working time.
 * - `endOfWorkingDay(t, n)` (R-DL-1 "by the end of the next working day" is n = 1): the end of
 *   the last period of the n-th working day after the day t is received on (R-CAL-3); n = 0 is the
 *   end of the receipt day itself.
 * - `workingMsBetween(a, b)`: working time in [a, b); negative when b < a.
 * - `computeDeadline(start, rule)` applies a policy rule (R-DL-1: working hours, working days or
 *   end of the n-th working day); `reminderAt` (R-DL-2) is the later of "1 working day before"
 *   and "25% of the working time left".
 *
 * Days outside the years the calendar data was loaded for follow the weekly pattern only, so load
 * the years a computation can reach (the repository loads a window around "now").
 * Cost is linear in the number of days crossed (each day is handled as a whole, never minute by
 * minute). A calendar without any working time makes the searching functions throw
 * `CalendarError('NO_WORKING_TIME')` instead of looping.
 */
import { DomainError } from './errors';
import { DAY_MS, VN_OFFSET_MS } from './time';

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** 'HH:MM' in Vietnam time; `end` may be '24:00'. */
export interface OfficePeriod {
  start: string;
  end: string;
}

export interface OfficeHours {
  weekdays: IsoWeekday[];
  /** Ascending and not overlapping, e.g. morning and afternoon. */
  periods: OfficePeriod[];
}

/** Hours for part of the year, e.g. summer hours; `from`/`to` are 'MM-DD', inclusive. */
export interface SeasonalOfficeHours {
  name: string;
  from: string;
  to: string;
  /** Defaults to the default hours' weekdays. */
  weekdays?: IsoWeekday[];
  periods: OfficePeriod[];
}

export interface OfficeHoursPolicy {
  default: OfficeHours;
  /** First match wins. */
  seasonal: SeasonalOfficeHours[];
}

/** `holiday` (statutory), `day_off` (compensatory, extra, swapped-away), `working_day` (make-up). */
export const DAY_KINDS = ['holiday', 'day_off', 'working_day'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

/** Plain, serializable data: safe as workflow input. */
export interface BusinessCalendar {
  officeHours: OfficeHoursPolicy;
  /** 'YYYY-MM-DD' (Vietnam date) → kind; days not listed follow the weekly pattern. */
  days: Readonly<Record<string, DayKind>>;
}

/** R-CAL-1 default: Monday–Friday, 07:30–11:30 and 13:30–17:00. */
export const DEFAULT_OFFICE_HOURS: OfficeHoursPolicy = {
  default: {
    weekdays: [1, 2, 3, 4, 5],
    periods: [
      { start: '07:30', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ],
  },
  seasonal: [],
};

export type CalendarErrorCode = 'INVALID_CALENDAR' | 'NO_WORKING_TIME' | 'INVALID_ARGUMENT';

export class CalendarError extends DomainError<CalendarErrorCode> {
  constructor(code: CalendarErrorCode, message: string) {
    super(code, message);
    this.name = 'CalendarError';
  }
}

export type Instant = number | Date;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/**
 * The longest run of days without working time a real calendar can have is a Tết break of about
 * ten days; a year without any means the data is wrong, and searching further would never end.
 */
const MAX_IDLE_DAYS = 400;

// ---------------------------------------------------------------------------------------------
// Dates: a Vietnam calendar day is identified by its day number since 1970-01-01.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayOf(t: number): number {
  return Math.floor((t + VN_OFFSET_MS) / DAY_MS);
}

function dayStart(day: number): number {
  return day * DAY_MS - VN_OFFSET_MS;
}

function dayKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
function isoWeekdayOfDay(day: number): IsoWeekday {
  return (((((day + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

function parseDateKey(date: string): number {
  const m = DATE_RE.exec(date);
  if (m) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (dayKey(ms / DAY_MS) === date) return ms / DAY_MS;
  }
  throw new CalendarError('INVALID_ARGUMENT', `Ngày không hợp lệ: ${date} (date must be a real YYYY-MM-DD)`);
}

function toMs(t: Instant): number {
  const ms = typeof t === 'number' ? t : t.getTime();
  if (!Number.isFinite(ms)) throw new CalendarError('INVALID_ARGUMENT', `Thời điểm không hợp lệ: ${String(t)} (invalid instant)`);
  return ms;
}

/** The Vietnam date ('YYYY-MM-DD') of an instant. */
export function vietnamDate(t: Instant): string {
  return dayKey(dayOf(toMs(t)));
}

/** 'YYYY-MM-DD' plus n calendar days. */
export function addCalendarDays(date: string, n: number): string {
  return dayKey(parseDateKey(date) + n);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a 'YYYY-MM-DD' date. */
export function isoWeekday(date: string): IsoWeekday {
  return isoWeekdayOfDay(parseDateKey(date));
}

/** True when the string is a real calendar date in 'YYYY-MM-DD' form. */
export function isDateKey(value: string): boolean {
  try {
    parseDateKey(value);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Compiled office hours: periods as [start, end) offsets in ms from local midnight.

type Span = readonly [start: number, end: number];

interface DayRule {
  weekdays: ReadonlySet<number>;
  periods: readonly Span[];
}

interface SeasonRule extends DayRule {
  from: number;
  to: number;
}

interface Compiled {
  fallback: DayRule;
  seasons: SeasonRule[];
  days: Readonly<Record<string, DayKind>>;
  /** Some day can have working time at all (otherwise searches throw at once). */
  anyWorkingTime: boolean;
}

const NONE: readonly Span[] = [];

function parseClock(value: string, where: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  const h = m ? Number(m[1]) : NaN;
  const min = m ? Number(m[2]) : NaN;
  if (!m || min > 59 || h > 24 || (h === 24 && min !== 0)) {
    throw new CalendarError('INVALID_CALENDAR', `${where}: giờ không hợp lệ "${value}" (time must be HH:MM)`);
  }
  return (h * 60 + min) * MINUTE_MS;
}

function compilePeriods(periods: readonly OfficePeriod[], where: string): Span[] {
  if (!Array.isArray(periods)) throw new CalendarError('INVALID_CALENDAR', `${where}: thiếu các khoảng giờ làm việc (periods missing)`);
  const spans = periods.map((p, i) => [parseClock(p.start, `${where}.periods[${i}].start`), parseClock(p.end, `${where}.periods[${i}].end`)] as const);
  spans.forEach(([s, e], i) => {
    if (e <= s) throw new CalendarError('INVALID_CALENDAR', `${where}.periods[${i}]: giờ kết thúc phải sau giờ bắt đầu (end must be after start)`);
    if (i > 0 && s < spans[i - 1][1]) {
      throw new CalendarError('INVALID_CALENDAR', `${where}.periods[${i}]: các khoảng giờ phải tăng dần, không chồng nhau (periods must be ascending and not overlap)`);
    }
  });
  return spans;
}

function compileWeekdays(weekdays: readonly number[], where: string): Set<number> {
  if (!Array.isArray(weekdays) || weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw new CalendarError('INVALID_CALENDAR', `${where}.weekdays: các ngày trong tuần là 1 (thứ Hai) … 7 (Chủ nhật) (ISO weekdays 1–7)`);
  }
  return new Set(weekdays);
}

function parseMonthDay(value: string, where: string): number {
  const m = /^(\d{2})-(\d{2})$/.exec(value);
  // 2000 is a leap year, so 02-29 is accepted.
  if (!m || dayKey(Date.UTC(2000, Number(m[1]) - 1, Number(m[2])) / DAY_MS) !== `2000-${value}`) {
    throw new CalendarError('INVALID_CALENDAR', `${where}: ngày-tháng không hợp lệ "${value}" (must be MM-DD)`);
  }
  return Number(m[1]) * 100 + Number(m[2]);
}

function compile(cal: BusinessCalendar): Compiled {
  const hours = cal?.officeHours;
  if (!hours?.default) throw new CalendarError('INVALID_CALENDAR', 'Thiếu giờ hành chính mặc định (default office hours missing)');
  const fallback: DayRule = { weekdays: compileWeekdays(hours.default.weekdays, 'default'), periods: compilePeriods(hours.default.periods, 'default') };
  const seasons = (hours.seasonal ?? []).map((s, i): SeasonRule => {
    const where = `seasonal[${i}]`;
    return {
      from: parseMonthDay(s.from, `${where}.from`),
      to: parseMonthDay(s.to, `${where}.to`),
      weekdays: s.weekdays ? compileWeekdays(s.weekdays, where) : fallback.weekdays,
      periods: compilePeriods(s.periods, where),
    };
  });
  const days = cal.days ?? {};
  let anyWorkingDayOverride = false;
  for (const [date, kind] of Object.entries(days)) {
    if (!(DAY_KINDS as readonly string[]).includes(kind)) {
      throw new CalendarError('INVALID_CALENDAR', `days[${date}]: loại ngày không hợp lệ "${String(kind)}" (kind must be ${DAY_KINDS.join(', ')})`);
    }
    if (kind === 'working_day') anyWorkingDayOverride = true;
  }
  const rules: DayRule[] = [fallback, ...seasons];
  const anyWorkingTime = rules.some((r) => r.periods.length > 0 && (r.weekdays.size > 0 || anyWorkingDayOverride));
  return { fallback, seasons, days, anyWorkingTime };
}

function ruleFor(c: Compiled, key: string): DayRule {
  if (c.seasons.length) {
    const md = Number(key.slice(5, 7)) * 100 + Number(key.slice(8, 10));
    for (const s of c.seasons) {
      if (s.from <= s.to ? md >= s.from && md <= s.to : md >= s.from || md <= s.to) return s;
    }
  }
  return c.fallback;
}

/** The day's office periods, or none when it is not a working day. */
function periodsOf(c: Compiled, day: number): readonly Span[] {
  const key = dayKey(day);
  const kind = c.days[key];
  if (kind === 'holiday' || kind === 'day_off') return NONE;
  const rule = ruleFor(c, key);
  if (kind !== 'working_day' && !rule.weekdays.has(isoWeekdayOfDay(day))) return NONE;
  return rule.periods;
}

function searchable(cal: BusinessCalendar): Compiled {
  const c = compile(cal);
  if (!c.anyWorkingTime) throw noWorkingTime();
  return c;
}

function noWorkingTime(): CalendarError {
  return new CalendarError('NO_WORKING_TIME', `Lịch làm việc không có giờ hành chính nào trong ${MAX_IDLE_DAYS} ngày liên tiếp (the calendar has no working time)`);
}

const NO_HOURS = 'Giờ hành chính không có ngày hoặc khoảng giờ làm việc nào (office hours without any working time)';

/** Walks days from `day` in `step` direction; throws when too many days in a row have no hours. */
function* workingDays(c: Compiled, day: number, step: 1 | -1): Generator<{ day: number; periods: readonly Span[] }> {
  let idle = 0;
  for (let d = day; ; d += step) {
    const periods = periodsOf(c, d);
    if (periods.length) {
      idle = 0;
      yield { day: d, periods };
    } else if (++idle > MAX_IDLE_DAYS) {
      throw noWorkingTime();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Public functions.

/**
 * Why an office-hours policy is unusable (malformed times, overlapping periods, no working time at
 * all), or null. The API refuses such a policy before it can reach a workflow.
 */
export function officeHoursProblem(hours: OfficeHoursPolicy): string | null {
  try {
    if (!compile({ officeHours: hours, days: {} }).anyWorkingTime) return NO_HOURS;
    return null;
  } catch (err) {
    if (err instanceof CalendarError) return err.message;
    throw err;
  }
}

/** Whether a date ('YYYY-MM-DD') or the Vietnam day of an instant is a working day. */
export function isWorkingDay(cal: BusinessCalendar, date: string | Instant): boolean {
  const day = typeof date === 'string' ? parseDateKey(date) : dayOf(toMs(date));
  return periodsOf(compile(cal), day).length > 0;
}

/** Whether t lies inside office hours on a working day (R-CAL-1). */
export function isWorkingTime(cal: BusinessCalendar, t: Instant): boolean {
  const ms = toMs(t);
  const day = dayOf(ms);
  const offset = ms - dayStart(day);
  return periodsOf(compile(cal), day).some(([s, e]) => offset >= s && offset < e);
}

/** R-CAL-3: t inside office hours, else the start of the next office-hours period. */
export function nextOfficeHoursStart(cal: BusinessCalendar, t: Instant): number {
  return nextStart(searchable(cal), toMs(t));
}

function nextStart(c: Compiled, ms: number): number {
  for (const { day, periods } of workingDays(c, dayOf(ms), 1)) {
    const base = dayStart(day);
    for (const [s, e] of periods) if (ms < base + e) return Math.max(ms, base + s);
  }
  throw noWorkingTime(); // unreachable: the walk ends only by returning or throwing
}

/** t when it is inside or at the end of a period, else the end of the previous period. */
function previousOfficeHoursEnd(c: Compiled, ms: number): number {
  for (const { day, periods } of workingDays(c, dayOf(ms), -1)) {
    const base = dayStart(day);
    for (let i = periods.length - 1; i >= 0; i--) if (ms >= base + periods[i][0]) return Math.min(ms, base + periods[i][1]);
  }
  throw noWorkingTime();
}

/** Moves by `ms` of working time (negative: backwards). See the module header for the rule. */
export function addWorkingMs(cal: BusinessCalendar, t: Instant, ms: number): number {
  const from = toMs(t);
  if (!Number.isFinite(ms)) throw new CalendarError('INVALID_ARGUMENT', `Thời lượng không hợp lệ: ${ms} (invalid duration)`);
  if (ms === 0) return from;
  const c = searchable(cal);
  let remaining = Math.abs(ms);
  if (ms > 0) {
    for (const { day, periods } of workingDays(c, dayOf(from), 1)) {
      const base = dayStart(day);
      for (const [s, e] of periods) {
        const start = Math.max(from, base + s);
        const available = base + e - start;
        if (available <= 0) continue;
        if (remaining <= available) return start + remaining;
        remaining -= available;
      }
    }
  } else {
    for (const { day, periods } of workingDays(c, dayOf(from), -1)) {
      const base = dayStart(day);
      for (let i = periods.length - 1; i >= 0; i--) {
        const end = Math.min(from, base + periods[i][1]);
        const available = end - (base + periods[i][0]);
        if (available <= 0) continue;
        if (remaining <= available) return end - remaining;
        remaining -= available;
      }
    }
  }
  throw noWorkingTime();
}

/** `addWorkingMs` in hours (R-DL-1 urgent deadlines: 4, 2, 1 working hours). */
export function addWorkingHours(cal: BusinessCalendar, t: Instant, hours: number): number {
  return addWorkingMs(cal, t, Math.round(hours * HOUR_MS));
}

/** The same time of day n working days later (or earlier), clamped into office hours. */
export function addWorkingDays(cal: BusinessCalendar, t: Instant, n: number): number {
  if (!Number.isInteger(n)) throw new CalendarError('INVALID_ARGUMENT', `Số ngày làm việc phải là số nguyên: ${n} (working days must be an integer)`);
  const c = searchable(cal);
  const ms = toMs(t);
  const anchor = insideOrAtEnd(c, ms) ? ms : n >= 0 ? nextStart(c, ms) : previousOfficeHoursEnd(c, ms);
  if (n === 0) return anchor;
  const anchorDay = dayOf(anchor);
  const timeOfDay = anchor - dayStart(anchorDay);
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  for (const { day, periods } of workingDays(c, anchorDay + step, step)) {
    if (--left === 0) return dayStart(day) + clamp(periods, timeOfDay);
  }
  throw noWorkingTime();
}

function insideOrAtEnd(c: Compiled, ms: number): boolean {
  const day = dayOf(ms);
  const offset = ms - dayStart(day);
  return periodsOf(c, day).some(([s, e]) => offset >= s && offset <= e);
}

/** Time of day clamped into the periods; a break maps to the end of the period before it. */
function clamp(periods: readonly Span[], timeOfDay: number): number {
  for (let i = 0; i < periods.length; i++) {
    const [s, e] = periods[i];
    if (timeOfDay < s) return i === 0 ? s : periods[i - 1][1];
    if (timeOfDay <= e) return timeOfDay;
  }
  return periods[periods.length - 1][1];
}

/** End of the last period of the n-th working day after the receipt day of t (n ≥ 0). */
export function endOfWorkingDay(cal: BusinessCalendar, t: Instant, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new CalendarError('INVALID_ARGUMENT', `Số ngày làm việc phải là số nguyên không âm: ${n} (n must be an integer ≥ 0)`);
  const c = searchable(cal);
  let left = n;
  for (const { day, periods } of workingDays(c, dayOf(nextStart(c, toMs(t))), 1)) {
    if (left-- === 0) return dayStart(day) + periods[periods.length - 1][1];
  }
  throw noWorkingTime();
}

/** Working time in [a, b) in ms; negative when b < a. Never throws for lack of working time. */
export function workingMsBetween(cal: BusinessCalendar, a: Instant, b: Instant): number {
  const from = toMs(a);
  const to = toMs(b);
  if (to < from) return -workingMsBetween(cal, to, from);
  const c = compile(cal);
  let total = 0;
  for (let day = dayOf(from), last = dayOf(to); day <= last; day++) {
    const base = dayStart(day);
    for (const [s, e] of periodsOf(c, day)) total += Math.max(0, Math.min(to, base + e) - Math.max(from, base + s));
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// Deadlines on the calendar (R-DL-1..2).

export const DEADLINE_UNITS = ['working_hours', 'working_days', 'end_of_working_day'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

/** A deadline relative to a start instant, e.g. {unit: 'working_days', count: 10}. */
export interface DeadlineRule {
  unit: DeadlineUnit;
  count: number;
}

/** The due instant of `rule` counted from `start` on this calendar (R-CAL-4). */
export function computeDeadline(cal: BusinessCalendar, start: Instant, rule: DeadlineRule): number {
  switch (rule.unit) {
    case 'working_hours':
      return addWorkingHours(cal, start, rule.count);
    case 'working_days':
      return addWorkingDays(cal, start, rule.count);
    case 'end_of_working_day':
      return endOfWorkingDay(cal, start, rule.count);
    default:
      throw new CalendarError('INVALID_ARGUMENT', `Đơn vị thời hạn không hợp lệ: ${String((rule as { unit: unknown }).unit)} (unknown deadline unit)`);
  }
}

export interface ReminderRule {
  /** Remind this many working days before the deadline … */
  workingDaysBefore: number;
  /** … or when this share of the working time is left, whichever comes later. */
  shortDeadlineFraction: number;
}

/**
 * When to remind the assignee of a deadline (R-DL-2: "1 working day before, or 25% of the time
 * for short deadlines"). Taking the later of the two makes the fraction apply exactly to the
 * deadlines too short for a whole day's notice (under 4 working days with the defaults) and
 * never reminds before the work started.
 */
export function reminderAt(cal: BusinessCalendar, start: Instant, due: Instant, rule: ReminderRule): number {
  const total = workingMsBetween(cal, start, due);
  const byFraction = addWorkingMs(cal, due, -Math.round(total * rule.shortDeadlineFraction));
  const byDays = addWorkingDays(cal, due, -rule.workingDaysBefore);
  return Math.max(byFraction, byDays, toMs(start));
}
