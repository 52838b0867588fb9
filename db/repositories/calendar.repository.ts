/**
 * Holidays and policies (R-CAL-1..2, R-DL-1) read and written as plain objects, and
 * `loadCalendar`, which turns them into the `BusinessCalendar` data the domain functions and
 * workflows take. Dates stay 'YYYY-MM-DD' strings end to end; a `date` column is never a Date.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { BusinessCalendar, DayKind, OfficeHoursPolicy } from '../../domain/calendar';
import { DEFAULT_OFFICE_HOURS } from '../../domain/calendar';
import { officeHoursKey, officeHoursKeyOrg, POLICY_DESCRIPTIONS_VI, type PolicyValues } from '../../domain/calendar-policy';
import { ancestorsOf } from '../../domain/org-code';
import type { Database } from '../database';

export type HolidaySource = 'library' | 'statutory' | 'admin';

export interface HolidayRecord {
  id: string;
  date: string;
  year: number;
  kind: DayKind;
  name: string;
  note: string | null;
  source: HolidaySource;
  /** True once an admin created, edited or deleted it: the seed leaves it alone from then on. */
  adminManaged: boolean;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string | null;
  deletedAt: Date | null;
}

export interface HolidayFilter {
  q?: string;
  year?: number;
  kind?: DayKind;
  source?: HolidaySource;
  from?: string;
  to?: string;
  deleted?: boolean;
  id?: string | string[];
}

export interface Page {
  offset: number;
  limit: number;
  sortField: string;
  sortOrder: 'ASC' | 'DESC';
}

export interface HolidayInput {
  date: string;
  kind: DayKind;
  name: string;
  note?: string | null;
}

export type HolidayPatch = Partial<Omit<HolidayInput, 'date'>>;

export interface PolicyRecord {
  id: string;
  key: string;
  value: unknown;
  description: string;
  /** Set for `office_hours:<orgCode>` overrides. */
  organizationCode: string | null;
  updatedAt: Date;
  updatedBy: string | null;
}

const HOLIDAY_COLUMNS = `
  id, date::text AS date, year, kind, name, note, source,
  (updated_by IS NOT NULL OR source = 'admin') AS "adminManaged",
  created_at AS "createdAt", updated_at AS "updatedAt", updated_by AS "updatedBy", deleted_at AS "deletedAt"`;

