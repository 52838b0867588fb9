/**
 * What an agreed change does to a receiver's incoming copy (R-RCL-1..3): a recall or replace
 * cancels it (status recalled, open tasks cancelled; the register entry and history stay), an
 * update applies the new metadata. Shared by the incoming process's answer and by the sender's
 * change process when the receiver has no running process.
 */
import type { Transaction } from 'sequelize';
import type { ChangeKind, DocumentChanges } from '../../domain/documents';
import type { Ctx } from './context';
import { appendHistory, type HistoryEntry } from './history';
import { applyMetadataChanges, findIncomingCopy, type DocumentRow } from './rows';
import { cancelOpenTasks, refreshOverdue } from './tasks';

export interface AgreedChange {
  kind: ChangeKind;
  /** The sender's reason for the change. */
  reason: string | null;
  changes: DocumentChanges | null;
  replacementId: string | null;
  actorId: string | null;
  at: string;
  key: string;
}

/** Statuses in which there is nothing left to cancel. */
const ENDED = new Set(['recalled', 'refused', 'deleted']);

/** Applies the change; false when there was nothing to do (already recalled, refused). */
export async function applyAgreedChange(ctx: Ctx, t: Transaction, doc: DocumentRow, c: AgreedChange): Promise<boolean> {
  if (c.kind === 'update') {
    const fields = await applyMetadataChanges(ctx, t, doc, c.changes);
    await appendHistory(ctx, t, {
      documentId: doc.id,
      at: c.at,
      actorId: c.actorId,
      action: 'updated',
      status: doc.status,
      reason: c.reason,
      details: { changes: c.changes, fields },
      key: `${c.key}:updated`,
    });
    return true;
  }
  if (ENDED.has(doc.status)) return false;
  // The replacement's own copy, when it has already reached this receiver.
  const replacement = c.kind === 'replace' && c.replacementId ? await findIncomingCopy(ctx, t, doc.organization_code, c.replacementId) : null;
  await ctx.exec(
    t,
    `UPDATE documents SET status = 'recalled', recalled_at = CAST(:at AS timestamptz), recall_reason = :reason,
            replaced_by_id = coalesce(CAST(:replacedBy AS uuid), replaced_by_id), updated_at = now()
      WHERE id = :id`,
    { id: doc.id, at: c.at, reason: c.reason, replacedBy: replacement?.id ?? null },
  );
  await cancelOpenTasks(ctx, t, doc.id, { at: c.at, actorId: c.actorId });
  await appendHistory(ctx, t, {
    documentId: doc.id,
    at: c.at,
    actorId: c.actorId,
    action: 'recalled',
    status: 'recalled',
    reason: c.reason,
    details: { kind: c.kind, previousStatus: doc.status, replacementId: c.replacementId, replacedById: replacement?.id ?? null, registerNumber: doc.register_number },
    key: `${c.key}:recalled`,
  });
  return true;
}

/**
 * The end of a change request on a receiver's copy: its overdue flag follows the tasks closed,
 * and the answer (15 / 16) goes into its history with the status the copy has now.
 */
export async function recordChangeAnswered(ctx: Ctx, t: Transaction, documentId: string, h: Omit<HistoryEntry, 'documentId' | 'action' | 'status'>): Promise<void> {
  await refreshOverdue(ctx, t, documentId);
  const [{ status }] = await ctx.select<{ status: string }>(t, 'SELECT status FROM documents WHERE id = :id', { id: documentId });
  await appendHistory(ctx, t, { ...h, documentId, action: 'change_answered', status });
}
