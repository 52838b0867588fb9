/**
 * Interconnection with peer systems (SPEC §8, R-EDX-1..4, R-SEC-1): what arrives at
 * `/api/interop/edxml` and `/api/interop/status`, and the edXML export of an issued document.
 *
 * A message is heard only from a registered, active peer: over the mutual-TLS listener the
 * client certificate must be a peer's, and in every case the message must carry a valid XML
 * signature by that peer's certificate (on the plain port the signature alone identifies it).
 * A package becomes one incoming document per receiver of ours — files stored, the document
 * inserted and its receipt process started in one transaction, so a refused or failed import
 * leaves nothing behind — and a package delivered twice (same DocumentId) is one document.
 * Recall / update / replace packages reach the receiver's process as a change request; status
 * messages update the delivery tracking of our outgoing document, and 15 / 16 answer its change
 * process. A refused package is answered with a 02 status when its sender can be identified.
 */
import crypto from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { QueryTypes, type Transaction } from 'sequelize';
import { storeFile } from '../../activities/files';
import { checkFile, sanitizeFileName, type FormatLimits } from '../../activities/formats';
import { createContext } from '../../activities/documents/context';
import { appendHistory } from '../../activities/documents/history';
import { applyAgreedChange, recordChangeAnswered } from '../../activities/documents/change-apply';
import { findDocument } from '../../activities/documents/rows';
import { buildPackage, EdxmlError, parsePackage, parseStatus, type EdxmlErrorCode } from '../../activities/interop/edxml-codec';
import { packageOf, UnsendableError } from '../../activities/interop/edxml-content';
import { queueStatusesToPeer, type QueuedStatus } from '../../activities/interop/status-queue';
import type { InteropIdentity } from '../../activities/interop/transport';
import type { Database } from '../../db/database';
import type { PeerRecord, PeersRepository } from '../../db/repositories/peers.repository';
import { EDXML_STATUS_CODES, RECALL_STATUS_CODES } from '../../domain/document-status';
import { urgencyOfPriority, type EdxmlPackage, type EdxmlStatus } from '../../domain/edxml';
import type { DocumentChanges } from '../../domain/documents';
import { changeAnswerSignal, changeRequestSignal, outboxWakeSignal, workflowIds, type InteropOutboxInput } from '../../workflows/definitions';
import type { Caller } from '../auth';
import type { Logger } from '../logger';
import { HttpProblem, problems } from '../problem';
import type { createDocumentProcesses } from './document-processes';
import type { createDocumentsService } from './documents.service';

export interface InteropSettings {
  identity: InteropIdentity | null;
  maxBytes: number;
  formatLimits: FormatLimits;
  taskQueue: string;
}

/** Who is talking: the peer of the TLS client certificate, if the request came over mutual TLS. */
export interface InteropCaller {
  tlsFingerprint: string | null;
  sourceAddress: string | null;
}

const STATUS_OF_CODE: Record<string, string> = Object.fromEntries(Object.entries(EDXML_STATUS_CODES).map(([status, code]) => [code, status]));

const PROBLEM_OF: Record<EdxmlErrorCode, (detail: string, issues: Array<{ path: string; message: string }>) => HttpProblem> = {
  OVERSIZE: (d, i) => new HttpProblem(413, 'Gói tin quá lớn (payload too large)', d, i),
  MALFORMED: (d, i) => problems.badRequest(d, i),
  DTD_FORBIDDEN: (d, i) => problems.badRequest(d, i),
  NAMESPACE: (d, i) => problems.unprocessable(d, i),
  SCHEMA: (d, i) => problems.unprocessable(d, i),
  UNSIGNED: (d, i) => problems.unprocessable(d, i),
  DIGEST_MISMATCH: (d, i) => problems.unprocessable(d, i),
  SIGNATURE_INVALID: (d, i) => problems.unprocessable(d, i),
  UNTRUSTED_SIGNER: (d, i) => new HttpProblem(403, 'Không có quyền (forbidden)', d, i),
};

