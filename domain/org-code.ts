/**
 * Organization identifier codes (mã định danh cơ quan, QĐ 2588 Article 11.1.2.a; R-ORG-1)
 * and document identifiers (R-ORG-3). Pure; imports only domain/.
 *
 * Shape `LLL.KK.JJ.Hnn`: level-4 (3 digits) . level-3 (2) . level-2 (2) . level-1 (letter + 2
 * digits). Groups fill from the right: a non-zero group may not sit to the left of a zero group,
 * so every code has exactly one parent — the code with its most specific non-zero group zeroed.
 */
import { DomainError } from './errors';

export type OrgLevel = 1 | 2 | 3 | 4;

export interface ParsedOrgCode {
  code: string;
  /** 1 = province (000.00.00.Hnn) … 4 = LLL.KK.JJ.Hnn */
  level: OrgLevel;
  groups: { l4: string; l3: string; l2: string; l1: string };
  parent: string | null;
}

const SHAPE = /^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$/;

/** Why a code is malformed, in Vietnamese-first wording for the clerk, or null when it is valid. */
export function orgCodeProblem(input: unknown): string | null {
  if (typeof input !== 'string') return 'Mã định danh phải là chuỗi ký tự (code must be a string)';
  if (input.length !== 13) {
    return `Mã định danh phải có đúng 13 ký tự dạng LLL.KK.JJ.Hnn, nhận được ${input.length} (code must be 13 characters)`;
  }
  const m = SHAPE.exec(input);
  if (!m) {
    if (/^\d{3}\.\d{2}\.\d{2}\.[a-z]\d{2}$/.test(input)) {
      return 'Chữ cái của nhóm cấp 1 phải viết hoa, ví dụ H52 (the level-1 letter must be upper case)';
    }
    return 'Mã định danh phải có 4 nhóm LLL.KK.JJ.Hnn: 3 chữ số, 2 chữ số, 2 chữ số, 1 chữ cái và 2 chữ số (groups: 3 digits, 2 digits, 2 digits, letter + 2 digits)';
  }
  const [, l4, l3, l2] = m;
  if (l2 === '00' && (l3 !== '00' || l4 !== '000')) {
    return 'Nhóm cấp 3/cấp 4 khác 0 nằm dưới nhóm cấp 2 bằng 0 (a non-zero group under a zero group)';
  }
  if (l3 === '00' && l4 !== '000') {
    return 'Nhóm cấp 4 khác 0 nằm dưới nhóm cấp 3 bằng 0 (a non-zero group under a zero group)';
  }
  return null;
}

export function parseOrgCode(input: unknown): ParsedOrgCode {
  const problem = orgCodeProblem(input);
  if (problem) throw new DomainError('INVALID_ORG_CODE', problem, [{ path: 'code', message: problem }]);
  const code = input as string;
  const [, l4, l3, l2, l1] = SHAPE.exec(code)!;
  let level: OrgLevel;
  let parent: string | null;
  if (l4 !== '000') {
    level = 4;
    parent = `000.${l3}.${l2}.${l1}`;
  } else if (l3 !== '00') {
    level = 3;
    parent = `000.00.${l2}.${l1}`;
  } else if (l2 !== '00') {
    level = 2;
    parent = `000.00.00.${l1}`;
  } else {
    level = 1;
    parent = null;
  }
  return { code, level, groups: { l4, l3, l2, l1 }, parent };
}

export function isOrgCode(input: unknown): input is string {
  return orgCodeProblem(input) === null;
}

/** The parent code (R-ORG-1), or null for a level-1 (province) code. */
export function parentOf(code: string): string | null {
  return parseOrgCode(code).parent;
}

/** All ancestors from the parent up to the root, nearest first. */
export function ancestorsOf(code: string): string[] {
  const out: string[] = [];
  for (let p = parentOf(code); p; p = parentOf(p)) out.push(p);
  return out;
}

/** True when `code` is `root` or lies below it. */
export function isInSubtree(code: string, root: string): boolean {
  return code === root || ancestorsOf(code).includes(root);
}

/**
 * SQL LIKE pattern matching `root` and every code below it: the groups more specific than the
 * root's level become wildcards (the code structure makes a subtree a prefix-free pattern).
 */
export function subtreeLikePattern(root: string): string {
  const { level, groups } = parseOrgCode(root);
  const l2 = level >= 2 ? groups.l2 : '__';
  const l3 = level >= 3 ? groups.l3 : '__';
  const l4 = level >= 4 ? groups.l4 : '___';
  return `${l4}.${l3}.${l2}.${groups.l1}`;
}

/** Document identifier (R-ORG-3): `<orgCode>.<yyyy>.<seq>`, e.g. 000.00.00.H52.2018.2588. */
export function documentIdentifier(orgCode: string, year: number, seq: number): string {
  parseOrgCode(orgCode);
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`bad year ${year}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`bad sequence ${seq}`);
  return `${orgCode}.${year}.${seq}`;
}
