/**
 * The status message (R-EDX-2) as XML, unsigned:
 *
 *   edXML > edXMLEnvelope > edXMLHeader > (Status, Signature)
 *   Status > ResponseFor, From, StatusCode, Description, Timestamp, StaffInfo
 *
 * Imports domain/ and the sibling modules.
 */
import type { EdxmlStatus, EdxmlStatusMessageCode } from '../../../domain/edxml';
import type { FieldIssue } from '../../../domain/errors';
import { readOrgan, readResponseFor, writeOrgan, writeResponseFor } from './parts';
import { Builder, Reader } from './xml';

export function renderStatus(status: EdxmlStatus): string {
  const b = new Builder('edXML');
  const header = b.el(b.el(b.root, 'edXMLEnvelope'), 'edXMLHeader');
  const el = b.el(header, 'Status');
  writeResponseFor(b, b.el(el, 'ResponseFor'), status.responseFor);
  writeOrgan(b, b.el(el, 'From'), status.from);
  b.leaf(el, 'StatusCode', status.statusCode);
  b.leaf(el, 'Description', status.description);
  b.leaf(el, 'Timestamp', status.timestamp);
  if (status.staff) {
    const staff = b.el(el, 'StaffInfo');
    b.leaf(staff, 'Department', status.staff.department);
    b.leaf(staff, 'Staff', status.staff.fullName);
    b.leaf(staff, 'Email', status.staff.email);
    b.leaf(staff, 'Mobile', status.staff.mobile);
  }
  return b.serialize();
}

export function readStatus(root: Element): { status: EdxmlStatus; header: Element; issues: FieldIssue[] } | { status: null; issues: FieldIssue[] } {
  const r = new Reader();
  const header = r.one(r.one(root, 'edXMLEnvelope', 'edXMLEnvelope', true), 'edXMLHeader', 'edXMLEnvelope/edXMLHeader', true);
  const el = r.one(header, 'Status', 'Status', true);
  if (!header || !el) return { status: null, issues: r.issues };
  const responseFor = r.one(el, 'ResponseFor', 'responseFor', true);
  const status: EdxmlStatus = {
    responseFor: responseFor ? readResponseFor(r, responseFor, 'responseFor') : { organId: '', code: '', promulgationDate: '', documentId: '' },
    from: readOrgan(r, r.one(el, 'From', 'from', true), 'from'),
    statusCode: (r.text(el, 'StatusCode', 'statusCode', true) ?? '') as EdxmlStatusMessageCode,
    timestamp: r.text(el, 'Timestamp', 'timestamp', true) ?? '',
  };
  const description = r.text(el, 'Description', 'description');
  if (description !== undefined) status.description = description;
  const staff = r.one(el, 'StaffInfo', 'staff');
  if (staff) {
    status.staff = { fullName: r.text(staff, 'Staff', 'staff.fullName', true) ?? '' };
    const department = r.text(staff, 'Department', 'staff.department');
    const email = r.text(staff, 'Email', 'staff.email');
    const mobile = r.text(staff, 'Mobile', 'staff.mobile');
    if (department !== undefined) status.staff.department = department;
    if (email !== undefined) status.staff.email = email;
    if (mobile !== undefined) status.staff.mobile = mobile;
  }
  return { status, header, issues: r.issues };
}
