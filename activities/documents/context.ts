/**
 * What every document activity shares: its dependencies, SQL helpers bound to one transaction,
 * the idempotency claim on a step key, and the failures a workflow must not retry. Imports db/,
 * domain/ and the Temporal activity package (for ApplicationFailure).
 *
 * Rules the activities follow (STYLE: one transaction per activity, keyed by workflow id + step):
 * - Inside a transaction every query passes it. Nothing reads through the pool while holding a
 *   transaction (calendars are loaded before it opens), so a busy worker cannot exhaust the pool
 *   with transactions that each wait for a second connection.
 * - A writing activity first `claim`s its key: a transaction-scoped advisory lock on the key (a
 *   concurrent retry waits for the first attempt) and a look-up of the history row whose
 *   `dedupe_key` is the key. That row is written by every keyed activity, in the same transaction
 *   as its other effects, so "the row exists" means "everything was done"; activities that return
 *   a result keep it in that row's details and return it again on a retry.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Database } from '../../db/database';
import { createRegistersRepository, type AllocateInput, type Allocation, type RegistersRepository } from '../../db/repositories/registers.repository';
import { RegisterError } from '../../domain/registers';
import { toVietnamIso } from '../../domain/time';
import type { FormatLimits } from '../formats';

export interface DocumentActivityDeps {
  db: Database;
  /** Trust anchors for R-REC-2 / R-OUT-1 verification and the keystores for server signing. */
  trust: { trustAnchorsDir: string; signingKeysDir: string };
  /** R-FMT-1 limits for the format check of received files. */
  formatLimits: FormatLimits;
  /** The clock (tests fix it); defaults to the system clock. */
  now?: () => Date;
}

/** Two-key advisory lock namespace of document step keys (the registers use 25_882_018). */
const STEP_LOCK_CLASS = 25_882_020;

export type Params = Record<string, unknown>;

export interface Ctx {
  db: Database;
  sequelize: Sequelize;
  deps: DocumentActivityDeps;
  registers: RegistersRepository;
  now(): Date;
  /** Rows of a query in `t` (or through the pool when t is null). */
  select<T extends object>(t: Transaction | null, sql: string, params?: Params): Promise<T[]>;
  /** A statement in `t`; returns the affected row count. */
  exec(t: Transaction, sql: string, params?: Params): Promise<number>;
  transaction<T>(fn: (t: Transaction) => Promise<T>): Promise<T>;
}

export function createContext(deps: DocumentActivityDeps): Ctx {
  const { sequelize } = deps.db;
  return {
    db: deps.db,
    sequelize,
    deps,
    registers: createRegistersRepository(deps.db),
    now: deps.now ?? (() => new Date()),
    select: <T extends object>(t: Transaction | null, sql: string, params: Params = {}) =>
      sequelize.query<T>(sql, { replacements: params, type: QueryTypes.SELECT, transaction: t ?? undefined }),
    async exec(t, sql, params = {}) {
      const [, meta] = await sequelize.query(sql, { replacements: params, transaction: t });
      return typeof meta === 'number' ? meta : Number((meta as { rowCount?: number } | undefined)?.rowCount ?? 0);
    },
    transaction: (fn) => sequelize.transaction(fn),
  };
}

/**
 * Serializes attempts on `key` and tells whether this one is the first: false when the key's
 * history row exists (a retry of a completed attempt).
 */
export async function claim(ctx: Ctx, t: Transaction, key: string): Promise<boolean> {
  await ctx.select(t, 'SELECT pg_advisory_xact_lock(:cls, hashtext(:key))', { cls: STEP_LOCK_CLASS, key });
  const rows = await ctx.select(t, 'SELECT 1 FROM document_history WHERE dedupe_key = :key', { key });
  return rows.length === 0;
}

/** The `result` an earlier attempt under `key` kept in its history row, if any. */
export async function storedResult<T>(ctx: Ctx, t: Transaction | null, key: string): Promise<T | null> {
  const [row] = await ctx.select<{ result: T | null }>(t, "SELECT details->'result' AS result FROM document_history WHERE dedupe_key = :key", { key });
  return row?.result ?? null;
}

/** A failure retrying cannot fix (bad state, missing configuration): the workflow decides. */
export function nonRetryable(message: string, type: string, details?: unknown): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, type, ...(details === undefined ? [] : [details]));
}

/** Allocates the register entry in `t`; a register rule broken (closed year, voided…) is not retried. */
export async function allocateRegisterEntry(ctx: Ctx, t: Transaction, input: AllocateInput): Promise<Allocation> {
  try {
    return await ctx.registers.allocate(input, t);
  } catch (err) {
    if (err instanceof RegisterError) throw nonRetryable(err.message, err.code);
    throw err;
  }
}

export function iso(value: Date | string | number): string;
export function iso(value: Date | string | number | null | undefined): string | null;
export function iso(value: Date | string | number | null | undefined): string | null {
  return value === null || value === undefined ? null : toVietnamIso(value);
}

/** dd/MM/yyyy HH:mm in Vietnam time, for notification texts. */
export function vnDateTime(value: Date | string | number): string {
  const s = toVietnamIso(value);
  return `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)} ${s.slice(11, 16)}`;
}

export const SYSTEM_LABEL = 'Hệ thống';
