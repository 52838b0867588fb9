/**
 * The document package (R-EDX-1) as XML, unsigned: element names and order of QCVN 102:2016 as
 * SPEC §8 lists them. Layout:
 *
 *   edXML > edXMLEnvelope > edXMLHeader > (MessageHeader, TraceHeaderList, Signature)
 *                         > edXMLBody > edXMLManifest > Reference*
 *         > AttachmentEncoded > Attachment* (ContentId, ContentTransferEncoded = the base64 bytes)
 *
 * Imports domain/ and the sibling modules.
 */
import {
  BUSINESS_DOC_TYPE_CODES,
  businessDocTypeOfCode,
  toEdxmlDate,
  type EdxmlAttachment,
  type EdxmlPackage,
  type EdxmlPriority,
  type EdxmlTrace,
} from '../../../domain/edxml';
import type { FieldIssue } from '../../../domain/errors';
import { readOrgan, readResponseFor, writeOrgan, writeResponseFor } from './parts';
import { Builder, Reader, clip, decodeBase64Strict, elementChildren, encodeBase64 } from './xml';

export function renderPackage(pkg: EdxmlPackage): string {
  const b = new Builder('edXML');
  const envelope = b.el(b.root, 'edXMLEnvelope');
  const header = b.el(envelope, 'edXMLHeader');
  const mh = b.el(header, 'MessageHeader');

  writeOrgan(b, b.el(mh, 'From'), pkg.from);
  for (const to of pkg.to) writeOrgan(b, b.el(mh, 'To'), to);
  const code = b.el(mh, 'Code');
  b.leaf(code, 'CodeNumber', pkg.code.number);
  b.leaf(code, 'CodeNotation', pkg.code.notation);
  const promulgation = b.el(mh, 'PromulgationInfo');
  b.leaf(promulgation, 'Place', pkg.promulgation.place);
  b.leaf(promulgation, 'PromulgationDate', toEdxmlDate(pkg.promulgation.date));
  const type = b.el(mh, 'DocumentType');
  b.leaf(type, 'Type', pkg.documentType.type);
  b.leaf(type, 'TypeName', pkg.documentType.typeName);
  b.leaf(mh, 'Subject', pkg.subject);
  b.leaf(mh, 'Content', pkg.content);
  const signer = b.el(mh, 'SignerInfo');
  b.leaf(signer, 'Competence', pkg.signer.competence);
  b.leaf(signer, 'Position', pkg.signer.position);
  b.leaf(signer, 'FullName', pkg.signer.fullName);
  if (pkg.dueDate) b.leaf(mh, 'DueDate', toEdxmlDate(pkg.dueDate));
  if (pkg.toPlaces.length) {
    const places = b.el(mh, 'ToPlaces');
    for (const place of pkg.toPlaces) b.leaf(places, 'Place', place);
  }
  const other = b.el(mh, 'OtherInfo');
  b.leaf(other, 'Priority', pkg.other.priority);
  b.leaf(other, 'SphereOfPromulgation', pkg.other.sphereOfPromulgation);
  b.leaf(other, 'TyperNotation', pkg.other.typerNotation);
  b.leaf(other, 'PromulgationAmount', pkg.other.promulgationAmount);
  b.leaf(other, 'PageAmount', pkg.other.pageAmount);
  if (pkg.other.appendixes?.length) {
    const appendixes = b.el(other, 'Appendixes');
    for (const appendix of pkg.other.appendixes) b.leaf(appendixes, 'Appendix', appendix);
  }
  if (pkg.responseFor) writeResponseFor(b, b.el(mh, 'ResponseFor'), pkg.responseFor);
  b.leaf(mh, 'SteeringType', pkg.steeringType);
  b.leaf(mh, 'DocumentId', pkg.documentId);

  writeTrace(b, b.el(b.el(header, 'TraceHeaderList'), 'Bussiness'), pkg.trace);

  const manifest = b.el(b.el(envelope, 'edXMLBody'), 'edXMLManifest');
  for (const a of pkg.attachments) {
    const ref = b.el(manifest, 'Reference');
    b.leaf(ref, 'ContentId', a.contentId);
    b.leaf(ref, 'ContentType', a.contentType);
    b.leaf(ref, 'AttachmentName', a.name);
    b.leaf(ref, 'Description', a.description);
  }
  if (pkg.attachments.length) {
    const encoded = b.el(b.root, 'AttachmentEncoded');
    for (const a of pkg.attachments) {
      const att = b.el(encoded, 'Attachment');
      b.leaf(att, 'ContentId', a.contentId);
      // Always present, also for an empty file (whose base64 is empty).
      b.el(att, 'ContentTransferEncoded').appendChild(b.doc.createTextNode(encodeBase64(a.data)));
    }
  }
  return b.serialize();
}