const HOLIDAY_SORT: Record<string, string> = { date: 'date', id: 'date', year: 'year', kind: 'kind', name: 'name', source: 'source', updatedAt: 'updated_at' };
export const HOLIDAY_SORTABLE = Object.keys(HOLIDAY_SORT);
export const POLICY_SORTABLE = ['id', 'key', 'updatedAt'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createCalendarRepository(db: Database) {
  const { sequelize } = db;
  const select = <T extends object>(sql: string, replacements: Record<string, unknown> = {}, transaction?: Transaction) =>
    sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT, transaction });

  function holidayWhere(f: HolidayFilter): { sql: string; params: Record<string, unknown> } {
    const and: string[] = [f.deleted ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'];
    const params: Record<string, unknown> = {};
    const when = (value: unknown, condition: string, name: string) => {
      if (value === undefined) return;
      and.push(condition);
      params[name] = value;
    };
    when(f.year, 'year = :year', 'year');
    when(f.kind, 'kind = :kind', 'kind');
    when(f.source, 'source = :source', 'source');
    when(f.from, 'date >= :from', 'from');
    when(f.to, 'date <= :to', 'to');
    if (f.id !== undefined) {
      const ids = (Array.isArray(f.id) ? f.id : [f.id]).filter((i) => UUID.test(i));
      and.push(ids.length ? 'id IN (:ids)' : 'false');
      params.ids = ids;
    }
    if (f.q) {
      and.push(`fold_vi(name || ' ' || coalesce(note, '')) LIKE fold_vi(:q)`);
      params.q = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    return { sql: and.join(' AND '), params };
  }

  async function holidayById(id: string, transaction?: Transaction): Promise<HolidayRecord | null> {
    if (!UUID.test(id)) return null;
    const [row] = await select<HolidayRecord>(`SELECT ${HOLIDAY_COLUMNS} FROM holidays WHERE id = :id`, { id }, transaction);
    return row ?? null;
  }

  function policyRecord(row: { key: string; value: unknown; updatedAt: Date; updatedBy: string | null }): PolicyRecord {
    const org = officeHoursKeyOrg(row.key);
    const description = org
      ? `Giờ hành chính riêng của tổ chức ${org} và các đơn vị trực thuộc (office hours of ${org} and its subtree)`
      : (POLICY_DESCRIPTIONS_VI[row.key as keyof PolicyValues] ?? '');
    return { id: row.key, key: row.key, value: row.value, description, organizationCode: org, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
  }

  const POLICY_COLUMNS = `key, value, updated_at AS "updatedAt", updated_by AS "updatedBy"`;

  return {
    async listHolidays(filter: HolidayFilter, page: Page): Promise<{ rows: HolidayRecord[]; total: number }> {
      const { sql, params } = holidayWhere(filter);
      const order = `${HOLIDAY_SORT[page.sortField] ?? 'date'} ${page.sortOrder === 'DESC' ? 'DESC' : 'ASC'}, date ASC`;
      const rows = await select<HolidayRecord>(`SELECT ${HOLIDAY_COLUMNS} FROM holidays WHERE ${sql} ORDER BY ${order} OFFSET :offset LIMIT :limit`, {
        ...params,
        offset: page.offset,
        limit: page.limit,
      });
      const [{ n }] = await select<{ n: string }>(`SELECT count(*) AS n FROM holidays WHERE ${sql}`, params);
      return { rows, total: Number(n) };
    },

    getHoliday: (id: string) => holidayById(id),

    /**
     * An admin's day. A date that was deleted before is revived as the admin's row (its tombstone
     * is what kept the seed away); a date already in use is a conflict.
     */
    async createHoliday(input: HolidayInput, actorId: string): Promise<{ created: HolidayRecord } | { conflict: HolidayRecord }> {
      return sequelize.transaction(async (transaction) => {
        const [row] = await select<{ id: string }>(
          `INSERT INTO holidays (date, kind, name, note, source, updated_by)
           VALUES (:date, :kind, :name, :note, 'admin', :actorId)
           ON CONFLICT (date) DO UPDATE
             SET kind = EXCLUDED.kind, name = EXCLUDED.name, note = EXCLUDED.note, source = 'admin',
                 updated_by = EXCLUDED.updated_by, updated_at = now(), deleted_at = NULL
             WHERE holidays.deleted_at IS NOT NULL
           RETURNING id`,
          { ...input, note: input.note ?? null, actorId },
          transaction,
        );
        if (row) return { created: (await holidayById(row.id, transaction))! };
        const [existing] = await select<HolidayRecord>(`SELECT ${HOLIDAY_COLUMNS} FROM holidays WHERE date = :date`, { date: input.date }, transaction);
        return { conflict: existing };
      });
    },

    async updateHoliday(id: string, patch: HolidayPatch, actorId: string): Promise<HolidayRecord | null> {
      if (!UUID.test(id)) return null;
      const [row] = await select<{ id: string }>(
        `UPDATE holidays SET
           kind = coalesce(:kind, kind), name = coalesce(:name, name),
           note = CASE WHEN :noteGiven THEN :note ELSE note END,
           updated_by = :actorId, updated_at = now()
         WHERE id = :id AND deleted_at IS NULL RETURNING id`,
        { id, kind: patch.kind ?? null, name: patch.name ?? null, noteGiven: patch.note !== undefined, note: patch.note ?? null, actorId },
      );
      return row ? holidayById(row.id) : null;
    },

    /** Marks the row deleted; the tombstone keeps the seed from restoring a statutory day. */
    async deleteHoliday(id: string, actorId: string): Promise<HolidayRecord | null> {
      if (!UUID.test(id)) return null;
      const [row] = await select<{ id: string }>(
        `UPDATE holidays SET deleted_at = now(), updated_by = :actorId, updated_at = now()
         WHERE id = :id AND deleted_at IS NULL RETURNING id`,
        { id, actorId },
      );
      return row ? holidayById(row.id) : null;
    },

    async listPolicies(filter: { q?: string; id?: string | string[] }, page: Page): Promise<{ rows: PolicyRecord[]; total: number }> {
      const rows = (await select<Parameters<typeof policyRecord>[0]>(`SELECT ${POLICY_COLUMNS} FROM policies ORDER BY key`)).map(policyRecord);
      const ids = filter.id === undefined ? null : new Set(Array.isArray(filter.id) ? filter.id : [filter.id]);
      const q = filter.q?.toLowerCase();
      const matching = rows
        .filter((p) => !ids || ids.has(p.key))
        .filter((p) => !q || `${p.key} ${p.description}`.toLowerCase().includes(q))
        .sort((a, b) => {
          const by = page.sortField === 'updatedAt' ? a.updatedAt.getTime() - b.updatedAt.getTime() : a.key.localeCompare(b.key);
          return page.sortOrder === 'DESC' ? -by : by;
        });
      // A handful of rows: filtering in memory keeps the description searchable without SQL for it.
      return { rows: matching.slice(page.offset, page.offset + page.limit), total: matching.length };
    },

    async getPolicy(key: string): Promise<PolicyRecord | null> {
      const [row] = await select<Parameters<typeof policyRecord>[0]>(`SELECT ${POLICY_COLUMNS} FROM policies WHERE key = :key`, { key });
      return row ? policyRecord(row) : null;
    },

    /** Creates or replaces a policy value (validated by the caller against the key's schema). */
    async putPolicy(key: string, value: unknown, actorId: string): Promise<{ record: PolicyRecord; created: boolean }> {
      const [row] = await select<Parameters<typeof policyRecord>[0] & { created: boolean }>(
        `INSERT INTO policies (key, value, updated_by) VALUES (:key, CAST(:value AS jsonb), :actorId)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()
         RETURNING ${POLICY_COLUMNS}, (xmax = 0) AS created`,
        { key, value: JSON.stringify(value), actorId },
      );
      return { record: policyRecord(row), created: row.created };
    },

    async deletePolicy(key: string): Promise<PolicyRecord | null> {
      const [row] = await select<Parameters<typeof policyRecord>[0]>(`DELETE FROM policies WHERE key = :key RETURNING ${POLICY_COLUMNS}`, { key });
      return row ? policyRecord(row) : null;
    },

    async organizationExists(code: string): Promise<boolean> {
      const [row] = await select<{ n: string }>('SELECT count(*) AS n FROM organizations WHERE code = :code', { code });
      return Number(row.n) > 0;
    },
  };
}

export type CalendarRepository = ReturnType<typeof createCalendarRepository>;

/**
 * The calendar of an organization for the years fromYear…toYear (Vietnam calendar years): its
 * own office hours, else the nearest ancestor's, else the default (a commune follows its district),
 * and every national day off that is not deleted. Plain data, ready to pass to a workflow.
 */
export async function loadCalendar(db: Database, orgCode: string | null, fromYear: number, toYear: number): Promise<BusinessCalendar> {
  const chain = orgCode ? [orgCode, ...ancestorsOf(orgCode)].map(officeHoursKey) : [];
  const keys = [...chain, officeHoursKey(null)];
  const policies = await db.sequelize.query<{ key: string; value: OfficeHoursPolicy }>('SELECT key, value FROM policies WHERE key IN (:keys)', {
    replacements: { keys },
    type: QueryTypes.SELECT,
  });
  const byKey = new Map(policies.map((p) => [p.key, p.value]));
  const officeHours = keys.map((k) => byKey.get(k)).find((v) => v !== undefined) ?? DEFAULT_OFFICE_HOURS;
  const rows = await db.sequelize.query<{ date: string; kind: DayKind }>(
    'SELECT date::text AS date, kind FROM holidays WHERE deleted_at IS NULL AND year BETWEEN :fromYear AND :toYear ORDER BY date',
    { replacements: { fromYear, toYear }, type: QueryTypes.SELECT },
  );
  return { officeHours, days: Object.fromEntries(rows.map((r) => [r.date, r.kind])) };
}
