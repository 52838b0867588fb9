/**
 * Outgoing documents (R-OUT-1..5, R-RCL-1..3), the use cases of the sender's clerk and leader:
 * a draft is created with its files and receivers and its process started in one transaction;
 * issuing, paper dispatch and paper recall are decisions sent to the running processes; recall
 * and update start a change process. The API never changes a document's status itself — the
 * workflows' activities do.
 *
 * Change processes: ids `change:<documentId>:<n>` are taken in order (n = 1, 2, …); the API asks
 * Temporal which exist (DocumentProcesses.changes) to find the latest — whether one still runs
 * (409), where a paper-recall confirmation goes — and the next number. Nothing depends on
 * documents.revision being maintained.
 */
import crypto from 'node:crypto';
import { verifyPdfSignatures } from '../../activities/signatures';
import { QueryTypes } from 'sequelize';
import type { Database } from '../../db/database';
import type { DocumentsRepository } from '../../db/repositories/documents.repository';
import { needsPaper, type DeliveryChannel, type DocumentChanges } from '../../domain/documents';
import type { PdfSignatureReport } from '../../domain/signature';
import { confirmPaperDispatchUpdate, confirmPaperRecallUpdate, issueUpdate, workflowIds, type ChangeWorkflowInput } from '../../workflows/definitions';
import { updateIdOf, type Caller } from '../auth';
import type { outgoingMetadataSchema, paperDispatchSchema, updateSchema } from '../documents.schemas';
import { outgoingMetadataSchema as metadataSchema } from '../documents.schemas';
import type { UploadedFile } from '../middleware/uploads';
import { problems } from '../problem';
import type { z } from 'zod';
import { checkDocumentFiles, parseMetadata, storeDocumentFiles } from './document-intake';
import type { DocumentProcesses, DocumentProcessSettings } from './document-processes';
import { actingScope, type DocumentsService } from './documents.service';

type OutgoingMetadata = z.infer<typeof outgoingMetadataSchema>;

/** When the main signature was made: the send deadline (R-OUT-3) counts from the day of signing. */
function signingInstant(report: PdfSignatureReport, now: Date): Date | null {
  if (report.verdict !== 'valid') return null;
  const main = report.signatures[report.mainSignatureIndex ?? report.signatures.length - 1];
  const at = main?.signingTime ? new Date(main.signingTime) : null;
  return at && !Number.isNaN(at.getTime()) && at.getTime() <= now.getTime() ? at : now;
}

