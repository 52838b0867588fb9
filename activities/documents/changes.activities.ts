/**
 * Recall, update and replace of an issued document, sender side (R-RCL-1..3): the sender's
 * document and receivers are marked (13), the receivers to ask are planned with their incoming
 * process, receivers without a running process are answered directly, paper copies that already
 * left are retrieved, and every answer (15 / 16) is recorded where the sender sees it.
 */
import { RECALL_STATUS_CODES } from '../../domain/document-status';
import { CHANGE_LABELS_VI, type DeliveryChannel } from '../../domain/documents';
import { workflowIds } from '../../workflows/definitions';
import { applyAgreedChange, recordChangeAnswered } from './change-apply';
import { claim, nonRetryable, storedResult, type Ctx } from './context';
import type { ChangeAnswer, ChangeTarget, DocumentActivities, StartChangeResult } from './contract';
import { appendHistory } from './history';
import { initialDeliveryStatus, planReceivers, receiverRow, receiverRows } from './receivers';
import { applyMetadataChanges, describeDocument, findIncomingCopy, loadDocument } from './rows';
import { aboutDocument, closeTasks, notifyRole, openPaperTask, refreshOverdue } from './tasks';

type ChangeActivities = Pick<DocumentActivities, 'startChange' | 'applyChangeWithoutProcess' | 'openPaperRecall' | 'recordChangeAnswer'>;

/** Receivers reached electronically inside the installation have an incoming process. */
const hasIncomingProcess = (channel: DeliveryChannel) => channel === 'internal' || channel === 'both';

