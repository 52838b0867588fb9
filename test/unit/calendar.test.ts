/**
 * Working-time arithmetic of the business calendar (R-CAL-1, R-CAL-3, R-CAL-4, R-DL-1, R-DL-2):
 * lunch breaks, nights, weekends, Tết, swapped days, make-up Saturdays, year ends, seasonal hours.
 */
import {
  addWorkingDays,
  addWorkingHours,
  addWorkingMs,
  CalendarError,
  computeDeadline,
  DEFAULT_OFFICE_HOURS,
  endOfWorkingDay,
  isWorkingDay,
  isWorkingTime,
  nextOfficeHoursStart,
  officeHoursProblem,
  reminderAt,
  workingMsBetween,
  type BusinessCalendar,
  type DayKind,
  type OfficeHoursPolicy,
} from '../../domain/calendar';
import { DEFAULT_POLICIES } from '../../domain/calendar-policy';
import { statutoryDaysOff } from '../../domain/calendar-statutory';
import { toVietnamIso } from '../../domain/time';

const HOUR = 3_600_000;
/** '2025-01-24 17:30' in Vietnam time → epoch ms. */
const vn = (s: string) => new Date(`${s.replace(' ', 'T')}:00+07:00`).getTime();
/** epoch ms → '2025-01-24 17:30' in Vietnam time. */
const at = (ms: number) => toVietnamIso(ms).slice(0, 16).replace('T', ' ');

/** The statutory days of 2024–2026 plus the Government's 2025 Tết swap (27/1 off, Saturday 15/2 worked). */
function nationalDays(): Record<string, DayKind> {
  const days: Record<string, DayKind> = {};
  const lunar = { 2024: ['2024-02-10', '2024-04-18'], 2025: ['2025-01-29', '2025-04-07'], 2026: ['2026-02-17', '2026-04-26'] } as const;
  for (const [year, [tetFirstDay, hungKingsDay]] of Object.entries(lunar)) {
    for (const d of statutoryDaysOff(Number(year), { tetFirstDay, hungKingsDay })) days[d.date] = d.kind;
  }
  days['2025-01-27'] = 'day_off';
  days['2025-02-15'] = 'working_day';
  return days;
}

const cal: BusinessCalendar = { officeHours: DEFAULT_OFFICE_HOURS, days: nationalDays() };
const withHours = (officeHours: OfficeHoursPolicy): BusinessCalendar => ({ officeHours, days: cal.days });
const SUMMER: OfficeHoursPolicy = {
  default: DEFAULT_OFFICE_HOURS.default,
  seasonal: [{ name: 'Giờ mùa hè', from: '06-01', to: '08-31', periods: [{ start: '07:00', end: '11:00' }, { start: '13:00', end: '16:30' }] }],
};

