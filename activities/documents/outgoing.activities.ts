/**
 * The sender's side of an outgoing document (R-OUT-1..5): the sending step, issuing (optional
 * server signing, the signature required, number and identifier from the gap-free outgoing
 * register, receivers planned per channel), sending, and the paper copies.
 */
import type { Transaction } from 'sequelize';
import { composeNumberAndNotation, formatDocumentNumber, NotationError } from '../../domain/notation';
import { registerYear, type RegisterEntryDetails } from '../../domain/registers';
import { SignatureError, type PdfSignatureReport } from '../../domain/signature';
import { vietnamDate } from '../../domain/calendar';
import { readFile, storeFile } from '../files';
import { loadOrganizationSigner, loadTrustAnchors, signPdf, verifyPdfSignatures } from '../signatures';
import { allocateRegisterEntry, claim, iso, nonRetryable, storedResult, type Ctx } from './context';
import type { DocumentActivities, IssueInput, IssueResult, ReceiverEventInput } from './contract';
import { appendHistory, hasHistory } from './history';
import { signatureProblems, documentFiles } from './receipt-checks';
import { initialDeliveryStatus, planReceivers, receiverRow, receiverRows, type ReceiverRow } from './receivers';
import { describeDocument, documentType, loadDocument, organizationName, refreshSearchText, registerEntryBasics, type DocumentRow } from './rows';
import { closeTasks, openDocumentTask, openPaperTask, refreshOverdue, taskTitle } from './tasks';

type OutgoingActivities = Pick<DocumentActivities, 'openSendingStep' | 'issueOutgoing' | 'recordSent' | 'openPaperDispatch' | 'recordPaperDispatched'>;

const ISSUED_STATUSES = new Set(['issued', 'recalled', 'replaced']);

