/**
 * Statutory days off of one year (R-CAL-2), by the rules of the Labour Code 2019 art. 112, which
 * binds civil servants too. Pure; imports only domain/. The lunar dates come in as input (the seed
 * takes them from the `date-holidays` library, which knows the lunar calendar), so the rules are
 * testable without it.
 *
 * - 112.1: New Year 1/1; Tết 5 days: the last day of the lunar year (New Year's Eve) and the first
 *   four days of the new one; Hùng Kings 10/3 lunar; 30/4; 1/5; National Day 2/9 and one adjacent
 *   day.
 * - The adjacent day of National Day (before or after, "announced each year") is chosen so the
 *   break joins a weekend without needing a compensatory day: of 1/9 and 3/9, only a weekday
 *   qualifies; of two weekdays, the Monday or Friday one; otherwise 1/9. That reproduces the
 *   Government's choices of 2021–2025 (3/9, 1/9, 1/9, 3/9, 1/9).
 * - 112.3: a holiday on a weekly rest day (Saturday, Sunday for civil servants) gives a
 *   compensatory day off on the next working day, i.e. the next weekday that is neither a holiday,
 *   an already given compensatory day nor a day off the admin entered (`alsoOff`).
 * The Government's yearly announcements (swapped days, a different Tết split) are entered by the
 * admin on top of these; the seed never overwrites them.
 */
import { addCalendarDays, isoWeekday } from './calendar';

export interface LunarDates {
  /** Mùng 1 Tết, 'YYYY-MM-DD'. */
  tetFirstDay: string;
  /** 10/3 lunar, 'YYYY-MM-DD'. */
  hungKingsDay: string;
}

export interface StatutoryDay {
  date: string;
  kind: 'holiday' | 'day_off';
  name: string;
}

const isWeekend = (date: string) => isoWeekday(date) >= 6;
const WEEKDAY_VI = ['', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'];
const dm = (date: string) => `${Number(date.slice(8, 10))}/${Number(date.slice(5, 7))}`;

/** 1/9 or 3/9 of `year`, by the rule in the module header. */
export function nationalDayAdjacent(year: number): string {
  const candidates = [`${year}-09-01`, `${year}-09-03`].filter((d) => !isWeekend(d));
  return candidates.find((d) => [1, 5].includes(isoWeekday(d))) ?? candidates[0];
}

/** The statutory holidays and compensatory days of `year`, in date order. */
export function statutoryDaysOff(year: number, lunar: LunarDates, alsoOff: ReadonlySet<string> = new Set()): StatutoryDay[] {
  if (!lunar.tetFirstDay.startsWith(`${year}-`) || !lunar.hungKingsDay.startsWith(`${year}-`)) {
    throw new RangeError(`lunar dates ${JSON.stringify(lunar)} are not in ${year}`);
  }
  const holidays: StatutoryDay[] = [];
  const add = (date: string, name: string) => {
    // Two holidays on one date (possible for Hùng Kings and 30/4) are one day off.
    const same = holidays.find((h) => h.date === date);
    if (same) same.name = `${same.name}; ${name}`;
    else holidays.push({ date, kind: 'holiday', name });
  };
  const tet = lunar.tetFirstDay;
  add(`${year}-01-01`, 'Tết Dương lịch');
  add(addCalendarDays(tet, -1), 'Tết Nguyên đán (ngày cuối năm Âm lịch)');
  for (let i = 0; i < 4; i++) add(addCalendarDays(tet, i), `Tết Nguyên đán (mùng ${i + 1})`);
  add(lunar.hungKingsDay, 'Giỗ Tổ Hùng Vương (10/3 Âm lịch)');
  add(`${year}-04-30`, 'Ngày Chiến thắng (30/4)');
  add(`${year}-05-01`, 'Ngày Quốc tế Lao động (1/5)');
  add(`${year}-09-02`, 'Quốc khánh (2/9)');
  const adjacent = nationalDayAdjacent(year);
  add(adjacent, `Quốc khánh (ngày liền kề ${dm(adjacent)})`);
  holidays.sort((a, b) => a.date.localeCompare(b.date));

  const taken = new Set([...holidays.map((h) => h.date), ...alsoOff]);
  const compensatory: StatutoryDay[] = [];
  for (const h of holidays.filter((x) => isWeekend(x.date))) {
    let d = addCalendarDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addCalendarDays(d, 1);
    taken.add(d);
    compensatory.push({ date: d, kind: 'day_off', name: `Nghỉ bù: ${h.name} rơi vào ${WEEKDAY_VI[isoWeekday(h.date)]} ${dm(h.date)}` });
  }
  return [...holidays, ...compensatory].sort((a, b) => a.date.localeCompare(b.date));
}