describe('office hours (R-CAL-1)', () => {
  test('R-CAL-1 when it is 09:00 on a Tuesday, then it is working time', () => {
    expect(isWorkingTime(cal, vn('2025-03-11 09:00'))).toBe(true);
  });

  test('R-CAL-1 when it is the lunch break, then it is not working time (11:30 is already lunch, 13:30 is work)', () => {
    expect(isWorkingTime(cal, vn('2025-03-11 11:29'))).toBe(true);
    expect(isWorkingTime(cal, vn('2025-03-11 11:30'))).toBe(false);
    expect(isWorkingTime(cal, vn('2025-03-11 12:15'))).toBe(false);
    expect(isWorkingTime(cal, vn('2025-03-11 13:30'))).toBe(true);
  });

  test('R-CAL-1 when it is night in Vietnam (even if daytime in UTC), then it is not working time', () => {
    expect(isWorkingTime(cal, vn('2025-03-11 17:00'))).toBe(false);
    expect(isWorkingTime(cal, vn('2025-03-11 22:00'))).toBe(false);
    expect(isWorkingTime(cal, new Date('2025-03-11T23:00:00Z'))).toBe(false); // 06:00 on the 12th in Vietnam
  });

  test('R-CAL-1 when it is a Saturday or Sunday, then it is not a working day', () => {
    expect(isWorkingDay(cal, '2025-03-15')).toBe(false);
    expect(isWorkingDay(cal, '2025-03-16')).toBe(false);
    expect(isWorkingTime(cal, vn('2025-03-15 09:00'))).toBe(false);
  });

  test('R-CAL-1 when a seasonal variant covers the date, then its hours apply instead of the default', () => {
    const summer = withHours(SUMMER);
    expect(isWorkingTime(summer, vn('2025-06-10 07:10'))).toBe(true);
    expect(isWorkingTime(summer, vn('2025-06-10 16:45'))).toBe(false);
    expect(isWorkingTime(summer, vn('2025-05-30 07:10'))).toBe(false);
    expect(isWorkingTime(summer, vn('2025-05-30 16:45'))).toBe(true);
  });

  test('R-CAL-1 when a seasonal range wraps past 31/12, then it covers January and not June', () => {
    const winter = withHours({ ...DEFAULT_OFFICE_HOURS, seasonal: [{ name: 'Giờ mùa đông', from: '11-01', to: '03-31', periods: [{ start: '08:00', end: '12:00' }] }] });
    expect(isWorkingTime(winter, vn('2025-01-06 07:45'))).toBe(false);
    expect(isWorkingTime(winter, vn('2025-01-06 11:45'))).toBe(true);
    expect(isWorkingTime(winter, vn('2025-06-02 07:45'))).toBe(true);
  });

  test('R-CAL-1 when office hours overlap, are malformed or have no working time, then they are refused with the reason', () => {
    expect(officeHoursProblem({ default: { weekdays: [1], periods: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }] }, seasonal: [] })).toMatch(/overlap/);
    expect(officeHoursProblem({ default: { weekdays: [1], periods: [{ start: '8h', end: '12:00' }] }, seasonal: [] })).toMatch(/HH:MM/);
    expect(officeHoursProblem({ default: { weekdays: [], periods: [{ start: '08:00', end: '12:00' }] }, seasonal: [] })).toMatch(/working time/);
    expect(officeHoursProblem(SUMMER)).toBeNull();
  });

  test('R-CAL-1 when a calendar has no working time at all, then searching throws NO_WORKING_TIME instead of looping', () => {
    const none: BusinessCalendar = { officeHours: { default: { weekdays: [], periods: [] }, seasonal: [] }, days: {} };
    expect(() => nextOfficeHoursStart(none, vn('2025-03-11 09:00'))).toThrow(expect.objectContaining({ code: 'NO_WORKING_TIME' }));
    expect(() => addWorkingHours(none, vn('2025-03-11 09:00'), 1)).toThrow(CalendarError);
  });

  test('R-CAL-1 when every day for more than a year is a day off, then searching throws NO_WORKING_TIME', () => {
    const days: Record<string, DayKind> = {};
    for (let d = new Date('2025-01-01T00:00:00Z'); d.getUTCFullYear() < 2027; d.setUTCDate(d.getUTCDate() + 1)) days[d.toISOString().slice(0, 10)] = 'day_off';
    expect(() => addWorkingDays({ officeHours: DEFAULT_OFFICE_HOURS, days }, vn('2025-01-02 09:00'), 1)).toThrow(expect.objectContaining({ code: 'NO_WORKING_TIME' }));
  });
});