export function createChangeActivities(ctx: Ctx): ChangeActivities {
  return {
    async startChange(input) {
      return ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, input.documentId);
        if (!(await claim(ctx, t, input.key))) return (await storedResult<StartChangeResult>(ctx, t, input.key))!;
        if (doc.direction !== 'outgoing' || doc.status !== 'issued') {
          throw nonRetryable(`Chỉ ${CHANGE_LABELS_VI[input.kind].toLowerCase()} được văn bản đã phát hành (status ${doc.status})`, 'INVALID_STATE', { status: doc.status });
        }
        const withdraw = input.kind !== 'update';
        let status = doc.status;
        if (input.kind === 'recall') {
          status = 'recalled';
          await ctx.exec(t, "UPDATE documents SET status = 'recalled', recall_reason = :reason, recalled_at = CAST(:at AS timestamptz), updated_at = now() WHERE id = :id", {
            id: doc.id,
            reason: input.reason,
            at: input.at,
          });
        } else if (input.kind === 'replace') {
          status = 'replaced';
          await ctx.exec(t, "UPDATE documents SET status = 'replaced', replaced_by_id = CAST(:replacementId AS uuid), recall_reason = :reason, updated_at = now() WHERE id = :id", {
            id: doc.id,
            reason: input.reason,
            replacementId: input.replacementId,
          });
        } else {
          await applyMetadataChanges(ctx, t, doc, input.changes);
        }

        // Receivers already recalled (removed by an earlier update) are not asked again.
        const rows = (await receiverRows(ctx, t, doc.id)).filter((r) => r.status !== 'recalled');
        const removed = new Set(input.kind === 'update' ? input.removeReceivers : []);
        const targets: ChangeTarget[] = rows.map((r) => ({
          code: r.receiver_code,
          channel: r.channel,
          kind: input.kind === 'update' && removed.has(r.receiver_code) ? 'recall' : input.kind,
          incomingWorkflowId: hasIncomingProcess(r.channel) ? workflowIds.incoming(r.receiver_code, doc.id) : null,
          paperDispatched: r.channel === 'paper' && r.paper_status === 'dispatched',
        }));
        for (const target of targets) {
          await ctx.exec(
            t,
            `UPDATE document_receivers SET change_kind = :kind, change_code = :code, change_reason = :reason, change_at = CAST(:at AS timestamptz)
              WHERE document_id = :id AND receiver_code = :receiver`,
            { id: doc.id, receiver: target.code, kind: target.kind, code: RECALL_STATUS_CODES.requested, reason: input.reason, at: input.at },
          );
        }
        // Paper copies not yet dispatched to withdrawn receivers are not sent at all.
        const withdrawn = targets.filter((x) => x.kind !== 'update').map((x) => x.code);
        if (withdrawn.length) {
          await ctx.exec(t, "UPDATE document_receivers SET paper_status = 'cancelled' WHERE document_id = :id AND receiver_code IN (:codes) AND paper_status = 'pending'", {
            id: doc.id,
            codes: withdrawn,
          });
          for (const code of withdrawn) {
            await closeTasks(ctx, t, { documentId: doc.id, steps: ['paper_dispatch'], receiverCode: code }, { status: 'cancelled', at: input.at, actorId: input.actorId });
          }
        }
        if (withdraw) await closeTasks(ctx, t, { documentId: doc.id, steps: ['sending', 'paper_dispatch'] }, { status: 'cancelled', at: input.at, actorId: input.actorId });
        await refreshOverdue(ctx, t, doc.id);

        let added: StartChangeResult['added'] = [];
        if (input.kind === 'update') {
          const known = new Set(rows.map((r) => r.receiver_code));
          const codes = [...new Set(input.addReceivers)].filter((c) => !known.has(c) && c !== doc.organization_code);
          added = await planReceivers(ctx, t, { organizationCode: doc.organization_code, typeCode: doc.type_code }, codes);
          for (const r of added) {
            // A receiver removed earlier and added again starts over.
            await ctx.exec(
              t,
              `INSERT INTO document_receivers (document_id, receiver_code, receiver_name, channel, status, status_at)
               VALUES (:id, :code, :name, :channel, :status, CAST(:at AS timestamptz))
               ON CONFLICT (document_id, receiver_code) DO UPDATE
                 SET receiver_name = EXCLUDED.receiver_name, channel = EXCLUDED.channel, status = EXCLUDED.status, status_at = EXCLUDED.status_at,
                     status_code = NULL, reason = NULL, sent_at = NULL, paper_status = NULL, paper_dispatched_at = NULL,
                     change_kind = NULL, change_code = NULL, change_reason = NULL, change_at = NULL`,
              { id: doc.id, code: r.code, name: r.name, channel: r.channel, status: initialDeliveryStatus(r.channel), at: input.at },
            );
          }
        }

        const result: StartChangeResult = { targets, added };
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at: input.at,
          actorId: input.actorId,
          action: 'change_requested',
          status,
          statusCode: RECALL_STATUS_CODES.requested,
          reason: input.reason,
          details: {
            kind: input.kind,
            changes: input.changes,
            replacementId: input.replacementId,
            addReceivers: added.map((r) => r.code),
            removeReceivers: [...removed],
            result,
          },
          key: input.key,
        });
        return result;
      });
    },

    async applyChangeWithoutProcess(input) {
      return ctx.transaction(async (t) => {
        const copy = await findIncomingCopy(ctx, t, input.receiverCode, input.sourceDocumentId);
        // In transit or never delivered: the arrival will see the change on the source (sourceRecalled).
        if (!copy) return { agree: true, reason: 'chưa đến nơi nhận' };
        if (!(await claim(ctx, t, input.key))) return (await storedResult<ChangeAnswer>(ctx, t, input.key))!;
        const applied = await applyAgreedChange(ctx, t, copy, {
          kind: input.kind,
          reason: input.reason,
          changes: input.changes,
          replacementId: input.replacementId,
          actorId: null,
          at: input.at,
          key: input.key,
        });
        const answer: ChangeAnswer = applied
          ? { agree: true, reason: null }
          : { agree: true, reason: copy.status === 'refused' ? 'văn bản đã bị từ chối nhận, không còn xử lý' : 'văn bản đã được thu hồi trước đó' };
        await closeTasks(ctx, t, { documentId: copy.id, steps: ['recall_answer'] }, { status: 'done', at: input.at, actorId: null });
        await ctx.exec(t, 'UPDATE documents SET pending_change = NULL WHERE id = :id', { id: copy.id });
        await recordChangeAnswered(ctx, t, copy.id, {
          at: input.at,
          actorId: null,
          statusCode: RECALL_STATUS_CODES.agreed,
          reason: answer.reason,
          details: { kind: input.kind, agree: true, senderReason: input.reason, replacementId: input.replacementId, direct: true, result: answer },
          key: input.key,
        });
        return answer;
      });
    },

    async openPaperRecall(input) {
      await ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, input.documentId);
        const row = await receiverRow(ctx, t, doc.id, input.receiverCode);
        if (!(await claim(ctx, t, input.key))) return;
        const name = row?.receiver_name ?? input.receiverCode;
        await openPaperTask(ctx, t, doc, 'paper_recall', input, name, {
          kind: 'paper_recall_needed',
          title: 'Cần thu hồi bản giấy',
          body: `Thu hồi bản giấy văn bản ${describeDocument(doc)} đã gửi tới ${name}.`,
        });
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at: input.at,
          actorId: null,
          action: 'paper_recall_requested',
          status: doc.status,
          reason: `Cần thu hồi bản giấy đã gửi tới ${name}`,
          details: { receiverCode: input.receiverCode, receiverName: name },
          key: input.key,
        });
      });
    },

    async recordChangeAnswer(input) {
      await ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, input.documentId);
        const row = await receiverRow(ctx, t, doc.id, input.receiverCode);
        if (!(await claim(ctx, t, input.key))) return;
        const code = input.agree ? RECALL_STATUS_CODES.agreed : RECALL_STATUS_CODES.refused;
        const recalled = input.agree && input.kind !== 'update';
        await ctx.exec(
          t,
          `UPDATE document_receivers SET change_code = :code, change_reason = :reason, change_at = CAST(:at AS timestamptz),
                  status = CASE WHEN :recalled THEN 'recalled' ELSE status END,
                  status_at = CASE WHEN :recalled THEN CAST(:at AS timestamptz) ELSE status_at END
            WHERE document_id = :id AND receiver_code = :receiver`,
          { id: doc.id, receiver: input.receiverCode, code, reason: input.reason, at: input.at, recalled },
        );
        await closeTasks(ctx, t, { documentId: doc.id, steps: ['paper_recall'], receiverCode: input.receiverCode }, { status: 'done', at: input.at, actorId: input.actorId });
        await refreshOverdue(ctx, t, doc.id);
        const name = row?.receiver_name ?? input.receiverCode;
        const what = CHANGE_LABELS_VI[input.kind].toLowerCase();
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at: input.at,
          actorId: input.actorId,
          action: 'change_answered',
          status: doc.status,
          statusCode: code,
          reason: input.agree ? (input.reason ?? `${name} đồng ý ${what}`) : `${name} từ chối ${what}: ${input.reason ?? ''}`.trim(),
          details: { receiverCode: input.receiverCode, receiverName: name, kind: input.kind, agree: input.agree, reason: input.reason },
          key: input.key,
        });
        if (!input.agree) {
          const notice = aboutDocument(doc.id, input.key, {
            kind: 'change_refused',
            title: `Nơi nhận từ chối ${what} văn bản`,
            body: `${name} từ chối ${what} văn bản ${describeDocument(doc)}. Lý do: ${input.reason ?? 'không nêu'}`,
          });
          await notifyRole(ctx, t, [doc.organization_code], ['clerk'], notice);
        }
      });
    },
  };
}
