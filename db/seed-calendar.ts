/**
 * Calendar seed (R-CAL-2, R-DL-1): the statutory days off of a window of years and the default
 * policies. Real data, not demo data: it runs on every start, whatever SEED_DEMO_DATA says.
 *
 * Lunar dates (mùng 1 Tết, Giỗ Tổ Hùng Vương) come from the maintained `date-holidays` library;
 * the rest follows the Labour Code by rule (domain/calendar-statutory.ts), because the library
 * lists only New Year's Eve and the first day of Tết and only 2/9 for National Day. A row's
 * `source` says which: 'library' when date-holidays lists that very date as a public holiday,
 * 'statutory' when the rule derived it.
 *
 * Idempotent and safe for admin work: rows only the seed has written (source library/statutory,
 * `updated_by` NULL) are brought in line with the rules — inserted, renamed, or removed when a
 * library update moves a lunar date; rows an admin created, edited or deleted are never touched,
 * and a deleted date is never re-inserted. Policies are inserted when missing, never overwritten.
 */
import Holidays from 'date-holidays';
import { QueryTypes } from 'sequelize';
import { vietnamDate, type DayKind } from '../domain/calendar';
import { DEFAULT_POLICIES } from '../domain/calendar-policy';
import { statutoryDaysOff, type LunarDates } from '../domain/calendar-statutory';
import type { Database } from './database';
import type { HolidaySource } from './repositories/calendar.repository';

export interface PlannedHoliday {
  date: string;
  kind: DayKind;
  name: string;
  source: Exclude<HolidaySource, 'admin'>;
}

export interface CalendarSeedResult {
  inserted: number;
  updated: number;
  removed: number;
}

const SEED_LOCK_KEY = 258_82019;

let library: Holidays | undefined;

/** The lunar anchors of `year` and every date date-holidays calls a public holiday in Vietnam. */
export function libraryHolidays(year: number): { lunar: LunarDates; publicDates: Set<string> } {
  library ??= new Holidays('VN');
  const pub = library.getHolidays(year).filter((h) => h.type === 'public');
  // The library's own rule strings identify the lunar holidays; its names are translated text.
  const byRule = (rule: string) => {
    const found = pub.find((h) => h.rule === rule);
    if (!found) throw new Error(`date-holidays (VN ${year}) no longer has the public holiday "${rule}"; check the library before seeding the calendar`);
    return found.date.slice(0, 10);
  };
  return {
    lunar: { tetFirstDay: byRule('vietnamese 1-0-1'), hungKingsDay: byRule('vietnamese 3-0-10') },
    publicDates: new Set(pub.map((h) => h.date.slice(0, 10))),
  };
}

/** What the seed wants in the holidays table for `year`, given the admin's own days off. */
export function plannedHolidays(year: number, adminDaysOff: ReadonlySet<string> = new Set()): PlannedHoliday[] {
  const { lunar, publicDates } = libraryHolidays(year);
  return statutoryDaysOff(year, lunar, adminDaysOff).map((d) => ({ ...d, source: publicDates.has(d.date) ? 'library' : 'statutory' }));
}

/** The default window: last year, this year and the next two (Vietnam time). */
export function seedYears(now: Date = new Date()): number[] {
  const year = Number(vietnamDate(now).slice(0, 4));
  return [year - 1, year, year + 1, year + 2];
}

export async function seedCalendar(db: Database, opts: { years?: number[]; now?: Date } = {}, log: (msg: string) => void = () => {}): Promise<CalendarSeedResult> {
  const years = opts.years ?? seedYears(opts.now);
  const result: CalendarSeedResult = { inserted: 0, updated: 0, removed: 0 };
  const { sequelize } = db;
  await sequelize.transaction(async (transaction) => {
    // Two processes starting at once would otherwise both insert and both reconcile.
    await sequelize.query(`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`, { transaction });
    const run = (sql: string, replacements: Record<string, unknown>) => sequelize.query(sql, { replacements, transaction });

    for (const [key, value] of Object.entries(DEFAULT_POLICIES)) {
      await run('INSERT INTO policies (key, value) VALUES (:key, CAST(:value AS jsonb)) ON CONFLICT (key) DO NOTHING', { key, value: JSON.stringify(value) });
    }

    for (const year of years) {
      const existing = await sequelize.query<{ id: string; date: string; kind: DayKind; name: string; source: HolidaySource; seedOwned: boolean; deleted: boolean }>(
        `SELECT id, date::text AS date, kind, name, source, deleted_at IS NOT NULL AS deleted,
                (source <> 'admin' AND updated_by IS NULL) AS "seedOwned"
           FROM holidays WHERE year = :year`,
        { replacements: { year }, type: QueryTypes.SELECT, transaction },
      );
      const adminDaysOff = new Set(existing.filter((r) => !r.seedOwned && !r.deleted && r.kind !== 'working_day').map((r) => r.date));
      const plan = plannedHolidays(year, adminDaysOff);
      const byDate = new Map(existing.map((r) => [r.date, r]));
      const planned = new Set(plan.map((p) => p.date));

      for (const p of plan) {
        const row = byDate.get(p.date);
        if (!row) {
          const [, n] = await run(
            `INSERT INTO holidays (date, kind, name, source) VALUES (:date, :kind, :name, :source) ON CONFLICT (date) DO NOTHING`,
            { ...p },
          );
          result.inserted += Number(n ?? 0);
        } else if (row.seedOwned && (row.kind !== p.kind || row.name !== p.name || row.source !== p.source)) {
          await run(`UPDATE holidays SET kind = :kind, name = :name, source = :source, updated_at = now() WHERE id = :id AND updated_by IS NULL`, { ...p, id: row.id });
          result.updated++;
        }
      }
      const stale = existing.filter((r) => r.seedOwned && !planned.has(r.date));
      for (const r of stale) await run('DELETE FROM holidays WHERE id = :id AND updated_by IS NULL', { id: r.id });
      result.removed += stale.length;
    }
  });
  if (result.inserted || result.updated || result.removed) {
    log(`calendar ${years[0]}–${years[years.length - 1]}: ${result.inserted} days off added, ${result.updated} updated, ${result.removed} removed`);
  }
  return result;
}
