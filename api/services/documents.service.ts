/**
 * Reading documents (SPEC §7.1–7.5, §11): incoming and outgoing lists and details, deliveries,
 * receipt checks, history, authorized file download and the printable copy with the incoming
 * stamp (R-OUT-4, R-CONN-3). Scope (R-SEC-2) is decided here from the caller: admins read
 * everything, supervisors their subtree, everyone else their own organization; a document
 * outside it reads as absent (404), whatever id is tried.
 */
import { readFile } from '../../activities/files';
import { renderPrintableCopy, type VerificationFooter } from '../../activities/printing/printable-copy';
import type { Database } from '../../db/database';
import type { Direction, DocumentFilter, DocumentRecord, DocumentScope, DocumentsRepository, Page, TaskRecord } from '../../db/repositories/documents.repository';
import { deadlineTask, needsPaper, type DeliveryChannel } from '../../domain/documents';
import type { PdfSignatureReport } from '../../domain/signature';
import type { Caller } from '../auth';
import { problems } from '../problem';

/** What the caller may read (R-SEC-2). */
export function documentScope(caller: Caller): DocumentScope {
  if (caller.roles.includes('admin')) return { kind: 'all' };
  if (caller.roles.includes('supervisor')) return { kind: 'subtree', root: caller.supervisesCode ?? caller.organizationCode };
  return { kind: 'organization', code: caller.organizationCode };
}

/** Where the caller may act: only their own organization, whatever else they may read. */
export function actingScope(caller: Caller): DocumentScope {
  return { kind: 'organization', code: caller.organizationCode };
}

export const DOCUMENT_LABEL: Record<Direction, string> = { incoming: 'Văn bản đến', outgoing: 'Văn bản đi' };

export interface StepDeadline {
  taskId: string;
  step: string;
  dueAt: Date | null;
  overdue: boolean;
  escalationLevel: number;
  remindedAt: Date | null;
}

function deadlineOf(tasks: TaskRecord[]): StepDeadline | null {
  const t = deadlineTask(tasks);
  return t ? { taskId: t.id, step: t.step, dueAt: t.dueAt, overdue: t.overdue, escalationLevel: t.escalationLevel, remindedAt: t.remindedAt } : null;
}

function handlersOf(tasks: TaskRecord[]) {
  const seen = new Set<string>();
  return tasks
    .filter((t) => t.handlerRole && t.assigneeUserId && t.status !== 'cancelled')
    .filter((t) => !seen.has(t.assigneeUserId!) && seen.add(t.assigneeUserId!))
    .map((t) => ({ userId: t.assigneeUserId!, fullName: t.assigneeName, role: t.handlerRole, status: t.status, dueAt: t.dueAt }));
}

function signerOf(signature: unknown): Pick<VerificationFooter, 'signerName' | 'signerOrganization' | 'signedAt'> {
  const report = signature as Partial<PdfSignatureReport> | null;
  const main = report?.signatures?.[report.mainSignatureIndex ?? -1];
  return { signerName: main?.signer?.commonName ?? null, signerOrganization: main?.signer?.organization ?? null, signedAt: main?.signingTime ? new Date(main.signingTime) : null };
}

