/**
 * Incoming and outgoing registers (R-DOC-1, R-DOC-2) and document identifiers (R-ORG-3) in
 * PostgreSQL: gap-free, idempotent number allocation, starting numbers, voiding, and the read
 * model the API lists. Returns plain objects; rules come from domain/registers.ts.
 *
 * Allocation, and why it is gap-free and unique:
 * - The number comes from the counter row of (organization, register, Vietnam-time year), not
 *   from a sequence (sequences leave holes on rollback). One statement increments the row —
 *   `INSERT … ON CONFLICT DO UPDATE … RETURNING`, which also creates the year's row on its first
 *   number — and inserts the entry. The row stays locked until the transaction ends, so
 *   concurrent allocations in one register queue on it and get consecutive numbers, and a
 *   rollback (an error, a crash, a killed connection) takes the increment back with the entry.
 * - A caller may pass its own transaction, so the entry commits or vanishes together with the
 *   caller's rows (e.g. the document it registers).
 * - Idempotency: the entry carries the caller's key (workflow id + step). A transaction-scoped
 *   advisory lock on the key comes first, then a look-up: a retry — also one racing the first
 *   attempt — waits for the first to finish and then finds its entry, instead of consuming a
 *   second number. (The look-up needs READ COMMITTED, PostgreSQL's default. Under a stricter
 *   isolation an exact race fails on the unique key instead, and the retry then finds the entry.)
 */
import { ForeignKeyConstraintError, QueryTypes, UniqueConstraintError, type Transaction } from 'sequelize';
import { documentIdentifier, parseOrgCode } from '../../domain/org-code';
import {
  isRegisterKind,
  normalizeVoidReason,
  registerCounterId,
  registerEntryId,
  registerYear,
  RegisterError,
  startingNumberProblem,
  type RegisterCounterKey,
  type RegisterEntryDetails,
  type RegisterEntryKey,
  type RegisterKind,
} from '../../domain/registers';
import type { Database } from '../database';
import { Conditions, countOrEstimate, isUuid, likePattern, orderBy, pageTotal, TEXT_SEARCH_TOTALS, type OrgScope, type Page } from './paging';

export type { Page } from './paging';

export interface AllocateInput {
  organizationCode: string;
  register: RegisterKind;
  /** When the document is registered; its year in Vietnam time picks the sequence. */
  at: Date | string;
  /** Stable across retries of the same registration, e.g. `<workflowId>:register-incoming`. */
  idempotencyKey: string;
  documentId?: string | null;
  registeredBy?: string | null;
  details?: RegisterEntryDetails;
}

export interface Allocation {
  organizationCode: string;
  register: RegisterKind;
  year: number;
  number: number;
  /** Outgoing only: the document identifier `<orgCode>.<yyyy>.<number>` (R-ORG-3). */
  identifier?: string;
  /** True when the key was already registered: the earlier number is returned, nothing is consumed. */
  existing: boolean;
}

export interface RegisterEntryRecord extends RegisterEntryKey {
  id: string;
  identifier: string | null;
  documentId: string | null;
  organizationName: string | null;
  registeredAt: Date;
  registeredBy: string | null;
  registeredByName: string | null;
  details: RegisterEntryDetails;
  voided: boolean;
  voidedAt: Date | null;
  voidReason: string | null;
  voidedBy: string | null;
  voidedByName: string | null;
}

export interface RegisterCounterRecord extends RegisterCounterKey {
  id: string;
  nextNumber: number;
  highestRegistered: number | null;
  /** Entries in the register, voided ones included. */
  registeredCount: number;
  voidedCount: number;
  /** Numbers below nextNumber without an entry: used on paper before or outside the system. */
  paperCount: number;
  lastChangedAt: Date | null;
  lastChangedBy: string | null;
}

export interface CounterChangeRecord {
  previousNextNumber: number;
  nextNumber: number;
  highestRegistered: number | null;
  changedBy: string | null;
  changedByName: string | null;
  changedAt: Date;
  reason: string | null;
}

