/**
 * Elements shared by packages and status messages: an organization (From, To), ResponseFor and
 * the best-effort reading of who sent a refused message. Imports domain/ and the sibling XML module.
 */
import { toEdxmlDate, type EdxmlOrgan, type EdxmlResponseFor } from '../../../domain/edxml';
import type { FieldIssue } from '../../../domain/errors';
import { isOrgCode } from '../../../domain/org-code';
import type { EdxmlSender } from './errors';
import { elementChildren, type Builder, type Reader } from './xml';

const ORGAN_FIELDS = [
  ['organId', 'OrganId'],
  ['organizationInCharge', 'OrganizationInCharge'],
  ['organName', 'OrganName'],
  ['organAdd', 'OrganAdd'],
  ['email', 'Email'],
  ['telephone', 'Telephone'],
  ['fax', 'Fax'],
  ['website', 'Website'],
] as const;

export function writeOrgan(b: Builder, el: Element, organ: EdxmlOrgan): void {
  for (const [key, name] of ORGAN_FIELDS) b.leaf(el, name, organ[key]);
}

export function readOrgan(r: Reader, el: Element | null, path: string): EdxmlOrgan {
  const organ: EdxmlOrgan = {
    organId: r.text(el, 'OrganId', `${path}.organId`, true) ?? '',
    organName: r.text(el, 'OrganName', `${path}.organName`, true) ?? '',
  };
  for (const [key, name] of ORGAN_FIELDS) {
    if (key === 'organId' || key === 'organName') continue;
    const value = r.text(el, name, `${path}.${key}`);
    if (value !== undefined) organ[key] = value;
  }
  return organ;
}

export function writeResponseFor(b: Builder, el: Element, rf: EdxmlResponseFor): void {
  b.leaf(el, 'OrganId', rf.organId);
  b.leaf(el, 'Code', rf.code);
  b.leaf(el, 'PromulgationDate', toEdxmlDate(rf.promulgationDate));
  b.leaf(el, 'DocumentId', rf.documentId);
}

export function readResponseFor(r: Reader, el: Element, path: string): EdxmlResponseFor {
  return {
    organId: r.text(el, 'OrganId', `${path}.organId`, true) ?? '',
    code: r.text(el, 'Code', `${path}.code`, true) ?? '',
    promulgationDate: r.date(el, 'PromulgationDate', `${path}.promulgationDate`, true) ?? '',
    documentId: r.text(el, 'DocumentId', `${path}.documentId`, true) ?? '',
  };
}

/**
 * Reader issues first; a model-level issue is dropped when the reader already reported its path
 * or a parent of it (a missing <From> need not also report From/OrganId).
 */
export function mergeIssues(read: FieldIssue[], model: FieldIssue[]): FieldIssue[] {
  const covered = (path: string) => read.some((i) => path === i.path || path.startsWith(`${i.path}.`) || path.startsWith(`${i.path}[`));
  return [...read, ...model.filter((i) => !covered(i.path))];
}

/** The single child with this local name in any namespace, or null. */
function childByName(el: Element | null, name: string): Element | null {
  if (!el) return null;
  const found = elementChildren(el).filter((c) => c.localName === name);
  return found.length === 1 ? found[0] : null;
}

function textAt(root: Element, path: string[]): string | undefined {
  let el: Element | null = root;
  for (const name of path) el = childByName(el, name);
  if (!el || elementChildren(el).length) return undefined;
  const text = (el.textContent ?? '').trim();
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text && text.length <= 300 && !/[\u0000-\u001F]/.test(text) ? text : undefined;
}

/**
 * Who sent a message that is being refused, read by element names whatever their namespace, so
 * that even a message with a wrong namespace can be answered with a 02 status.
 */
export function readSender(root: Element, kind: 'package' | 'status'): EdxmlSender | undefined {
  const header = ['edXMLEnvelope', 'edXMLHeader', kind === 'package' ? 'MessageHeader' : 'Status'];
  const organId = textAt(root, [...header, 'From', 'OrganId']);
  const documentId = textAt(root, kind === 'package' ? [...header, 'DocumentId'] : [...header, 'ResponseFor', 'DocumentId']);
  const sender: EdxmlSender = {};
  if (organId && isOrgCode(organId)) sender.organId = organId;
  if (documentId) sender.documentId = documentId;
  return sender.organId || sender.documentId ? sender : undefined;
}