function writeTrace(b: Builder, el: Element, trace: EdxmlTrace): void {
  b.leaf(el, 'BussinessDocType', BUSINESS_DOC_TYPE_CODES[trace.businessDocType]);
  b.leaf(el, 'BussinessDocReason', trace.reason);
  b.leaf(el, 'DocumentId', trace.targetDocumentId);
  if (trace.receivers?.length) {
    const list = b.el(b.el(el, 'BussinessDocumentInfo'), 'ReceiverList');
    for (const organId of trace.receivers) b.leaf(b.el(list, 'Receiver'), 'OrganId', organId);
  }
  if (trace.replacements?.length) {
    const list = b.el(el, 'ReplacementInfoList');
    for (const documentId of trace.replacements) b.leaf(b.el(list, 'ReplacementInfo'), 'DocumentId', documentId);
  }
  if (trace.staff) {
    const staff = b.el(el, 'StaffInfo');
    b.leaf(staff, 'Staff', trace.staff.fullName);
    b.leaf(staff, 'Position', trace.staff.position);
    b.leaf(staff, 'Email', trace.staff.email);
    b.leaf(staff, 'Mobile', trace.staff.mobile);
  }
  if (trace.paper !== undefined) b.leaf(el, 'Paper', trace.paper ? 1 : 0);
}

/** The package as written, with what the reader could not take; the model rules run after. */
export function readPackage(root: Element): { pkg: EdxmlPackage; header: Element; issues: FieldIssue[] } | { pkg: null; issues: FieldIssue[] } {
  const r = new Reader();
  const envelope = r.one(root, 'edXMLEnvelope', 'edXMLEnvelope', true);
  const header = r.one(envelope, 'edXMLHeader', 'edXMLEnvelope/edXMLHeader', true);
  const mh = r.one(header, 'MessageHeader', 'MessageHeader', true);
  // Without the frame there are no fields to speak of: one issue, not one per field.
  if (!header || !mh) return { pkg: null, issues: r.issues };

  const code = r.one(mh, 'Code', 'code', true);
  const promulgation = r.one(mh, 'PromulgationInfo', 'promulgation', true);
  const type = r.one(mh, 'DocumentType', 'documentType', true);
  const signer = r.one(mh, 'SignerInfo', 'signer', true);
  const other = r.one(mh, 'OtherInfo', 'other', true);
  const appendixes = r.one(other, 'Appendixes', 'other.appendixes');
  const responseFor = r.one(mh, 'ResponseFor', 'responseFor');

  const pkg: EdxmlPackage = {
    from: readOrgan(r, r.one(mh, 'From', 'from', true), 'from'),
    to: r.all(mh, 'To').map((el, i) => readOrgan(r, el, `to[${i}]`)),
    code: { number: r.text(code, 'CodeNumber', 'code.number', true) ?? '', notation: r.text(code, 'CodeNotation', 'code.notation', true) ?? '' },
    promulgation: {
      place: r.text(promulgation, 'Place', 'promulgation.place', true) ?? '',
      date: r.date(promulgation, 'PromulgationDate', 'promulgation.date', true) ?? '',
    },
    documentType: { type: r.integer(type, 'Type', 'documentType.type', true) ?? -1, typeName: r.text(type, 'TypeName', 'documentType.typeName', true) ?? '' },
    subject: r.text(mh, 'Subject', 'subject', true) ?? '',
    content: r.text(mh, 'Content', 'content'),
    signer: {
      competence: r.text(signer, 'Competence', 'signer.competence'),
      position: r.text(signer, 'Position', 'signer.position'),
      fullName: r.text(signer, 'FullName', 'signer.fullName', true) ?? '',
    },
    dueDate: r.date(mh, 'DueDate', 'dueDate') ?? null,
    toPlaces: r.texts(r.one(mh, 'ToPlaces', 'toPlaces'), 'Place', 'toPlaces'),
    other: {
      priority: (r.integer(other, 'Priority', 'other.priority', true) ?? -1) as EdxmlPriority,
      sphereOfPromulgation: r.text(other, 'SphereOfPromulgation', 'other.sphereOfPromulgation'),
      typerNotation: r.text(other, 'TyperNotation', 'other.typerNotation'),
      promulgationAmount: r.integer(other, 'PromulgationAmount', 'other.promulgationAmount'),
      pageAmount: r.integer(other, 'PageAmount', 'other.pageAmount'),
      ...(appendixes ? { appendixes: r.texts(appendixes, 'Appendix', 'other.appendixes') } : {}),
    },
    // An empty <ResponseFor/> is how many systems say "none".
    responseFor: responseFor && elementChildren(responseFor).length ? readResponseFor(r, responseFor, 'responseFor') : null,
    steeringType: r.integer(mh, 'SteeringType', 'steeringType'),
    documentId: r.text(mh, 'DocumentId', 'documentId', true) ?? '',
    trace: readTrace(r, r.one(r.one(header, 'TraceHeaderList', 'trace'), 'Bussiness', 'trace')),
    attachments: readAttachments(r, root, r.one(r.one(envelope, 'edXMLBody', 'edXMLBody', true), 'edXMLManifest', 'edXMLBody/edXMLManifest')),
  };
  return { pkg, header, issues: r.issues };
}

