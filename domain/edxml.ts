/**
 * The edXML model of QCVN 102:2016/BTTTT (SPEC §8, R-EDX-1, R-EDX-2): a document package and a
 * status message as plain data, the document identifier `<OrganId>,<yyyy/MM/dd>,<Number>/<Notation>`,
 * the code lists (Priority, BussinessDocType, StatusCode) and the field rules both the builder and
 * the reader apply. Pure; imports only domain/ (the XML and the signature live in
 * activities/interop/edxml). Bytes are Uint8Array so the model is usable in the workflow sandbox.
 *
 * Dates are `yyyy-MM-dd` in the model, as everywhere else in this code base; the `yyyy/MM/dd` of
 * the standard exists only in the XML and inside a DocumentId.
 */
import { CHANGE_BUSINESS_DOC_TYPE, type Urgency } from './documents';
import { EDXML_STATUS_CODES, RECALL_STATUS_CODES, type EdxmlStatusCode } from './document-status';
import type { FieldIssue } from './errors';
import { isOrgCode, orgCodeProblem } from './org-code';

export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

export interface EdxmlOrgan {
  organId: string;
  organizationInCharge?: string;
  organName: string;
  organAdd?: string;
  email?: string;
  telephone?: string;
  fax?: string;
  website?: string;
}

/** Priority (độ khẩn): 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ. */
export const EDXML_PRIORITIES = [0, 1, 2, 3, 4] as const;
export type EdxmlPriority = (typeof EDXML_PRIORITIES)[number];

export const EDXML_BUSINESS_DOC_TYPES = ['new', 'recall', 'update', 'replace'] as const;
export type EdxmlBusinessDocType = (typeof EDXML_BUSINESS_DOC_TYPES)[number];

/** BussinessDocType codes; the change kinds share their codes with domain/documents.ts. */
export const BUSINESS_DOC_TYPE_CODES: Record<EdxmlBusinessDocType, 0 | 1 | 2 | 3> = { new: 0, ...CHANGE_BUSINESS_DOC_TYPE };

export function businessDocTypeOfCode(code: number): EdxmlBusinessDocType | null {
  return EDXML_BUSINESS_DOC_TYPES.find((t) => BUSINESS_DOC_TYPE_CODES[t] === code) ?? null;
}

/** The document a package or status answers (ResponseFor). */
export interface EdxmlResponseFor {
  organId: string;
  /** Number and notation, e.g. `7816/VPCP-TTĐT`. */
  code: string;
  /** yyyy-MM-dd */
  promulgationDate: string;
  documentId: string;
}

export interface EdxmlAttachment {
  contentId: string;
  contentType: string;
  /** AttachmentName: a file name, never a path. */
  name: string;
  description?: string;
  data: Uint8Array;
}

export interface EdxmlTrace {
  businessDocType: EdxmlBusinessDocType;
  reason?: string;
  /** DocumentId of the document recalled, updated or replaced. */
  targetDocumentId?: string;
  /** ReceiverList: organ ids the change concerns. */
  receivers?: string[];
  /** ReplacementInfoList: DocumentIds of the documents this one replaces. */
  replacements?: string[];
  staff?: { fullName: string; position?: string; email?: string; mobile?: string };
  /** A paper copy accompanies the electronic one. */
  paper?: boolean;
}

export interface EdxmlPackage {
  from: EdxmlOrgan;
  to: EdxmlOrgan[];
  /** CodeNumber is text in the standard: `01` keeps its leading zero. */
  code: { number: string; notation: string };
  promulgation: { place: string; date: string };
  documentType: { type: number; typeName: string };
  subject: string;
  content?: string;
  signer: { competence?: string; position?: string; fullName: string };
  dueDate: string | null;
  toPlaces: string[];
  other: {
    priority: EdxmlPriority;
    sphereOfPromulgation?: string;
    typerNotation?: string;
    promulgationAmount?: number;
    pageAmount?: number;
    appendixes?: string[];
  };
  responseFor?: EdxmlResponseFor | null;
  steeringType?: number;
  documentId: string;
  trace: EdxmlTrace;
  attachments: EdxmlAttachment[];
}

