/**
 * The `documents` row as the activities read it, metadata changes (R-RCL-3) applied to it, and
 * the accent-free search text the lists filter on.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { Transaction } from 'sequelize';
import type { DocumentColumns } from '../../db/repositories/document-row';
import type { DocumentChanges } from '../../domain/documents';
import type { RegisterEntryDetails } from '../../domain/registers';
import type { Ctx } from './context';
import type { ReceiptChecks } from './contract';

export interface DocumentRow extends DocumentColumns {
  checks: ReceiptChecks | null;
  pending_change: { kind: string; reason: string; changes: DocumentChanges | null; replacementId: string | null } | null;
}

const COLUMNS = `id, direction, organization_code, document_identifier, source_document_id, number, notation, number_and_notation,
  document_date::text AS document_date, type_code, field, summary, signer_position, signer_name, urgency, sender_code, sender_name,
  sent_at, received_at, due_at, copies, page_count, storage_place, notes, status, legal_validity, workflow_id, intake, checks,
  signed_at, issued_at, register_number, main_handler_id, department_id, recalled_at, replaced_by_id, revision, pending_change,
  paper_received_at, edxml_document_id, source_peer_id`;

/**
 * The document, row-locked when read in a transaction (activities on one document run one at a
 * time) unless `lock` is false (reading another document, e.g. the source of a delivery).
 */
export async function findDocument(ctx: Ctx, t: Transaction | null, id: string, lock = true): Promise<DocumentRow | null> {
  const [row] = await ctx.select<DocumentRow>(t, `SELECT ${COLUMNS} FROM documents WHERE id = :id${t && lock ? ' FOR UPDATE' : ''}`, { id });
  return row ?? null;
}

/**
 * The document, which must exist. Missing is retryable on purpose: the API creates a document
 * and starts its workflow in one transaction, so the first activity may run before the commit.
 */
export async function loadDocument(ctx: Ctx, t: Transaction | null, id: string, lock = true): Promise<DocumentRow> {
  const row = UUID.test(id) ? await findDocument(ctx, t, id, lock) : null;
  if (!row) throw ApplicationFailure.retryable(`Không tìm thấy văn bản ${id} (document not found)`, 'DOCUMENT_NOT_FOUND');
  return row;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The receiver's copy of an internal outgoing document, if it has arrived. */
export async function findIncomingCopy(ctx: Ctx, t: Transaction | null, receiverCode: string, sourceDocumentId: string): Promise<DocumentRow | null> {
  const [row] = await ctx.select<{ id: string }>(
    t,
    "SELECT id FROM documents WHERE direction = 'incoming' AND organization_code = :receiverCode AND source_document_id = :sourceDocumentId",
    { receiverCode, sourceDocumentId },
  );
  return row ? findDocument(ctx, t, row.id) : null;
}

/** The document as people name it: number and notation, then the summary. */
export function describeDocument(doc: Pick<DocumentRow, 'number_and_notation' | 'summary'>): string {
  return [doc.number_and_notation, doc.summary].filter(Boolean).join(' — ');
}

export async function organizationName(ctx: Ctx, t: Transaction | null, code: string): Promise<string> {
  const [row] = await ctx.select<{ name: string }>(t, 'SELECT name FROM organizations WHERE code = :code', { code });
  return row?.name ?? code;
}

/** The document's type (its name for the registers, its abbreviation for the notation), if it has one. */
export async function documentType(ctx: Ctx, t: Transaction, code: string | null): Promise<{ name: string; abbreviation: string | null } | undefined> {
  const [type] = await ctx.select<{ name: string; abbreviation: string | null }>(t, 'SELECT name, abbreviation FROM document_types WHERE code = :code', { code });
  return type;
}

/** The columns the incoming and the outgoing register both keep of a document. */
export function registerEntryBasics(doc: DocumentRow, typeName: string | null): RegisterEntryDetails {
  return {
    typeCode: doc.type_code,
    typeName,
    field: doc.field,
    summary: doc.summary,
    signerPosition: doc.signer_position,
    signerName: doc.signer_name,
    urgency: doc.urgency,
    copies: doc.copies,
    pageCount: doc.page_count,
  };
}

/**
 * `documents.search_text`: number and notation, summary, sender and identifier, folded like
 * `fold_vi` (lower case, no accents) so the lists' `q` filter is accent-insensitive (trigram index).
 */
export const SEARCH_TEXT_SQL = "fold_vi(concat_ws(' ', number_and_notation, summary, sender_name, document_identifier))";

export async function refreshSearchText(ctx: Ctx, t: Transaction, id: string): Promise<void> {
  await ctx.exec(t, `UPDATE documents SET search_text = ${SEARCH_TEXT_SQL} WHERE id = :id`, { id });
}

const CHANGE_COLUMNS: Record<keyof DocumentChanges, string> = {
  summary: 'summary',
  field: 'field',
  urgency: 'urgency',
  dueAt: 'due_at',
  signerPosition: 'signer_position',
  signerName: 'signer_name',
  pageCount: 'page_count',
  copies: 'copies',
  notes: 'notes',
  documentDate: 'document_date',
};

/** The metadata fields of `changes` that are set (undefined = unchanged, null = cleared). */
export function changedFields(changes: DocumentChanges | null): Array<keyof DocumentChanges> {
  if (!changes) return [];
  return (Object.keys(CHANGE_COLUMNS) as Array<keyof DocumentChanges>).filter((k) => changes[k] !== undefined);
}

/**
 * Applies an update (R-RCL-3) to one document's metadata: revision + 1, open tasks follow a new
 * urgency, and on an incoming document open processing tasks follow a new due date.
 */
export async function applyMetadataChanges(ctx: Ctx, t: Transaction, doc: DocumentRow, changes: DocumentChanges | null): Promise<Array<keyof DocumentChanges>> {
  const fields = changedFields(changes);
  const params: Record<string, unknown> = { id: doc.id };
  const sets = fields.map((f) => {
    params[f] = changes![f] ?? null;
    if (f === 'dueAt') return `due_at = CAST(:dueAt AS timestamptz)`;
    if (f === 'documentDate') return `document_date = CAST(:documentDate AS date)`;
    return `${CHANGE_COLUMNS[f]} = :${f}`;
  });
  await ctx.exec(t, `UPDATE documents SET ${[...sets, 'revision = revision + 1', 'updated_at = now()'].join(', ')} WHERE id = :id`, params);
  if (fields.includes('summary')) await refreshSearchText(ctx, t, doc.id);
  if (fields.includes('urgency') && changes!.urgency) {
    await ctx.exec(t, "UPDATE tasks SET urgency = :urgency WHERE document_id = :id AND status = 'open'", { id: doc.id, urgency: changes!.urgency });
  }
  if (fields.includes('dueAt') && changes!.dueAt && doc.direction === 'incoming') {
    await ctx.exec(t, "UPDATE tasks SET due_at = CAST(:dueAt AS timestamptz) WHERE document_id = :id AND step = 'processing' AND status = 'open'", {
      id: doc.id,
      dueAt: changes!.dueAt,
    });
  }
  return fields;
}