export function createOutgoingActivities(ctx: Ctx): OutgoingActivities {
  /** The result of an issue already done (a retry under another key, or after the history was read). */
  async function issuedResult(t: Transaction | null, doc: DocumentRow): Promise<IssueResult> {
    const rows = await receiverRows(ctx, t, doc.id, false);
    return {
      identifier: doc.document_identifier!,
      number: doc.number!,
      numberAndNotation: doc.number_and_notation!,
      issuedAt: iso(doc.issued_at!),
      receivers: rows.map((r) => ({ code: r.receiver_code, name: r.receiver_name ?? r.receiver_code, channel: r.channel })),
    };
  }

  /** Signs the main PDF with the organization's keystore (R-OUT-1). Non-retryable when not configured. */
  async function signOnServer(doc: DocumentRow, pdf: Uint8Array): Promise<Uint8Array> {
    try {
      const signer = await loadOrganizationSigner(ctx.deps.trust.signingKeysDir, doc.organization_code);
      return await signPdf(pdf, {
        p12: signer.p12,
        passphrase: signer.passphrase,
        reason: 'Phát hành văn bản',
        location: await organizationName(ctx, null, doc.organization_code),
        // Signing is judged against the certificate's validity on the real clock.
        signingTime: new Date(),
      });
    } catch (err) {
      if (err instanceof SignatureError) {
        throw nonRetryable(err.message, err.code === 'SIGNER_NOT_CONFIGURED' ? 'SIGNING_KEY_MISSING' : err.code);
      }
      throw err;
    }
  }

  /** The main PDF must carry a valid signature (R-OUT-1, Article 10.1.a). */
  async function requireValidSignature(pdf: Uint8Array): Promise<PdfSignatureReport> {
    let anchors: Uint8Array[];
    try {
      anchors = (await loadTrustAnchors(ctx.deps.trust.trustAnchorsDir)).anchors;
    } catch (err) {
      if (err instanceof SignatureError) throw nonRetryable(err.message, err.code);
      throw err;
    }
    const report = await verifyPdfSignatures(pdf, { anchors });
    if (report.verdict !== 'valid') {
      const why = report.verdict === 'unsigned' ? 'tệp văn bản chính chưa được ký số' : `chữ ký số không hợp lệ: ${signatureProblems(report).join('; ')}`;
      throw nonRetryable(`Không thể phát hành văn bản khi ${why} (a valid digital signature is required to issue)`, 'SIGNATURE_REQUIRED', {
        verdict: report.verdict,
        problems: signatureProblems(report),
      });
    }
    return report;
  }

  /** The document (locked) and its row for the input's receiver, which must be one of its receivers. */
  async function receiverOf(t: Transaction, input: ReceiverEventInput): Promise<{ doc: DocumentRow; row: ReceiverRow }> {
    const doc = await loadDocument(ctx, t, input.documentId);
    const row = await receiverRow(ctx, t, doc.id, input.receiverCode);
    if (!row) throw nonRetryable(`${input.receiverCode} không phải nơi nhận của văn bản ${doc.id}`, 'INVALID_INPUT');
    return { doc, row };
  }

  return {
    async openSendingStep({ documentId, key }) {
      await ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, documentId);
        if (doc.direction !== 'outgoing') throw nonRetryable(`Văn bản ${documentId} không phải văn bản đi`, 'INVALID_INPUT');
        // The issue may come first (the clerk issues at once, or this is a retry after a lost
        // worker): the row lock orders the two, and an issued document needs no sending task.
        if (doc.status === 'draft') {
          await openDocumentTask(
            ctx,
            t,
            doc,
            { step: 'sending', assigneeRole: 'clerk', title: taskTitle('sending', doc) },
            { kind: 'sending_needed', title: 'Văn bản đã ký số, chờ phát hành', body: describeDocument(doc) },
            key,
          );
        }
        if (!(await hasHistory(ctx, t, documentId, 'signed'))) {
          await appendHistory(ctx, t, {
            documentId,
            at: doc.signed_at ?? ctx.now(),
            actorId: null,
            action: 'signed',
            status: doc.status,
            reason: 'Văn bản đã được ký số, chờ phát hành',
            details: { signedAt: iso(doc.signed_at) },
            key,
          });
        }
      });
    },

    async issueOutgoing(input: IssueInput) {
      const done = await storedResult<IssueResult>(ctx, null, input.key);
      if (done) return done;
      const draft = await loadDocument(ctx, null, input.documentId);
      if (draft.direction !== 'outgoing') throw nonRetryable(`Văn bản ${draft.id} không phải văn bản đi`, 'INVALID_INPUT');
      if (ISSUED_STATUSES.has(draft.status) && draft.document_identifier) return issuedResult(null, draft);
      if (draft.status !== 'draft') throw nonRetryable(`Không thể phát hành văn bản ở trạng thái "${draft.status}"`, 'INVALID_STATE');
      const main = (await documentFiles(ctx, draft.id)).find((f) => f.role === 'main');
      if (!main) throw nonRetryable('Văn bản chưa có tệp văn bản chính (no main PDF)', 'SIGNATURE_REQUIRED');
      // Signing and verifying are slow and need no lock: before the transaction.
      let pdf: Uint8Array = (await readFile(ctx.db, main.file_id)).bytes;
      if (input.signOnServer) pdf = await signOnServer(draft, pdf);
      const report = await requireValidSignature(pdf);
      const mainSignature = report.signatures[report.mainSignatureIndex ?? 0];

      return ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, input.documentId);
        if (!(await claim(ctx, t, input.key))) return (await storedResult<IssueResult>(ctx, t, input.key))!;
        if (ISSUED_STATUSES.has(doc.status) && doc.document_identifier) return issuedResult(t, doc);
        if (doc.status !== 'draft') throw nonRetryable(`Không thể phát hành văn bản ở trạng thái "${doc.status}"`, 'INVALID_STATE');
        if (input.signOnServer) {
          const stored = await storeFile(ctx.db, { name: main.original_name, bytes: pdf, mediaType: 'application/pdf' }, t);
          await ctx.exec(t, 'UPDATE document_files SET file_id = :fileId WHERE document_id = :id AND position = :position', { id: doc.id, position: main.position, fileId: stored.id });
        }

        const [org] = await ctx.select<{ name: string; short_name: string }>(t, 'SELECT name, short_name FROM organizations WHERE code = :code', { code: doc.organization_code });
        const type = await documentType(ctx, t, doc.type_code);
        const rows = await receiverRows(ctx, t, doc.id);
        const planned = await planReceivers(
          ctx,
          t,
          { organizationCode: doc.organization_code, typeCode: doc.type_code },
          rows.map((r) => r.receiver_code),
          Object.fromEntries(rows.map((r) => [r.receiver_code, r.receiver_name])),
        );

        // The register entry keeps its number and notation, and entries are immutable: lock the
        // counter and read the number the allocation below will hand out, so the snapshot can
        // carry it (the allocation takes the same lock, so nothing can slip in between).
        const year = registerYear(input.at);
        const counter = { org: doc.organization_code, year };
        await ctx.exec(t, "INSERT INTO register_counters (organization_code, register, year, next_number) VALUES (:org, 'outgoing', :year, 1) ON CONFLICT DO NOTHING", counter);
        const [{ next_number: predicted }] = await ctx.select<{ next_number: number }>(
          t,
          "SELECT next_number FROM register_counters WHERE organization_code = :org AND register = 'outgoing' AND year = :year FOR UPDATE",
          counter,
        );
        let numberAndNotation: string;
        let notation: string;
        try {
          numberAndNotation = doc.notation
            ? `${formatDocumentNumber(predicted)}/${doc.notation}`
            : composeNumberAndNotation({ number: predicted, typeAbbreviation: type?.abbreviation ?? null, organizationShortName: org.short_name });
          notation = numberAndNotation.slice(numberAndNotation.indexOf('/') + 1);
        } catch (err) {
          if (err instanceof NotationError) throw nonRetryable(err.message, 'INVALID_NOTATION', err.issues);
          throw err;
        }
        const attachments = (await documentFiles(ctx, doc.id, t)).filter((f) => f.role === 'attachment').map((f) => f.original_name);
        const details: RegisterEntryDetails = {
          ...registerEntryBasics(doc, type?.name ?? null),
          numberAndNotation,
          documentDate: doc.document_date ?? vietnamDate(Date.parse(input.at)),
          receivers: planned.map((r) => ({ code: r.code, name: r.name })),
          attachments,
          notes: doc.notes,
        };
        const allocation = await allocateRegisterEntry(ctx, t, {
          organizationCode: doc.organization_code,
          register: 'outgoing',
          at: input.at,
          idempotencyKey: input.key,
          documentId: doc.id,
          registeredBy: input.actorId,
          details,
        });
        // Cannot differ while we hold the counter's lock; if it ever did, roll back and retry.
        if (allocation.number !== predicted) throw new Error(`outgoing number ${allocation.number} differs from the locked counter ${predicted}`);

        const issuedAt = iso(input.at);
        await ctx.exec(
          t,
          `UPDATE documents SET number = :number, notation = :notation, number_and_notation = :numberAndNotation, document_identifier = :identifier,
                  register_number = :number, document_date = coalesce(document_date, CAST(:documentDate AS date)), status = 'issued',
                  issued_at = CAST(:issuedAt AS timestamptz), legal_validity = :legalValidity, signature = CAST(:signature AS jsonb),
                  signed_at = CASE WHEN :signedOnServer THEN CAST(:signingTime AS timestamptz) ELSE coalesce(signed_at, CAST(:signingTime AS timestamptz)) END,
                  updated_at = now()
            WHERE id = :id`,
          {
            id: doc.id,
            number: allocation.number,
            notation,
            numberAndNotation,
            identifier: allocation.identifier,
            documentDate: details.documentDate,
            issuedAt,
            legalValidity: report.legalValidity,
            signature: JSON.stringify(report),
            signedOnServer: input.signOnServer,
            signingTime: mainSignature?.signingTime ?? issuedAt,
          },
        );
        // The edXML DocumentId (SPEC §8): <OrganId>,<yyyy/MM/dd>,<Number>/<Notation>.
        await ctx.exec(
          t,
          `UPDATE documents SET edxml_document_id = organization_code || ',' || to_char(document_date, 'YYYY/MM/DD') || ',' || number_and_notation WHERE id = :id`,
          { id: doc.id },
        );
        await refreshSearchText(ctx, t, doc.id);
        for (const r of planned) {
          await ctx.exec(
            t,
            `UPDATE document_receivers SET channel = :channel, receiver_name = :name, status = :status, status_code = NULL, status_at = CAST(:at AS timestamptz), reason = NULL
              WHERE document_id = :id AND receiver_code = :code`,
            { id: doc.id, code: r.code, name: r.name, channel: r.channel, status: initialDeliveryStatus(r.channel), at: issuedAt },
          );
        }
        await closeTasks(ctx, t, { documentId: doc.id, steps: ['sending'] }, { status: 'done', at: issuedAt, actorId: input.actorId });
        await refreshOverdue(ctx, t, doc.id);
        const result: IssueResult = { identifier: allocation.identifier!, number: allocation.number, numberAndNotation, issuedAt, receivers: planned };
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at: issuedAt,
          actorId: input.actorId,
          action: 'issued',
          status: 'issued',
          reason: `Phát hành văn bản số ${numberAndNotation}, mã định danh ${allocation.identifier}`,
          details: {
            signedOnServer: input.signOnServer,
            signer: mainSignature?.signer?.commonName ?? null,
            legalValidity: report.legalValidity,
            result,
          },
          key: input.key,
        });
        return result;
      });
    },

    async recordSent(input) {
      await ctx.transaction(async (t) => {
        const { doc, row } = await receiverOf(t, input);
        await ctx.exec(
          t,
          `UPDATE document_receivers SET sent_at = coalesce(sent_at, CAST(:at AS timestamptz)),
                  status_at = CASE WHEN status = 'pending' THEN CAST(:at AS timestamptz) ELSE status_at END,
                  status = CASE WHEN status = 'pending' THEN 'sent' ELSE status END
            WHERE document_id = :id AND receiver_code = :code`,
          { id: doc.id, code: input.receiverCode, at: input.at },
        );
        await ctx.exec(t, 'UPDATE documents SET sent_at = coalesce(sent_at, CAST(:at AS timestamptz)), updated_at = now() WHERE id = :id', { id: doc.id, at: input.at });
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at: input.at,
          actorId: null,
          action: 'sent',
          status: doc.status,
          reason: `Đã gửi tới ${row.receiver_name ?? row.receiver_code}`,
          details: { receiverCode: row.receiver_code, receiverName: row.receiver_name, channel: row.channel },
          key: input.key,
        });
      });
    },

    async openPaperDispatch(input) {
      await ctx.transaction(async (t) => {
        const { doc, row } = await receiverOf(t, input);
        if (!(await claim(ctx, t, input.key))) return;
        await ctx.exec(t, "UPDATE document_receivers SET paper_status = coalesce(paper_status, 'pending') WHERE document_id = :id AND receiver_code = :code", {
          id: doc.id,
          code: input.receiverCode,
        });
        const name = row.receiver_name ?? row.receiver_code;
        await openPaperTask(ctx, t, doc, 'paper_dispatch', input, name, {
          kind: 'paper_dispatch_needed',
          title: 'Cần gửi bản giấy',
          body: `Gửi bản giấy văn bản ${describeDocument(doc)} tới ${name}.`,
        });
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at: input.at,
          actorId: null,
          action: 'paper_dispatch_requested',
          status: doc.status,
          reason: `Cần gửi bản giấy tới ${name}`,
          details: { receiverCode: input.receiverCode, receiverName: name, channel: row.channel },
          key: input.key,
        });
      });
    },

    async recordPaperDispatched(input) {
      await ctx.transaction(async (t) => {
        const { doc, row } = await receiverOf(t, input);
        if (!(await claim(ctx, t, input.key))) return;
        const paperOnly = row.channel === 'paper';
        await ctx.exec(
          t,
          `UPDATE document_receivers SET paper_status = 'dispatched', paper_dispatched_at = CAST(:at AS timestamptz),
                  status = CASE WHEN :paperOnly THEN 'paper_sent' ELSE status END,
                  status_at = CASE WHEN :paperOnly THEN CAST(:at AS timestamptz) ELSE status_at END,
                  sent_at = CASE WHEN :paperOnly THEN coalesce(sent_at, CAST(:at AS timestamptz)) ELSE sent_at END
            WHERE document_id = :id AND receiver_code = :code`,
          { id: doc.id, code: input.receiverCode, at: input.at, paperOnly },
        );
        if (paperOnly) await ctx.exec(t, 'UPDATE documents SET sent_at = coalesce(sent_at, CAST(:at AS timestamptz)), updated_at = now() WHERE id = :id', { id: doc.id, at: input.at });
        await closeTasks(ctx, t, { documentId: doc.id, steps: ['paper_dispatch'], receiverCode: input.receiverCode }, { status: 'done', at: input.at, actorId: input.actorId, result: input.note ?? null });
        await refreshOverdue(ctx, t, doc.id);
        const name = row.receiver_name ?? row.receiver_code;
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at: input.at,
          actorId: input.actorId,
          action: 'paper_dispatched',
          status: doc.status,
          reason: input.note ? `Đã gửi bản giấy tới ${name}: ${input.note}` : `Đã gửi bản giấy tới ${name}`,
          details: { receiverCode: input.receiverCode, receiverName: name, channel: row.channel, note: input.note ?? null },
          key: input.key,
        });
      });
    },
  };
}
