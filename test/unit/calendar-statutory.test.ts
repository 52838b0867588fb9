/**
 * Statutory days off by rule (Labour Code 2019 art. 112) on top of the lunar dates from the
 * date-holidays library (R-CAL-2). No database: the seed's plan is a pure function of the year.
 */
import { nationalDayAdjacent, statutoryDaysOff } from '../../domain/calendar-statutory';
import { plannedHolidays, seedYears } from '../../db/seed-calendar';

const dates = (year: number) => plannedHolidays(year).map((d) => d.date);
const find = (year: number, date: string) => plannedHolidays(year).find((d) => d.date === date);

describe('statutory days off (R-CAL-2)', () => {
  test('R-CAL-2 when planning 2025, then Tết is New Year’s Eve 28/1 and mùng 1–4 (29/1–1/2) from the library’s lunar date', () => {
    expect(dates(2025)).toEqual(expect.arrayContaining(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01']));
    expect(find(2025, '2025-01-27')).toBeUndefined();
  });

  test('R-CAL-2 when planning 2026, then Tết is 16/2–20/2', () => {
    const tet = plannedHolidays(2026).filter((d) => d.name.startsWith('Tết Nguyên đán')).map((d) => d.date);
    expect(tet).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
  });

  test('R-CAL-2 when planning a year, then the fixed holidays 1/1, 30/4, 1/5 and 2/9 and Hùng Kings’ day 10/3 lunar are there', () => {
    expect(dates(2025)).toEqual(expect.arrayContaining(['2025-01-01', '2025-04-07', '2025-04-30', '2025-05-01', '2025-09-02']));
    expect(dates(2026)).toEqual(expect.arrayContaining(['2026-01-01', '2026-04-26', '2026-04-30', '2026-05-01', '2026-09-02']));
  });

  test('R-CAL-2 when National Day is a Tuesday (2025) or a Wednesday (2026), then the adjacent day off is 1/9', () => {
    expect(find(2025, '2025-09-01')).toMatchObject({ kind: 'holiday', source: 'statutory' });
    expect(find(2026, '2026-09-01')).toMatchObject({ kind: 'holiday', source: 'statutory' });
    expect(find(2026, '2026-09-03')).toBeUndefined();
  });

  test('R-CAL-2 when choosing the day adjacent to 2/9, then the rule reproduces the Government’s choices of 2021–2025', () => {
    expect([2021, 2022, 2023, 2024, 2025].map(nationalDayAdjacent)).toEqual(['2021-09-03', '2022-09-01', '2023-09-01', '2024-09-03', '2025-09-01']);
  });

  test('R-CAL-2 when a holiday falls on a weekend, then a compensatory day off follows on the next working day (art. 112.3)', () => {
    // 2023: 2/9 is a Saturday, 1/9 the adjacent Friday → Monday 4/9 off, as the Government announced.
    expect(statutoryDaysOff(2023, { tetFirstDay: '2023-01-22', hungKingsDay: '2023-04-29' })).toEqual(
      expect.arrayContaining([{ date: '2023-09-04', kind: 'day_off', name: expect.stringContaining('Nghỉ bù') }]),
    );
  });

  test('R-CAL-2 when several holidays in a row fall on a weekend, then each gets its own compensatory day in order', () => {
    // 2027: mùng 1 and mùng 2 Tết are Saturday 6/2 and Sunday 7/2; Tết lasts until Tuesday 9/2.
    const off = statutoryDaysOff(2027, { tetFirstDay: '2027-02-06', hungKingsDay: '2027-04-16' }).filter((d) => d.kind === 'day_off');
    expect(off.map((d) => d.date)).toEqual(['2027-02-10', '2027-02-11', '2027-05-03']);
  });

  test('R-CAL-2 when the admin already gave the next working day off, then the compensatory day moves past it', () => {
    const off = statutoryDaysOff(2027, { tetFirstDay: '2027-02-06', hungKingsDay: '2027-04-16' }, new Set(['2027-05-03']));
    expect(off.find((d) => d.name.includes('Lao động') && d.kind === 'day_off')?.date).toBe('2027-05-04');
  });

  test('R-CAL-2 when two holidays fall on the same date, then they are one day off', () => {
    const days = statutoryDaysOff(2030, { tetFirstDay: '2030-02-03', hungKingsDay: '2030-04-30' });
    expect(days.filter((d) => d.date === '2030-04-30')).toEqual([{ date: '2030-04-30', kind: 'holiday', name: expect.stringMatching(/Hùng Vương.*30\/4/) }]);
  });

  test('R-CAL-2 when a date comes from date-holidays as-is, then its source is library; days derived by rule are statutory', () => {
    expect(find(2025, '2025-01-01')?.source).toBe('library');
    expect(find(2025, '2025-01-28')?.source).toBe('library'); // the library's New Year's Eve
    expect(find(2025, '2025-01-29')?.source).toBe('library');
    expect(find(2025, '2025-01-30')?.source).toBe('statutory');
    expect(find(2025, '2025-02-03')).toMatchObject({ kind: 'day_off', source: 'statutory' });
  });

  test('R-CAL-2 when seeding by default, then the window is last year to two years ahead in Vietnam time', () => {
    expect(seedYears(new Date('2025-12-31T17:30:00Z'))).toEqual([2025, 2026, 2027, 2028]); // already 2026 in Vietnam
  });
});
