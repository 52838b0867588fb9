/**
 * Number and notation of a document (số và ký hiệu văn bản, e.g. `2588/QĐ-UBND`): composing it
 * when a document is issued and reading it back from documents of other systems (edXML `Code`:
 * CodeNumber, CodeNotation). Pure; imports only domain/.
 *
 * Nghị định 30/2020/NĐ-CP, Phụ lục I, II.3: the notation of a document with a type name is the
 * type abbreviation and the issuing organization's abbreviation (`QĐ-UBND`); a công văn has no
 * type abbreviation: the organization's abbreviation and, optionally, the drafting unit's
 * (`UBND-VP`). Article 15 numbers documents "from 01" each year, so numbers below 10 are written
 * with a leading zero (`01/QĐ-UBND`). Letters are kept as written (`QĐ`, `SKHĐT`): `Đ` is a
 * letter of its own, never `D`.
 */
import type { FieldIssue } from './errors';

export class NotationError extends Error {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'NotationError';
  }
}

export interface NotationParts {
  /** null for a công văn, whose notation carries no type abbreviation. */
  typeAbbreviation: string | null;
  organizationShortName: string;
  /** Drafting unit (đơn vị soạn thảo); a công văn only. */
  unitShortName?: string | null;
}

export interface NumberAndNotationParts extends NotationParts {
  number: number;
}

/** Largest document number accepted (an organization issues far fewer per year). */
export const MAX_DOCUMENT_NUMBER = 999_999;

/**
 * One group of a notation: letters (any script, so Vietnamese letters stay as they are), digits
 * and `&`. Separators (`/`, `-`) and spaces would make the notation ambiguous to read back.
 */
const PART = /^[\p{L}\p{N}&]+$/u;
const MAX_PART = 40;

function partProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return 'không được để trống (required)';
  if (value !== value.normalize('NFC')) return 'phải ở dạng Unicode dựng sẵn NFC theo TCVN 6909:2001 (must be NFC)';
  if (value.length > MAX_PART) return `tối đa ${MAX_PART} ký tự (at most ${MAX_PART} characters)`;
  if (!PART.test(value)) return "chỉ gồm chữ cái, chữ số và '&', không có khoảng trắng, '/' hay '-' (letters, digits and '&' only)";
  return null;
}

function numberProblem(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_DOCUMENT_NUMBER) {
    return `phải là số nguyên từ 1 đến ${MAX_DOCUMENT_NUMBER} (a positive integer up to ${MAX_DOCUMENT_NUMBER})`;
  }
  return null;
}

function fail(issues: FieldIssue[]): never {
  throw new NotationError(
    `Số và ký hiệu không hợp lệ: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')} (invalid number and notation)`,
    issues,
  );
}

/** `2588` → `2588`, `1` → `01` (Article 15 numbers from 01). */
export function formatDocumentNumber(number: number): string {
  const problem = numberProblem(number);
  if (problem) fail([{ path: 'number', message: problem }]);
  return String(number).padStart(2, '0');
}

/** The notation alone (edXML CodeNotation): `QĐ-UBND`, `UBND`, `UBND-VP`. */
export function composeNotation(parts: NotationParts): string {
  const issues: FieldIssue[] = [];
  const check = (path: string, value: unknown) => {
    const problem = partProblem(value);
    if (problem) issues.push({ path, message: problem });
  };
  const { typeAbbreviation, organizationShortName } = parts;
  const unit = parts.unitShortName ?? null;
  if (typeAbbreviation !== null) check('typeAbbreviation', typeAbbreviation);
  check('organizationShortName', organizationShortName);
  if (unit !== null) {
    check('unitShortName', unit);
    if (typeAbbreviation !== null) {
      issues.push({
        path: 'unitShortName',
        message: 'chỉ công văn mới ghi đơn vị soạn thảo trong ký hiệu (NĐ 30/2020, Phụ lục I) (only a công văn names the drafting unit)',
      });
    }
  }
  if (issues.length) fail(issues);
  return [typeAbbreviation, organizationShortName, unit].filter((p): p is string => p !== null).join('-');
}

