/**
 * The audit log (R-SEC-3) as plain objects: `append` one entry (the database numbers, timestamps
 * and chains it — db/migrations/0009-audit-log.ts), `list`/`get` entries within the caller's
 * scope (admins: all; supervisors: actors of their organization subtree), and `verify` the chain
 * by rebuilding every row's canonical text and hash here, in TypeScript, independently of the
 * database's trigger. Verification streams the rows in seq order, one batch at a time, so a log
 * of millions of rows never sits in memory.
 */
import crypto from 'node:crypto';
import { QueryTypes } from 'sequelize';
import type { Database } from '../database';
import { Conditions, likePattern, orderBy, type OrgScope, type Page } from './paging';

export type { Page } from './paging';

/** Admins see every entry; supervisors the entries of actors in their subtree. */
export type AuditScope = OrgScope;

export interface AuditEntryInput {
  actorId?: string | null;
  actorUsername?: string | null;
  /** The actor's organization. */
  organizationCode?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  /** HTTP status; null when unknown (the client went away). */
  outcome?: number | null;
  sourceAddress?: string | null;
  /** Non-sensitive particulars only: never passwords, tokens or file contents. */
  details?: Record<string, unknown> | null;
}

export interface AuditRecord {
  /** react-admin's id: the seq. */
  id: number;
  seq: number;
  at: Date;
  actorId: string | null;
  actorUsername: string | null;
  actorName: string | null;
  organizationCode: string | null;
  organizationName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: number | null;
  sourceAddress: string | null;
  details: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  /** Accent-insensitive, on action, user name (also the one attempted at login) and target. */
  q?: string;
  actorId?: string;
  actorUsername?: string;
  /** Actors of this organization and of every organization under it. */
  organizationCode?: string;
  /** The action, or the beginning of it ('auth.', 'POST /api/incoming'). */
  action?: string;
  targetType?: string;
  targetId?: string;
  /** A day (YYYY-MM-DD, Vietnam time, inclusive) or an instant. */
  from?: string;
  to?: string;
  /** seqs (react-admin getMany). */
  ids?: string[];
}

export type ChainBreak = 'hash_mismatch' | 'prev_mismatch' | 'gap';

export interface VerifyResult {
  ok: boolean;
  /** Rows found intact, in seq order, before the first break (all of them when ok). */
  rows: number;
  /** The first row where the chain does not hold: a changed row, a wrong link, a missing row. */
  firstBroken?: { seq: number; reason: ChainBreak };
  /** The chain head when verification started: keep it elsewhere to anchor the log. */
  head: { seq: number; hash: string };
}

