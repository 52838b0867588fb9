/**
 * The append-only document history (R-DOC-3): one row per event with who, when, the status and
 * its edXML code, a Vietnamese reason and structured details. `dedupe_key` makes a retried
 * activity append nothing twice.
 */
import type { Transaction } from 'sequelize';
import { SYSTEM_LABEL, type Ctx } from './context';

export type HistoryAction =
  | 'arrived'
  | 'checked'
  | 'accepted'
  | 'refused'
  | 'routed'
  | 'routing_needed'
  | 'assigned'
  | 'reassigned'
  | 'completed'
  | 'reminder'
  | 'overdue'
  | 'escalated'
  | 'extended'
  | 'signed'
  | 'sending_opened'
  | 'issued'
  | 'sent'
  | 'paper_dispatch_requested'
  | 'paper_dispatched'
  | 'paper_received'
  | 'change_requested'
  | 'change_answered'
  | 'paper_recall_requested'
  | 'recalled'
  | 'replaced'
  | 'updated'
  | 'delivery_status'
  | 'edxml_sent'
  | 'edxml_send_failed'
  | 'edxml_received';

export interface HistoryEntry {
  documentId: string;
  at: string | Date;
  actorId: string | null;
  action: HistoryAction;
  status?: string | null;
  statusCode?: string | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
  key: string;
}

/** Appends one event; false when its key was already recorded. The actor's label is their full name. */
export async function appendHistory(ctx: Ctx, t: Transaction, h: HistoryEntry): Promise<boolean> {
  const rows = await ctx.select(
    t,
    `INSERT INTO document_history (document_id, at, actor_id, actor_label, action, status, status_code, reason, details, dedupe_key)
     VALUES (:documentId, CAST(:at AS timestamptz), CAST(:actorId AS uuid),
             coalesce((SELECT full_name FROM users WHERE id = CAST(:actorId AS uuid)), :system),
             :action, :status, :statusCode, :reason, CAST(:details AS jsonb), :key)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    {
      documentId: h.documentId,
      at: h.at instanceof Date ? h.at.toISOString() : h.at,
      actorId: h.actorId,
      system: SYSTEM_LABEL,
      action: h.action,
      status: h.status ?? null,
      statusCode: h.statusCode ?? null,
      reason: h.reason ?? null,
      details: h.details ? JSON.stringify(h.details) : null,
      key: h.key,
    },
  );
  return rows.length > 0;
}

export async function hasHistory(ctx: Ctx, t: Transaction, documentId: string, action: HistoryAction): Promise<boolean> {
  const rows = await ctx.select(t, 'SELECT 1 FROM document_history WHERE document_id = :documentId AND action = :action LIMIT 1', { documentId, action });
  return rows.length > 0;
}