/** What the caller may see: everything, an organization subtree, or one organization. */
export type RegisterScope = OrgScope;

export interface EntryFilter {
  organizationCode?: string;
  register?: RegisterKind;
  year?: number;
  number?: number;
  voided?: boolean;
  documentId?: string;
  ids?: RegisterEntryKey[];
  /**
   * Accent-insensitive text of the register's snapshot: number and notation, summary, sender,
   * receivers, signer ("so noi vu" finds "Sở Nội vụ"); digits alone also match the number.
   */
  q?: string;
  /** Vietnam dates (YYYY-MM-DD), inclusive, of the registration. */
  from?: string;
  to?: string;
  /** Ngày văn bản as the register recorded it, inclusive. */
  documentDateFrom?: string;
  documentDateTo?: string;
  typeCode?: string;
  urgency?: string | string[];
  /** Current status of the registered document. */
  status?: string | string[];
}

export interface CounterFilter {
  organizationCode?: string;
  register?: RegisterKind;
  year?: number;
  ids?: RegisterCounterKey[];
}

// With the organization (and register) fixed by the scope or a filter, registeredAt and its tie-break
// read register_entries_registered_idx (migration 0013) in order.
const ENTRY_SORT: Record<string, string> = {
  id: 'e.organization_code %s, e.register %s, e.year %s, e.number %s',
  number: 'e.number %s',
  registeredAt: 'e.registered_at %s',
  year: 'e.year %s',
  organizationCode: 'e.organization_code %s',
};
const COUNTER_SORT: Record<string, string> = {
  id: 'c.organization_code %s, c.register %s, c.year %s',
  year: 'c.year %s',
  organizationCode: 'c.organization_code %s',
  register: 'c.register %s',
  nextNumber: 'c.next_number %s',
};
export const ENTRY_SORTABLE = Object.keys(ENTRY_SORT);
export const COUNTER_SORTABLE = Object.keys(COUNTER_SORT);

/** Namespace of the two-key advisory locks taken on idempotency keys (the one-key space is the migrator's). */
const KEY_LOCK_CLASS = 25_882_018;
const MAX_KEY = 200;

interface EntryRow {
  organization_code: string;
  register: RegisterKind;
  year: number;
  number: number;
  document_id: string | null;
  registered_at: Date;
  registered_by: string | null;
  details: RegisterEntryDetails;
  voided_at: Date | null;
  void_reason: string | null;
  voided_by: string | null;
  organization_name?: string | null;
  registered_by_name?: string | null;
  voided_by_name?: string | null;
}

interface CounterRow {
  organization_code: string;
  register: RegisterKind;
  year: number;
  next_number: number;
  highest: number | null;
  registered: string;
  voided: string;
  changed_at: Date | null;
  changed_by: string | null;
}

function toEntry(r: EntryRow): RegisterEntryRecord {
  const key: RegisterEntryKey = { organizationCode: r.organization_code, register: r.register, year: r.year, number: r.number };
  return {
    id: registerEntryId(key),
    ...key,
    identifier: r.register === 'outgoing' ? documentIdentifier(r.organization_code, r.year, r.number) : null,
    documentId: r.document_id,
    registeredAt: r.registered_at,
    organizationName: r.organization_name ?? null,
    registeredBy: r.registered_by,
    registeredByName: r.registered_by_name ?? null,
    details: r.details,
    voided: r.voided_at !== null,
    voidedAt: r.voided_at,
    voidReason: r.void_reason,
    voidedBy: r.voided_by,
    voidedByName: r.voided_by_name ?? null,
  };
}