export function createOutgoingService(deps: {
  db: Database;
  repo: DocumentsRepository;
  documents: DocumentsService;
  processes: DocumentProcesses;
  settings: Pick<DocumentProcessSettings, 'formatLimits' | 'trustAnchors' | 'taskQueue'>;
}) {
  const { db, repo, documents, processes, settings } = deps;

  async function own(caller: Caller, id: string) {
    const doc = await repo.getDocument(id, 'outgoing', actingScope(caller));
    if (!doc) throw problems.notFound('Văn bản đi');
    return doc;
  }

  /** Registered organizations among `codes`, refusing the sender itself and unknown codes (422). */
  async function receiverNames(caller: Caller, codes: string[], path: string): Promise<Map<string, string>> {
    const names = await repo.organizationNames(codes);
    // Receivers outside this installation are reached through the peer system serving them (SPEC §8).
    const outside = codes.filter((c) => !names.has(c));
    if (outside.length) {
      const served = await db.sequelize.query<{ code: string; name: string }>(
        'SELECT DISTINCT ON (c) c AS code, p.name FROM peers p, unnest(p.organization_codes) c WHERE p.active AND c IN (:codes) ORDER BY c, p.created_at',
        { replacements: { codes: outside }, type: QueryTypes.SELECT },
      );
      for (const s of served) names.set(s.code, `${s.code} (qua ${s.name})`);
    }
    const issues = codes.flatMap((code, i) => {
      if (code === caller.organizationCode) return [{ path: `${path}.${i}`, message: `${code} là chính cơ quan gửi (the sender cannot be a receiver)` }];
      if (!names.has(code)) return [{ path: `${path}.${i}`, message: `${code} chưa được đăng ký trong hệ thống (organization not registered)` }];
      return [];
    });
    if (issues.length) throw problems.unprocessable(issues.map((i) => i.message).join('; '), issues);
    return names;
  }

  async function checkMetadata(caller: Caller, m: OutgoingMetadata): Promise<{ names: Map<string, string>; replacesRevision: number | null }> {
    const names = await receiverNames(caller, m.receivers, 'metadata.receivers');
    if (!(await repo.activeDocumentType(m.typeCode))) {
      throw problems.unprocessable(`Loại văn bản ${m.typeCode} không có hoặc đã ngừng dùng (unknown or inactive document type)`, [{ path: 'metadata.typeCode', message: 'không hợp lệ (unknown)' }]);
    }
    let replacesRevision: number | null = null;
    if (m.replacesId) {
      const replaced = await repo.getDocument(m.replacesId, 'outgoing', actingScope(caller));
      if (!replaced || replaced.status !== 'issued') {
        throw problems.unprocessable('Văn bản bị thay thế phải là văn bản đi đã phát hành của cơ quan (replacesId must be an issued outgoing document of your organization)', [
          { path: 'metadata.replacesId', message: 'không phải văn bản đã phát hành của cơ quan (not an issued document of yours)' },
        ]);
      }
      const changes = await processes.changes(replaced.id);
      if (changes.latest?.running) {
        throw problems.conflict('Văn bản bị thay thế đang có một yêu cầu thu hồi/cập nhật chưa kết thúc (a change of the replaced document is running)');
      }
      // The replacing process takes the next change number of the replaced document when issued.
      replacesRevision = changes.nextRevision - 1;
    }
    return { names, replacesRevision };
  }

  async function verifyMain(bytes: Uint8Array): Promise<PdfSignatureReport> {
    return verifyPdfSignatures(bytes, { anchors: await settings.trustAnchors() });
  }

  async function startChange(caller: Caller, id: string, change: Omit<ChangeWorkflowInput, 'documentId' | 'organizationCode' | 'actorId' | 'urgency' | 'taskQueue' | 'replacementId'>) {
    const doc = await own(caller, id);
    if (doc.status !== 'issued') {
      throw problems.conflict(`Chỉ thu hồi hoặc cập nhật được văn bản đã phát hành; văn bản đang ở trạng thái "${doc.status}" (only issued documents can be recalled or updated)`);
    }
    const { latest, nextRevision } = await processes.changes(id);
    if (latest?.running) throw problems.conflict('Văn bản đang có một yêu cầu thu hồi/cập nhật chưa kết thúc (a change of this document is already running)');
    const workflowId = workflowIds.change(id, nextRevision);
    await processes.startChange(workflowId, {
      ...change,
      documentId: id,
      organizationCode: doc.organizationCode,
      actorId: caller.id,
      replacementId: null,
      urgency: doc.urgency,
      taskQueue: settings.taskQueue,
    });
    return { workflowId };
  }

  return {
    /** R-OUT-1: a draft with its files and receivers; its process starts in the same transaction. */
    async createDraft(caller: Caller, rawMetadata: unknown, files: UploadedFile[]) {
      const m = parseMetadata(metadataSchema, rawMetadata);
      const { names, replacesRevision } = await checkMetadata(caller, m);
      const checked = await checkDocumentFiles(files, settings.formatLimits);
      const now = new Date();
      const signature = await verifyMain(files[0].bytes);
      const signedAt = signingInstant(signature, now);
      const id = crypto.randomUUID();
      const workflowId = workflowIds.outgoing(id);
      const sender = (await repo.organizationNames([caller.organizationCode])).get(caller.organizationCode) ?? caller.organizationCode;

      await db.sequelize.transaction(async (t) => {
        const stored = await storeDocumentFiles(db, files, checked, t);
        await repo.insertDraft(
          {
            id,
            organizationCode: caller.organizationCode,
            organizationName: sender,
            typeCode: m.typeCode,
            documentDate: m.documentDate,
            field: m.field ?? null,
            summary: m.summary,
            signerPosition: m.signerPosition,
            signerName: m.signerName,
            urgency: m.urgency,
            dueAt: m.dueAt ? new Date(m.dueAt) : null,
            copies: m.copies ?? null,
            pageCount: m.pageCount ?? null,
            notes: m.notes ?? null,
            notation: m.notation ?? null,
            signature,
            signedAt,
            legalValidity: signature.legalValidity,
            replacesId: m.replacesId ?? null,
            createdBy: caller.id,
            workflowId,
            receivers: m.receivers.map((code) => ({ code, name: names.get(code)! })),
            files: stored,
          },
          t,
        );
        await repo.appendHistory(
          { documentId: id, at: now, actorId: caller.id, actorLabel: caller.fullName, action: 'created', status: 'draft', details: { signature: signature.verdict, files: checked.length }, dedupeKey: `api:${id}:created` },
          t,
        );
        // Started inside the transaction: a refused start rolls the draft back; the workflow's
        // activities retry until the commit makes the row visible.
        await processes.startOutgoing(workflowId, {
          documentId: id,
          organizationCode: caller.organizationCode,
          urgency: m.urgency,
          signedAt: signedAt ? signedAt.toISOString() : null,
          replacesId: m.replacesId ?? null,
          replacesRevision,
          taskQueue: settings.taskQueue,
        });
      });
      return documents.outgoing(caller, id);
    },

    /** R-OUT-1..2: number, identifier, register and send (the workflow refuses what cannot be issued). */
    async issue(caller: Caller, id: string, signOnServer: boolean) {
      const doc = await own(caller, id);
      // A keyed repeat of an issue that went through gets its first answer from the process.
      if (doc.status !== 'draft' && !caller.requestKey) throw problems.conflict(`Văn bản đã phát hành hoặc không còn là dự thảo (status "${doc.status}"; only drafts are issued)`);
      const result = await processes.update(doc.workflowId, issueUpdate, { actorId: caller.id, signOnServer }, updateIdOf(caller));
      return { ...result, document: await documents.outgoing(caller, id) };
    },

    recall(caller: Caller, id: string, reason: string) {
      return startChange(caller, id, { kind: 'recall', reason, changes: null, addReceivers: [], removeReceivers: [] });
    },

    async update(caller: Caller, id: string, body: z.infer<typeof updateSchema>) {
      const doc = await own(caller, id);
      const current = new Set((await repo.deliveries(id)).map((r) => r.receiverCode));
      const add = body.addReceivers ?? [];
      const remove = body.removeReceivers ?? [];
      await receiverNames(caller, add, 'addReceivers');
      const issues = [
        ...add.flatMap((code, i) => (current.has(code) ? [{ path: `addReceivers.${i}`, message: `${code} đã là nơi nhận (already a receiver)` }] : [])),
        ...remove.flatMap((code, i) => (!current.has(code) ? [{ path: `removeReceivers.${i}`, message: `${code} không phải nơi nhận (not a receiver)` }] : [])),
        ...add.flatMap((code, i) => (remove.includes(code) ? [{ path: `addReceivers.${i}`, message: `${code} vừa thêm vừa bớt (both added and removed)` }] : [])),
      ];
      if (issues.length) throw problems.unprocessable(issues.map((i) => i.message).join('; '), issues);
      const changes = body.changes && Object.keys(body.changes).length ? (body.changes as DocumentChanges) : null;
      return startChange(caller, doc.id, { kind: 'update', reason: body.reason, changes, addReceivers: add, removeReceivers: remove });
    },

    /** R-OUT-4: the clerk confirms a paper copy left for one receiver. */
    async paperDispatched(caller: Caller, id: string, body: z.infer<typeof paperDispatchSchema>) {
      const doc = await own(caller, id);
      const receiver = (await repo.deliveries(id)).find((r) => r.receiverCode === body.receiverCode);
      if (!receiver || !needsPaper(receiver.channel as DeliveryChannel)) {
        throw problems.unprocessable(`${body.receiverCode} không phải nơi nhận bản giấy của văn bản này (not a paper receiver)`, [{ path: 'receiverCode', message: 'không phải nơi nhận bản giấy (not a paper receiver)' }]);
      }
      if (receiver.paperDispatchedAt) {
        throw problems.conflict(`Bản giấy gửi ${receiver.receiverName ?? body.receiverCode} (${body.receiverCode}) đã được xác nhận gửi (paper copy already dispatched)`);
      }
      await processes.update(doc.workflowId, confirmPaperDispatchUpdate, { actorId: caller.id, receiverCode: body.receiverCode, note: body.note ?? null }, updateIdOf(caller));
      return { document: await documents.outgoing(caller, id) };
    },

    /** R-RCL-1: the clerk confirms the paper copy was taken back from a receiver. */
    async paperRecalled(caller: Caller, id: string, body: z.infer<typeof paperDispatchSchema>) {
      await own(caller, id);
      const { latest } = await processes.changes(id);
      if (!latest) throw problems.conflict('Văn bản chưa có yêu cầu thu hồi nào (no recall has been requested)');
      await processes.update(latest.workflowId, confirmPaperRecallUpdate, { actorId: caller.id, receiverCode: body.receiverCode, note: body.note ?? null }, updateIdOf(caller));
      return { document: await documents.outgoing(caller, id) };
    },
  };
}

export type OutgoingService = ReturnType<typeof createOutgoingService>;
