/**
 * Rules of the incoming and outgoing registers (sổ văn bản đến / đi; R-DOC-1, R-DOC-2) and of
 * the document identifier built on the outgoing number (R-ORG-3): which year a registration
 * belongs to, what a register entry records, the public ids of entries and counters, and when
 * an admin may set a starting number or void a number. Pure; imports only domain/. The
 * gap-free allocation itself lives in db/repositories/registers.repository.ts.
 */
import { DomainError, type FieldIssue } from './errors';
import { isOrgCode } from './org-code';
import { vietnamParts } from './time';

export const REGISTER_KINDS = ['incoming', 'outgoing'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

export const REGISTER_LABELS_VI: Record<RegisterKind, string> = {
  incoming: 'Sổ văn bản đến',
  outgoing: 'Sổ văn bản đi',
};

export function isRegisterKind(value: unknown): value is RegisterKind {
  return typeof value === 'string' && (REGISTER_KINDS as readonly string[]).includes(value);
}

/** Register numbers restart every year; no organization comes near this many in one. */
export const MAX_REGISTER_NUMBER = 999_999;
export const MAX_VOID_REASON = 1000;

/**
 * The register year of an instant: the calendar year in Vietnam time (ND 30/2020 Article 15:
 * numbers run from 01 on 1 January to 31 December), so 31/12 23:59:59 +07:00 still belongs to
 * the old year and 1/1 00:00 +07:00 starts the new one, whatever the server's time zone.
 */
export function registerYear(at: Date | number | string): number {
  const ms = new Date(at).getTime();
  if (Number.isNaN(ms)) throw new RegisterError('INVALID_INPUT', `Thời điểm không hợp lệ: ${String(at)} (invalid time)`, [{ path: 'at', message: 'invalid time' }]);
  return vietnamParts(ms).year;
}

/**
 * What a register entry records besides its number (R-DOC-1: Article 8.3.d for incoming,
 * R-DOC-2: Article 10.1.c for outgoing), as it stood when the document was registered: the
 * register is the legal record, so it keeps this snapshot even when the document changes later.
 * Times are ISO 8601 with +07:00; the fields present depend on the register.
 */
export interface RegisterEntryDetails {
  /** Incoming: ngày đến. */
  arrivedAt?: string;
  /** Incoming: nơi gửi. */
  senderCode?: string | null;
  senderName?: string | null;
  /** Số và ký hiệu, e.g. 2588/QĐ-UBND. */
  numberAndNotation?: string | null;
  documentDate?: string | null;
  typeCode?: string | null;
  typeName?: string | null;
  field?: string | null;
  summary?: string | null;
  signerPosition?: string | null;
  signerName?: string | null;
  urgency?: 'normal' | 'urgent' | 'very_urgent' | 'express';
  /** Incoming: nơi lưu. */
  storagePlace?: string | null;
  /** Outgoing: ngày gửi, nơi nhận, số lượng bản, số trang, tệp đính kèm, ghi chú. */
  sentAt?: string | null;
  receivers?: Array<{ code?: string | null; name: string }>;
  copies?: number | null;
  pageCount?: number | null;
  attachments?: string[];
  notes?: string | null;
}

export type RegisterErrorCode =
  | 'INVALID_INPUT'
  | 'ORGANIZATION_NOT_FOUND'
  | 'ENTRY_NOT_FOUND'
  | 'DOCUMENT_ALREADY_REGISTERED'
  | 'ALREADY_VOIDED'
  | 'STARTING_NUMBER_TOO_LOW'
  | 'REGISTER_CLOSED'
  | 'IDEMPOTENCY_KEY_REUSED';

/** A register rule was broken; `code` is stable for callers (API status, activity retry policy). */
export class RegisterError extends DomainError<RegisterErrorCode> {
  constructor(code: RegisterErrorCode, message: string, issues: FieldIssue[] = []) {
    super(code, message, issues);
    this.name = 'RegisterError';
  }
}

export interface RegisterCounterKey {
  organizationCode: string;
  register: RegisterKind;
  year: number;
}

export interface RegisterEntryKey extends RegisterCounterKey {
  number: number;
}

/** Public id of a register: `<orgCode>:<register>:<year>`. */
export function registerCounterId(k: RegisterCounterKey): string {
  return `${k.organizationCode}:${k.register}:${k.year}`;
}

/** Public id of an entry: `<orgCode>:<register>:<year>:<number>`. */
export function registerEntryId(k: RegisterEntryKey): string {
  return `${registerCounterId(k)}:${k.number}`;
}

const COUNTER_ID = /^([^:]+):([a-z]+):(\d{4})$/;
const ENTRY_ID = /^([^:]+):([a-z]+):(\d{4}):(\d{1,7})$/;

function counterKey(org: string, register: string, year: string): RegisterCounterKey | null {
  if (!isOrgCode(org) || !isRegisterKind(register)) return null;
  return { organizationCode: org, register, year: Number(year) };
}

export function parseRegisterCounterId(id: string): RegisterCounterKey | null {
  const m = COUNTER_ID.exec(id);
  return m ? counterKey(m[1], m[2], m[3]) : null;
}

export function parseRegisterEntryId(id: string): RegisterEntryKey | null {
  const m = ENTRY_ID.exec(id);
  const key = m && counterKey(m[1], m[2], m[3]);
  const number = m ? Number(m[4]) : 0;
  return key && number >= 1 && number <= MAX_REGISTER_NUMBER ? { ...key, number } : null;
}

/**
 * Why an admin may not make `requested` the next number of a register (R-DOC-1), or null.
 * The numbers below it that were never registered here count as used on paper. It must lie
 * above every number already registered that year, voided ones included: a number is never
 * handed out twice, and no unexplained hole may open below a registered number. Only this
 * year's register (or next year's, prepared in December) can be changed: a past year is closed.
 */
export function startingNumberProblem(p: { requested: number; year: number; currentYear: number; highestRegistered: number | null }): { code: RegisterErrorCode; message: string } | null {
  if (!Number.isInteger(p.requested) || p.requested < 1 || p.requested > MAX_REGISTER_NUMBER) {
    return { code: 'INVALID_INPUT', message: `Số bắt đầu phải là số nguyên từ 1 đến ${MAX_REGISTER_NUMBER} (the starting number must be an integer from 1 to ${MAX_REGISTER_NUMBER})` };
  }
  if (p.year < p.currentYear) {
    return { code: 'REGISTER_CLOSED', message: `Sổ năm ${p.year} đã khóa; chỉ đặt số bắt đầu cho năm ${p.currentYear} hoặc ${p.currentYear + 1} (the ${p.year} register is closed)` };
  }
  if (p.year > p.currentYear + 1) {
    return { code: 'INVALID_INPUT', message: `Chỉ đặt số bắt đầu cho năm ${p.currentYear} hoặc ${p.currentYear + 1} (only this year's or next year's register)` };
  }
  if (p.highestRegistered !== null && p.requested <= p.highestRegistered) {
    return {
      code: 'STARTING_NUMBER_TOO_LOW',
      message:
        `Số bắt đầu phải lớn hơn ${p.highestRegistered}, số lớn nhất đã vào sổ năm ${p.year}: số đã cấp (kể cả số đã hủy) không được cấp lại và không được để trống số nằm dưới số đã cấp ` +
        `(must be greater than ${p.highestRegistered}, the highest number registered in ${p.year}: numbers are never reused and no gap may open below a registered number)`,
    };
  }
  return null;
}

/** The void reason as stored (NFC, trimmed), or a RegisterError saying what is wrong. */
export function normalizeVoidReason(reason: unknown): string {
  const text = typeof reason === 'string' ? reason.normalize('NFC').trim() : '';
  if (!text) {
    throw new RegisterError('INVALID_INPUT', 'Phải ghi lý do hủy số (a reason is required to void a number)', [{ path: 'reason', message: 'không được để trống (required)' }]);
  }
  if (text.length > MAX_VOID_REASON) {
    throw new RegisterError('INVALID_INPUT', `Lý do hủy số tối đa ${MAX_VOID_REASON} ký tự (reason too long)`, [{ path: 'reason', message: `tối đa ${MAX_VOID_REASON} ký tự` }]);
  }
  return text;
}