export function createInteropService(deps: {
  db: Database;
  peers: PeersRepository;
  temporal: Client;
  processes: ReturnType<typeof createDocumentProcesses>;
  documents: ReturnType<typeof createDocumentsService>;
  settings: InteropSettings;
  log: Logger;
}) {
  const { db, peers, temporal, processes, settings, log } = deps;
  const ctx = createContext({ db, trust: { trustAnchorsDir: '', signingKeysDir: '' }, formatLimits: settings.formatLimits });
  const select = <T extends object>(sql: string, replacements: Record<string, unknown>, transaction?: Transaction) =>
    db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT, transaction });

  /** The peers a message may come from: the TLS client's only, or every active one. */
  async function candidates(who: InteropCaller): Promise<PeerRecord[]> {
    if (who.tlsFingerprint) {
      const peer = await peers.byFingerprint(who.tlsFingerprint);
      if (!peer) throw problems.forbidden('Chứng thư TLS của bên gửi không thuộc hệ thống liên thông nào đã đăng ký (unregistered peer certificate)');
      return [peer];
    }
    const active = await peers.active();
    if (!active.length) throw problems.forbidden('Chưa đăng ký hệ thống liên thông nào (no registered peer systems)');
    return active;
  }

  function refusal(err: EdxmlError): HttpProblem {
    return PROBLEM_OF[err.code](`${err.message} [${err.code}]`, err.issues);
  }

  /** Wakes a peer's outbox process (it exists while the peer is active: see ensureOutbox). */
  async function wake(peerId: string): Promise<void> {
    try {
      await temporal.workflow.getHandle(workflowIds.interopOutbox(peerId)).signal(outboxWakeSignal);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      await ensureOutbox(peerId);
    }
  }

  async function ensureOutbox(peerId: string): Promise<void> {
    const input: InteropOutboxInput = { peerId };
    await temporal.workflow.start('interopOutboxWorkflow', {
      workflowId: workflowIds.interopOutbox(peerId),
      taskQueue: settings.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
  }

  /** R-EDX-3: a refused package whose sender is known gets a 02 status back. */
  async function answerRefusal(sender: { organId?: string; documentId?: string } | undefined, reason: string, signerPeer: PeerRecord | null): Promise<void> {
    if (!sender?.organId || !sender.documentId) return;
    const peer = signerPeer && signerPeer.organizationCodes.includes(sender.organId) ? signerPeer : await peers.forOrganization(sender.organId);
    if (!peer) return;
    const [root] = await select<{ code: string }>('SELECT code FROM organizations WHERE parent_code IS NULL ORDER BY code LIMIT 1', {});
    const payload: QueuedStatus = {
      statusCode: EDXML_STATUS_CODES.refused,
      responseFor: { organId: sender.organId, code: sender.documentId.split(',').slice(2).join(','), promulgationDate: null, documentId: sender.documentId },
      fromCode: root?.code ?? sender.organId,
      description: `Từ chối tiếp nhận: ${reason}`.slice(0, 2000),
      timestamp: new Date().toISOString(),
      staff: null,
    };
    const key = `interop-refused:${peer.id}:${crypto.createHash('sha256').update(`${sender.documentId}\n${reason}`).digest('hex')}`;
    await db.sequelize.query(
      `INSERT INTO interop_outbox (peer_id, kind, document_id, receiver_code, status_code, payload, dedupe_key)
       VALUES (:peer, 'status', NULL, :receiver, '02', CAST(:payload AS jsonb), :key) ON CONFLICT (dedupe_key) DO NOTHING`,
      { replacements: { peer: peer.id, receiver: sender.organId, payload: JSON.stringify(payload), key } },
    );
    await wake(peer.id).catch((err: unknown) => log.warn({ err, peerId: peer.id }, 'outbox wake-up failed; the reconciler starts it'));
  }

  /** Parses and authenticates; a refusal is answered (02) and thrown as a problem. */
  async function admitPackage(body: Buffer, who: InteropCaller): Promise<{ pkg: EdxmlPackage; peer: PeerRecord }> {
    const trusted = await candidates(who);
    let parsed: ReturnType<typeof parsePackage>;
    try {
      parsed = parsePackage(body, { maxBytes: settings.maxBytes, trusted: trusted.map((p) => ({ id: p.id, certPem: p.certificatePem })) });
    } catch (err) {
      if (!(err instanceof EdxmlError)) throw err;
      // Answer only a sender we know is who it says: the TLS peer, or a signature by a registered
      // peer's certificate that failed later (digest, value). Anyone else could make us send 02s.
      const authenticated = who.tlsFingerprint !== null || err.code === 'DIGEST_MISMATCH' || err.code === 'SIGNATURE_INVALID';
      if (authenticated) await answerRefusal(err.sender, err.message, who.tlsFingerprint ? trusted[0] : null);
      throw refusal(err);
    }
    const peer = trusted.find((p) => p.id === parsed.signedBy) as PeerRecord;
    if (!peer.organizationCodes.includes(parsed.pkg.from.organId)) {
      const reason = `Hệ thống ${peer.name} không được đăng ký cho cơ quan gửi ${parsed.pkg.from.organId} (peer not registered for this sender)`;
      await answerRefusal({ organId: parsed.pkg.from.organId, documentId: parsed.pkg.documentId }, reason, null);
      throw new HttpProblem(403, 'Không có quyền (forbidden)', reason, [{ path: 'edXMLHeader.MessageHeader.From.OrganId', message: reason }]);
    }
    return { pkg: parsed.pkg, peer };
  }

  async function typeCodeOf(typeName: string, t: Transaction): Promise<string | null> {
    const [row] = await select<{ code: string }>('SELECT code FROM document_types WHERE fold_vi(name) = fold_vi(:name) AND active LIMIT 1', { name: typeName }, t);
    return row?.code ?? null;
  }

  /** One incoming document for one receiver of ours; null when it is already here (duplicate). */
  async function importFor(pkg: EdxmlPackage, peer: PeerRecord, receiverCode: string, who: InteropCaller): Promise<{ documentId: string; duplicate: boolean }> {
    const [existing] = await select<{ id: string }>(
      "SELECT id FROM documents WHERE direction = 'incoming' AND organization_code = :org AND edxml_document_id = :edxml",
      { org: receiverCode, edxml: pkg.documentId },
    );
    if (existing) return { documentId: existing.id, duplicate: true };
    const id = crypto.randomUUID();
    const workflowId = workflowIds.incoming(receiverCode, workflowIds.edxmlSourceKey(id));
    const urgency = urgencyOfPriority(pkg.other.priority);
    const files: Array<{ name: string; bytes: Buffer; mediaType: string }> = [];
    for (const [i, a] of pkg.attachments.entries()) {
      const named = sanitizeFileName(a.name);
      const name = named.ok ? named.name : `tep-dinh-kem-${i + 1}`;
      const bytes = Buffer.from(a.data);
      const checked = await checkFile({ name, bytes, role: i === 0 ? 'main' : 'attachment' }, settings.formatLimits);
      files.push({ name, bytes, mediaType: checked.ok ? checked.mediaType : 'application/octet-stream' });
    }
    try {
      await db.sequelize.transaction(async (t) => {
        const stored = [];
        for (const f of files) stored.push(await storeFile(db, f, t));
        const typeCode = await typeCodeOf(pkg.documentType.typeName, t);
        const number = /^\d{1,9}$/.test(pkg.code.number) ? Number(pkg.code.number) : null;
        const numberAndNotation = `${pkg.code.number}/${pkg.code.notation}`;
        await db.sequelize.query(
          `INSERT INTO documents (id, direction, organization_code, number, notation, number_and_notation, document_date, type_code, summary,
                                  signer_position, signer_name, urgency, sender_code, sender_name, sent_at, received_at, due_at, page_count, copies,
                                  status, intake, workflow_id, edxml_document_id, source_peer_id, search_text)
           VALUES (:id, 'incoming', :org, :number, :notation, :nn, CAST(:date AS date), :typeCode, :summary, :position, :signer, :urgency,
                   :senderCode, :senderName, now(), now(), CAST(:due AS timestamptz), :pages, :copies, 'arrived', :intake, :workflowId, :edxml, :peer,
                   fold_vi(concat_ws(' ', :nn, :summary, :senderName, :signer)))`,
          {
            transaction: t,
            replacements: {
              id,
              org: receiverCode,
              number,
              notation: pkg.code.notation,
              nn: numberAndNotation,
              date: pkg.promulgation.date,
              typeCode,
              summary: pkg.subject,
              position: pkg.signer.position ?? null,
              signer: pkg.signer.fullName || null,
              urgency,
              senderCode: pkg.from.organId,
              senderName: pkg.from.organName,
              due: pkg.dueDate ? `${pkg.dueDate}T23:59:59.999+07:00` : null,
              pages: pkg.other.pageAmount ?? null,
              copies: pkg.other.promulgationAmount ?? null,
              intake: pkg.trace.paper ? 'paper_accompanies' : 'electronic',
              workflowId,
              edxml: pkg.documentId,
              peer: peer.id,
            },
          },
        );
        for (const [position, f] of stored.entries()) {
          await db.sequelize.query('INSERT INTO document_files (document_id, position, file_id, role) VALUES (:id, :position, :file, :role)', {
            transaction: t,
            replacements: { id, position, file: f.id, role: position === 0 ? 'main' : 'attachment' },
          });
        }
        await appendHistory(ctx, t, {
          documentId: id,
          at: new Date(),
          actorId: null,
          action: 'edxml_received',
          status: 'arrived',
          reason: `Nhận gói tin edXML từ ${peer.name} (${pkg.from.organName})`,
          details: { peerId: peer.id, edxmlDocumentId: pkg.documentId, sourceAddress: who.sourceAddress, viaTls: !!who.tlsFingerprint, files: stored.length },
          key: `edxml:${id}:received`,
        });
        await processes.startIncoming(workflowId, { receiverCode, source: { kind: 'edxml', documentId: id }, urgency });
      });
    } catch (err) {
      // The same package arriving twice at once: the other request made it.
      const [made] = await select<{ id: string }>(
        "SELECT id FROM documents WHERE direction = 'incoming' AND organization_code = :org AND edxml_document_id = :edxml",
        { org: receiverCode, edxml: pkg.documentId },
      );
      if (made) return { documentId: made.id, duplicate: true };
      throw err;
    }
    return { documentId: id, duplicate: false };
  }

  /** Metadata a peer's update package carries, as our change of the incoming copy (R-RCL-3). */
  function changesOf(pkg: EdxmlPackage): DocumentChanges {
    return {
      summary: pkg.subject,
      urgency: urgencyOfPriority(pkg.other.priority),
      dueAt: pkg.dueDate ? `${pkg.dueDate}T23:59:59.999+07:00` : null,
      ...(pkg.signer.position ? { signerPosition: pkg.signer.position } : {}),
      ...(pkg.signer.fullName ? { signerName: pkg.signer.fullName } : {}),
      ...(pkg.other.pageAmount != null ? { pageCount: pkg.other.pageAmount } : {}),
    };
  }

  /** A recall / update / replace for one receiver's copy (R-RCL-1..3 over edXML). */
  async function changeFor(pkg: EdxmlPackage, peer: PeerRecord, receiverCode: string, who: InteropCaller): Promise<{ documentId: string | null; applied: string }> {
    const kind = pkg.trace.businessDocType as 'recall' | 'update' | 'replace';
    const replacement = kind === 'replace' ? await importFor(pkg, peer, receiverCode, who) : null;
    const [target] = await select<{ id: string; workflow_id: string | null }>(
      "SELECT id, workflow_id FROM documents WHERE direction = 'incoming' AND organization_code = :org AND edxml_document_id = :edxml AND source_peer_id = :peer",
      { org: receiverCode, edxml: pkg.trace.targetDocumentId, peer: peer.id },
    );
    const reason = pkg.trace.reason?.trim() || 'Bên gửi yêu cầu';
    const changes = kind === 'update' ? changesOf(pkg) : null;
    if (!target) {
      // Never received here: nothing to withdraw or change (answered 15 from the read model).
      return { documentId: replacement?.documentId ?? null, applied: 'not_received' };
    }
    if (target.workflow_id) {
      try {
        await temporal.workflow.getHandle(target.workflow_id).signal(changeRequestSignal, {
          kind,
          reason,
          changes,
          replacementId: null,
          changeWorkflowId: `edxml:${peer.id}:${pkg.documentId}`,
          receiverCode,
        });
        return { documentId: target.id, applied: 'requested' };
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    }
    // The receiver's process has ended: apply from the read model and answer 15.
    await db.sequelize.transaction(async (t) => {
      const doc = await findDocument(ctx, t, target.id, true);
      if (!doc) return;
      const key = `edxml:${target.id}:${kind}:${pkg.documentId}`;
      await applyAgreedChange(ctx, t, doc, { kind, reason, changes, replacementId: null, actorId: null, at: new Date().toISOString(), key });
      await recordChangeAnswered(ctx, t, doc.id, {
        at: new Date().toISOString(),
        actorId: null,
        statusCode: RECALL_STATUS_CODES.agreed,
        reason: null,
        details: { kind, agree: true, senderReason: reason },
        key: `${key}:answer`,
      });
      await queueStatusesToPeer(ctx, t, doc, [RECALL_STATUS_CODES.agreed], { at: new Date().toISOString(), actorId: null, key });
    });
    await wake(peer.id);
    return { documentId: target.id, applied: 'applied' };
  }

  return {
    ensureOutbox,

    /** Every active peer has its outbox process (at start-up and on a schedule, like the connection processes). */
    async reconcileOutboxes(): Promise<number> {
      const active = await peers.active();
      for (const p of active) await ensureOutbox(p.id);
      return active.length;
    },

    /** POST /api/interop/edxml (R-EDX-1, R-EDX-3, R-SEC-1). */
    async receivePackage(body: Buffer, who: InteropCaller): Promise<{ status: 200 | 201; body: unknown }> {
      const { pkg, peer } = await admitPackage(body, who);
      const codes = pkg.to.map((t) => t.organId);
      const ours = await select<{ code: string }>('SELECT code FROM organizations WHERE code IN (:codes)', { codes });
      if (!ours.length) {
        const reason = `Không có cơ quan nhận nào thuộc hệ thống này: ${codes.join(', ')} (unknown receiver)`;
        await answerRefusal({ organId: pkg.from.organId, documentId: pkg.documentId }, reason, peer);
        throw problems.unprocessable(reason, pkg.to.map((_to, i) => ({ path: `edXMLHeader.MessageHeader.To.${i}.OrganId`, message: 'không thuộc hệ thống này (unknown receiver)' })));
      }
      const results = [];
      for (const { code } of ours) {
        if (pkg.trace.businessDocType === 'new') results.push({ receiverCode: code, ...(await importFor(pkg, peer, code, who)) });
        else results.push({ receiverCode: code, ...(await changeFor(pkg, peer, code, who)) });
      }
      const fresh = results.some((r) => !('duplicate' in r) || !r.duplicate);
      return { status: fresh ? 201 : 200, body: { documentId: pkg.documentId, business: pkg.trace.businessDocType, receivers: results } };
    },

    /** POST /api/interop/status (R-EDX-2): a peer reports what its receiver did with our document. */
    async receiveStatus(body: Buffer, who: InteropCaller): Promise<{ status: 200 | 201; body: unknown }> {
      const trusted = await candidates(who);
      let status: EdxmlStatus;
      let signedBy: string;
      try {
        ({ status, signedBy } = parseStatus(body, { maxBytes: Math.min(settings.maxBytes, 1024 * 1024), trusted: trusted.map((p) => ({ id: p.id, certPem: p.certificatePem })) }));
      } catch (err) {
        if (err instanceof EdxmlError) throw refusal(err);
        throw err;
      }
      const peer = trusted.find((p) => p.id === signedBy) as PeerRecord;
      const receiverCode = status.from.organId;
      if (!peer.organizationCodes.includes(receiverCode)) {
        throw new HttpProblem(403, 'Không có quyền (forbidden)', `Hệ thống ${peer.name} không được đăng ký cho cơ quan ${receiverCode} (peer not registered for this organization)`, [
          { path: 'Status.From.OrganId', message: 'không thuộc hệ thống gửi (not served by this peer)' },
        ]);
      }
      const [doc] = await select<{ id: string; organization_code: string }>(
        "SELECT d.id, d.organization_code FROM documents d JOIN document_receivers r ON r.document_id = d.id AND r.receiver_code = :receiver WHERE d.direction = 'outgoing' AND d.edxml_document_id = :edxml",
        { edxml: status.responseFor.documentId, receiver: receiverCode },
      );
      if (!doc) {
        throw problems.notFound(`Văn bản ${status.responseFor.documentId} gửi ${receiverCode}`);
      }
      const digest = crypto.createHash('sha256').update(body).digest('hex');
      const fresh = await db.sequelize.transaction(async (t) => {
        const [row] = await select<{ id: string }>(
          `INSERT INTO interop_inbox (peer_id, kind, edxml_document_id, organ_id, code, payload_sha256)
           VALUES (:peer, 'status', :edxml, :organ, :code, :sha) ON CONFLICT DO NOTHING RETURNING id`,
          { peer: peer.id, edxml: status.responseFor.documentId, organ: receiverCode, code: status.statusCode, sha: digest },
          t,
        );
        if (!row) return false;
        const [receiver] = await select<{ receiver_name: string | null }>('SELECT receiver_name FROM document_receivers WHERE document_id = :id AND receiver_code = :code', { id: doc.id, code: receiverCode }, t);
        const at = status.timestamp;
        const mapped = STATUS_OF_CODE[status.statusCode] ?? null;
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at,
          actorId: null,
          action: 'delivery_status',
          status: mapped,
          statusCode: status.statusCode,
          reason: status.description ?? null,
          details: { receiverCode, receiverName: receiver?.receiver_name ?? status.from.organName, peerId: peer.id, staff: status.staff ?? null },
          key: `interop-inbox:${row.id}`,
        });
        if (mapped) {
          await db.sequelize.query(
            `UPDATE document_receivers SET status = :status, status_code = :code, status_at = CAST(:at AS timestamptz), reason = :reason
              WHERE document_id = :id AND receiver_code = :receiver`,
            { transaction: t, replacements: { id: doc.id, receiver: receiverCode, status: mapped, code: status.statusCode, at, reason: status.statusCode === '02' ? (status.description ?? null) : null } },
          );
        }
        return true;
      });
      if (fresh && (status.statusCode === RECALL_STATUS_CODES.agreed || status.statusCode === RECALL_STATUS_CODES.refused)) {
        const { latest } = await processes.changes(doc.id);
        if (latest?.running) {
          await temporal.workflow.getHandle(latest.workflowId).signal(changeAnswerSignal, {
            receiverCode,
            agree: status.statusCode === RECALL_STATUS_CODES.agreed,
            reason: status.description ?? null,
            actorId: null,
          });
        }
      }
      return { status: fresh ? 201 : 200, body: { documentId: doc.id, statusCode: status.statusCode, duplicate: !fresh } };
    },

    /** GET /api/outgoing/<id>/edxml?to=<code> (R-EDX-1): the signed package for one receiver. */
    async exportPackage(caller: Caller, id: string, receiverOf: () => string): Promise<{ xml: string; fileName: string }> {
      // Who may see the document first; the query is checked only for them (R-SEC-2).
      const doc = await deps.documents.visible(caller, id, 'outgoing');
      const to = receiverOf();
      if (!settings.identity) throw problems.unavailable('Chưa cấu hình chứng thư liên thông của hệ thống (INTEROP_KEY_FILE / INTEROP_CERT_FILE)');
      const [receiver] = await select<{ receiver_code: string }>('SELECT receiver_code FROM document_receivers WHERE document_id = :id AND receiver_code = :to', { id: doc.id, to });
      if (!receiver) throw problems.unprocessable(`${to} không phải nơi nhận của văn bản (not a receiver of this document)`, [{ path: 'to', message: 'không phải nơi nhận (not a receiver)' }]);
      try {
        const pkg = await packageOf(ctx, { document_id: doc.id, receiver_code: to, business: 'new', payload: {} });
        const fileName = `${pkg.documentId.replace(/[^A-Za-z0-9.-]+/g, '_')}.edxml`;
        return { xml: buildPackage(pkg, settings.identity), fileName };
      } catch (err) {
        if (err instanceof UnsendableError) throw problems.conflict(err.message);
        throw err;
      }
    },
  };
}

export type InteropService = ReturnType<typeof createInteropService>;