describe('days off, swapped days and make-up Saturdays (R-CAL-2)', () => {
  test('R-CAL-2 when it is the Tết week of 2025, then 28/1–1/2 and the compensatory Monday 3/2 are not working days', () => {
    for (const d of ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03']) expect(isWorkingDay(cal, d)).toBe(false);
    expect(isWorkingDay(cal, '2025-02-04')).toBe(true);
  });

  test('R-CAL-2 when it is the Tết week of 2026, then Monday 16/2 to Friday 20/2 are not working days and the days around are', () => {
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) expect(isWorkingDay(cal, d)).toBe(false);
    expect(isWorkingDay(cal, '2026-02-13')).toBe(true);
    expect(isWorkingDay(cal, '2026-02-23')).toBe(true);
  });

  test('R-CAL-2 when a Monday is swapped away, then it is a day off although it is a weekday', () => {
    expect(isWorkingDay(cal, '2025-01-27')).toBe(false);
    expect(isWorkingTime(cal, vn('2025-01-27 09:00'))).toBe(false);
  });

  test('R-CAL-2 when a Saturday is a make-up working day, then it has the normal office hours', () => {
    expect(isWorkingDay(cal, '2025-02-15')).toBe(true);
    expect(isWorkingTime(cal, vn('2025-02-15 07:30'))).toBe(true);
    expect(isWorkingTime(cal, vn('2025-02-15 12:00'))).toBe(false);
  });
});

describe('receipt time (R-CAL-3)', () => {
  test('R-CAL-3 when a document arrives inside office hours, then it is received at that instant', () => {
    expect(nextOfficeHoursStart(cal, vn('2025-03-11 09:17'))).toBe(vn('2025-03-11 09:17'));
  });

  test('R-CAL-3 when a document arrives at 06:00, then it is received at 07:30 the same day', () => {
    expect(at(nextOfficeHoursStart(cal, vn('2025-03-11 06:00')))).toBe('2025-03-11 07:30');
  });

  test('R-CAL-3 when a document arrives at 11:45, then it is received at 13:30', () => {
    expect(at(nextOfficeHoursStart(cal, vn('2025-03-11 11:45')))).toBe('2025-03-11 13:30');
  });

  test('R-CAL-3 when a document arrives at 17:30 on a Friday, then it is received at 07:30 on Monday', () => {
    expect(at(nextOfficeHoursStart(cal, vn('2025-03-14 17:30')))).toBe('2025-03-17 07:30');
  });

  test('R-CAL-3 when a document arrives on a holiday (30/4), then it is received at the start of the next working day', () => {
    expect(at(nextOfficeHoursStart(cal, vn('2025-04-30 10:00')))).toBe('2025-05-02 07:30');
  });

  test('R-CAL-3 when a document arrives on the Friday before Tết 2025, then it is received after the whole break', () => {
    expect(at(nextOfficeHoursStart(cal, vn('2025-01-24 17:30')))).toBe('2025-02-04 07:30');
  });

  test('R-CAL-3 when a document arrives on the evening of 31/12, then it is received on 2/1 across New Year', () => {
    expect(at(nextOfficeHoursStart(cal, vn('2025-12-31 17:30')))).toBe('2026-01-02 07:30');
  });

  test('R-CAL-3 when a document arrives on a Friday evening before a make-up Saturday, then it is received on that Saturday', () => {
    expect(at(nextOfficeHoursStart(cal, vn('2025-02-14 18:00')))).toBe('2025-02-15 07:30');
  });
});