/** StatusCode of a Status message: the processing statuses (R-DOC-3) and the recall answers. */
export type EdxmlStatusMessageCode = EdxmlStatusCode | (typeof RECALL_STATUS_CODES)[keyof typeof RECALL_STATUS_CODES];
export const EDXML_STATUS_MESSAGE_CODES: readonly EdxmlStatusMessageCode[] = [...Object.values(EDXML_STATUS_CODES), ...Object.values(RECALL_STATUS_CODES)];

export const EDXML_STATUS_MESSAGE_LABELS_VI: Record<EdxmlStatusMessageCode, string> = {
  '01': 'Đã đến',
  '02': 'Từ chối tiếp nhận (trả lại)',
  '03': 'Đã tiếp nhận',
  '04': 'Đã chuyển xử lý, chờ phân công',
  '05': 'Đã phân công, đang xử lý',
  '06': 'Đã hoàn thành',
  '13': 'Yêu cầu thu hồi',
  '15': 'Đồng ý thu hồi/cập nhật',
  '16': 'Từ chối thu hồi/cập nhật',
};

export function isEdxmlStatusMessageCode(value: unknown): value is EdxmlStatusMessageCode {
  return typeof value === 'string' && (EDXML_STATUS_MESSAGE_CODES as readonly string[]).includes(value);
}

export interface EdxmlStatus {
  responseFor: EdxmlResponseFor;
  from: EdxmlOrgan;
  statusCode: EdxmlStatusMessageCode;
  description?: string;
  /** ISO 8601 with an offset (R-TIME-1). */
  timestamp: string;
  staff?: { fullName: string; department?: string; email?: string; mobile?: string };
}

// ---- urgency ⇄ Priority ----

const PRIORITY_OF_URGENCY: Record<Urgency, EdxmlPriority> = { normal: 0, urgent: 1, very_urgent: 2, express: 3 };

export function priorityOfUrgency(urgency: Urgency): EdxmlPriority {
  return PRIORITY_OF_URGENCY[urgency];
}

/**
 * Lossy for 4 (hỏa tốc hẹn giờ): we have no "express at a set time" urgency and the package
 * carries no time for it, so it reads as express and is written back as 3.
 */
export function urgencyOfPriority(priority: EdxmlPriority): Urgency {
  if (priority === 4) return 'express';
  return (Object.keys(PRIORITY_OF_URGENCY) as Urgency[]).find((u) => PRIORITY_OF_URGENCY[u] === priority)!;
}

// ---- dates and DocumentId ----

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EDXML_DATE = /^(\d{4})\/(\d{2})\/(\d{2})$/;

