/**
 * The receiver's side of a document (R-REC-1..5, R-ROUTE-1..2, R-DOC-3, R-RCL-1..3): arrival with
 * the receipt time of R-CAL-3, receipt checks, acceptance into the incoming register, refusal,
 * routing by the organization's rules, assignment, completion, the paper copy, and answers to
 * change requests. Every status change of a copy of an internal document is reported to its
 * sender, code by code.
 */
import type { Transaction } from 'sequelize';
import type { Role } from '../../db/models';
import { nextOfficeHoursStart } from '../../domain/calendar';
import { EDXML_STATUS_CODES, INCOMING_STATUS_LABELS_VI, RECALL_STATUS_CODES, statusCodesToReport, type IncomingStatus } from '../../domain/document-status';
import { CHANGE_LABELS_VI } from '../../domain/documents';
import type { RegisterEntryDetails } from '../../domain/registers';
import { selectRoute, type RoutingRule, type RoutingTarget } from '../../domain/routing';
import { queueStatusesToPeer } from '../interop/status-queue';
import { calendarFor } from './calendar';
import { applyAgreedChange, recordChangeAnswered } from './change-apply';
import { allocateRegisterEntry, claim, iso, nonRetryable, storedResult, type Ctx } from './context';
import type { ArrivalResult, DocumentActivities, RecordArrivalInput, RouteResult } from './contract';
import { appendHistory } from './history';
import { receiverRow, reportToSender } from './receivers';
import { runChecks } from './receipt-checks';
import {
  describeDocument,
  documentType,
  findIncomingCopy,
  loadDocument,
  organizationName,
  refreshSearchText,
  registerEntryBasics,
  SEARCH_TEXT_SQL,
  type DocumentRow,
} from './rows';
import { aboutDocument, cancelOpenTasks, closeTasks, notifyRole, notifyTaskAssignees, notifyUsers, openDocumentTask, openTask, openTaskIds, refreshOverdue, taskTitle } from './tasks';

type IncomingActivities = Pick<
  DocumentActivities,
  | 'recordArrival'
  | 'runReceiptChecks'
  | 'acceptIncoming'
  | 'refuseIncoming'
  | 'routeIncoming'
  | 'assignHandlers'
  | 'completeIncoming'
  | 'recordPaperReceived'
  | 'remindPaperReceipt'
  | 'openChangeAnswer'
  | 'applyChange'
>;

function invalidState(doc: DocumentRow, what: string): Error {
  const label = INCOMING_STATUS_LABELS_VI[doc.status as IncomingStatus] ?? doc.status;
  return nonRetryable(`Không thể ${what} văn bản ở trạng thái "${label}" (invalid state ${doc.status})`, 'INVALID_STATE', { documentId: doc.id, status: doc.status });
}

