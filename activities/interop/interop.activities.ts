/**
 * The interconnection activities (SPEC §8, R-EDX-1..2, R-SEC-1): queueing edXML packages for
 * receivers outside this installation, and sending one peer's outbox in order — each message
 * built and signed with this system's interop certificate when it is sent, posted over mutual
 * TLS, marked sent on 2xx (or 409: the peer already has it), retried later when the peer cannot
 * be reached, and escalated to the clerk when the peer refuses it or it stays undeliverable for
 * too long. Imports db/, domain/ and the document activities' helpers.
 */
import { Context } from '@temporalio/activity';
import type { Transaction } from 'sequelize';
import { createContext, iso, type Ctx, type DocumentActivityDeps } from '../documents/context';
import { appendHistory } from '../documents/history';
import { loadDocument, type DocumentRow } from '../documents/rows';
import { openDocumentTask } from '../documents/tasks';
import { buildPackage, buildStatus } from './edxml-codec';
import type { FlushResult, InteropActivities, InteropBusiness, QueuePackageInput } from './contract';
import { packageOf, statusOf, UnsendableError } from './edxml-content';
import { postToPeer, PeerUnreachableError, type InteropIdentity } from './transport';

export interface InteropSettings {
  /** This system's interop certificate and key: signs every message, authenticates us over TLS. */
  identity: InteropIdentity | null;
  /** One request to a peer. */
  requestTimeoutMs?: number;
  /** A message still undeliverable this long after it was queued is escalated and skipped. */
  giveUpAfterMs?: number;
  /** Messages sent per round; the outbox process comes back for the rest. */
  batchSize?: number;
}

interface OutboxRow {
  id: string;
  peer_id: string;
  kind: 'package' | 'status';
  document_id: string | null;
  receiver_code: string | null;
  business: InteropBusiness | null;
  status_code: string | null;
  payload: Record<string, unknown>;
  created_at: Date;
  attempts: number;
}

interface PeerRow {
  id: string;
  name: string;
  endpoint_url: string;
  certificate_pem: string;
  fingerprint: string;
  active: boolean;
}

/** A message the peer will never take as it is (refused, cannot be built): escalate, skip. */
class PermanentFailure extends Error {}

const PATHS = { package: '/api/interop/edxml', status: '/api/interop/status' } as const;
const TRANSIENT_STATUSES = new Set([408, 425, 429]);