function realDate(y: string, m: string, d: string): boolean {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return Number(y) >= 1900 && date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

/** A real calendar date written `yyyy-MM-dd`. */
export function isIsoDate(value: unknown): value is string {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  return m !== null && realDate(m[1], m[2], m[3]);
}

/** `2015-09-30` → `2015/09/30`. */
export function toEdxmlDate(isoDate: string): string {
  if (!isIsoDate(isoDate)) throw new RangeError(`Ngày không hợp lệ "${isoDate}", cần yyyy-MM-dd (invalid date)`);
  return isoDate.replace(/-/g, '/');
}

/** `2015/09/30` → `2015-09-30`, or null when it is not a real date in that form. */
export function fromEdxmlDate(text: string): string | null {
  const m = EDXML_DATE.exec(text);
  return m && realDate(m[1], m[2], m[3]) ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

export interface DocumentIdParts {
  organId: string;
  /** yyyy-MM-dd */
  date: string;
  number: string | number;
  notation: string;
}

/** `000.00.00.G22,2015/09/30,7816/VPCP-TTĐT`. Throws RangeError on parts that cannot form one. */
export function formatDocumentId(parts: DocumentIdParts): string {
  const problem = orgCodeProblem(parts.organId);
  if (problem) throw new RangeError(problem);
  const number = String(parts.number);
  if (!/^\d{1,11}$/.test(number)) throw new RangeError(`Số văn bản không hợp lệ "${number}" (invalid number)`);
  if (!parts.notation || /[\s,]/.test(parts.notation)) throw new RangeError(`Ký hiệu văn bản không hợp lệ "${parts.notation}" (invalid notation)`);
  return `${parts.organId},${toEdxmlDate(parts.date)},${number}/${parts.notation}`;
}

const DOCUMENT_ID = /^([^,]+),(\d{4}\/\d{2}\/\d{2}),(\d{1,11})\/([^\s,]+)$/u;

/** The parts of a DocumentId (date as yyyy-MM-dd, number as written), or null when malformed. */
export function parseDocumentId(text: unknown): { organId: string; date: string; number: string; notation: string } | null {
  if (typeof text !== 'string' || text.length > 300) return null;
  const m = DOCUMENT_ID.exec(text);
  if (!m || !isOrgCode(m[1])) return null;
  const date = fromEdxmlDate(m[2]);
  return date ? { organId: m[1], date, number: m[3], notation: m[4] } : null;
}

/** Same number and notation; numbers compare by value, so `01` and `1` are the same code. */
function sameCode(a: { number: string; notation: string }, b: { number: string; notation: string }): boolean {
  return Number(a.number) === Number(b.number) && a.notation === b.notation;
}

// ---- validation ----

const MAX_SHORT = 500;
const MAX_LONG = 8000;
// Control characters are not allowed in XML 1.0 (except tab, LF, CR).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const MIME = /^[A-Za-z0-9][\w.+-]*\/[A-Za-z0-9][\w.+-]*$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

class Issues {
  readonly list: FieldIssue[] = [];
  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  text(path: string, value: unknown, opts: { required?: boolean; max?: number } = {}): void {
    const max = opts.max ?? MAX_SHORT;
    if (value === undefined || value === null) {
      if (opts.required) this.add(path, 'bắt buộc (required)');
      return;
    }
    if (typeof value !== 'string') return this.add(path, 'phải là chuỗi ký tự (must be a string)');
    if (opts.required && value.trim() === '') return this.add(path, 'không được để trống (must not be empty)');
    if (value.length > max) return this.add(path, `tối đa ${max} ký tự (at most ${max} characters)`);
    if (CONTROL.test(value)) this.add(path, 'chứa ký tự điều khiển không hợp lệ (contains control characters)');
  }

  integer(path: string, value: unknown, min: number, max: number, required = false): void {
    if (value === undefined || value === null) {
      if (required) this.add(path, 'bắt buộc (required)');
      return;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.add(path, `phải là số nguyên từ ${min} đến ${max} (an integer from ${min} to ${max})`);
    }
  }

  date(path: string, value: unknown, required = true): void {
    if (value === undefined || value === null) {
      if (required) this.add(path, 'bắt buộc (required)');
      return;
    }
    if (!isIsoDate(value)) this.add(path, `"${String(value)}" không phải ngày hợp lệ dạng yyyy-MM-dd (not a valid yyyy-MM-dd date)`);
  }

  orgId(path: string, value: unknown): void {
    const problem = orgCodeProblem(value);
    if (problem) this.add(path, problem);
  }

  organ(path: string, organ: EdxmlOrgan | undefined): void {
    if (!organ || typeof organ !== 'object') return this.add(path, 'bắt buộc (required)');
    this.orgId(`${path}.organId`, organ.organId);
    this.text(`${path}.organName`, organ.organName, { required: true });
    for (const key of ['organizationInCharge', 'organAdd', 'email', 'telephone', 'fax', 'website'] as const) this.text(`${path}.${key}`, organ[key]);
  }

  documentIdText(path: string, value: unknown): ReturnType<typeof parseDocumentId> {
    if (value === undefined || value === null || value === '') {
      this.add(path, 'bắt buộc (required)');
      return null;
    }
    const parsed = parseDocumentId(value);
    if (!parsed) {
      this.add(path, `"${String(value)}" không đúng dạng <Mã cơ quan>,<yyyy/MM/dd>,<Số>/<Ký hiệu> (expected <OrganId>,<yyyy/MM/dd>,<Number>/<Notation>)`);
    }
    return parsed;
  }

  responseFor(path: string, r: EdxmlResponseFor): void {
    this.orgId(`${path}.organId`, r.organId);
    this.text(`${path}.code`, r.code, { required: true });
    this.date(`${path}.promulgationDate`, r.promulgationDate);
    const id = this.documentIdText(`${path}.documentId`, r.documentId);
    if (!id) return;
    const code = typeof r.code === 'string' ? /^(\d{1,11})\/(\S+)$/.exec(r.code) : null;
    if (id.organId !== r.organId || id.date !== r.promulgationDate || !code || !sameCode(id, { number: code[1], notation: code[2] })) {
      this.add(`${path}.documentId`, 'không khớp với OrganId, Code và PromulgationDate của ResponseFor (does not match OrganId, Code and PromulgationDate)');
    }
  }
}

/**
 * Field problems of a package (R-EDX-1); empty when it may be sent or imported. Checks formats
 * (organization codes, dates, DocumentId and its agreement with From, Code and PromulgationDate,
 * Priority 0..4), what is required (a To, files for a new or replacing document, the target of a
 * recall/update/replace), unique ContentIds, file names that are not paths, and text XML can carry.
 * Nothing that only reflects sloppy data (a due date before the document date, a repeated To) is
 * refused: that would send a 02 for an official document.
 */
export function validatePackage(pkg: EdxmlPackage): FieldIssue[] {
  const v = new Issues();
  v.organ('from', pkg.from);
  if (!Array.isArray(pkg.to) || pkg.to.length === 0) {
    v.add('to', 'phải có ít nhất một nơi nhận (at least one To)');
  } else {
    pkg.to.forEach((organ, i) => v.organ(`to[${i}]`, organ));
  }

  const code = pkg.code ?? { number: '', notation: '' };
  if (typeof code.number !== 'string' || !/^\d{1,11}$/.test(code.number) || Number(code.number) < 1) {
    v.add('code.number', 'CodeNumber phải là số dương, tối đa 11 chữ số (a positive number of up to 11 digits)');
  }
  v.text('code.notation', code.notation, { required: true, max: 100 });
  if (typeof code.notation === 'string' && /[\s,]/.test(code.notation)) v.add('code.notation', 'không được chứa khoảng trắng hay dấu phẩy (no spaces or commas)');

  v.text('promulgation.place', pkg.promulgation?.place, { required: true });
  v.date('promulgation.date', pkg.promulgation?.date);
  v.integer('documentType.type', pkg.documentType?.type, 0, 999, true);
  v.text('documentType.typeName', pkg.documentType?.typeName, { required: true });
  v.text('subject', pkg.subject, { required: true, max: MAX_LONG });
  v.text('content', pkg.content, { max: MAX_LONG });
  v.text('signer.competence', pkg.signer?.competence);
  v.text('signer.position', pkg.signer?.position);
  v.text('signer.fullName', pkg.signer?.fullName, { required: true });

  v.date('dueDate', pkg.dueDate, false);
  if (!Array.isArray(pkg.toPlaces)) v.add('toPlaces', 'phải là danh sách (must be a list)');
  else pkg.toPlaces.forEach((p, i) => v.text(`toPlaces[${i}]`, p, { required: true }));

  const other = pkg.other ?? ({} as EdxmlPackage['other']);
  if (!(EDXML_PRIORITIES as readonly unknown[]).includes(other.priority)) {
    v.add('other.priority', `Priority "${String(other.priority)}" phải là 0, 1, 2, 3 hoặc 4 (must be 0..4)`);
  }
  v.text('other.sphereOfPromulgation', other.sphereOfPromulgation);
  v.text('other.typerNotation', other.typerNotation, { max: 100 });
  v.integer('other.promulgationAmount', other.promulgationAmount, 0, 1_000_000);
  v.integer('other.pageAmount', other.pageAmount, 0, 1_000_000);
  (other.appendixes ?? []).forEach((a, i) => v.text(`other.appendixes[${i}]`, a, { required: true }));

  if (pkg.responseFor) v.responseFor('responseFor', pkg.responseFor);
  v.integer('steeringType', pkg.steeringType, 0, 99);

  const id = v.documentIdText('documentId', pkg.documentId);
  if (id && pkg.from && pkg.code && pkg.promulgation) {
    if (id.organId !== pkg.from.organId) v.add('documentId', `mã cơ quan ${id.organId} khác From/OrganId ${pkg.from.organId} (does not match From)`);
    if (id.date !== pkg.promulgation.date) v.add('documentId', `ngày ${id.date} khác PromulgationDate ${pkg.promulgation.date} (does not match the promulgation date)`);
    if (!sameCode(id, code)) v.add('documentId', `số, ký hiệu ${id.number}/${id.notation} khác Code ${code.number}/${code.notation} (does not match Code)`);
  }

  const trace = pkg.trace ?? ({} as EdxmlTrace);
  if (!(EDXML_BUSINESS_DOC_TYPES as readonly unknown[]).includes(trace.businessDocType)) {
    v.add('trace.businessDocType', 'BussinessDocType phải là 0 mới, 1 thu hồi, 2 cập nhật hoặc 3 thay thế (must be 0..3)');
  }
  v.text('trace.reason', trace.reason, { max: MAX_LONG });
  if (trace.businessDocType !== 'new') {
    if (trace.targetDocumentId === undefined) v.add('trace.targetDocumentId', 'bắt buộc khi thu hồi, cập nhật hay thay thế (required for recall, update and replace)');
    else v.documentIdText('trace.targetDocumentId', trace.targetDocumentId);
  } else if (trace.targetDocumentId !== undefined) {
    v.documentIdText('trace.targetDocumentId', trace.targetDocumentId);
  }
  (trace.receivers ?? []).forEach((r, i) => v.orgId(`trace.receivers[${i}]`, r));
  (trace.replacements ?? []).forEach((r, i) => v.documentIdText(`trace.replacements[${i}]`, r));
  if (trace.staff) {
    v.text('trace.staff.fullName', trace.staff.fullName, { required: true });
    for (const key of ['position', 'email', 'mobile'] as const) v.text(`trace.staff.${key}`, trace.staff[key]);
  }

  const attachments = Array.isArray(pkg.attachments) ? pkg.attachments : [];
  if ((trace.businessDocType === 'new' || trace.businessDocType === 'replace') && attachments.length === 0) {
    v.add('attachments', 'văn bản mới hoặc thay thế phải có tệp đính kèm (a new or replacing document needs attachments)');
  }
  const ids = new Set<string>();
  attachments.forEach((a, i) => {
    const p = `attachments[${i}]`;
    v.text(`${p}.contentId`, a.contentId, { required: true, max: 200 });
    if (typeof a.contentId === 'string' && /\s/.test(a.contentId)) v.add(`${p}.contentId`, 'không được chứa khoảng trắng (no spaces)');
    if (ids.has(a.contentId)) v.add(`${p}.contentId`, `ContentId "${a.contentId}" bị lặp (duplicate ContentId)`);
    ids.add(a.contentId);
    if (typeof a.contentType !== 'string' || !MIME.test(a.contentType)) v.add(`${p}.contentType`, `"${String(a.contentType)}" không phải kiểu MIME (not a MIME type)`);
    v.text(`${p}.name`, a.name, { required: true, max: 255 });
    if (typeof a.name === 'string' && /[/\\]/.test(a.name)) v.add(`${p}.name`, 'tên tệp không được chứa đường dẫn (a file name, not a path)');
    v.text(`${p}.description`, a.description);
    if (!(a.data instanceof Uint8Array)) v.add(`${p}.data`, 'thiếu nội dung tệp (missing file content)');
  });
  return v.list;
}

/** Field problems of a status message (R-EDX-2); empty when it may be sent or applied. */
export function validateStatus(status: EdxmlStatus): FieldIssue[] {
  const v = new Issues();
  if (!status.responseFor) v.add('responseFor', 'bắt buộc (required)');
  else v.responseFor('responseFor', status.responseFor);
  v.organ('from', status.from);
  if (!isEdxmlStatusMessageCode(status.statusCode)) {
    v.add('statusCode', `StatusCode "${String(status.statusCode)}" không thuộc danh mục ${EDXML_STATUS_MESSAGE_CODES.join(', ')} (unknown status code)`);
  }
  v.text('description', status.description, { max: MAX_LONG });
  if (typeof status.timestamp !== 'string' || !ISO_TIMESTAMP.test(status.timestamp) || Number.isNaN(Date.parse(status.timestamp))) {
    v.add('timestamp', `"${String(status.timestamp)}" không phải thời điểm ISO 8601 có múi giờ, ví dụ 2018-12-30T08:00:00+07:00 (ISO 8601 with offset)`);
  }
  if (status.staff) {
    v.text('staff.fullName', status.staff.fullName, { required: true });
    for (const key of ['department', 'email', 'mobile'] as const) v.text(`staff.${key}`, status.staff[key]);
  }
  return v.list;
}
