/**
 * The edXML content of what we send (SPEC §8, R-EDX-1, R-EDX-2): a package from an issued
 * outgoing document as it stands now (with its files), and a status message from a queued
 * status row. Shared by the outbox and the API's export. Imports db/ and domain/.
 */
import type { DocumentChanges } from '../../domain/documents';
import { priorityOfUrgency, type EdxmlOrgan, type EdxmlPackage, type EdxmlStatus, type EdxmlStatusMessageCode } from '../../domain/edxml';
import { iso, type Ctx } from '../documents/context';
import { loadDocument } from '../documents/rows';
import { readFile } from '../files';
import type { InteropBusiness } from './contract';
import type { QueuedStatus } from './status-queue';

/** The document cannot be sent as edXML (not issued, no DocumentId). */
export class UnsendableError extends Error {}

export interface PackageRequest {
  /** Our outgoing document (for a replacement: the one replaced). */
  document_id: string;
  receiver_code: string | null;
  business: InteropBusiness | null;
  payload: Record<string, unknown>;
}

interface OrganizationRow {
  code: string;
  name: string;
  address: string | null;
  email: string | null;
  phone: string | null;
  fax: string | null;
  website: string | null;
}

export async function organOf(ctx: Ctx, code: string, fallbackName?: string | null): Promise<EdxmlOrgan> {
  const [o] = await ctx.select<OrganizationRow>(null, 'SELECT code, name, address, email, phone, fax, website FROM organizations WHERE code = :code', { code });
  if (!o) return { organId: code, organName: fallbackName || code };
  return {
    organId: o.code,
    organName: o.name,
    ...(o.address ? { organAdd: o.address } : {}),
    ...(o.email ? { email: o.email } : {}),
    ...(o.phone ? { telephone: o.phone } : {}),
    ...(o.fax ? { fax: o.fax } : {}),
    ...(o.website ? { website: o.website } : {}),
  };
}

async function attachmentsOf(ctx: Ctx, documentId: string): Promise<EdxmlPackage['attachments']> {
  const files = await ctx.select<{ file_id: string; position: number }>(null, 'SELECT file_id, position FROM document_files WHERE document_id = :id ORDER BY position', { id: documentId });
  const out: EdxmlPackage['attachments'] = [];
  for (const f of files) {
    const stored = await readFile(ctx.db, f.file_id);
    out.push({ contentId: `file-${f.position + 1}`, contentType: stored.mediaType, name: stored.originalName, data: new Uint8Array(stored.bytes) });
  }
  return out;
}

/** The package of an outbox row: the document (for a replacement, the replacing one) as it stands now. */
export async function packageOf(ctx: Ctx, row: PackageRequest): Promise<EdxmlPackage> {
  const business = row.business ?? 'new';
  const payload = row.payload as { reason?: string | null; changes?: DocumentChanges | null; replacementId?: string | null };
  const target = await loadDocument(ctx, null, row.document_id, false);
  const doc = business === 'replace' && payload.replacementId ? await loadDocument(ctx, null, payload.replacementId, false) : target;
  if (!doc.edxml_document_id || !doc.number_and_notation || !doc.document_date) throw new UnsendableError('Văn bản chưa được phát hành (not issued: no DocumentId)');
  const [receiver] = await ctx.select<{ receiver_name: string | null }>(null, 'SELECT receiver_name FROM document_receivers WHERE document_id = :id AND receiver_code = :code', {
    id: row.document_id,
    code: row.receiver_code,
  });
  const [type] = doc.type_code ? await ctx.select<{ name: string }>(null, 'SELECT name FROM document_types WHERE code = :code', { code: doc.type_code }) : [];
  const from = await organOf(ctx, doc.organization_code);
  const changes = business === 'update' ? (payload.changes ?? {}) : {};
  const summary = changes.summary ?? doc.summary;
  const urgency = changes.urgency ?? doc.urgency;
  const due = 'dueAt' in changes ? (changes.dueAt ?? null) : iso(doc.due_at);
  return {
    from,
    to: [{ organId: row.receiver_code as string, organName: receiver?.receiver_name || (row.receiver_code as string) }],
    code: { number: String(doc.number), notation: doc.notation ?? '' },
    promulgation: { place: from.organAdd ?? from.organName, date: String(doc.document_date).slice(0, 10) },
    // Type 1: văn bản quy phạm pháp luật, 2: văn bản hành chính (what this system issues).
    documentType: { type: 2, typeName: type?.name ?? doc.type_code ?? 'Văn bản' },
    subject: summary,
    content: summary,
    signer: { ...(doc.signer_position ? { position: doc.signer_position } : {}), fullName: doc.signer_name ?? '' },
    dueDate: due ? due.slice(0, 10) : null,
    toPlaces: [receiver?.receiver_name || (row.receiver_code as string)],
    other: {
      priority: priorityOfUrgency(urgency),
      ...(doc.page_count != null ? { pageAmount: doc.page_count } : {}),
      ...(doc.copies != null ? { promulgationAmount: doc.copies } : {}),
    },
    documentId: doc.edxml_document_id,
    trace: {
      businessDocType: business,
      ...(business !== 'new' ? { reason: payload.reason ?? '', targetDocumentId: target.edxml_document_id ?? undefined, receivers: [row.receiver_code as string] } : {}),
      ...(business === 'replace' ? { replacements: [target.edxml_document_id as string] } : {}),
      ...(doc.intake === 'paper_accompanies' ? { paper: true } : {}),
    },
    attachments: business === 'new' || business === 'replace' ? await attachmentsOf(ctx, doc.id) : [],
  };
}

export async function statusOf(ctx: Ctx, row: { payload: Record<string, unknown> }): Promise<EdxmlStatus> {
  const p = row.payload as unknown as QueuedStatus;
  return {
    responseFor: { organId: p.responseFor.organId, code: p.responseFor.code, promulgationDate: p.responseFor.promulgationDate ?? '', documentId: p.responseFor.documentId },
    from: await organOf(ctx, p.fromCode),
    statusCode: p.statusCode as EdxmlStatusMessageCode,
    ...(p.description ? { description: p.description } : {}),
    timestamp: iso(p.timestamp),
    ...(p.staff ? { staff: { fullName: p.staff.fullName, ...(p.staff.email ? { email: p.staff.email } : {}) } } : {}),
  };
}