function toCounter(r: CounterRow): RegisterCounterRecord {
  const key: RegisterCounterKey = { organizationCode: r.organization_code, register: r.register, year: r.year };
  const registeredCount = Number(r.registered);
  return {
    id: registerCounterId(key),
    ...key,
    nextNumber: r.next_number,
    highestRegistered: r.highest,
    registeredCount,
    voidedCount: Number(r.voided),
    paperCount: r.next_number - 1 - registeredCount,
    lastChangedAt: r.changed_at,
    lastChangedBy: r.changed_by,
  };
}

type AllocatedRow = Pick<EntryRow, 'organization_code' | 'register' | 'year' | 'number'>;

function toAllocation(r: AllocatedRow, existing: boolean): Allocation {
  const a: Allocation = { organizationCode: r.organization_code, register: r.register, year: r.year, number: r.number, existing };
  if (r.register === 'outgoing') a.identifier = documentIdentifier(r.organization_code, r.year, r.number);
  return a;
}

function invalid(path: string, message: string): RegisterError {
  return new RegisterError('INVALID_INPUT', `${path}: ${message}`, [{ path, message }]);
}

function checkAllocation(input: AllocateInput): void {
  try {
    parseOrgCode(input.organizationCode);
  } catch (err) {
    throw invalid('organizationCode', (err as Error).message);
  }
  if (!isRegisterKind(input.register)) throw invalid('register', `phải là incoming hoặc outgoing (must be incoming or outgoing), got ${String(input.register)}`);
  if (typeof input.idempotencyKey !== 'string' || !input.idempotencyKey.trim() || input.idempotencyKey.length > MAX_KEY) {
    throw invalid('idempotencyKey', `phải có, tối đa ${MAX_KEY} ký tự (required, at most ${MAX_KEY} characters)`);
  }
  for (const path of ['documentId', 'registeredBy'] as const) {
    const id = input[path];
    if (id != null && !isUuid(id)) throw invalid(path, 'phải là UUID (must be a UUID)');
  }
  const year = registerYear(input.at);
  if (year < 1900 || year > 9999) throw invalid('at', `năm ${year} nằm ngoài 1900–9999 (year out of range)`);
  if (input.details !== undefined && (input.details === null || typeof input.details !== 'object' || Array.isArray(input.details))) {
    throw invalid('details', 'phải là một đối tượng (must be an object)');
  }
}

/** Which reference a failed foreign key names, for an error the caller can act on. */
function missingReference(err: ForeignKeyConstraintError, organizationCode: string): RegisterError {
  const constraint = String(err.index ?? '');
  if (constraint.endsWith('organization_code_fkey')) {
    return new RegisterError('ORGANIZATION_NOT_FOUND', `Tổ chức ${organizationCode} chưa được đăng ký (organization not registered)`, [{ path: 'organizationCode', message: 'không tồn tại (not found)' }]);
  }
  const path = constraint.includes('document_id') ? 'documentId' : 'registeredBy';
  return invalid(path, 'không tồn tại (not found)');
}