/** Current versions of an organization's routing rules (R-ROUTE-1); a rule keeps the age of its first version. */
async function routingRules(ctx: Ctx, t: Transaction, orgCode: string): Promise<RoutingRule[]> {
  const rows = await ctx.select<Omit<RoutingRule, 'createdAt'> & { createdAt: Date }>(
    t,
    `SELECT r.id, r.version, r.name, r.priority, r.is_default AS "isDefault", r.active, r.match, r.target,
            (SELECT min(x.created_at) FROM routing_rules x WHERE x.id = r.id) AS "createdAt"
       FROM (SELECT DISTINCT ON (id) * FROM routing_rules WHERE organization_code = :orgCode ORDER BY id, version DESC) r`,
    { orgCode },
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

/** Why a target cannot take documents of `orgCode` (unknown, inactive, another organization), or null; and its display name. */
async function checkTarget(ctx: Ctx, t: Transaction, orgCode: string, target: RoutingTarget): Promise<{ problem: string | null; name: string | null }> {
  if (target.kind === 'department') {
    const [d] = await ctx.select<{ name: string }>(t, 'SELECT name FROM departments WHERE id = CAST(:id AS uuid) AND organization_code = :orgCode', {
      id: isUuid(target.departmentId) ? target.departmentId : null,
      orgCode,
    });
    return d ? { problem: null, name: d.name } : { problem: `Phòng ban ${target.departmentId} không thuộc cơ quan ${orgCode}`, name: null };
  }
  const [u] = await ctx.select<{ full_name: string; roles: Role[] }>(t, 'SELECT full_name, roles FROM users WHERE id = CAST(:id AS uuid) AND active AND organization_code = :orgCode', {
    id: isUuid(target.userId) ? target.userId : null,
    orgCode,
  });
  if (!u) return { problem: `Người dùng ${target.userId} không còn hoạt động tại cơ quan ${orgCode}`, name: null };
  if (target.kind === 'leader' && !u.roles.includes('leader')) return { problem: `${u.full_name} không có vai trò lãnh đạo`, name: u.full_name };
  return { problem: null, name: u.full_name };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);

export function createIncomingActivities(ctx: Ctx): IncomingActivities {
  function arrivalResult(doc: DocumentRow, sourceRecalled: boolean): ArrivalResult {
    return {
      documentId: doc.id,
      organizationCode: doc.organization_code,
      receivedAt: iso(doc.received_at ?? ctx.now()),
      urgency: doc.urgency,
      paperAccompanies: doc.intake === 'paper_accompanies',
      sourceRecalled,
      documentDueAt: iso(doc.due_at),
      sourcePeerId: doc.source_peer_id ?? null,
    };
  }

  /** History 01, the reception task (and the paper-receipt task) and the clerks' notification. */
  async function announceArrival(t: Transaction, doc: DocumentRow, input: RecordArrivalInput, arrivedAt: Date): Promise<void> {
    const fresh = await appendHistory(ctx, t, {
      documentId: doc.id,
      at: doc.received_at ?? arrivedAt,
      actorId: null,
      action: 'arrived',
      status: 'arrived',
      statusCode: EDXML_STATUS_CODES.arrived,
      details: { sourceDocumentId: doc.source_document_id, senderCode: doc.sender_code, senderName: doc.sender_name, intake: doc.intake, arrivedAt: iso(arrivedAt), receivedAt: iso(doc.received_at) },
      key: input.key,
    });
    if (!fresh) return;
    await reportToSender(ctx, t, doc, [EDXML_STATUS_CODES.arrived], { at: iso(arrivedAt), actorId: null, key: input.key });
    const base = { documentId: doc.id, organizationCode: doc.organization_code, urgency: doc.urgency, workflowId: input.workflowId, assigneeRole: 'clerk' as const };
    await openTask(ctx, t, { ...base, step: 'reception', title: taskTitle('reception', doc), key: `${input.key}:task` });
    if (doc.intake === 'paper_accompanies') {
      await openTask(ctx, t, { ...base, step: 'paper_receipt', title: taskTitle('paper_receipt', doc), key: `${input.key}:paper-task` });
    }
    const notice = aboutDocument(doc.id, input.key, {
      kind: 'document_arrived',
      title: doc.intake === 'paper_accompanies' ? 'Văn bản đến mới (kèm bản giấy)' : 'Văn bản đến mới',
      body: `${doc.sender_name ?? 'Văn bản giấy'}: ${describeDocument(doc)}`,
    });
    await notifyRole(ctx, t, [doc.organization_code], ['clerk'], notice);
  }

  async function sourceRecalled(t: Transaction, sourceId: string, receiverCode: string): Promise<boolean> {
    const source = await loadDocument(ctx, t, sourceId, false);
    const row = await receiverRow(ctx, t, sourceId, receiverCode);
    return source.status === 'recalled' || row?.change_kind === 'recall';
  }

  return {
    async recordArrival(input) {
      const arrivedAt = ctx.now();
      // R-CAL-3: outside office hours it counts as received when they next start.
      const receivedAt = new Date(nextOfficeHoursStart(await calendarFor(ctx, input.receiverCode, arrivedAt), arrivedAt));
      return ctx.transaction(async (t) => {
        // Only to queue concurrent attempts: every write below is keyed, and a retry returns the document.
        await claim(ctx, t, input.key);
        if (input.incomingDocumentId) {
          // Plain paper intake (R-REC-5): the clerk entered the document; announce it once.
          const doc = await loadDocument(ctx, t, input.incomingDocumentId);
          if (doc.direction !== 'incoming' || doc.organization_code !== input.receiverCode) {
            throw nonRetryable(`Văn bản ${doc.id} không phải văn bản đến của ${input.receiverCode}`, 'INVALID_INPUT');
          }
          await ctx.exec(
            t,
            `UPDATE documents SET received_at = coalesce(received_at, CAST(:receivedAt AS timestamptz)), workflow_id = coalesce(workflow_id, :workflowId),
                    search_text = coalesce(search_text, ${SEARCH_TEXT_SQL})
              WHERE id = :id`,
            { id: doc.id, receivedAt: receivedAt.toISOString(), workflowId: input.workflowId },
          );
          const current = await loadDocument(ctx, t, doc.id);
          await announceArrival(t, current, input, arrivedAt);
          return arrivalResult(current, false);
        }
        if (!input.sourceDocumentId) throw nonRetryable('Thiếu văn bản nguồn (sourceDocumentId or incomingDocumentId required)', 'INVALID_INPUT');
        const sourceId = input.sourceDocumentId;
        const existing = await findIncomingCopy(ctx, t, input.receiverCode, sourceId);
        // A duplicate delivery is the same document (R-REC-4).
        if (existing) return arrivalResult(existing, await sourceRecalled(t, sourceId, input.receiverCode));
        const source = await loadDocument(ctx, t, sourceId, false);
        if (source.direction !== 'outgoing') throw nonRetryable(`Văn bản ${sourceId} không phải văn bản đi`, 'INVALID_INPUT');
        const row = await receiverRow(ctx, t, sourceId, input.receiverCode);
        const [created] = await ctx.select<{ id: string }>(
          t,
          `INSERT INTO documents (direction, organization_code, document_identifier, source_document_id, number, notation, number_and_notation,
                                  document_date, type_code, field, summary, signer_position, signer_name, urgency, sender_code, sender_name,
                                  sent_at, received_at, due_at, copies, page_count, status, intake, workflow_id)
           SELECT 'incoming', :receiverCode, s.document_identifier, s.id, s.number, s.notation, s.number_and_notation,
                  s.document_date, s.type_code, s.field, s.summary, s.signer_position, s.signer_name, s.urgency, s.organization_code, o.name,
                  coalesce(CAST(:sentAt AS timestamptz), s.sent_at, s.issued_at, CAST(:arrivedAt AS timestamptz)), CAST(:receivedAt AS timestamptz),
                  s.due_at, s.copies, s.page_count, 'arrived', :intake, :workflowId
             FROM documents s JOIN organizations o ON o.code = s.organization_code
            WHERE s.id = :sourceId
           ON CONFLICT (organization_code, source_document_id) WHERE direction = 'incoming' DO NOTHING
           RETURNING id`,
          {
            receiverCode: input.receiverCode,
            sourceId,
            sentAt: row?.sent_at ? row.sent_at.toISOString() : null,
            arrivedAt: arrivedAt.toISOString(),
            receivedAt: receivedAt.toISOString(),
            intake: row?.channel === 'both' ? 'paper_accompanies' : 'electronic',
            workflowId: input.workflowId,
          },
        );
        if (!created) {
          // Another key delivered it meanwhile.
          return arrivalResult((await findIncomingCopy(ctx, t, input.receiverCode, sourceId))!, await sourceRecalled(t, sourceId, input.receiverCode));
        }
        // Files are immutable and content-addressed: the copy shares them.
        await ctx.exec(t, 'INSERT INTO document_files (document_id, position, file_id, role) SELECT :id, position, file_id, role FROM document_files WHERE document_id = :sourceId', {
          id: created.id,
          sourceId,
        });
        await refreshSearchText(ctx, t, created.id);
        const doc = await loadDocument(ctx, t, created.id);
        await announceArrival(t, doc, input, arrivedAt);
        return arrivalResult(doc, source.status === 'recalled' || row?.change_kind === 'recall');
      });
    },

    async runReceiptChecks({ documentId, key }) {
      const done = await storedResult<Awaited<ReturnType<DocumentActivities['runReceiptChecks']>>>(ctx, null, key);
      if (done) return done;
      // Reading and verifying files is slow: outside the transaction, which only records the verdict.
      const doc = await loadDocument(ctx, null, documentId);
      const { checks, signature, signedAt } = await runChecks(ctx, doc);
      return ctx.transaction(async (t) => {
        const current = await loadDocument(ctx, t, documentId);
        if (!(await claim(ctx, t, key))) return (await storedResult<typeof checks>(ctx, t, key))!;
        await ctx.exec(
          t,
          `UPDATE documents SET checks = CAST(:checks AS jsonb), signature = CAST(:signature AS jsonb), legal_validity = :legalValidity,
                  signed_at = coalesce(signed_at, CAST(:signedAt AS timestamptz)), updated_at = now()
            WHERE id = :id`,
          { id: documentId, checks: JSON.stringify(checks), signature: signature ? JSON.stringify(signature) : null, legalValidity: checks.legalValidity, signedAt },
        );
        await appendHistory(ctx, t, {
          documentId,
          at: ctx.now(),
          actorId: null,
          action: 'checked',
          status: current.status,
          reason: checks.ok ? 'Kiểm tra tự động: đạt' : `Kiểm tra tự động: không đạt (${checks.checks.filter((c) => c.outcome === 'failed').map((c) => c.check).join(', ')}), đề xuất trả lại`,
          details: { outcomes: Object.fromEntries(checks.checks.map((c) => [c.check, c.outcome])), result: checks },
          key,
        });
        return checks;
      });
    },

    async acceptIncoming(input) {
      return ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, input.documentId);
        const fresh = await claim(ctx, t, input.key);
        // Registered exactly once (R-REC-4): a retry, or a second acceptance, gets the number it has.
        if (doc.register_number !== null && (!fresh || doc.status !== 'arrived')) return { registerNumber: doc.register_number };
        if (doc.status !== 'arrived') throw invalidState(doc, 'tiếp nhận');
        const type = await documentType(ctx, t, doc.type_code);
        const details: RegisterEntryDetails = {
          ...registerEntryBasics(doc, type?.name ?? null),
          arrivedAt: iso(doc.received_at ?? input.at),
          senderCode: doc.sender_code,
          senderName: doc.sender_name,
          numberAndNotation: doc.number_and_notation,
          documentDate: doc.document_date,
          storagePlace: doc.storage_place,
          notes: input.note ?? null,
        };
        const allocation = await allocateRegisterEntry(ctx, t, {
          organizationCode: doc.organization_code,
          register: 'incoming',
          at: input.at,
          idempotencyKey: input.key,
          documentId: doc.id,
          registeredBy: input.actorId,
          details,
        });
        await ctx.exec(t, "UPDATE documents SET register_number = :n, status = 'accepted', updated_at = now() WHERE id = :id", { id: doc.id, n: allocation.number });
        await closeTasks(ctx, t, { documentId: doc.id, steps: ['reception'] }, { status: 'done', at: input.at, actorId: input.actorId });
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at: input.at,
          actorId: input.actorId,
          action: 'accepted',
          status: 'accepted',
          statusCode: EDXML_STATUS_CODES.accepted,
          reason: input.note ?? null,
          details: { registerNumber: allocation.number, registerYear: allocation.year, legalValidity: doc.legal_validity },
          key: input.key,
        });
        await reportToSender(ctx, t, doc, statusCodesToReport('arrived', 'accepted'), { at: input.at, actorId: input.actorId, key: input.key });
        return { registerNumber: allocation.number };
      });
    },

    async refuseIncoming(input) {
      await ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, input.documentId);
        if (!(await claim(ctx, t, input.key))) return;
        if (doc.status !== 'arrived') throw invalidState(doc, 'từ chối nhận');
        await ctx.exec(t, "UPDATE documents SET status = 'refused', updated_at = now() WHERE id = :id", { id: doc.id });
        await closeTasks(ctx, t, { documentId: doc.id, steps: ['reception'] }, { status: 'done', at: input.at, actorId: input.actorId, result: input.reason });
        await cancelOpenTasks(ctx, t, doc.id, { at: input.at, actorId: input.actorId });
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at: input.at,
          actorId: input.actorId,
          action: 'refused',
          status: 'refused',
          statusCode: EDXML_STATUS_CODES.refused,
          reason: input.reason,
          key: input.key,
        });
        await reportToSender(ctx, t, doc, [EDXML_STATUS_CODES.refused], { at: input.at, actorId: input.actorId, reason: input.reason, key: input.key });
        if (doc.source_document_id && doc.sender_code) {
          const receiverName = await organizationName(ctx, t, doc.organization_code);
          const notice = aboutDocument(doc.source_document_id, input.key, {
            kind: 'document_refused',
            title: 'Văn bản bị trả lại',
            body: `${receiverName} đã từ chối nhận văn bản ${describeDocument(doc)}. Lý do: ${input.reason}`,
          });
          await notifyRole(ctx, t, [doc.sender_code], ['clerk'], notice);
        }
      });
    },

    async routeIncoming(input) {
      return ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, input.documentId);
        if (!(await claim(ctx, t, input.key))) return (await storedResult<RouteResult>(ctx, t, input.key))!;
        if (doc.status !== 'accepted' && doc.status !== 'routed') throw invalidState(doc, 'chuyển xử lý');
        const actorId = input.manual?.actorId ?? null;
        let target: RoutingTarget | null = null;
        let rule: RouteResult['rule'] = null;
        let reasons: string[] = [];
        let targetName: string | null = null;
        let ruleProblem: string | null = null;
        if (input.manual) {
          const checked = await checkTarget(ctx, t, doc.organization_code, input.manual.target);
          if (checked.problem) throw nonRetryable(`Nơi chuyển không hợp lệ: ${checked.problem}`, 'INVALID_TARGET');
          target = input.manual.target;
          targetName = checked.name;
          reasons = ['chuyển theo lựa chọn của người xử lý'];
        } else {
          const decision = selectRoute(await routingRules(ctx, t, doc.organization_code), {
            senderCode: doc.sender_code,
            typeCode: doc.type_code,
            field: doc.field,
            urgency: doc.urgency,
            summary: doc.summary,
          });
          if (decision) {
            const checked = await checkTarget(ctx, t, doc.organization_code, decision.target);
            if (checked.problem) ruleProblem = `Quy tắc "${decision.rule.name}" (phiên bản ${decision.rule.version}) không áp dụng được: ${checked.problem}`;
            else {
              target = decision.target;
              targetName = checked.name;
              reasons = decision.reasons;
              rule = { id: decision.rule.id, version: decision.rule.version, name: decision.rule.name, reasons };
            }
          }
        }

        if (!target) {
          // No rule fired and no default (or the rule points nowhere): a person routes it.
          const result: RouteResult = { routed: false, rule: null, target: null, autoHandlerId: null };
          await openDocumentTask(
            ctx,
            t,
            doc,
            { step: 'routing', assigneeRole: 'clerk', title: taskTitle('routing', doc) },
            {
              kind: 'routing_needed',
              title: 'Văn bản cần chuyển xử lý',
              body: `Không có quy tắc chuyển nào áp dụng cho văn bản ${describeDocument(doc)}; cần chọn nơi xử lý.`,
            },
            input.key,
          );
          await appendHistory(ctx, t, {
            documentId: doc.id,
            at: input.at,
            actorId,
            action: 'routing_needed',
            status: doc.status,
            reason: ruleProblem ?? 'Không có quy tắc chuyển xử lý nào áp dụng (no routing rule matched)',
            details: { result },
            key: input.key,
          });
          return result;
        }

        const result: RouteResult = { routed: true, rule, target, autoHandlerId: target.kind === 'user' ? target.userId : null };
        await closeTasks(ctx, t, { documentId: doc.id, steps: ['routing'] }, { status: 'done', at: input.at, actorId });
        // A new route replaces an earlier one's pending assignment.
        await closeTasks(ctx, t, { documentId: doc.id, steps: ['assignment'] }, { status: 'cancelled', at: input.at, actorId });
        await ctx.exec(
          t,
          `UPDATE documents SET routed_rule = CAST(:rule AS jsonb), status = 'routed', department_id = CAST(:departmentId AS uuid), updated_at = now() WHERE id = :id`,
          { id: doc.id, rule: rule ? JSON.stringify(rule) : null, departmentId: target.kind === 'department' ? target.departmentId : null },
        );
        if (target.kind !== 'user') {
          // Department: the organization's leaders hold the task, notified in that department
          // when it has leaders of its own (users.department_id), else all of them. Leader: that person.
          const task = {
            step: 'assignment' as const,
            assigneeUserId: target.kind === 'leader' ? target.userId : null,
            assigneeRole: target.kind === 'department' ? ('leader' as const) : null,
            assigneeDepartmentId: target.kind === 'department' ? target.departmentId : null,
            title: taskTitle('assignment', doc, target.kind === 'department' ? targetName : null),
          };
          await openDocumentTask(
            ctx,
            t,
            doc,
            task,
            { kind: 'assignment_needed', title: 'Văn bản cần phân công xử lý', body: `${describeDocument(doc)}${rule ? ` (theo quy tắc "${rule.name}")` : ''}` },
            input.key,
          );
        }
        const codes = statusCodesToReport(doc.status as IncomingStatus, 'routed');
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at: input.at,
          actorId,
          action: 'routed',
          status: 'routed',
          statusCode: codes.length ? EDXML_STATUS_CODES.routed : null,
          reason: rule ? `Theo quy tắc "${rule.name}" (phiên bản ${rule.version}): ${reasons.join('; ')}` : `Chuyển tới ${targetName ?? ''}`.trim(),
          details: { rule, target, targetName, manual: !!input.manual, result },
          key: input.key,
        });
        await reportToSender(ctx, t, doc, codes, { at: input.at, actorId, key: input.key });
        return result;
      });
    },

    async assignHandlers(input) {
      await ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, input.documentId);
        if (!(await claim(ctx, t, input.key))) return;
        if (!['accepted', 'routed', 'processing'].includes(doc.status)) throw invalidState(doc, 'phân công xử lý');
        const coIds = [...new Set(input.coHandlerIds)].filter((id) => id !== input.handlerId);
        const ids = [input.handlerId, ...coIds].filter(isUuid);
        const people = ids.length
          ? await ctx.select<{ id: string; full_name: string }>(t, 'SELECT id, full_name FROM users WHERE active AND organization_code = :org AND id IN (:ids)', { org: doc.organization_code, ids })
          : [];
        const names = new Map(people.map((p) => [p.id, p.full_name]));
        const unknown = [input.handlerId, ...coIds].filter((id) => !names.has(id));
        if (unknown.length) throw nonRetryable(`Người xử lý không thuộc cơ quan hoặc không còn hoạt động: ${unknown.join(', ')}`, 'INVALID_HANDLER');
        const from = doc.status as IncomingStatus;
        const reassigned = from === 'processing';
        await closeTasks(ctx, t, { documentId: doc.id, steps: ['routing', 'assignment'] }, { status: 'done', at: input.at, actorId: input.actorId });
        await closeTasks(ctx, t, { documentId: doc.id, steps: ['processing'] }, { status: 'cancelled', at: input.at, actorId: input.actorId });
        const base = { documentId: doc.id, organizationCode: doc.organization_code, step: 'processing' as const, urgency: doc.urgency, dueAt: input.dueAt, workflowId: doc.workflow_id };
        await openTask(ctx, t, { ...base, assigneeUserId: input.handlerId, handlerRole: 'main', title: taskTitle('processing', doc), key: `${input.key}:main` });
        for (const id of coIds) {
          await openTask(ctx, t, { ...base, assigneeUserId: id, handlerRole: 'co', title: `Phối hợp — ${taskTitle('processing', doc)}`, key: `${input.key}:co:${id}` });
        }
        await ctx.exec(
          t,
          `UPDATE documents SET main_handler_id = :handlerId, due_at = CAST(:dueAt AS timestamptz), status = 'processing', completed_at = NULL, updated_at = now() WHERE id = :id`,
          { id: doc.id, handlerId: input.handlerId, dueAt: input.dueAt },
        );
        await refreshOverdue(ctx, t, doc.id);
        // Accepted → processing passes through 04 (R-DOC-3: no code skipped).
        const codes = statusCodesToReport(from, 'processing');
        for (const code of codes.slice(0, -1)) {
          await appendHistory(ctx, t, {
            documentId: doc.id,
            at: input.at,
            actorId: input.actorId,
            action: 'routed',
            status: 'routed',
            statusCode: code,
            reason: 'Phân công trực tiếp',
            details: { direct: true },
            key: `${input.key}:${code}`,
          });
        }
        const handlerName = names.get(input.handlerId)!;
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at: input.at,
          actorId: input.actorId,
          action: reassigned ? 'reassigned' : 'assigned',
          status: 'processing',
          statusCode: EDXML_STATUS_CODES.processing,
          reason: input.reason ?? null,
          details: {
            handlerId: input.handlerId,
            handlerName,
            coHandlerIds: coIds,
            coHandlerNames: coIds.map((id) => names.get(id)),
            dueAt: input.dueAt,
            previousHandlerId: reassigned ? doc.main_handler_id : null,
          },
          key: input.key,
        });
        await reportToSender(ctx, t, doc, codes, { at: input.at, actorId: input.actorId, key: input.key });
        const notice = (body: string) =>
          aboutDocument(doc.id, input.key, { kind: 'document_assigned', title: reassigned ? 'Văn bản được giao lại cho bạn' : 'Văn bản được giao cho bạn', body });
        await notifyUsers(ctx, t, [input.handlerId], notice(`Chủ trì xử lý: ${describeDocument(doc)}`));
        await notifyUsers(ctx, t, coIds, notice(`Phối hợp xử lý (chủ trì: ${handlerName}): ${describeDocument(doc)}`));
      });
    },

    async completeIncoming(input) {
      await ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, input.documentId);
        if (!(await claim(ctx, t, input.key))) return;
        const codes = statusCodesToReport(doc.status as IncomingStatus, 'completed');
        if (!codes.length || doc.status === 'arrived') throw invalidState(doc, 'hoàn thành');
        await ctx.exec(t, "UPDATE documents SET status = 'completed', completed_at = CAST(:at AS timestamptz), result = :result, updated_at = now() WHERE id = :id", {
          id: doc.id,
          at: input.at,
          result: input.result,
        });
        await closeTasks(ctx, t, { documentId: doc.id, steps: ['processing'] }, { status: 'done', at: input.at, actorId: input.actorId, result: input.result });
        await cancelOpenTasks(ctx, t, doc.id, { at: input.at, actorId: input.actorId });
        for (const code of codes.slice(0, -1)) {
          const routed = code === EDXML_STATUS_CODES.routed;
          await appendHistory(ctx, t, {
            documentId: doc.id,
            at: input.at,
            actorId: input.actorId,
            action: routed ? 'routed' : 'assigned',
            status: routed ? 'routed' : 'processing',
            statusCode: code,
            key: `${input.key}:${code}`,
          });
        }
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at: input.at,
          actorId: input.actorId,
          action: 'completed',
          status: 'completed',
          statusCode: EDXML_STATUS_CODES.completed,
          reason: input.result,
          details: { result: input.result },
          key: input.key,
        });
        await reportToSender(ctx, t, doc, codes, { at: input.at, actorId: input.actorId, key: input.key });
      });
    },

    async recordPaperReceived(input) {
      await ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, input.documentId);
        if (!(await claim(ctx, t, input.key))) return;
        await ctx.exec(t, 'UPDATE documents SET paper_received_at = coalesce(paper_received_at, CAST(:at AS timestamptz)), updated_at = now() WHERE id = :id', { id: doc.id, at: input.at });
        await closeTasks(ctx, t, { documentId: doc.id, steps: ['paper_receipt'] }, { status: 'done', at: input.at, actorId: input.actorId });
        await refreshOverdue(ctx, t, doc.id);
        await appendHistory(ctx, t, { documentId: doc.id, at: input.at, actorId: input.actorId, action: 'paper_received', status: doc.status, reason: 'Đã nhận bản giấy kèm theo', key: input.key });
      });
    },

    async remindPaperReceipt({ documentId, key }) {
      await ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, documentId);
        if (!(await claim(ctx, t, key))) return;
        let taskIds = await openTaskIds(ctx, t, { documentId, steps: ['paper_receipt'] });
        if (!taskIds.length && !doc.paper_received_at) {
          const id = await openTask(ctx, t, {
            documentId,
            organizationCode: doc.organization_code,
            step: 'paper_receipt',
            assigneeRole: 'clerk',
            urgency: doc.urgency,
            title: taskTitle('paper_receipt', doc),
            workflowId: doc.workflow_id,
            key: `${key}:task`,
          });
          taskIds = id ? [id] : [];
        }
        if (taskIds.length) await ctx.exec(t, 'UPDATE tasks SET reminded_at = :now WHERE id IN (:taskIds)', { now: ctx.now(), taskIds });
        await notifyTaskAssignees(
          ctx,
          t,
          taskIds,
          aboutDocument(documentId, key, { kind: 'paper_reminder', title: 'Nhắc xác nhận bản giấy', body: `Chưa xác nhận đã nhận bản giấy kèm theo văn bản ${describeDocument(doc)}.` }),
        );
        await appendHistory(ctx, t, {
          documentId,
          at: ctx.now(),
          actorId: null,
          action: 'reminder',
          status: doc.status,
          reason: 'Nhắc xác nhận đã nhận bản giấy kèm theo',
          details: { step: 'paper_receipt' },
          key,
        });
      });
    },

    async openChangeAnswer(input) {
      await ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, input.documentId);
        if (!(await claim(ctx, t, input.key))) return;
        const pending = { kind: input.kind, reason: input.reason, changes: input.changes, replacementId: input.replacementId, requestedAt: input.at };
        await ctx.exec(t, 'UPDATE documents SET pending_change = CAST(:pending AS jsonb), updated_at = now() WHERE id = :id', { id: doc.id, pending: JSON.stringify(pending) });
        const what = CHANGE_LABELS_VI[input.kind].toLowerCase();
        await openDocumentTask(
          ctx,
          t,
          doc,
          { step: 'recall_answer', assigneeRole: 'clerk', title: `${CHANGE_LABELS_VI[input.kind]} — ${taskTitle('recall_answer', doc)}` },
          {
            kind: 'change_requested',
            title: `Yêu cầu ${what} văn bản`,
            body: `${doc.sender_name ?? 'Nơi gửi'} yêu cầu ${what} văn bản ${describeDocument(doc)}. Lý do: ${input.reason}`,
          },
          input.key,
        );
        await appendHistory(ctx, t, {
          documentId: doc.id,
          at: input.at,
          actorId: null,
          action: 'change_requested',
          status: doc.status,
          statusCode: RECALL_STATUS_CODES.requested,
          reason: input.reason,
          details: { kind: input.kind, changes: input.changes, replacementId: input.replacementId },
          key: input.key,
        });
        await queueStatusesToPeer(ctx, t, doc, [RECALL_STATUS_CODES.requested], { at: input.at, actorId: null, reason: input.reason, key: input.key });
      });
    },

    async applyChange(input) {
      await ctx.transaction(async (t) => {
        const doc = await loadDocument(ctx, t, input.documentId);
        if (!(await claim(ctx, t, input.key))) return;
        await closeTasks(ctx, t, { documentId: doc.id, steps: ['recall_answer'] }, { status: 'done', at: input.at, actorId: input.actorId, result: input.agree ? 'agreed' : 'refused' });
        const senderReason = doc.pending_change?.reason ?? input.reason;
        if (input.agree) {
          await applyAgreedChange(ctx, t, doc, {
            kind: input.kind,
            reason: senderReason,
            changes: input.changes,
            replacementId: input.replacementId,
            actorId: input.actorId,
            at: input.at,
            key: input.key,
          });
        }
        await ctx.exec(t, 'UPDATE documents SET pending_change = NULL, updated_at = now() WHERE id = :id', { id: doc.id });
        await recordChangeAnswered(ctx, t, doc.id, {
          at: input.at,
          actorId: input.actorId,
          statusCode: input.agree ? RECALL_STATUS_CODES.agreed : RECALL_STATUS_CODES.refused,
          reason: input.agree ? null : input.reason,
          details: { kind: input.kind, agree: input.agree, senderReason, replacementId: input.replacementId },
          key: input.key,
        });
        await queueStatusesToPeer(ctx, t, doc, [input.agree ? RECALL_STATUS_CODES.agreed : RECALL_STATUS_CODES.refused], {
          at: input.at,
          actorId: input.actorId,
          reason: input.agree ? null : input.reason,
          key: input.key,
        });
      });
    },
  };
}
