/**
 * Incoming documents (R-REC-1..5, R-ROUTE-1..2, R-DL-1..3, R-RCL-1..2), the receiver's use
 * cases: entering a plain paper document (its process starts with it) and every decision of the
 * clerk, the leader and the handler, sent to the document's process as an update. What can be
 * checked here without the process — who may act, whether the people named belong to the
 * organization, whether a date lies ahead — is checked here (403/422); whether the step is the
 * right one is the workflow's answer (409).
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import type { DocumentRecord, DocumentsRepository } from '../../db/repositories/documents.repository';
import type { RoutingTarget } from '../../domain/routing';
import {
  acceptUpdate,
  answerChangeUpdate,
  assignUpdate,
  completeUpdate,
  extendUpdate,
  paperReceivedUpdate,
  refuseUpdate,
  routeUpdate,
  workflowIds,
} from '../../workflows/definitions';
import { updateIdOf, type Caller } from '../auth';
import { paperIncomingMetadataSchema, type assignSchema } from '../documents.schemas';
import type { UploadedFile } from '../middleware/uploads';
import { problems } from '../problem';
import { checkScanFiles, parseMetadata, storeDocumentFiles } from './document-intake';
import type { DocumentProcesses, DocumentProcessSettings } from './document-processes';
import { actingScope, type DocumentsService } from './documents.service';

/** Completion is for the main handler or a leader of the organization (403 otherwise). */
export function checkMayComplete(caller: Caller, doc: DocumentRecord): void {
  if (doc.mainHandlerId !== caller.id && !caller.roles.includes('leader')) {
    throw problems.forbidden('Chỉ người xử lý chính hoặc lãnh đạo cơ quan được hoàn thành văn bản (only the main handler or a leader may complete)');
  }
}