export function createDocumentsService(deps: { db: Database; repo: DocumentsRepository }) {
  const { db, repo } = deps;

  async function visible(caller: Caller, id: string, direction: Direction | null): Promise<DocumentRecord> {
    const doc = await repo.getDocument(id, direction, documentScope(caller));
    if (!doc) throw problems.notFound(direction ? DOCUMENT_LABEL[direction] : 'Văn bản');
    return doc;
  }

  /**
   * The document the caller may act on: their own organization's (R-SEC-2). Outside what they
   * may read it is absent (404); readable but another organization's (an admin, a supervisor's
   * subtree) it is forbidden (403). Routes call this before parsing the body, so that a refusal
   * never depends on the body and validation never runs for someone who may not act.
   */
  async function actable(caller: Caller, id: string, direction: Direction): Promise<DocumentRecord> {
    const doc = await repo.getDocument(id, direction, actingScope(caller));
    if (doc) return doc;
    await visible(caller, id, direction);
    throw problems.forbidden('Chỉ cơ quan sở hữu văn bản được thao tác trên văn bản (only the owning organization acts on its documents)');
  }

  async function mainPdf(doc: DocumentRecord): Promise<Uint8Array> {
    const [main] = await repo.files(doc.id);
    if (!main || main.mediaType !== 'application/pdf') {
      throw problems.conflict('Văn bản không có bản chính dạng PDF để in (no main PDF to print)');
    }
    return (await readFile(db, main.fileId)).bytes;
  }

  return {
    visible,
    actable,

    list(caller: Caller, direction: Direction, filter: DocumentFilter, page: Page) {
      return repo.listDocuments(direction, filter, page, documentScope(caller));
    },

    async outgoing(caller: Caller, id: string) {
      const doc = await visible(caller, id, 'outgoing');
      const [receivers, files, tasks] = await Promise.all([repo.deliveries(id), repo.files(id), repo.documentTasks(id)]);
      return { ...doc, receivers, files, deadline: deadlineOf(tasks), tasks: tasks.filter((t) => t.status === 'open') };
    },

    async incoming(caller: Caller, id: string) {
      const doc = await visible(caller, id, 'incoming');
      const [files, tasks, evidence] = await Promise.all([repo.files(id), repo.documentTasks(id), repo.evidence(id)]);
      return {
        ...doc,
        files,
        checks: evidence.checks,
        deadline: deadlineOf(tasks),
        handlers: handlersOf(tasks),
        tasks: tasks.filter((t) => t.status === 'open'),
      };
    },

    async deliveries(caller: Caller, id: string) {
      await visible(caller, id, 'outgoing');
      return repo.deliveries(id);
    },

    /** Receipt checks (R-REC-2) and the signature report (R-DOC-4) of an incoming document. */
    async checks(caller: Caller, id: string) {
      const doc = await visible(caller, id, 'incoming');
      const evidence = await repo.evidence(id);
      return { documentId: id, legalValidity: doc.legalValidity, checks: evidence.checks, signature: evidence.signature };
    },

    async history(caller: Caller, id: string) {
      await visible(caller, id, null);
      return repo.history(id);
    },

    /** A file's bytes, when a document the caller may read refers to it (R-SEC-2). */
    async file(caller: Caller, fileId: string) {
      if (!(await repo.fileVisible(fileId, documentScope(caller)))) throw problems.notFound('Tệp');
      return readFile(db, fileId);
    },

    /** R-CONN-3: the main PDF with the incoming stamp of the receiving organization. */
    async printableIncoming(caller: Caller, id: string): Promise<{ pdf: Uint8Array; name: string }> {
      const doc = await visible(caller, id, 'incoming');
      const pdf = await mainPdf(doc);
      const { signature } = await repo.evidence(id);
      const copy = await renderPrintableCopy(
        pdf,
        { organizationName: doc.organizationName ?? doc.organizationCode, number: doc.registerNumber, receivedAt: doc.receivedAt ?? doc.createdAt, routedTo: doc.departmentName ?? doc.mainHandlerName },
        { legalValidity: doc.legalValidity ?? 'information_only', ...signerOf(signature), documentIdentifier: doc.documentIdentifier, printedAt: new Date() },
      );
      return { pdf: copy, name: `ban-in-van-ban-den-${doc.registerNumber ?? doc.id}.pdf` };
    },

    /** R-OUT-4: the issued document printed for one paper receiver (stamp left for the receiver to number). */
    async printableOutgoing(caller: Caller, id: string, to: string): Promise<{ pdf: Uint8Array; name: string }> {
      const doc = await visible(caller, id, 'outgoing');
      if (!doc.issuedAt) throw problems.conflict('Văn bản chưa phát hành; chỉ in bản giấy của văn bản đã phát hành (not issued yet)');
      const receiver = (await repo.deliveries(id)).find((r) => r.receiverCode === to);
      if (!receiver || !needsPaper(receiver.channel as DeliveryChannel)) {
        throw problems.unprocessable(`${to} không phải nơi nhận bản giấy của văn bản này (not a paper receiver of this document)`, [{ path: 'to', message: 'không phải nơi nhận bản giấy (not a paper receiver)' }]);
      }
      const pdf = await mainPdf(doc);
      const { signature } = await repo.evidence(id);
      const copy = await renderPrintableCopy(
        pdf,
        { organizationName: receiver.receiverName ?? receiver.receiverCode, number: null, receivedAt: new Date() },
        { legalValidity: doc.legalValidity ?? 'information_only', ...signerOf(signature), documentIdentifier: doc.documentIdentifier, printedAt: new Date() },
      );
      return { pdf: copy, name: `ban-in-${doc.documentIdentifier ?? doc.id}-${to}.pdf` };
    },
  };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
