/**
 * The sender's view of each receiver (`document_receivers`, R-OUT-5): how a receiver is reached
 * (R-OUT-2, R-OUT-4) and the status its incoming copy reports back (R-DOC-3: every code, none
 * skipped, also into the sender document's history; to a peer system as status messages).
 */
import type { Transaction } from 'sequelize';
import { EDXML_STATUS_CODES, type EdxmlStatusCode, type IncomingStatus } from '../../domain/document-status';
import { deliveryChannel, paperRuleFor, type DeliveryChannel, type PaperRule } from '../../domain/documents';
import { queueStatusesToPeer } from '../interop/status-queue';
import type { Ctx } from './context';
import type { PlannedReceiver } from './contract';
import { appendHistory } from './history';
import { organizationName, type DocumentRow } from './rows';

export interface ReceiverRow {
  document_id: string;
  receiver_code: string;
  receiver_name: string | null;
  channel: DeliveryChannel;
  status: string;
  status_code: string | null;
  status_at: Date;
  reason: string | null;
  incoming_document_id: string | null;
  sent_at: Date | null;
  paper_status: 'pending' | 'dispatched' | 'cancelled' | null;
  paper_dispatched_at: Date | null;
  change_kind: 'recall' | 'update' | 'replace' | null;
  change_code: string | null;
  change_reason: string | null;
  change_at: Date | null;
}

/** The receivers of a document, row-locked when read in a transaction unless `lock` is false. */
export async function receiverRows(ctx: Ctx, t: Transaction | null, documentId: string, lock = true): Promise<ReceiverRow[]> {
  return ctx.select<ReceiverRow>(t, `SELECT * FROM document_receivers WHERE document_id = :documentId ORDER BY receiver_code${t && lock ? ' FOR UPDATE' : ''}`, { documentId });
}

export async function receiverRow(ctx: Ctx, t: Transaction | null, documentId: string, receiverCode: string): Promise<ReceiverRow | null> {
  const [row] = await ctx.select<ReceiverRow>(t, `SELECT * FROM document_receivers WHERE document_id = :documentId AND receiver_code = :receiverCode${t ? ' FOR UPDATE' : ''}`, {
    documentId,
    receiverCode,
  });
  return row ?? null;
}

const STATUS_OF_CODE = Object.fromEntries(Object.entries(EDXML_STATUS_CODES).map(([status, code]) => [code, status])) as Record<EdxmlStatusCode, IncomingStatus>;

/**
 * Reports status codes of an incoming copy to its internal sender: one `delivery_status` history
 * row per code on the sender's document, and the receivers row left at the last one. Nothing
 * for a paper intake (no sender document in this installation).
 */
export async function reportToSender(
  ctx: Ctx,
  t: Transaction,
  doc: DocumentRow,
  codes: EdxmlStatusCode[],
  p: { at: string; actorId: string | null; reason?: string | null; key: string },
): Promise<void> {
  // A document from a peer system: the codes go to the peer as edXML status messages (R-EDX-2).
  await queueStatusesToPeer(ctx, t, doc, codes, p);
  const source = doc.source_document_id;
  if (!source || !codes.length) return;
  const receiverName = await organizationName(ctx, t, doc.organization_code);
  for (const code of codes) {
    await appendHistory(ctx, t, {
      documentId: source,
      at: p.at,
      actorId: p.actorId,
      action: 'delivery_status',
      status: STATUS_OF_CODE[code],
      statusCode: code,
      reason: code === EDXML_STATUS_CODES.refused ? (p.reason ?? null) : null,
      details: { receiverCode: doc.organization_code, receiverName, incomingDocumentId: doc.id },
      key: `${p.key}:sender:${code}`,
    });
  }
  const last = codes[codes.length - 1];
  const params = { source, receiverCode: doc.organization_code, receiverName, status: STATUS_OF_CODE[last], code: last, at: p.at, reason: p.reason ?? null, incoming: doc.id };
  const updated = await ctx.exec(
    t,
    `UPDATE document_receivers SET status = :status, status_code = :code, status_at = CAST(:at AS timestamptz), reason = :reason,
            incoming_document_id = :incoming
      WHERE document_id = :source AND receiver_code = :receiverCode`,
    params,
  );
  if (!updated) {
    // A delivery the sender's list does not show (should not happen): record it rather than lose it.
    await ctx.exec(
      t,
      `INSERT INTO document_receivers (document_id, receiver_code, receiver_name, channel, status, status_code, status_at, reason, incoming_document_id)
       VALUES (:source, :receiverCode, :receiverName, 'internal', :status, :code, CAST(:at AS timestamptz), :reason, :incoming)
       ON CONFLICT DO NOTHING`,
      params,
    );
  }
}

export async function activePaperRules(ctx: Ctx, t: Transaction | null): Promise<PaperRule[]> {
  return ctx.select<PaperRule>(
    t,
    `SELECT id, name, sender_code AS "senderCode", receiver_code AS "receiverCode", receiver_subtree AS "receiverSubtree",
            type_codes AS "typeCodes", active
       FROM paper_rules WHERE active ORDER BY created_at, id`,
  );
}

/**
 * How each receiver is reached (R-OUT-2, R-OUT-4): an organization of this installation that is
 * connected gets it internally (and on paper too under a "paper accompanies" rule); one that is
 * not connected on paper only; a code not in the installation through edXML.
 */
export async function planReceivers(
  ctx: Ctx,
  t: Transaction | null,
  sender: { organizationCode: string; typeCode: string | null },
  codes: string[],
  knownNames: Record<string, string | null> = {},
): Promise<PlannedReceiver[]> {
  if (!codes.length) return [];
  const orgs = await ctx.select<{ code: string; name: string; connection_state: string }>(t, 'SELECT code, name, connection_state FROM organizations WHERE code IN (:codes)', { codes });
  const byCode = new Map(orgs.map((o) => [o.code, o]));
  const rules = await activePaperRules(ctx, t);
  return codes.map((code) => {
    const org = byCode.get(code);
    const channel = deliveryChannel({
      inInstallation: !!org,
      connected: org?.connection_state === 'connected',
      paperAccompanies: paperRuleFor(rules, { senderCode: sender.organizationCode, receiverCode: code, typeCode: sender.typeCode }) !== null,
    });
    return { code, name: org?.name ?? knownNames[code] ?? code, channel };
  });
}

/** The status a planned receiver starts in. */
export function initialDeliveryStatus(channel: DeliveryChannel): 'pending' | 'paper_pending' {
  return channel === 'paper' ? 'paper_pending' : 'pending';
}