/** `2588/QĐ-UBND`; a công văn `123/UBND` or, with the drafting unit, `123/UBND-VP`. */
export function composeNumberAndNotation(parts: NumberAndNotationParts): string {
  const numberIssue = numberProblem(parts.number);
  let notation: string;
  try {
    notation = composeNotation(parts);
  } catch (err) {
    // Report every problem at once, the number's too.
    if (err instanceof NotationError && numberIssue) fail([{ path: 'number', message: numberIssue }, ...err.issues]);
    throw err;
  }
  return `${formatDocumentNumber(parts.number)}/${notation}`;
}

export interface ParsedNumberAndNotation {
  number: number;
  /** Year group of a legal normative document (`15/2020/QĐ-UBND`), else null. */
  year: number | null;
  /** Everything after the number, normalized: `QĐ-UBND`, `2020/QĐ-UBND` (edXML CodeNotation). */
  notation: string;
  /** The notation's groups without the year: `['QĐ', 'UBND']`. */
  parts: string[];
}

export interface ClassifiedNumberAndNotation extends ParsedNumberAndNotation {
  typeAbbreviation: string | null;
  organizationShortName: string;
  unitShortName: string | null;
}

const DASHES = /\s*[-\u2010-\u2015\u2212]\s*/g;

/**
 * Reads `2588/QĐ-UBND` back into its parts. Tolerant to what people and other systems write:
 * a leading `Số:`, spaces around the separators, en/em dashes, decomposed Unicode, `01` or `1`.
 * Without `typeAbbreviations` the groups stay unclassified, because `UBND-VP` (a công văn with
 * its drafting unit) and `QĐ-UBND` have the same shape; with the list of known abbreviations the
 * first group is taken as the type when it is one of them.
 */
export function parseNumberAndNotation(text: string): ParsedNumberAndNotation;
export function parseNumberAndNotation(text: string, opts: { typeAbbreviations: Iterable<string | null> }): ClassifiedNumberAndNotation;
export function parseNumberAndNotation(text: string, opts?: { typeAbbreviations: Iterable<string | null> }): ParsedNumberAndNotation | ClassifiedNumberAndNotation {
  if (typeof text !== 'string') fail([{ path: 'numberAndNotation', message: 'phải là chuỗi ký tự (must be a string)' }]);
  const cleaned = text
    .normalize('NFC')
    .trim()
    .replace(/^số\s*:?\s*/iu, '')
    .replace(/\s*\/\s*/g, '/')
    .replace(DASHES, '-');
  const m = /^(\d+)\/(?:(\d{4})\/)?(.+)$/u.exec(cleaned);
  if (!m) fail([{ path: 'numberAndNotation', message: `"${text}" không có dạng Số/Ký hiệu, ví dụ 2588/QĐ-UBND (expected number/notation)` }]);
  const [, digits, yearText, rest] = m;
  const number = Number(digits);
  const issues: FieldIssue[] = [];
  const numberIssue = numberProblem(number);
  if (numberIssue) issues.push({ path: 'number', message: numberIssue });
  const parts = rest.split('-');
  parts.forEach((p, i) => {
    const problem = partProblem(p);
    if (problem) issues.push({ path: `notation[${i}]`, message: problem });
  });
  if (issues.length) fail(issues);
  const year = yearText ? Number(yearText) : null;
  const parsed: ParsedNumberAndNotation = { number, year, notation: (yearText ? `${yearText}/` : '') + parts.join('-'), parts };
  if (!opts) return parsed;

  const known = new Set([...opts.typeAbbreviations].filter((a): a is string => a !== null));
  const typed = parts.length >= 2 && known.has(parts[0]);
  const [typeAbbreviation, organizationShortName, ...unit] = typed ? parts : [null, ...parts];
  return { ...parsed, typeAbbreviation, organizationShortName: organizationShortName as string, unitShortName: unit.length ? unit.join('-') : null };
}