export function createIncomingService(deps: {
  db: Database;
  repo: DocumentsRepository;
  documents: DocumentsService;
  processes: DocumentProcesses;
  settings: Pick<DocumentProcessSettings, 'formatLimits'>;
  now?: () => Date;
}) {
  const { db, repo, documents, processes, settings } = deps;
  const now = deps.now ?? (() => new Date());

  async function own(caller: Caller, id: string): Promise<DocumentRecord> {
    const doc = await repo.getDocument(id, 'incoming', actingScope(caller));
    if (!doc) throw problems.notFound('Văn bản đến');
    return doc;
  }

  /** The answer of every action: what the process returned and the document as it now reads. */
  async function answer<R extends object | void>(caller: Caller, id: string, result: R) {
    return { ...(result ?? {}), document: await documents.incoming(caller, id) };
  }

  function future(value: string, path: string): string {
    if (new Date(value).getTime() <= now().getTime()) {
      throw problems.unprocessable('Thời hạn phải ở sau thời điểm hiện tại (the deadline must lie in the future)', [{ path, message: 'phải ở tương lai (must be in the future)' }]);
    }
    return value;
  }

  /** R-ROUTE-1: the target must belong to the organization (a department of it, an active leader or user of it). */
  async function checkTarget(organizationCode: string, target: RoutingTarget): Promise<void> {
    if (target.kind === 'department') {
      if (!(await repo.departmentOf(organizationCode, target.departmentId))) {
        throw problems.unprocessable('Phòng ban không thuộc cơ quan (department not in this organization)', [{ path: 'target.departmentId', message: 'không thuộc cơ quan (not in this organization)' }]);
      }
      return;
    }
    const member = (await repo.activeMembers(organizationCode, [target.userId])).get(target.userId);
    if (!member) throw problems.unprocessable('Người nhận không phải cán bộ đang làm việc của cơ quan (not an active user of this organization)', [{ path: 'target.userId', message: 'không thuộc cơ quan (not in this organization)' }]);
    if (target.kind === 'leader' && !member.roles.includes('leader')) {
      throw problems.unprocessable(`${member.fullName} không có vai trò lãnh đạo (not a leader)`, [{ path: 'target.userId', message: 'không phải lãnh đạo (not a leader)' }]);
    }
  }

  return {
    /** R-REC-5 plain paper: the clerk enters the scan and the metadata; the receipt process starts with it. */
    async createPaper(caller: Caller, rawMetadata: unknown, files: UploadedFile[]) {
      const m = parseMetadata(paperIncomingMetadataSchema, rawMetadata);
      if (!(await repo.activeDocumentType(m.typeCode))) {
        throw problems.unprocessable(`Loại văn bản ${m.typeCode} không có hoặc đã ngừng dùng (unknown or inactive document type)`, [{ path: 'metadata.typeCode', message: 'không hợp lệ (unknown)' }]);
      }
      const checked = await checkScanFiles(files, settings.formatLimits);
      const id = crypto.randomUUID();
      const workflowId = workflowIds.incoming(caller.organizationCode, workflowIds.paperSourceKey(id));
      const at = now();
      await db.sequelize.transaction(async (t) => {
        const stored = await storeDocumentFiles(db, files, checked, t);
        await repo.insertPaperIncoming(
          {
            id,
            organizationCode: caller.organizationCode,
            senderCode: m.senderCode ?? null,
            senderName: m.senderName,
            numberAndNotation: m.numberAndNotation,
            documentDate: m.documentDate,
            typeCode: m.typeCode,
            field: m.field ?? null,
            summary: m.summary,
            signerPosition: m.signerPosition ?? null,
            signerName: m.signerName ?? null,
            urgency: m.urgency,
            dueAt: m.dueAt ? new Date(m.dueAt) : null,
            copies: m.copies ?? null,
            pageCount: m.pageCount ?? null,
            notes: m.notes ?? null,
            receivedAt: at,
            createdBy: caller.id,
            workflowId,
            files: stored,
          },
          t,
        );
        await repo.appendHistory(
          { documentId: id, at, actorId: caller.id, actorLabel: caller.fullName, action: 'paper_entered', details: { files: checked.length }, dedupeKey: `api:${id}:paper_entered` },
          t,
        );
        await processes.startIncoming(workflowId, { receiverCode: caller.organizationCode, source: { kind: 'paper', documentId: id }, urgency: m.urgency });
      });
      return documents.incoming(caller, id);
    },

    async accept(caller: Caller, id: string, note: string | null) {
      const doc = await own(caller, id);
      return answer(caller, id, await processes.update(doc.workflowId, acceptUpdate, { actorId: caller.id, note }, updateIdOf(caller)));
    },

    async refuse(caller: Caller, id: string, reason: string) {
      const doc = await own(caller, id);
      return answer(caller, id, await processes.update(doc.workflowId, refuseUpdate, { actorId: caller.id, reason }, updateIdOf(caller)));
    },

    async route(caller: Caller, id: string, target: RoutingTarget) {
      const doc = await own(caller, id);
      await checkTarget(doc.organizationCode, target);
      return answer(caller, id, await processes.update(doc.workflowId, routeUpdate, { actorId: caller.id, target }, updateIdOf(caller)));
    },

    /** R-ROUTE-2: main handler and co-handlers, active users of the organization, with a deadline. */
    async assign(caller: Caller, id: string, body: z.infer<typeof assignSchema>) {
      const doc = await own(caller, id);
      const co = body.coHandlerIds ?? [];
      const issues: Array<{ path: string; message: string }> = [];
      co.forEach((c, i) => {
        if (c === body.handlerId) issues.push({ path: `coHandlerIds.${i}`, message: 'người phối hợp trùng người xử lý chính (co-handler is the main handler)' });
        else if (co.indexOf(c) !== i) issues.push({ path: `coHandlerIds.${i}`, message: 'trùng lặp (duplicate)' });
      });
      const members = await repo.activeMembers(doc.organizationCode, [body.handlerId, ...co]);
      if (!members.has(body.handlerId)) issues.push({ path: 'handlerId', message: 'không phải cán bộ đang làm việc của cơ quan (not an active user of this organization)' });
      co.forEach((c, i) => {
        if (!members.has(c)) issues.push({ path: `coHandlerIds.${i}`, message: 'không phải cán bộ đang làm việc của cơ quan (not an active user of this organization)' });
      });
      if (body.dueAt) future(body.dueAt, 'dueAt');
      if (issues.length) throw problems.unprocessable(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
      const result = await processes.update(doc.workflowId, assignUpdate, {
        actorId: caller.id,
        handlerId: body.handlerId,
        coHandlerIds: co,
        dueAt: body.dueAt ?? null,
        reason: body.reason ?? null,
      }, updateIdOf(caller));
      return answer(caller, id, result);
    },

    /** Completion by the main handler, or by a leader of the organization. */
    async complete(caller: Caller, id: string, result: string) {
      const doc = await own(caller, id);
      checkMayComplete(caller, doc);
      return answer(caller, id, await processes.update(doc.workflowId, completeUpdate, { actorId: caller.id, result }, updateIdOf(caller)));
    },

    /** R-DL-3: a new deadline with a reason; the process restarts its timers. */
    async extend(caller: Caller, id: string, dueAt: string, reason: string) {
      const doc = await own(caller, id);
      future(dueAt, 'dueAt');
      return answer(caller, id, await processes.update(doc.workflowId, extendUpdate, { actorId: caller.id, dueAt, reason }, updateIdOf(caller)));
    },

    /** R-REC-5: the paper copy that accompanies the electronic one has been handed over. */
    async paperReceived(caller: Caller, id: string) {
      const doc = await own(caller, id);
      return answer(caller, id, await processes.update(doc.workflowId, paperReceivedUpdate, { actorId: caller.id }, updateIdOf(caller)));
    },

    /** R-RCL-1..2: the clerk agrees to a recall/update (15) or refuses it with a reason (16). */
    async acknowledgeRecall(caller: Caller, id: string, agree: boolean, reason: string | null) {
      const doc = await own(caller, id);
      return answer(caller, id, await processes.update(doc.workflowId, answerChangeUpdate, { actorId: caller.id, agree, reason }, updateIdOf(caller)));
    },
  };
}

export type IncomingService = ReturnType<typeof createIncomingService>;