describe('working hours (R-CAL-4)', () => {
  test('R-CAL-4 when 4 working hours start at 10:00, then the lunch break is skipped and they end at 16:00', () => {
    expect(at(addWorkingHours(cal, vn('2025-03-11 10:00'), 4))).toBe('2025-03-11 16:00');
  });

  test('R-CAL-4 when 2 working hours start at 16:00, then the night is skipped and they end at 08:30 next morning', () => {
    expect(at(addWorkingHours(cal, vn('2025-03-11 16:00'), 2))).toBe('2025-03-12 08:30');
  });

  test('R-CAL-4 when working hours use up the afternoon exactly, then they end at 17:00, not at 07:30 next morning', () => {
    expect(at(addWorkingHours(cal, vn('2025-03-11 13:30'), 3.5))).toBe('2025-03-11 17:00');
  });

  test('R-CAL-4 when working hours start outside office hours, then they count from the next period', () => {
    expect(at(addWorkingHours(cal, vn('2025-03-14 20:00'), 1))).toBe('2025-03-17 08:30');
  });

  test('R-CAL-4 when working hours are negative, then they count back over the weekend', () => {
    expect(at(addWorkingHours(cal, vn('2025-03-17 08:30'), -2))).toBe('2025-03-14 16:00');
  });

  test('R-CAL-4 when working hours cross Tết 2026, then the five days off are skipped', () => {
    expect(at(addWorkingHours(cal, vn('2026-02-13 16:00'), 2))).toBe('2026-02-23 08:30');
  });

  test('R-CAL-4 when measuring working time across a lunch break, a night and a weekend, then only office hours count', () => {
    expect(workingMsBetween(cal, vn('2025-03-11 11:00'), vn('2025-03-11 14:00'))).toBe(1 * HOUR);
    expect(workingMsBetween(cal, vn('2025-03-10 07:30'), vn('2025-03-14 17:00'))).toBe(37.5 * HOUR);
    expect(workingMsBetween(cal, vn('2025-03-14 16:00'), vn('2025-03-17 08:30'))).toBe(2 * HOUR);
  });

  test('R-CAL-4 when the interval is reversed, then the working time is negative', () => {
    expect(workingMsBetween(cal, vn('2025-03-11 14:00'), vn('2025-03-11 11:00'))).toBe(-1 * HOUR);
  });

  test('R-CAL-4 when adding h working hours from many instants, then exactly h hours of working time lie between (property)', () => {
    const hours = [0.25, 1, 2, 4, 7.5, 20, 80, -1, -4, -30];
    for (let t = vn('2024-12-20 00:00'); t < vn('2026-03-01 00:00'); t += 997 * 60_000) {
      for (const h of hours) {
        const end = addWorkingHours(cal, t, h);
        expect(workingMsBetween(cal, t, end)).toBe(h * HOUR);
      }
    }
  });

  test('R-CAL-4 when adding working hours, then the result is the earliest such instant: just before it, less time has elapsed (property)', () => {
    for (let t = vn('2025-01-20 00:00'); t < vn('2025-02-20 00:00'); t += 613 * 60_000) {
      const end = addWorkingMs(cal, t, 90 * 60_000);
      expect(workingMsBetween(cal, t, end - 1)).toBe(90 * 60_000 - 1);
    }
  });
});