export function createInteropActivities(docDeps: DocumentActivityDeps, settings: InteropSettings): InteropActivities {
  const ctx: Ctx = createContext(docDeps);
  const deps = { db: docDeps.db, ...settings };
  const timeoutMs = deps.requestTimeoutMs ?? 60_000;
  const giveUpAfterMs = deps.giveUpAfterMs ?? 24 * 60 * 60 * 1000;
  const batchSize = deps.batchSize ?? 25;

  async function xmlOf(row: OutboxRow, identity: InteropIdentity): Promise<string> {
    try {
      if (row.kind === 'status') return buildStatus(await statusOf(ctx, row), identity);
      if (!row.document_id) throw new PermanentFailure('Gói tin không gắn với văn bản nào (package without a document)');
      return buildPackage(await packageOf(ctx, { ...row, document_id: row.document_id }), identity);
    } catch (err) {
      if (err instanceof PermanentFailure) throw err;
      if (err instanceof UnsendableError) throw new PermanentFailure(err.message);
      // A message that cannot be built now never will be (bad data): escalate rather than loop.
      throw new PermanentFailure(`Không tạo được gói tin edXML: ${(err as Error).message}`);
    }
  }

  async function markSent(row: OutboxRow, peer: PeerRow): Promise<void> {
    await ctx.transaction(async (t) => {
      const n = await ctx.exec(t, "UPDATE interop_outbox SET state = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = :id AND state = 'pending'", { id: row.id });
      if (!n || row.kind !== 'package' || !row.document_id) return;
      const at = iso(ctx.now());
      if (row.business === 'new') {
        await ctx.exec(
          t,
          `UPDATE document_receivers SET status = 'sent', status_at = CAST(:at AS timestamptz), sent_at = coalesce(sent_at, CAST(:at AS timestamptz))
            WHERE document_id = :id AND receiver_code = :code AND status IN ('pending', 'send_failed')`,
          { id: row.document_id, code: row.receiver_code, at },
        );
      }
      await appendHistory(ctx, t, {
        documentId: row.document_id,
        at,
        actorId: null,
        action: 'edxml_sent',
        reason: `Gửi gói tin edXML (${row.business}) tới ${peer.name}`,
        details: { receiverCode: row.receiver_code, peerId: peer.id, business: row.business, outboxId: row.id },
        key: `interop-outbox:${row.id}:sent`,
      });
    });
  }

  async function failPermanently(row: OutboxRow, peer: PeerRow, reason: string): Promise<void> {
    await ctx.transaction(async (t) => {
      const n = await ctx.exec(t, "UPDATE interop_outbox SET state = 'failed', failed_at = now(), attempts = attempts + 1, last_error = :reason WHERE id = :id AND state = 'pending'", {
        id: row.id,
        reason,
      });
      // A 02 for a package refused at import has no document of ours: nothing to escalate.
      if (!n || !row.document_id) return;
      const doc = await loadDocument(ctx, t, row.document_id);
      const at = iso(ctx.now());
      if (row.kind === 'package' && row.business === 'new') {
        await ctx.exec(
          t,
          "UPDATE document_receivers SET status = 'send_failed', status_at = CAST(:at AS timestamptz), reason = :reason WHERE document_id = :id AND receiver_code = :code",
          { id: doc.id, code: row.receiver_code, at, reason },
        );
      }
      await escalate(t, doc, row.receiver_code, `${peer.name}: ${reason}`, `interop-outbox:${row.id}:failed`, { outboxId: row.id, kind: row.kind, business: row.business, statusCode: row.status_code });
    });
  }

  async function escalate(t: Transaction, doc: DocumentRow, receiverCode: string | null, reason: string, key: string, details: Record<string, unknown>): Promise<void> {
    const at = iso(ctx.now());
    await appendHistory(ctx, t, { documentId: doc.id, at, actorId: null, action: 'edxml_send_failed', reason, details: { receiverCode, ...details }, key });
    await openDocumentTask(
      ctx,
      t,
      doc,
      { step: 'interop_send', assigneeRole: 'clerk', receiverCode, title: `Gửi liên thông không thành công (${receiverCode ?? ''}): ${doc.number_and_notation ?? doc.summary}`, workflowId: null },
      { kind: 'interop_failed', title: 'Gửi liên thông không thành công', body: `Văn bản ${doc.number_and_notation ?? doc.summary}: ${reason}` },
      key,
    );
  }

  return {
    async queueInteropPackage(input: QueuePackageInput) {
      return ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, input.documentId);
        const [peer] = await ctx.select<{ id: string }>(t, 'SELECT id FROM peers WHERE active AND :code = ANY(organization_codes) ORDER BY created_at, id LIMIT 1', {
          code: input.receiverCode,
        });
        if (!peer) {
          if (input.business === 'new') {
            await ctx.exec(
              t,
              "UPDATE document_receivers SET status = 'send_failed', status_at = CAST(:at AS timestamptz), reason = :reason WHERE document_id = :id AND receiver_code = :code AND status = 'pending'",
              { id: doc.id, code: input.receiverCode, at: input.at, reason: 'Không có hệ thống liên thông nào phục vụ đơn vị nhận' },
            );
          }
          await escalate(t, doc, input.receiverCode, `Mã ${input.receiverCode} không thuộc hệ thống này và không có hệ thống liên thông nào phục vụ (no peer system serves this code)`, `${input.key}:no-peer`, {
            business: input.business,
          });
          return { peerId: null };
        }
        await ctx.exec(
          t,
          `INSERT INTO interop_outbox (peer_id, kind, document_id, receiver_code, business, payload, dedupe_key)
           VALUES (:peer, 'package', :doc, :receiver, :business, CAST(:payload AS jsonb), :key)
           ON CONFLICT (dedupe_key) DO NOTHING`,
          {
            peer: peer.id,
            doc: doc.id,
            receiver: input.receiverCode,
            business: input.business,
            payload: JSON.stringify({ reason: input.reason ?? null, changes: input.changes ?? null, replacementId: input.replacementId ?? null, at: input.at }),
            key: input.key,
          },
        );
        return { peerId: peer.id };
      });
    },

    async flushInteropOutbox({ peerId }): Promise<FlushResult> {
      const [peer] = await ctx.select<PeerRow>(null, 'SELECT id, name, endpoint_url, certificate_pem, fingerprint, active FROM peers WHERE id = :id', { id: peerId });
      if (!peer?.active) return { peerActive: false, blocked: false, more: false, sent: 0, failed: 0 };
      const rows = await ctx.select<OutboxRow>(
        null,
        "SELECT id, peer_id, kind, document_id, receiver_code, business, status_code, payload, created_at, attempts FROM interop_outbox WHERE peer_id = :id AND state = 'pending' ORDER BY id LIMIT :limit",
        { id: peerId, limit: batchSize },
      );
      let sent = 0;
      let failed = 0;
      const identity = deps.identity;
      for (const row of rows) {
        Context.current().heartbeat(row.id);
        if (!identity) {
          await noteAttempt(row, 'Chưa cấu hình chứng thư liên thông của hệ thống (INTEROP_KEY_FILE / INTEROP_CERT_FILE)');
          return { peerActive: true, blocked: true, more: true, sent, failed };
        }
        let transientReason: string | null = null;
        try {
          const xml = await xmlOf(row, identity);
          const answer = await postToPeer({ endpointUrl: peer.endpoint_url, certificatePem: peer.certificate_pem, fingerprint: peer.fingerprint.trim() }, PATHS[row.kind], xml, identity, timeoutMs);
          if ((answer.status >= 200 && answer.status < 300) || answer.status === 409) {
            await markSent(row, peer);
            sent += 1;
            continue;
          }
          const detail = `HTTP ${answer.status}: ${answer.body.slice(0, 500)}`;
          if (answer.status >= 500 || TRANSIENT_STATUSES.has(answer.status)) transientReason = detail;
          else throw new PermanentFailure(`Hệ thống nhận từ chối gói tin (${detail})`);
        } catch (err) {
          if (err instanceof PermanentFailure) {
            await failPermanently(row, peer, err.message);
            failed += 1;
            continue;
          }
          if (!(err instanceof PeerUnreachableError)) throw err;
          transientReason = err.message;
        }
        if (ctx.now().getTime() - new Date(row.created_at).getTime() > giveUpAfterMs) {
          await failPermanently(row, peer, `Không gửi được sau nhiều lần thử: ${transientReason}`);
          failed += 1;
          continue;
        }
        // Keep the order: the rest waits behind this one.
        await noteAttempt(row, transientReason);
        return { peerActive: true, blocked: true, more: true, sent, failed };
      }
      return { peerActive: true, blocked: false, more: rows.length === batchSize, sent, failed };
    },
  };

  async function noteAttempt(row: OutboxRow, reason: string): Promise<void> {
    await deps.db.sequelize.query('UPDATE interop_outbox SET attempts = attempts + 1, last_error = :reason WHERE id = :id', { replacements: { id: row.id, reason } });
  }
}