/** The columns the canonical text is built from, as the verifier reads them. */
export interface ChainRow {
  seq: string;
  /** `at` in whole microseconds since 1970-01-01 UTC, decimal. */
  atMicros: string;
  actorId: string | null;
  actorUsername: string | null;
  organizationCode: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: number | null;
  sourceAddress: string | null;
  /** PostgreSQL's jsonb text output of `details`. */
  detailsText: string | null;
  prevHash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
const CANONICAL_VERSION = 'sonla-audit-v1';
const VERIFY_BATCH = 5_000;

const field = (v: string | null): string => (v === null ? '-' : `${Buffer.byteLength(v, 'utf8')}:${v}`);

/** `at` as the trigger renders it: UTC, six fraction digits, e.g. 2026-05-04T02:03:04.123000Z. */
export function canonicalInstant(atMicros: string): string {
  const micros = BigInt(atMicros);
  const iso = new Date(Number(micros / 1000n)).toISOString();
  return `${iso.slice(0, -1)}${(micros % 1000n).toString().padStart(3, '0')}Z`;
}

/** The canonical text of a row, version 1 (the definition is in migration 0009). */
export function auditCanonicalText(r: ChainRow): string {
  return [
    CANONICAL_VERSION,
    field(r.seq),
    field(canonicalInstant(r.atMicros)),
    field(r.actorId),
    field(r.actorUsername),
    field(r.organizationCode),
    field(r.action),
    field(r.targetType),
    field(r.targetId),
    field(r.outcome === null ? null : String(r.outcome)),
    field(r.sourceAddress),
    field(r.detailsText),
    field(r.prevHash),
  ].join('\n');
}

export function auditHash(r: ChainRow): string {
  return crypto.createHash('sha256').update(auditCanonicalText(r), 'utf8').digest('hex');
}

/** Verifier's view of a row: the columns as stored, `at` and `details` in their canonical text. */
const CHAIN_COLUMNS = `a.seq::text AS "seq", (extract(epoch FROM a.at) * 1000000)::bigint::text AS "atMicros",
  a.actor_id AS "actorId", a.actor_username AS "actorUsername", a.organization_code AS "organizationCode",
  a.action, a.target_type AS "targetType", a.target_id AS "targetId", a.outcome, a.source_address AS "sourceAddress",
  a.details::text AS "detailsText", a.prev_hash AS "prevHash", a.hash`;

const COLUMNS = `a.seq, a.at, a.actor_id, a.actor_username, u.full_name AS actor_name, a.organization_code, o.name AS organization_name,
  a.action, a.target_type, a.target_id, a.outcome, a.source_address, a.details, a.prev_hash, a.hash`;
const JOINS = 'LEFT JOIN users u ON u.id = a.actor_id LEFT JOIN organizations o ON o.code = a.organization_code';

interface AuditRow {
  seq: string;
  at: Date;
  actor_id: string | null;
  actor_username: string | null;
  actor_name: string | null;
  organization_code: string | null;
  organization_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: number | null;
  source_address: string | null;
  details: Record<string, unknown> | null;
  prev_hash: string;
  hash: string;
}

function toRecord(r: AuditRow): AuditRecord {
  const seq = Number(r.seq);
  return {
    id: seq,
    seq,
    at: r.at,
    actorId: r.actor_id,
    actorUsername: r.actor_username,
    actorName: r.actor_name,
    organizationCode: r.organization_code,
    organizationName: r.organization_name,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    outcome: r.outcome,
    sourceAddress: r.source_address,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

const SORT: Record<string, string> = {
  id: 'a.seq %s',
  seq: 'a.seq %s',
  at: 'a.at %s',
  action: 'a.action %s',
  actorUsername: 'a.actor_username %s NULLS LAST',
  organizationCode: 'a.organization_code %s NULLS LAST',
  targetType: 'a.target_type %s NULLS LAST',
  outcome: 'a.outcome %s NULLS LAST',
  sourceAddress: 'a.source_address %s NULLS LAST',
};
export const AUDIT_SORTABLE = Object.keys(SORT);

const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;
const SEQ = /^[1-9]\d{0,17}$/;

export function createAuditRepository(db: Database) {
  const { sequelize } = db;
  const select = <T extends object>(sql: string, bind: unknown[]) => sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT });

  function conditions(f: AuditFilter, scope: AuditScope): Conditions {
    const c = new Conditions();
    c.scope('a.organization_code', scope);
    if (f.q?.trim()) c.add(`audit_search_text(a.action, a.actor_username, a.target_type, a.target_id, a.details) LIKE fold_vi(${c.bind(likePattern(f.q))})`);
    if (f.actorId) c.anyUuid('a.actor_id', [f.actorId]);
    if (f.actorUsername?.trim()) c.add(`a.actor_username = ${c.bind(f.actorUsername.trim().toLowerCase())}`);
    if (f.organizationCode) c.scope('a.organization_code', { kind: 'subtree', root: f.organizationCode });
    if (f.action) c.add(`starts_with(a.action, ${c.bind(f.action)})`);
    if (f.targetType) c.add(`a.target_type = ${c.bind(f.targetType)}`);
    if (f.targetId) c.add(`a.target_id = ${c.bind(f.targetId)}`);
    if (f.from) c.add(DATE_KEY.test(f.from) ? `a.at >= (${c.bind(f.from)}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'` : `a.at >= ${c.bind(f.from)}::timestamptz`);
    if (f.to) c.add(DATE_KEY.test(f.to) ? `a.at < (${c.bind(f.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'` : `a.at <= ${c.bind(f.to)}::timestamptz`);
    if (f.ids) {
      const seqs = f.ids.filter((id) => SEQ.test(id));
      c.add(seqs.length ? `a.seq = ANY(${c.bind(seqs)}::bigint[])` : 'false');
    }
    return c;
  }

  async function head(): Promise<{ seq: number; hash: string }> {
    const [h] = await select<{ seq: string; hash: string }>('SELECT seq::text AS seq, hash FROM audit_log_head', []);
    return { seq: Number(h.seq), hash: h.hash };
  }

  return {
    /** Appends one entry in a statement of its own; the database chains it. */
    async append(entry: AuditEntryInput): Promise<AuditRecord> {
      const [row] = await select<AuditRow>(
        `WITH a AS (
           INSERT INTO audit_log (actor_id, actor_username, organization_code, action, target_type, target_id, outcome, source_address, details)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
           RETURNING *)
         SELECT ${COLUMNS} FROM a ${JOINS}`,
        [
          entry.actorId ?? null,
          entry.actorUsername ?? null,
          entry.organizationCode ?? null,
          entry.action,
          entry.targetType ?? null,
          entry.targetId ?? null,
          entry.outcome ?? null,
          entry.sourceAddress ?? null,
          entry.details ? JSON.stringify(entry.details) : null,
        ],
      );
      return toRecord(row);
    },

    async list(filter: AuditFilter, page: Page, scope: AuditScope): Promise<{ rows: AuditRecord[]; total: number }> {
      const c = conditions(filter, scope);
      // Unfiltered, the head's seq is the row count (seq has no gaps): no count(*) over millions.
      const total = c.parts.length ? Number((await select<{ n: string }>(`SELECT count(*) AS n FROM audit_log a ${c.where()}`, c.values))[0].n) : (await head()).seq;
      const rows = await select<AuditRow>(
        `SELECT ${COLUMNS} FROM audit_log a ${JOINS} ${c.where()}
          ORDER BY ${orderBy(SORT, page, 'a.seq DESC', 'a.seq DESC')} ${c.paging(page)}`,
        c.values,
      );
      return { rows: rows.map(toRecord), total };
    },

    async get(seq: string, scope: AuditScope): Promise<AuditRecord | null> {
      if (!SEQ.test(seq)) return null;
      const c = new Conditions();
      c.add(`a.seq = ${c.bind(seq)}::bigint`);
      c.scope('a.organization_code', scope);
      const [row] = await select<AuditRow>(`SELECT ${COLUMNS} FROM audit_log a ${JOINS} ${c.where()}`, c.values);
      return row ? toRecord(row) : null;
    },

    /**
     * Recomputes the chain from genesis up to the head as it stood when verification began
     * (rows appended meanwhile wait for the next run). Stops at the first break: a missing seq
     * ('gap', also when rows at the end were removed), a prev_hash that is not the previous
     * row's hash ('prev_mismatch'), or a hash that is not the hash of the row ('hash_mismatch').
     */
    async verify(opts: { batchSize?: number } = {}): Promise<VerifyResult> {
      const batch = opts.batchSize ?? VERIFY_BATCH;
      const start = await head();
      const broken = (seq: number, reason: ChainBreak, rows: number): VerifyResult => ({ ok: false, rows, firstBroken: { seq, reason }, head: start });
      let expected = 1;
      let prev = GENESIS_HASH;
      let rows = 0;
      for (;;) {
        const chunk = await select<ChainRow & { hash: string }>(
          `SELECT ${CHAIN_COLUMNS} FROM audit_log a WHERE a.seq >= $1 AND a.seq <= $2 ORDER BY a.seq LIMIT $3`,
          [expected, start.seq, batch],
        );
        for (const row of chunk) {
          if (Number(row.seq) !== expected) return broken(expected, 'gap', rows);
          if (row.prevHash !== prev) return broken(expected, 'prev_mismatch', rows);
          if (auditHash(row) !== row.hash) return broken(expected, 'hash_mismatch', rows);
          prev = row.hash;
          expected += 1;
          rows += 1;
        }
        if (chunk.length < batch) break;
      }
      // Every row up to the head was there and linked; the head must name the last of them.
      if (rows < start.seq) return broken(rows + 1, 'gap', rows);
      if (start.hash !== prev) return broken(start.seq, 'hash_mismatch', rows);
      return { ok: true, rows, head: start };
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
