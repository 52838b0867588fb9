/**
 * Status messages for documents that came from a peer system (R-EDX-2, R-DOC-3): each status
 * code the receiver's process reaches is queued for the peer in the same transaction that
 * records it, and the peer's outbox process sends them in order. The message is built and
 * signed when it is sent; the row keeps what it will say.
 */
import type { Transaction } from 'sequelize';
import type { Ctx } from '../documents/context';
import type { DocumentRow } from '../documents/rows';

export interface QueuedStatus {
  statusCode: string;
  /** The document this answers, as the peer named it. */
  responseFor: { organId: string; code: string; promulgationDate: string | null; documentId: string };
  /** Our receiving organization. */
  fromCode: string;
  description: string | null;
  timestamp: string;
  staff: { fullName: string; email: string | null } | null;
}

const STATUS_DESCRIPTIONS: Record<string, string> = {
  '01': 'Đã đến',
  '02': 'Từ chối tiếp nhận',
  '03': 'Đã tiếp nhận',
  '04': 'Đã phân công',
  '05': 'Đang xử lý',
  '06': 'Đã hoàn thành',
  '13': 'Đã nhận yêu cầu thu hồi/cập nhật',
  '15': 'Đồng ý thu hồi/cập nhật',
  '16': 'Từ chối thu hồi/cập nhật',
};

/** Queues one status row per code; a retried activity (same key) queues nothing twice. */
export async function queueStatusesToPeer(
  ctx: Ctx,
  t: Transaction,
  doc: DocumentRow,
  codes: string[],
  p: { at: string; actorId: string | null; reason?: string | null; key: string },
): Promise<void> {
  if (!doc.source_peer_id || !doc.edxml_document_id || !codes.length) return;
  const [actor] = p.actorId
    ? await ctx.select<{ full_name: string; email: string | null }>(t, 'SELECT full_name, email FROM users WHERE id = :id', { id: p.actorId })
    : [];
  for (const code of codes) {
    const payload: QueuedStatus = {
      statusCode: code,
      responseFor: {
        organId: doc.sender_code ?? '',
        code: doc.number_and_notation ?? '',
        promulgationDate: doc.document_date ? String(doc.document_date).slice(0, 10) : null,
        documentId: doc.edxml_document_id,
      },
      fromCode: doc.organization_code,
      description: p.reason ? `${STATUS_DESCRIPTIONS[code] ?? code}: ${p.reason}` : (STATUS_DESCRIPTIONS[code] ?? null),
      timestamp: p.at,
      staff: actor ? { fullName: actor.full_name, email: actor.email } : null,
    };
    await ctx.exec(
      t,
      `INSERT INTO interop_outbox (peer_id, kind, document_id, receiver_code, status_code, payload, dedupe_key)
       VALUES (:peer, 'status', :doc, :receiver, :code, CAST(:payload AS jsonb), :key)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      { peer: doc.source_peer_id, doc: doc.id, receiver: doc.sender_code, code, payload: JSON.stringify(payload), key: `${p.key}:edxml-status:${code}` },
    );
  }
}