export function createRegistersRepository(db: Database) {
  const { sequelize } = db;

  const select = <T extends object>(sql: string, bind: unknown[], transaction?: Transaction) => sequelize.query<T>(sql, { bind, transaction, type: QueryTypes.SELECT });
  const inTransaction = <T>(outer: Transaction | undefined, fn: (t: Transaction) => Promise<T>): Promise<T> => (outer ? fn(outer) : sequelize.transaction(fn));

  // Names ride along as scalar subqueries so people reading the register see who, not a user id.
  const ENTRY_COLUMNS = `e.organization_code, e.register, e.year, e.number, e.document_id, e.registered_at, e.registered_by, e.details, e.voided_at, e.void_reason, e.voided_by,
    (SELECT o.name FROM organizations o WHERE o.code = e.organization_code) AS organization_name,
    (SELECT u.full_name FROM users u WHERE u.id = e.registered_by) AS registered_by_name,
    (SELECT u.full_name FROM users u WHERE u.id = e.voided_by) AS voided_by_name`;
  const COUNTER_SELECT = `
    SELECT c.organization_code, c.register, c.year, c.next_number,
           s.highest, coalesce(s.registered, 0) AS registered, coalesce(s.voided, 0) AS voided,
           ch.changed_at, ch.changed_by
      FROM register_counters c
      LEFT JOIN LATERAL (
        SELECT max(e.number) AS highest, count(*) AS registered, count(e.voided_at) AS voided
          FROM register_entries e
         WHERE e.organization_code = c.organization_code AND e.register = c.register AND e.year = c.year
      ) s ON true
      LEFT JOIN LATERAL (
        SELECT x.changed_at, x.changed_by FROM register_counter_changes x
         WHERE x.organization_code = c.organization_code AND x.register = c.register AND x.year = c.year
         ORDER BY x.id DESC LIMIT 1
      ) ch ON true`;

  function entryConditions(f: EntryFilter, scope: RegisterScope): Conditions {
    const c = new Conditions();
    c.scope('e.organization_code', scope);
    if (f.organizationCode !== undefined) c.add(`e.organization_code = ${c.bind(f.organizationCode)}`);
    if (f.register !== undefined) c.add(`e.register = ${c.bind(f.register)}`);
    if (f.year !== undefined) c.add(`e.year = ${c.bind(f.year)}`);
    if (f.number !== undefined) c.add(`e.number = ${c.bind(f.number)}`);
    if (f.voided !== undefined) c.add(f.voided ? 'e.voided_at IS NOT NULL' : 'e.voided_at IS NULL');
    if (f.documentId !== undefined) c.add(`e.document_id = ${c.bind(f.documentId)}`);
    const q = f.q?.trim();
    if (q) {
      const text = `e.search_text LIKE fold_vi(${c.bind(likePattern(q))})`;
      c.add(/^\d{1,9}$/.test(q) ? `(${text} OR e.number = ${c.bind(Number(q))})` : text);
    }
    if (f.from !== undefined) c.add(`e.registered_at >= (${c.bind(f.from)}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`);
    if (f.to !== undefined) c.add(`e.registered_at < (${c.bind(f.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`);
    // documentDate is a calendar day (YYYY-MM-DD): compared as text, it orders like the date.
    if (f.documentDateFrom !== undefined) c.add(`left(e.details->>'documentDate', 10) >= ${c.bind(f.documentDateFrom)}`);
    if (f.documentDateTo !== undefined) c.add(`left(e.details->>'documentDate', 10) <= ${c.bind(f.documentDateTo)}`);
    if (f.typeCode !== undefined) c.add(`e.details->>'typeCode' = ${c.bind(f.typeCode)}`);
    if (f.urgency !== undefined) c.add(`e.details->>'urgency' = ANY(${c.bind([f.urgency].flat())}::text[])`);
    if (f.status !== undefined) {
      c.add(`EXISTS (SELECT 1 FROM documents d WHERE d.id = e.document_id AND d.status = ANY(${c.bind([f.status].flat())}::text[]))`);
    }
    if (f.ids !== undefined) {
      if (!f.ids.length) c.add('false');
      else c.add(`(${f.ids.map((k) => `(e.organization_code, e.register, e.year, e.number) = (${c.bind(k.organizationCode)}, ${c.bind(k.register)}, ${c.bind(k.year)}, ${c.bind(k.number)})`).join(' OR ')})`);
    }
    return c;
  }

  function counterConditions(f: CounterFilter, scope: RegisterScope): Conditions {
    const c = new Conditions();
    c.scope('c.organization_code', scope);
    if (f.organizationCode !== undefined) c.add(`c.organization_code = ${c.bind(f.organizationCode)}`);
    if (f.register !== undefined) c.add(`c.register = ${c.bind(f.register)}`);
    if (f.year !== undefined) c.add(`c.year = ${c.bind(f.year)}`);
    if (f.ids !== undefined) {
      if (!f.ids.length) c.add('false');
      else c.add(`(${f.ids.map((k) => `(c.organization_code, c.register, c.year) = (${c.bind(k.organizationCode)}, ${c.bind(k.register)}, ${c.bind(k.year)})`).join(' OR ')})`);
    }
    return c;
  }

  async function getEntry(key: RegisterEntryKey, scope: RegisterScope = { kind: 'all' }, transaction?: Transaction): Promise<RegisterEntryRecord | null> {
    const c = entryConditions({ ...key }, scope);
    const [row] = await select<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM register_entries e ${c.where()}`, c.values, transaction);
    return row ? toEntry(row) : null;
  }

  async function organizationExists(code: string, scope: RegisterScope = { kind: 'all' }, transaction?: Transaction): Promise<boolean> {
    const c = new Conditions();
    c.add(`o.code = ${c.bind(code)}`);
    c.scope('o.code', scope);
    return (await select(`SELECT 1 FROM organizations o ${c.where()}`, c.values, transaction)).length > 0;
  }

  /** The register's state; a register with no number yet reads as starting at 1. Null when the organization is not visible. */
  async function getCounter(key: RegisterCounterKey, scope: RegisterScope = { kind: 'all' }): Promise<RegisterCounterRecord | null> {
    const c = counterConditions({ ...key }, scope);
    const [row] = await select<CounterRow>(`${COUNTER_SELECT} ${c.where()}`, c.values);
    if (row) return toCounter(row);
    if (!(await organizationExists(key.organizationCode, scope))) return null;
    return toCounter({ organization_code: key.organizationCode, register: key.register, year: key.year, next_number: 1, highest: null, registered: '0', voided: '0', changed_at: null, changed_by: null });
  }

  return {
    /**
     * Registers one document and returns its number: the next of its register and year, or the
     * number already given to `idempotencyKey`. Runs in `transaction` when given (the caller
     * commits), otherwise in its own.
     */
    async allocate(input: AllocateInput, transaction?: Transaction): Promise<Allocation> {
      checkAllocation(input);
      const year = registerYear(input.at);
      const { organizationCode, register, idempotencyKey } = input;
      return inTransaction(transaction, async (t) => {
        await select('SELECT pg_advisory_xact_lock($1, hashtext($2))', [KEY_LOCK_CLASS, idempotencyKey], t);
        const [found] = await select<AllocatedRow>(
          'SELECT organization_code, register, year, number FROM register_entries WHERE idempotency_key = $1',
          [idempotencyKey],
          t,
        );
        if (found) {
          // A retry — possibly after the year changed — keeps its first number; a key reused
          // for another register is a caller bug that must not hand out a foreign number.
          if (found.organization_code !== organizationCode || found.register !== register) {
            throw new RegisterError(
              'IDEMPOTENCY_KEY_REUSED',
              `Khóa ${idempotencyKey} đã dùng cho ${registerEntryId({ organizationCode: found.organization_code, register: found.register, year: found.year, number: found.number })} (idempotency key already used for another register)`,
            );
          }
          return toAllocation(found, true);
        }
        try {
          const [row] = await select<{ number: number }>(
            `WITH counter AS (
               INSERT INTO register_counters AS c (organization_code, register, year, next_number)
               VALUES ($1, $2, $3, 2)
               ON CONFLICT (organization_code, register, year) DO UPDATE SET next_number = c.next_number + 1
               RETURNING c.next_number - 1 AS number
             )
             INSERT INTO register_entries (organization_code, register, year, number, idempotency_key, document_id, registered_at, registered_by, details)
             SELECT $1, $2, $3, counter.number, $4, $5, $6, $7, $8 FROM counter
             RETURNING number`,
            [organizationCode, register, year, idempotencyKey, input.documentId ?? null, new Date(input.at), input.registeredBy ?? null, JSON.stringify(input.details ?? {})],
            t,
          );
          return toAllocation({ organization_code: organizationCode, register, year, number: row.number }, false);
        } catch (err) {
          if (err instanceof ForeignKeyConstraintError) throw missingReference(err, organizationCode);
          if (err instanceof UniqueConstraintError && String((err.parent as { constraint?: string }).constraint) === 'register_entries_document_key') {
            throw new RegisterError('DOCUMENT_ALREADY_REGISTERED', `Văn bản ${input.documentId} đã có số trong ${register === 'incoming' ? 'sổ đến' : 'sổ đi'} của ${organizationCode} (document already registered)`, [
              { path: 'documentId', message: 'đã vào sổ (already registered)' },
            ]);
          }
          throw err;
        }
      });
    },

    /**
     * Voids a registered number with a reason (R-DOC-1). The entry stays in the register, marked
     * voided, and the counter never goes back, so the number is never handed out again.
     */
    async void(input: RegisterEntryKey & { reason: string; actorId: string | null; at?: Date }): Promise<RegisterEntryRecord> {
      const reason = normalizeVoidReason(input.reason);
      const key: RegisterEntryKey = { organizationCode: input.organizationCode, register: input.register, year: input.year, number: input.number };
      const [row] = await select<EntryRow>(
        `UPDATE register_entries e SET voided_at = $5, void_reason = $6, voided_by = $7
          WHERE e.organization_code = $1 AND e.register = $2 AND e.year = $3 AND e.number = $4 AND e.voided_at IS NULL
          RETURNING ${ENTRY_COLUMNS}`,
        [key.organizationCode, key.register, key.year, key.number, input.at ?? new Date(), reason, input.actorId],
      );
      if (row) return toEntry(row);
      // Nothing updated: either there is no such entry, or it was voided before (perhaps by a
      // concurrent request, which the row lock made us wait for).
      const current = await getEntry(key);
      if (!current) {
        throw new RegisterError('ENTRY_NOT_FOUND', `Số ${key.number} chưa vào ${key.register === 'incoming' ? 'sổ đến' : 'sổ đi'} năm ${key.year} của ${key.organizationCode} (no such register entry)`);
      }
      throw new RegisterError('ALREADY_VOIDED', `Số ${key.number} đã bị hủy lúc ${current.voidedAt?.toISOString()} với lý do: ${current.voidReason} (number already voided)`);
    },

    /**
     * Sets the next number of a register (R-DOC-1), e.g. after numbers were used on paper this
     * year. The counter row is locked first, so no allocation slips in between the check
     * against the highest registered number and the update.
     */
    async setStartingNumber(input: RegisterCounterKey & { nextNumber: number; actorId: string | null; reason?: string | null; now?: Date }): Promise<RegisterCounterRecord> {
      const key: RegisterCounterKey = { organizationCode: input.organizationCode, register: input.register, year: input.year };
      const reason = input.reason?.normalize('NFC').trim() || null;
      await sequelize.transaction(async (t) => {
        if (!(await organizationExists(key.organizationCode, { kind: 'all' }, t))) {
          throw new RegisterError('ORGANIZATION_NOT_FOUND', `Tổ chức ${key.organizationCode} chưa được đăng ký (organization not registered)`);
        }
        const bind = [key.organizationCode, key.register, key.year];
        await select('INSERT INTO register_counters (organization_code, register, year, next_number) VALUES ($1, $2, $3, 1) ON CONFLICT DO NOTHING RETURNING 1', bind, t);
        const [{ next_number: previous }] = await select<{ next_number: number }>(
          'SELECT next_number FROM register_counters WHERE organization_code = $1 AND register = $2 AND year = $3 FOR UPDATE',
          bind,
          t,
        );
        const [{ highest }] = await select<{ highest: number | null }>(
          'SELECT max(number) AS highest FROM register_entries WHERE organization_code = $1 AND register = $2 AND year = $3',
          bind,
          t,
        );
        const problem = startingNumberProblem({ requested: input.nextNumber, year: key.year, currentYear: registerYear(input.now ?? new Date()), highestRegistered: highest });
        if (problem) throw new RegisterError(problem.code, problem.message, [{ path: 'nextNumber', message: problem.message }]);
        if (input.nextNumber === previous) return;
        await select('UPDATE register_counters SET next_number = $4 WHERE organization_code = $1 AND register = $2 AND year = $3 RETURNING 1', [...bind, input.nextNumber], t);
        await select(
          `INSERT INTO register_counter_changes (organization_code, register, year, previous_next_number, next_number, highest_registered, changed_by, changed_at, reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [...bind, previous, input.nextNumber, highest, input.actorId, input.now ?? new Date(), reason],
          t,
        );
      });
      return (await getCounter(key))!;
    },

    getEntry,

    /**
     * One page of entries: the page's keys are chosen on register_entries alone, and only they
     * get their names looked up, so a deep page does not pay for the rows it skips. The total: a
     * short page is its own end; otherwise exact up to 10 000 matches, the planner's estimate
     * beyond (`estimated`) — and for a text search from 1 000 matches on.
     */
    async listEntries(filter: EntryFilter, page: Page, scope: RegisterScope): Promise<{ rows: RegisterEntryRecord[]; total: number; estimated: boolean }> {
      const c = entryConditions(filter, scope);
      const where = c.where();
      const values = [...c.values];
      const order = orderBy(ENTRY_SORT, page, ENTRY_SORT.id, 'e.organization_code, e.register, e.year, e.number');
      const rows = await select<EntryRow>(
        `SELECT ${ENTRY_COLUMNS} FROM register_entries e
           JOIN (SELECT e.organization_code, e.register, e.year, e.number FROM register_entries e ${where} ORDER BY ${order} ${c.paging(page)}) page
             ON (page.organization_code, page.register, page.year, page.number) = (e.organization_code, e.register, e.year, e.number)
          ORDER BY ${order}`,
        c.values,
      );
      const text = filter.q?.trim() ? TEXT_SEARCH_TOTALS : {};
      const total = await pageTotal(page, rows.length, () => countOrEstimate(select, 'register_entries e', where, values, text));
      return { rows: rows.map(toEntry), ...total };
    },

    getCounter,

    async listCounters(filter: CounterFilter, page: Page, scope: RegisterScope): Promise<{ rows: RegisterCounterRecord[]; total: number }> {
      const c = counterConditions(filter, scope);
      const [{ n }] = await select<{ n: string }>(`SELECT count(*) AS n FROM register_counters c ${c.where()}`, c.values);
      const rows = await select<CounterRow>(
        `${COUNTER_SELECT} ${c.where()}
          ORDER BY ${orderBy(COUNTER_SORT, page, COUNTER_SORT.id, 'c.organization_code, c.register, c.year')}
          ${c.paging(page)}`,
        c.values,
      );
      return { rows: rows.map(toCounter), total: Number(n) };
    },

    /** Every starting-number change of a register, oldest first. */
    async counterChanges(key: RegisterCounterKey): Promise<CounterChangeRecord[]> {
      const rows = await select<{ previous_next_number: number; next_number: number; highest_registered: number | null; changed_by: string | null; changed_by_name: string | null; changed_at: Date; reason: string | null }>(
        `SELECT x.previous_next_number, x.next_number, x.highest_registered, x.changed_by, u.full_name AS changed_by_name, x.changed_at, x.reason
           FROM register_counter_changes x LEFT JOIN users u ON u.id = x.changed_by
          WHERE x.organization_code = $1 AND x.register = $2 AND x.year = $3 ORDER BY x.id`,
        [key.organizationCode, key.register, key.year],
      );
      return rows.map((r) => ({
        previousNextNumber: r.previous_next_number,
        nextNumber: r.next_number,
        highestRegistered: r.highest_registered,
        changedBy: r.changed_by,
        changedByName: r.changed_by_name,
        changedAt: r.changed_at,
        reason: r.reason,
      }));
    },
  };
}

export type RegistersRepository = ReturnType<typeof createRegistersRepository>;