describe('working days and end of working day (R-CAL-4, R-DL-1)', () => {
  test('R-CAL-4 when 1 working day is added on a Friday morning, then it is Monday at the same time', () => {
    expect(at(addWorkingDays(cal, vn('2025-03-14 10:00'), 1))).toBe('2025-03-17 10:00');
  });

  test('R-CAL-4 when 10 working days are added, then two weeks pass at the same time of day', () => {
    expect(at(addWorkingDays(cal, vn('2025-03-11 09:15'), 10))).toBe('2025-03-25 09:15');
  });

  test('R-CAL-4 when working days start in the lunch break, then they count from 13:30 (the receipt time)', () => {
    expect(at(addWorkingDays(cal, vn('2025-03-11 12:00'), 1))).toBe('2025-03-12 13:30');
  });

  test('R-CAL-4 when working days start in the evening, then they count from the next morning', () => {
    expect(at(addWorkingDays(cal, vn('2025-03-14 19:00'), 1))).toBe('2025-03-18 07:30');
  });

  test('R-CAL-4 when a working day is added across Tết 2025, then the swapped Monday, Tết and the compensatory day are skipped', () => {
    expect(at(addWorkingDays(cal, vn('2025-01-24 10:00'), 1))).toBe('2025-02-04 10:00');
  });

  test('R-CAL-4 when a working day is added on the Friday before a make-up Saturday, then the Saturday counts', () => {
    expect(at(addWorkingDays(cal, vn('2025-02-14 10:00'), 1))).toBe('2025-02-15 10:00');
  });

  test('R-CAL-4 when a working day is added on 31/12, then it lands on 2/1 of the next year', () => {
    expect(at(addWorkingDays(cal, vn('2025-12-31 10:00'), 1))).toBe('2026-01-02 10:00');
  });

  test('R-CAL-4 when the target day has shorter seasonal hours, then the time of day is clamped into them', () => {
    expect(at(addWorkingDays(withHours(SUMMER), vn('2025-05-30 16:45'), 1))).toBe('2025-06-02 16:30');
    expect(at(addWorkingDays(withHours(SUMMER), vn('2025-05-30 11:15'), 1))).toBe('2025-06-02 11:00');
  });

  test('R-CAL-4 when working days are negative, then they count back to the same time on an earlier working day', () => {
    expect(at(addWorkingDays(cal, vn('2025-03-17 17:00'), -1))).toBe('2025-03-14 17:00');
  });

  test('R-CAL-4 when n working days are added with equal hours every day, then n × 7.5 hours of working time lie between (property)', () => {
    for (let t = vn('2024-12-20 00:00'); t < vn('2026-03-01 00:00'); t += 1409 * 60_000) {
      for (const n of [1, 3, 10]) expect(workingMsBetween(cal, t, addWorkingDays(cal, t, n))).toBe(n * 7.5 * HOUR);
    }
  });

  test('R-CAL-4 when the working-day count is not an integer, then it is refused', () => {
    expect(() => addWorkingDays(cal, vn('2025-03-11 10:00'), 1.5)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  test('R-DL-1 when a normal document is received on a Tuesday morning, then routing is due at the end of Wednesday', () => {
    expect(at(endOfWorkingDay(cal, vn('2025-03-11 10:00'), 1))).toBe('2025-03-12 17:00');
  });

  test('R-DL-1 when a document arrives on Friday evening, then the end of the next working day is Tuesday, counted from Monday receipt', () => {
    expect(at(endOfWorkingDay(cal, vn('2025-03-14 17:30'), 1))).toBe('2025-03-18 17:00');
  });

  test('R-DL-1 when the end of working day is asked with n = 0, then it is the end of the receipt day', () => {
    expect(at(endOfWorkingDay(cal, vn('2025-03-11 10:00'), 0))).toBe('2025-03-11 17:00');
  });

  test('R-DL-1 when the next working day is across New Year, then the deadline is 2/1 at 17:00', () => {
    expect(at(endOfWorkingDay(cal, vn('2025-12-31 10:00'), 1))).toBe('2026-01-02 17:00');
  });

  test('R-DL-1 when the default routing policy is applied, then normal is the end of the next working day and urgent 4 working hours', () => {
    const routing = DEFAULT_POLICIES['deadline.routing'];
    expect(at(computeDeadline(cal, vn('2025-03-11 10:00'), routing.normal))).toBe('2025-03-12 17:00');
    expect(at(computeDeadline(cal, vn('2025-03-11 10:00'), routing.urgent))).toBe('2025-03-11 16:00');
    expect(at(computeDeadline(cal, vn('2025-03-11 10:00'), routing.express))).toBe('2025-03-11 11:00');
  });
});

describe('reminders (R-DL-2)', () => {
  const rule = DEFAULT_POLICIES['deadline.reminder'];

  test('R-DL-2 when the deadline is 10 working days away, then the reminder comes 1 working day before it', () => {
    const start = vn('2025-03-11 09:00');
    const due = addWorkingDays(cal, start, 10);
    expect(at(reminderAt(cal, start, due, rule))).toBe('2025-03-24 09:00');
  });

  test('R-DL-2 when the deadline is 4 working hours away, then the reminder comes when 25% of the time is left', () => {
    const start = vn('2025-03-11 10:00');
    const due = addWorkingHours(cal, start, 4);
    expect(at(reminderAt(cal, start, due, rule))).toBe('2025-03-11 15:00');
  });
});