function readTrace(r: Reader, el: Element | null): EdxmlTrace {
  // Without a Bussiness element a package is an ordinary new document.
  if (!el) return { businessDocType: 'new' };
  const code = r.integer(el, 'BussinessDocType', 'trace.businessDocType', true);
  const businessDocType = code === undefined ? null : businessDocTypeOfCode(code);
  if (code !== undefined && !businessDocType) r.issue('trace.businessDocType', `BussinessDocType "${code}" phải là 0, 1, 2 hoặc 3 (must be 0..3)`);
  const trace: EdxmlTrace = { businessDocType: businessDocType ?? 'new' };
  const reason = r.text(el, 'BussinessDocReason', 'trace.reason');
  if (reason !== undefined) trace.reason = reason;
  const target = r.text(el, 'DocumentId', 'trace.targetDocumentId');
  if (target !== undefined) trace.targetDocumentId = target;
  const receiverList = r.one(r.one(el, 'BussinessDocumentInfo', 'trace.receivers'), 'ReceiverList', 'trace.receivers');
  if (receiverList) trace.receivers = r.all(receiverList, 'Receiver').map((rec, i) => r.text(rec, 'OrganId', `trace.receivers[${i}]`, true) ?? '');
  const replacementList = r.one(el, 'ReplacementInfoList', 'trace.replacements');
  if (replacementList) trace.replacements = r.all(replacementList, 'ReplacementInfo').map((ri, i) => r.text(ri, 'DocumentId', `trace.replacements[${i}]`, true) ?? '');
  const staff = r.one(el, 'StaffInfo', 'trace.staff');
  if (staff) {
    trace.staff = { fullName: r.text(staff, 'Staff', 'trace.staff.fullName', true) ?? '' };
    const position = r.text(staff, 'Position', 'trace.staff.position');
    const email = r.text(staff, 'Email', 'trace.staff.email');
    const mobile = r.text(staff, 'Mobile', 'trace.staff.mobile');
    if (position !== undefined) trace.staff.position = position;
    if (email !== undefined) trace.staff.email = email;
    if (mobile !== undefined) trace.staff.mobile = mobile;
  }
  const paper = r.text(el, 'Paper', 'trace.paper');
  if (paper === '1' || paper === 'true') trace.paper = true;
  else if (paper === '0' || paper === 'false') trace.paper = false;
  else if (paper !== undefined) r.issue('trace.paper', `Paper "${clip(paper)}" phải là 0 hoặc 1 (must be 0 or 1)`);
  return trace;
}

/** Manifest references joined with the encoded attachments by ContentId, both ways. */
function readAttachments(r: Reader, root: Element, manifest: Element | null): EdxmlAttachment[] {
  const encoded = new Map<string, Element>();
  r.all(r.one(root, 'AttachmentEncoded', 'AttachmentEncoded'), 'Attachment').forEach((att, i) => {
    const id = r.text(att, 'ContentId', `AttachmentEncoded/Attachment[${i}]/ContentId`, true);
    if (id === undefined) return;
    if (encoded.has(id)) r.issue(`AttachmentEncoded/Attachment[${i}]/ContentId`, `ContentId "${clip(id)}" bị lặp (duplicate ContentId)`);
    else encoded.set(id, att);
  });

  const referenced = new Set<string>();
  const attachments = r.all(manifest, 'Reference').map((ref, i): EdxmlAttachment => {
    const p = `attachments[${i}]`;
    const contentId = r.text(ref, 'ContentId', `${p}.contentId`, true) ?? '';
    const attachment: EdxmlAttachment = {
      contentId,
      contentType: r.text(ref, 'ContentType', `${p}.contentType`, true) ?? '',
      name: r.text(ref, 'AttachmentName', `${p}.name`, true) ?? '',
      data: new Uint8Array(0),
    };
    const description = r.text(ref, 'Description', `${p}.description`);
    if (description !== undefined) attachment.description = description;
    if (!contentId || referenced.has(contentId)) return attachment;
    referenced.add(contentId);
    const att = encoded.get(contentId);
    if (!att) {
      r.issue(`${p}.data`, `Không có Attachment nào mang ContentId "${clip(contentId)}" (no attachment for this reference)`);
      return attachment;
    }
    const content = r.one(att, 'ContentTransferEncoded', `${p}.data`, true);
    const text = content ? r.leaf(content, 'ContentTransferEncoded', `${p}.data`) : undefined;
    if (text === undefined) return attachment;
    const data = decodeBase64Strict(text);
    if (data) attachment.data = data;
    else r.issue(`${p}.data`, `Nội dung tệp "${clip(attachment.name || contentId)}" không phải base64 hợp lệ (invalid base64)`);
    return attachment;
  });
  for (const id of encoded.keys()) {
    if (!referenced.has(id)) r.issue('AttachmentEncoded', `Attachment "${clip(id)}" không có trong edXMLManifest (attachment not listed in the manifest)`);
  }
  return attachments;
}
