/**
 * Read model of the document processes (SPEC §7.1–7.5) as the API shows it: incoming and
 * outgoing documents with receivers, files and open deadlines, the append-only history, the
 * caller's tasks, overdue work and colleagues for assignment pickers. The workflows' activities
 * write these tables; the only writes here are what the API creates itself before a process
 * exists (a draft, a paper intake, its files and its first history row), always inside the
 * caller's transaction so that a failed workflow start rolls them back.
 *
 * Scope (R-SEC-2) is a parameter of every read: a row outside it reads as absent.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { URGENCY_RANK, type Urgency } from '../../domain/documents';
import { subtreeLikePattern } from '../../domain/org-code';
import type { DocumentColumns } from './document-row';
import type { Database } from '../database';
import type { Role } from '../models';
import { Conditions, countAtMost, countOrEstimate, isUuid, likePattern, orderBy, pageTotal, TEXT_SEARCH_TOTALS, type OrgScope, type Page } from './paging';

export { isUuid } from './paging';
export type { Page } from './paging';

/** What the caller may see: everything, an organization subtree, or one organization. */
export type DocumentScope = OrgScope;

export type Direction = 'incoming' | 'outgoing';

export interface DocumentFilter {
  q?: string;
  status?: string | string[];
  urgency?: Urgency | Urgency[];
  typeCode?: string;
  /** Vietnam dates (YYYY-MM-DD), inclusive: the register time (`register_at`: issued or received, else created). */
  from?: string;
  to?: string;
  /** Dates of the document itself (ngày văn bản), inclusive. */
  documentDateFrom?: string;
  documentDateTo?: string;
  /** Số đến (incoming) / số đi (outgoing). */
  registerNumber?: number;
  organizationCode?: string;
  senderCode?: string;
  overdue?: boolean;
  intake?: string;
  ids?: string[];
}

/** Where an export stopped: the register time (as PostgreSQL prints it, microseconds kept) and id of the last row. */
export interface RegisterCursor {
  at: string;
  id: string;
}

/** A line of the register book (R-DOC-1, R-DOC-2; QĐ 2588 Articles 8.3.d, 10.1.c). */
export interface RegisterBookRow {
  id: string;
  cursor: RegisterCursor;
  /** Số đến / số đi. */
  registerNumber: number | null;
  /** Ngày đến / ngày gửi (the register time). */
  registerAt: Date;
  numberAndNotation: string | null;
  documentDate: string | null;
  /** Nơi gửi (incoming) / nơi nhận (outgoing). */
  correspondents: string | null;
  summary: string;
  typeName: string | null;
  urgency: Urgency;
  /** Incoming: người xử lý (the main handler); outgoing: người ký (position and name of the signer). */
  person: string | null;
  dueAt: Date | null;
  status: string;
}

export interface DocumentRecord {
  id: string;
  direction: Direction;
  organizationCode: string;
  organizationName: string | null;
  documentIdentifier: string | null;
  sourceDocumentId: string | null;
  number: number | null;
  notation: string | null;
  numberAndNotation: string | null;
  documentDate: string | null;
  typeCode: string | null;
  typeName: string | null;
  field: string | null;
  summary: string;
  signerPosition: string | null;
  signerName: string | null;
  urgency: Urgency;
  senderCode: string | null;
  senderName: string | null;
  sentAt: Date | null;
  receivedAt: Date | null;
  dueAt: Date | null;
  copies: number | null;
  pageCount: number | null;
  storagePlace: string | null;
  notes: string | null;
  status: string;
  legalValidity: 'legally_valid' | 'information_only' | null;
  intake: 'electronic' | 'paper_accompanies' | 'paper';
  signedAt: Date | null;
  issuedAt: Date | null;
  registerNumber: number | null;
  /** When the document entered its register (issued / received), else when it was created. */
  registerAt: Date;
  /** Incoming: whether every receipt check passed (null before the checks ran). */
  checksPassed: boolean | null;
  createdBy: string | null;
  createdByName: string | null;
  mainHandlerId: string | null;
  mainHandlerName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  routedRule: unknown;
  completedAt: Date | null;
  result: string | null;
  /** The document or one of its open steps is past its deadline. */
  overdue: boolean;
  recallReason: string | null;
  recalledAt: Date | null;
  replacesId: string | null;
  replacedById: string | null;
  revision: number;
  pendingChange: unknown;
  paperReceivedAt: Date | null;
  workflowId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DocumentFileRecord {
  position: number;
  role: 'main' | 'attachment';
  fileId: string;
  name: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  url: string;
}

export interface DeliveryRecord {
  receiverCode: string;
  receiverName: string | null;
  channel: string;
  status: string;
  statusCode: string | null;
  statusAt: Date;
  reason: string | null;
  sentAt: Date | null;
  paperStatus: string | null;
  paperDispatchedAt: Date | null;
  incomingDocumentId: string | null;
  change: { kind: string; code: string | null; reason: string | null; at: Date | null } | null;
}

export interface TaskRecord {
  id: string;
  documentId: string;
  direction: Direction;
  numberAndNotation: string | null;
  summary: string;
  organizationCode: string;
  organizationName: string | null;
  kind: string;
  step: string;
  title: string | null;
  assigneeUserId: string | null;
  assigneeName: string | null;
  assigneeRole: string | null;
  handlerRole: string | null;
  receiverCode: string | null;
  status: string;
  urgency: Urgency;
  dueAt: Date | null;
  overdue: boolean;
  overdueAt: Date | null;
  remindedAt: Date | null;
  escalationLevel: number;
  escalatedTo: string | null;
  createdAt: Date;
  completedAt: Date | null;
  result: string | null;
}

export interface TaskFilter {
  status?: 'open' | 'done' | 'cancelled';
  step?: string;
  overdue?: boolean;
  urgency?: Urgency;
  documentId?: string;
  organizationCode?: string;
  q?: string;
  ids?: string[];
}

export interface HistoryRecord {
  id: string;
  documentId: string;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  status: string | null;
  statusCode: string | null;
  reason: string | null;
  details: unknown;
}

export interface ColleagueRecord {
  id: string;
  username: string;
  fullName: string;
  position: string | null;
  roles: Role[];
  departmentId: string | null;
  departmentName: string | null;
}

export interface OverdueSummaryRow {
  organizationCode: string;
  organizationName: string | null;
  total: number;
  byAge: { underOneDay: number; oneToThreeDays: number; threeToSevenDays: number; overSevenDays: number };
}

/** A task assignment target of the caller: who they are, for "my tasks". */
export interface TaskOwner {
  userId: string;
  organizationCode: string;
  roles: Role[];
}

export interface NewDocumentFile {
  fileId: string;
  role: 'main' | 'attachment';
}

export interface DraftInput {
  id: string;
  organizationCode: string;
  organizationName: string;
  typeCode: string;
  documentDate: string;
  field: string | null;
  summary: string;
  signerPosition: string | null;
  signerName: string | null;
  urgency: Urgency;
  dueAt: Date | null;
  copies: number | null;
  pageCount: number | null;
  notes: string | null;
  notation: string | null;
  signature: unknown;
  signedAt: Date | null;
  legalValidity: 'legally_valid' | 'information_only';
  replacesId: string | null;
  createdBy: string;
  workflowId: string;
  receivers: Array<{ code: string; name: string }>;
  files: NewDocumentFile[];
}

export interface PaperIncomingInput {
  id: string;
  organizationCode: string;
  senderCode: string | null;
  senderName: string;
  numberAndNotation: string;
  documentDate: string;
  typeCode: string;
  field: string | null;
  summary: string;
  signerPosition: string | null;
  signerName: string | null;
  urgency: Urgency;
  dueAt: Date | null;
  copies: number | null;
  pageCount: number | null;
  notes: string | null;
  receivedAt: Date;
  createdBy: string;
  workflowId: string;
  files: NewDocumentFile[];
}

export interface HistoryInput {
  documentId: string;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  status?: string | null;
  statusCode?: string | null;
  reason?: string | null;
  details?: unknown;
  dedupeKey: string;
}

/** R-DL-4 priority mode as SQL: the rank of URGENCY_RANK for a column. */
export function urgencyRankSql(column: string): string {
  const cases = Object.entries(URGENCY_RANK)
    .map(([u, rank]) => `WHEN '${u}' THEN ${rank}`)
    .join(' ');
  return `(CASE ${column} ${cases} ELSE 0 END)`;
}

const DOC_URGENCY = urgencyRankSql('d.urgency');
const TASK_URGENCY = urgencyRankSql('t.urgency');

/** Something the clerk may look for: number and notation, summary, sender, signer (folded, R-FMT-2). The trigger of migration 0013 completes it. */
const searchText = (...parts: string[]) => `fold_vi(concat_ws(' ', ${parts.join(', ')}))`;
const OVERDUE_SQL = `(d.overdue OR EXISTS (SELECT 1 FROM tasks ot WHERE ot.document_id = d.id AND ot.status = 'open' AND ot.overdue))`;
/**
 * Sort templates; `d.id` in the sort's direction follows each, so paging is stable and the
 * orders the lists use most end exactly like an index of migration 0013 (no sort step): urgency
 * (the default, R-DL-4), register time, status + register time, document date.
 */
const DOC_SORT: Record<string, string> = {
  id: 'd.id %s',
  urgency: `${DOC_URGENCY} %s, d.created_at DESC`,
  registerAt: 'd.register_at %s',
  createdAt: 'd.created_at %s',
  updatedAt: 'd.updated_at %s',
  documentDate: 'd.document_date %s NULLS LAST',
  issuedAt: 'd.issued_at %s NULLS LAST',
  receivedAt: 'd.received_at %s NULLS LAST',
  dueAt: 'd.due_at %s NULLS LAST',
  status: 'd.status %s, d.register_at %s',
  numberAndNotation: 'd.number_and_notation %s NULLS LAST',
  registerNumber: 'd.register_number %s NULLS LAST',
  number: 'd.number %s NULLS LAST',
  summary: 'd.summary %s',
  typeCode: 'd.type_code %s',
  senderName: 'd.sender_name %s',
  organizationCode: 'd.organization_code %s',
};
export const DOCUMENT_SORTABLE = Object.keys(DOC_SORT);
/** An incoming document is received when it arrives: its receipt time is its register time, which the indexes lead with. */
const SORT_OF: Record<Direction, Record<string, string>> = { outgoing: DOC_SORT, incoming: { ...DOC_SORT, receivedAt: 'd.register_at %s' } };
const docOrder = (direction: Direction, page: Page) => orderBy(SORT_OF[direction], page, DOC_SORT.urgency, `d.id ${page.sortOrder === 'ASC' ? 'ASC' : 'DESC'}`);

const TASK_SORT: Record<string, string> = {
  id: 't.id %s',
  urgency: `${TASK_URGENCY} %s, t.due_at ASC NULLS LAST`,
  dueAt: 't.due_at %s NULLS LAST',
  createdAt: 't.created_at %s',
  step: 't.step %s',
  status: 't.status %s',
  escalationLevel: 't.escalation_level %s',
  organizationCode: 't.organization_code %s',
};
export const TASK_SORTABLE = Object.keys(TASK_SORT);

const COLLEAGUE_SORT: Record<string, string> = { id: 'u.id %s', fullName: 'u.full_name %s', username: 'u.username %s', position: 'u.position %s NULLS LAST' };
export const COLLEAGUE_SORTABLE = Object.keys(COLLEAGUE_SORT);

const asArray = <T>(v: T | T[] | undefined): T[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

const DOC_SELECT = `
  SELECT d.id, d.direction, d.organization_code, o.name AS organization_name, d.document_identifier, d.source_document_id,
         d.number, d.notation, d.number_and_notation, d.document_date::text AS document_date, d.type_code, dt.name AS type_name,
         d.field, d.summary, d.signer_position, d.signer_name, d.urgency, d.sender_code, d.sender_name, d.sent_at, d.received_at,
         d.due_at, d.copies, d.page_count, d.storage_place, d.notes, d.status, d.legal_validity, d.intake, d.signed_at, d.issued_at,
         d.register_number, d.register_at, (d.checks->>'ok')::boolean AS checks_passed, d.created_by, cu.full_name AS created_by_name, d.main_handler_id, hu.full_name AS main_handler_name,
         d.department_id, dep.name AS department_name, d.routed_rule, d.completed_at, d.result, ${OVERDUE_SQL} AS overdue,
         d.recall_reason, d.recalled_at, d.replaces_id, d.replaced_by_id, d.revision, d.pending_change, d.paper_received_at,
         d.workflow_id, d.created_at, d.updated_at
    FROM documents d
    LEFT JOIN organizations o ON o.code = d.organization_code
    LEFT JOIN document_types dt ON dt.code = d.type_code
    LEFT JOIN users cu ON cu.id = d.created_by
    LEFT JOIN users hu ON hu.id = d.main_handler_id
    LEFT JOIN departments dep ON dep.id = d.department_id`;

interface DocRow extends DocumentColumns {
  register_at: Date;
  checks_passed: boolean | null;
  organization_name: string | null;
  type_name: string | null;
  created_by: string | null;
  created_by_name: string | null;
  main_handler_name: string | null;
  department_name: string | null;
  routed_rule: unknown;
  completed_at: Date | null;
  result: string | null;
  overdue: boolean;
  recall_reason: string | null;
  replaces_id: string | null;
  pending_change: unknown;
  created_at: Date;
  updated_at: Date;
}

function toDocument(r: DocRow): DocumentRecord {
  return {
    id: r.id,
    direction: r.direction,
    organizationCode: r.organization_code,
    organizationName: r.organization_name,
    documentIdentifier: r.document_identifier,
    sourceDocumentId: r.source_document_id,
    number: r.number,
    notation: r.notation,
    numberAndNotation: r.number_and_notation,
    documentDate: r.document_date,
    typeCode: r.type_code,
    typeName: r.type_name,
    field: r.field,
    summary: r.summary,
    signerPosition: r.signer_position,
    signerName: r.signer_name,
    urgency: r.urgency,
    senderCode: r.sender_code,
    senderName: r.sender_name,
    sentAt: r.sent_at,
    receivedAt: r.received_at,
    dueAt: r.due_at,
    copies: r.copies,
    pageCount: r.page_count,
    storagePlace: r.storage_place,
    notes: r.notes,
    status: r.status,
    legalValidity: r.legal_validity,
    intake: r.intake,
    signedAt: r.signed_at,
    issuedAt: r.issued_at,
    registerNumber: r.register_number,
    registerAt: r.register_at,
    checksPassed: r.checks_passed,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    mainHandlerId: r.main_handler_id,
    mainHandlerName: r.main_handler_name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    routedRule: r.routed_rule,
    completedAt: r.completed_at,
    result: r.result,
    overdue: r.overdue,
    recallReason: r.recall_reason,
    recalledAt: r.recalled_at,
    replacesId: r.replaces_id,
    replacedById: r.replaced_by_id,
    revision: r.revision,
    pendingChange: r.pending_change,
    paperReceivedAt: r.paper_received_at,
    workflowId: r.workflow_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const TASK_SELECT = `
  SELECT t.id, t.document_id, d.direction, d.number_and_notation, d.summary, t.organization_code, o.name AS organization_name,
         t.kind, t.step, t.title, t.assignee_user_id, u.full_name AS assignee_name, t.assignee_role, t.handler_role, t.receiver_code,
         t.status, t.urgency, t.due_at, t.overdue, t.overdue_at, t.reminded_at, t.escalation_level, t.escalated_to,
         t.created_at, t.completed_at, t.result
    FROM tasks t
    JOIN documents d ON d.id = t.document_id
    LEFT JOIN organizations o ON o.code = t.organization_code
    LEFT JOIN users u ON u.id = t.assignee_user_id`;

interface TaskRow {
  id: string;
  document_id: string;
  direction: Direction;
  number_and_notation: string | null;
  summary: string;
  organization_code: string;
  organization_name: string | null;
  kind: string;
  step: string;
  title: string | null;
  assignee_user_id: string | null;
  assignee_name: string | null;
  assignee_role: string | null;
  handler_role: string | null;
  receiver_code: string | null;
  status: string;
  urgency: Urgency;
  due_at: Date | null;
  overdue: boolean;
  overdue_at: Date | null;
  reminded_at: Date | null;
  escalation_level: number;
  escalated_to: string | null;
  created_at: Date;
  completed_at: Date | null;
  result: string | null;
}

function toTask(r: TaskRow): TaskRecord {
  return {
    id: r.id,
    documentId: r.document_id,
    direction: r.direction,
    numberAndNotation: r.number_and_notation,
    summary: r.summary,
    organizationCode: r.organization_code,
    organizationName: r.organization_name,
    kind: r.kind,
    step: r.step,
    title: r.title,
    assigneeUserId: r.assignee_user_id,
    assigneeName: r.assignee_name,
    assigneeRole: r.assignee_role,
    handlerRole: r.handler_role,
    receiverCode: r.receiver_code,
    status: r.status,
    urgency: r.urgency,
    dueAt: r.due_at,
    overdue: r.overdue,
    overdueAt: r.overdue_at,
    remindedAt: r.reminded_at,
    escalationLevel: r.escalation_level,
    escalatedTo: r.escalated_to,
    createdAt: r.created_at,
    completedAt: r.completed_at,
    result: r.result,
  };
}

export function createDocumentsRepository(db: Database) {
  const { sequelize } = db;
  const select = <T extends object>(sql: string, bind: unknown[], transaction?: Transaction) => sequelize.query<T>(sql, { bind, transaction, type: QueryTypes.SELECT });

  function documentConditions(direction: Direction, f: DocumentFilter, scope: DocumentScope): Conditions {
    const c = new Conditions();
    // A literal (one of two), so that the planner sees which per-direction index applies.
    c.add(direction === 'outgoing' ? "d.direction = 'outgoing'" : "d.direction = 'incoming'");
    c.scope('d.organization_code', scope);
    if (f.organizationCode !== undefined) c.add(`d.organization_code = ${c.bind(f.organizationCode)}`);
    // One value is an equality, so that an index with the column before the register time gives the rows in order.
    const oneOf = (column: string, values: string[]) => c.add(values.length === 1 ? `${column} = ${c.bind(values[0])}` : `${column} = ANY(${c.bind(values)}::text[])`);
    const statuses = asArray(f.status);
    if (statuses) oneOf('d.status', statuses);
    const urgencies = asArray(f.urgency);
    if (urgencies) oneOf('d.urgency', urgencies);
    if (f.typeCode !== undefined) c.add(`d.type_code = ${c.bind(f.typeCode)}`);
    if (f.senderCode !== undefined) c.add(`d.sender_code = ${c.bind(f.senderCode)}`);
    if (f.intake !== undefined) c.add(`d.intake = ${c.bind(f.intake)}`);
    if (f.overdue !== undefined) c.add(f.overdue ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`);
    if (f.from !== undefined) c.add(`d.register_at >= (${c.bind(f.from)}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`);
    if (f.to !== undefined) c.add(`d.register_at < (${c.bind(f.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`);
    if (f.documentDateFrom !== undefined) c.add(`d.document_date >= ${c.bind(f.documentDateFrom)}::date`);
    if (f.documentDateTo !== undefined) c.add(`d.document_date <= ${c.bind(f.documentDateTo)}::date`);
    if (f.registerNumber !== undefined) c.add(`d.register_number = ${c.bind(f.registerNumber)}`);
    const q = f.q?.trim();
    if (q) {
      // search_text is folded by the trigger of migration 0013, so the trigram index answers this;
      // digits alone may also be a register number (số đến / số đi).
      const text = `d.search_text LIKE fold_vi(${c.bind(likePattern(q))})`;
      c.add(/^\d{1,9}$/.test(q) ? `(${text} OR d.register_number = ${c.bind(Number(q))})` : text);
    }
    if (f.ids !== undefined) {
      c.anyUuid('d.id', f.ids);
    }
    return c;
  }

  async function getDocument(id: string, direction: Direction | null, scope: DocumentScope, transaction?: Transaction): Promise<DocumentRecord | null> {
    if (!isUuid(id)) return null;
    const c = new Conditions();
    c.add(`d.id = ${c.bind(id)}`);
    if (direction) c.add(`d.direction = ${c.bind(direction)}`);
    c.scope('d.organization_code', scope);
    const [row] = await select<DocRow>(`${DOC_SELECT} ${c.where()}`, c.values, transaction);
    return row ? toDocument(row) : null;
  }

  async function files(documentId: string): Promise<DocumentFileRecord[]> {
    const rows = await select<{ position: number; role: 'main' | 'attachment'; file_id: string; original_name: string; media_type: string; size_bytes: string; sha256: string }>(
      `SELECT df.position, df.role, df.file_id, f.original_name, f.media_type, f.size_bytes, f.sha256
         FROM document_files df JOIN files f ON f.id = df.file_id
        WHERE df.document_id = $1 ORDER BY df.position`,
      [documentId],
    );
    return rows.map((r) => ({
      position: r.position,
      role: r.role,
      fileId: r.file_id,
      name: r.original_name,
      mediaType: r.media_type,
      sizeBytes: Number(r.size_bytes),
      sha256: r.sha256,
      url: `/api/files/${r.file_id}`,
    }));
  }

  async function deliveries(documentId: string): Promise<DeliveryRecord[]> {
    const rows = await select<{
      receiver_code: string;
      receiver_name: string | null;
      channel: string;
      status: string;
      status_code: string | null;
      status_at: Date;
      reason: string | null;
      sent_at: Date | null;
      paper_status: string | null;
      paper_dispatched_at: Date | null;
      incoming_document_id: string | null;
      change_kind: string | null;
      change_code: string | null;
      change_reason: string | null;
      change_at: Date | null;
    }>(
      `SELECT r.receiver_code, coalesce(r.receiver_name, o.name) AS receiver_name, r.channel, r.status, r.status_code, r.status_at, r.reason,
              r.sent_at, r.paper_status, r.paper_dispatched_at, r.incoming_document_id, r.change_kind, r.change_code, r.change_reason, r.change_at
         FROM document_receivers r LEFT JOIN organizations o ON o.code = r.receiver_code
        WHERE r.document_id = $1 ORDER BY r.receiver_code`,
      [documentId],
    );
    return rows.map((r) => ({
      receiverCode: r.receiver_code,
      receiverName: r.receiver_name,
      channel: r.channel,
      status: r.status,
      statusCode: r.status_code,
      statusAt: r.status_at,
      reason: r.reason,
      sentAt: r.sent_at,
      paperStatus: r.paper_status,
      paperDispatchedAt: r.paper_dispatched_at,
      incomingDocumentId: r.incoming_document_id,
      change: r.change_kind ? { kind: r.change_kind, code: r.change_code, reason: r.change_reason, at: r.change_at } : null,
    }));
  }

  /** Tasks of one document, open ones first (nearest deadline first). */
  async function documentTasks(documentId: string): Promise<TaskRecord[]> {
    const rows = await select<TaskRow>(
      `${TASK_SELECT} WHERE t.document_id = $1
        ORDER BY (t.status = 'open') DESC, t.due_at ASC NULLS LAST, t.created_at`,
      [documentId],
    );
    return rows.map(toTask);
  }

  function taskOwnerCondition(c: Conditions, owner: TaskOwner): void {
    const me = c.bind(owner.userId);
    // Named tasks, and organization-level tasks for one of the caller's roles there (of their
    // department when the task names one).
    c.add(`(t.assignee_user_id = ${me}
            OR (t.assignee_user_id IS NULL AND t.organization_code = ${c.bind(owner.organizationCode)}
                AND ((t.assignee_role IS NOT NULL AND t.assignee_role = ANY(${c.bind(owner.roles)}::text[])
                      AND (t.assignee_department_id IS NULL OR t.assignee_department_id = (SELECT department_id FROM users WHERE id = ${me})))
                  OR (t.assignee_role IS NULL AND t.assignee_department_id = (SELECT department_id FROM users WHERE id = ${me})))))`);
  }

  function taskConditions(f: TaskFilter): Conditions {
    const c = new Conditions();
    if (f.status !== undefined) c.add(`t.status = ${c.bind(f.status)}`);
    if (f.step !== undefined) c.add(`t.step = ${c.bind(f.step)}`);
    if (f.overdue !== undefined) c.add(f.overdue ? 't.overdue' : 'NOT t.overdue');
    if (f.urgency !== undefined) c.add(`t.urgency = ${c.bind(f.urgency)}`);
    if (f.documentId !== undefined) c.add(isUuid(f.documentId) ? `t.document_id = ${c.bind(f.documentId)}` : 'false');
    if (f.organizationCode !== undefined) c.add(`t.organization_code = ${c.bind(f.organizationCode)}`);
    if (f.q !== undefined && f.q.trim()) {
      c.add(`fold_vi(concat_ws(' ', d.number_and_notation, d.summary, t.title)) LIKE fold_vi(${c.bind(likePattern(f.q))})`);
    }
    if (f.ids !== undefined) {
      c.anyUuid('t.id', f.ids);
    }
    return c;
  }

  async function listTasks(c: Conditions, page: Page): Promise<{ rows: TaskRecord[]; total: number }> {
    const [{ n }] = await select<{ n: string }>(`SELECT count(*) AS n FROM tasks t JOIN documents d ON d.id = t.document_id ${c.where()}`, c.values);
    const rows = await select<TaskRow>(
      `${TASK_SELECT} ${c.where()}
        ORDER BY ${orderBy(TASK_SORT, page, TASK_SORT.urgency, 't.created_at, t.id')}
        ${c.paging(page)}`,
      c.values,
    );
    return { rows: rows.map(toTask), total: Number(n) };
  }

  return {
    getDocument,
    files,
    deliveries,
    documentTasks,

    /**
     * One page of a list. The page's ids are chosen on `documents` alone (an index of migration
     * 0013 gives them in order), and only those rows are joined and enriched, so a deep page does
     * not pay for the rows it skips. The total: a short page is its own end; otherwise counted
     * exactly up to EXACT_COUNT_LIMIT, and beyond it the planner's estimate stands in
     * (`estimated`), so no page ever counts a million rows; a text search that the planner
     * expects (or is found) to match 1 000 documents or more shows an estimate.
     */
    async listDocuments(direction: Direction, filter: DocumentFilter, page: Page, scope: DocumentScope): Promise<{ rows: DocumentRecord[]; total: number; estimated: boolean }> {
      const c = documentConditions(direction, filter, scope);
      const where = c.where();
      const values = [...c.values];
      const order = docOrder(direction, page);
      const rows = await select<DocRow>(
        `${DOC_SELECT}
           JOIN (SELECT d.id FROM documents d ${where} ORDER BY ${order} ${c.paging(page)}) page ON page.id = d.id
          ORDER BY ${order}`,
        c.values,
      );
      // Estimates draw on the organization × direction × status statistics of migration 0013.
      const text = filter.q?.trim() ? TEXT_SEARCH_TOTALS : {};
      const total = await pageTotal(page, rows.length, () => countOrEstimate(select, 'documents d', where, values, text));
      return { rows: rows.map(toDocument), ...total };
    },

    /** How many documents the filter matches, counting at most `cap` + 1 of them (an export refuses more than `cap`). */
    async countUpTo(direction: Direction, filter: DocumentFilter, scope: DocumentScope, cap: number): Promise<number> {
      const c = documentConditions(direction, filter, scope);
      return countAtMost(select, 'documents d', c.where(), c.values, cap + 1);
    },

    /**
     * The register book (sổ văn bản đến / đi) in register order, oldest first, one batch after
     * the keyset `after` (the last row of the previous batch): each batch is a short index range
     * scan, however far into the register it starts, and no query holds a million rows.
     */
    async registerBatch(direction: Direction, filter: DocumentFilter, scope: DocumentScope, after: RegisterCursor | null, limit: number): Promise<RegisterBookRow[]> {
      const c = documentConditions(direction, filter, scope);
      // Every scope has an index in register order (migration 0013). A batch must read it in that
      // order and stop at `limit`: a plan that collects all remaining matches and sorts them would
      // make the whole export quadratic. Sorting is therefore ruled out for this query, and it
      // runs without parallel workers (an export is background work, not worth a core per batch).
      if (after) c.add(`(d.register_at, d.id) > (${c.bind(after.at)}::timestamptz, ${c.bind(after.id)}::uuid)`);
      const correspondents =
        direction === 'incoming'
          ? 'd.sender_name'
          : `(SELECT string_agg(coalesce(r.receiver_name, ro.name, r.receiver_code), '; ' ORDER BY r.receiver_code)
                FROM document_receivers r LEFT JOIN organizations ro ON ro.code = r.receiver_code WHERE r.document_id = d.id)`;
      const person = direction === 'incoming' ? 'hu.full_name' : "nullif(concat_ws(' ', d.signer_position, d.signer_name), '')";
      const rows = await sequelize.transaction(async (t) => {
        await select('SELECT set_config($1, $2, true), set_config($3, $4, true)', ['enable_sort', 'off', 'max_parallel_workers_per_gather', '0'], t);
        return select<{
          id: string;
          cursor_at: string;
          register_number: number | null;
          register_at: Date;
          number_and_notation: string | null;
          document_date: string | null;
          correspondents: string | null;
          summary: string;
          type_name: string | null;
          urgency: Urgency;
          person: string | null;
          due_at: Date | null;
          status: string;
        }>(
          `SELECT d.id, d.register_at::text AS cursor_at, d.register_number, d.register_at, coalesce(d.number_and_notation, d.notation) AS number_and_notation,
                  d.document_date::text AS document_date, ${correspondents} AS correspondents, d.summary, coalesce(dt.name, d.type_code) AS type_name,
                  d.urgency, ${person} AS person, d.due_at, d.status
             FROM documents d
             LEFT JOIN document_types dt ON dt.code = d.type_code
             LEFT JOIN users hu ON hu.id = d.main_handler_id
            ${c.where()}
            ORDER BY d.register_at, d.id
            LIMIT ${c.bind(limit)}`,
          c.values,
          t,
        );
      });
      return rows.map((r) => ({
        id: r.id,
        cursor: { at: r.cursor_at, id: r.id },
        registerNumber: r.register_number,
        registerAt: r.register_at,
        numberAndNotation: r.number_and_notation,
        documentDate: r.document_date,
        correspondents: r.correspondents,
        summary: r.summary,
        typeName: r.type_name,
        urgency: r.urgency,
        person: r.person,
        dueAt: r.due_at,
        status: r.status,
      }));
    },

    /** The history of a visible document, oldest first (append-only, R-DOC-3). */
    async history(documentId: string): Promise<HistoryRecord[]> {
      const rows = await select<{
        id: string;
        document_id: string;
        at: Date;
        actor_id: string | null;
        actor_label: string;
        action: string;
        status: string | null;
        status_code: string | null;
        reason: string | null;
        details: unknown;
      }>(
        `SELECT h.id, h.document_id, h.at, h.actor_id, coalesce(u.full_name, h.actor_label) AS actor_label, h.action, h.status, h.status_code, h.reason, h.details
           FROM document_history h LEFT JOIN users u ON u.id = h.actor_id
          WHERE h.document_id = $1 ORDER BY h.at, h.id`,
        [documentId],
      );
      return rows.map((r) => ({
        id: String(r.id),
        documentId: r.document_id,
        at: r.at,
        actorId: r.actor_id,
        actorLabel: r.actor_label,
        action: r.action,
        status: r.status,
        statusCode: r.status_code,
        reason: r.reason,
        details: r.details,
      }));
    },

    /** Whether a document in `scope` refers to the file (authorized download, R-SEC-2). */
    async fileVisible(fileId: string, scope: DocumentScope): Promise<boolean> {
      if (!isUuid(fileId)) return false;
      const c = new Conditions();
      c.add(`df.file_id = ${c.bind(fileId)}`);
      c.scope('d.organization_code', scope);
      const rows = await select(`SELECT 1 FROM document_files df JOIN documents d ON d.id = df.document_id ${c.where()} LIMIT 1`, c.values);
      return rows.length > 0;
    },

    /** The caller's own work (named, or by role in their organization); open by default. */
    async myTasks(owner: TaskOwner, filter: TaskFilter, page: Page): Promise<{ rows: TaskRecord[]; total: number }> {
      const c = taskConditions(filter);
      taskOwnerCondition(c, owner);
      return listTasks(c, page);
    },

    /** Open overdue tasks in scope (R-DL-2). */
    async overdueTasks(scope: DocumentScope, filter: TaskFilter, page: Page): Promise<{ rows: TaskRecord[]; total: number }> {
      const c = taskConditions({ ...filter, status: 'open', overdue: true });
      c.scope('t.organization_code', scope);
      return listTasks(c, page);
    },

    /** One task: the caller's own, or one of a document in scope. */
    async getTask(id: string, owner: TaskOwner, scope: DocumentScope): Promise<TaskRecord | null> {
      if (!isUuid(id)) return null;
      const mine = taskConditions({ ids: [id] });
      taskOwnerCondition(mine, owner);
      const [own] = await select<TaskRow>(`${TASK_SELECT} ${mine.where()}`, mine.values);
      if (own) return toTask(own);
      const visible = taskConditions({ ids: [id] });
      visible.scope('t.organization_code', scope);
      const [row] = await select<TaskRow>(`${TASK_SELECT} ${visible.where()}`, visible.values);
      return row ? toTask(row) : null;
    },

    /** Active users of an organization (assignment pickers). */
    async colleagues(organizationCode: string, filter: { q?: string; role?: Role; ids?: string[] }, page: Page): Promise<{ rows: ColleagueRecord[]; total: number }> {
      const c = new Conditions();
      c.add(`u.organization_code = ${c.bind(organizationCode)}`);
      c.add('u.active');
      if (filter.role) c.add(`u.roles @> ARRAY[${c.bind(filter.role)}]::text[]`);
      if (filter.q?.trim()) c.add(`fold_vi(u.full_name || ' ' || u.username || ' ' || coalesce(u.position, '')) LIKE fold_vi(${c.bind(likePattern(filter.q))})`);
      if (filter.ids !== undefined) {
        c.anyUuid('u.id', filter.ids);
      }
      const [{ n }] = await select<{ n: string }>(`SELECT count(*) AS n FROM users u ${c.where()}`, c.values);
      const rows = await select<{ id: string; username: string; full_name: string; position: string | null; roles: Role[]; department_id: string | null; department_name: string | null }>(
        `SELECT u.id, u.username, u.full_name, u.position, u.roles, u.department_id, dep.name AS department_name
           FROM users u LEFT JOIN departments dep ON dep.id = u.department_id ${c.where()}
          ORDER BY ${orderBy(COLLEAGUE_SORT, page, COLLEAGUE_SORT.fullName, 'u.username')}
          ${c.paging(page)}`,
        c.values,
      );
      return {
        rows: rows.map((r) => ({ id: r.id, username: r.username, fullName: r.full_name, position: r.position, roles: r.roles, departmentId: r.department_id, departmentName: r.department_name })),
        total: Number(n),
      };
    },

    /** Which of `ids` are active users of the organization, with their roles. */
    async activeMembers(organizationCode: string, ids: string[]): Promise<Map<string, { fullName: string; roles: Role[] }>> {
      const valid = ids.filter(isUuid);
      if (!valid.length) return new Map();
      const rows = await select<{ id: string; full_name: string; roles: Role[] }>(
        'SELECT id, full_name, roles FROM users WHERE organization_code = $1 AND active AND id = ANY($2::uuid[])',
        [organizationCode, valid],
      );
      return new Map(rows.map((r) => [r.id, { fullName: r.full_name, roles: r.roles }]));
    },

    /** An active department of the organization (a retired one takes no new documents). */
    async departmentOf(organizationCode: string, departmentId: string): Promise<{ id: string; name: string } | null> {
      if (!isUuid(departmentId)) return null;
      const [row] = await select<{ id: string; name: string }>('SELECT id, name FROM departments WHERE id = $1 AND organization_code = $2 AND active', [departmentId, organizationCode]);
      return row ?? null;
    },

    /** Names of the registered organizations among `codes`. */
    async organizationNames(codes: string[]): Promise<Map<string, string>> {
      if (!codes.length) return new Map();
      const rows = await select<{ code: string; name: string }>('SELECT code, name FROM organizations WHERE code = ANY($1::text[])', [codes]);
      return new Map(rows.map((r) => [r.code, r.name]));
    },

    async activeDocumentType(code: string): Promise<boolean> {
      const rows = await select('SELECT 1 FROM document_types WHERE code = $1 AND active', [code]);
      return rows.length > 0;
    },

    /** Which of `codes` are document types (active or not). */
    async knownTypeCodes(codes: string[]): Promise<Set<string>> {
      if (!codes.length) return new Set();
      const rows = await select<{ code: string }>('SELECT code FROM document_types WHERE code = ANY($1::text[])', [codes]);
      return new Set(rows.map((r) => r.code));
    },

    /** A draft outgoing document with its files, receivers and first history row (R-OUT-1). */
    async insertDraft(input: DraftInput, t: Transaction): Promise<void> {
      await select(
        `INSERT INTO documents (id, direction, organization_code, type_code, document_date, field, summary, signer_position, signer_name, urgency,
                                sender_code, sender_name, due_at, copies, page_count, notes, notation, status, legal_validity, intake, signature,
                                signed_at, created_by, replaces_id, workflow_id, search_text)
         VALUES ($1, 'outgoing', $2, $3, $4, $5, $6, $7, $8, $9, $2, $10, $11, $12, $13, $14, $15, 'draft', $16, 'electronic', $17, $18, $19, $20, $21,
                 ${searchText('$15::text', '$6::text', '$10::text', '$8::text')})
         RETURNING id`,
        [
          input.id,
          input.organizationCode,
          input.typeCode,
          input.documentDate,
          input.field,
          input.summary,
          input.signerPosition,
          input.signerName,
          input.urgency,
          input.organizationName,
          input.dueAt,
          input.copies,
          input.pageCount,
          input.notes,
          input.notation,
          input.legalValidity,
          JSON.stringify(input.signature),
          input.signedAt,
          input.createdBy,
          input.replacesId,
          input.workflowId,
        ],
        t,
      );
      await insertFiles(input.id, input.files, t);
      const at = new Date();
      for (const r of input.receivers) {
        await select(
          `INSERT INTO document_receivers (document_id, receiver_code, receiver_name, channel, status, status_at) VALUES ($1, $2, $3, 'internal', 'pending', $4) RETURNING document_id`,
          [input.id, r.code, r.name, at],
          t,
        );
      }
    },

    /** A plain paper document entered by the clerk (R-REC-5): arrived, with its scans. */
    async insertPaperIncoming(input: PaperIncomingInput, t: Transaction): Promise<void> {
      await select(
        `INSERT INTO documents (id, direction, organization_code, number_and_notation, document_date, type_code, field, summary, signer_position,
                                signer_name, urgency, sender_code, sender_name, received_at, due_at, copies, page_count, notes, status,
                                legal_validity, intake, created_by, workflow_id, search_text)
         VALUES ($1, 'incoming', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 'arrived', 'information_only', 'paper', $18, $19,
                 ${searchText('$3::text', '$7::text', '$12::text', '$9::text')})
         RETURNING id`,
        [
          input.id,
          input.organizationCode,
          input.numberAndNotation,
          input.documentDate,
          input.typeCode,
          input.field,
          input.summary,
          input.signerPosition,
          input.signerName,
          input.urgency,
          input.senderCode,
          input.senderName,
          input.receivedAt,
          input.dueAt,
          input.copies,
          input.pageCount,
          input.notes,
          input.createdBy,
          input.workflowId,
        ],
        t,
      );
      await insertFiles(input.id, input.files, t);
    },

    /** Appends one history row; the dedupe key makes a repeated request write nothing twice. */
    async appendHistory(h: HistoryInput, t?: Transaction): Promise<void> {
      await select(
        `INSERT INTO document_history (document_id, at, actor_id, actor_label, action, status, status_code, reason, details, dedupe_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [h.documentId, h.at, h.actorId, h.actorLabel, h.action, h.status ?? null, h.statusCode ?? null, h.reason ?? null, h.details === undefined ? null : JSON.stringify(h.details), h.dedupeKey],
        t,
      );
    },

    /** What the receipt checks and the signature verification found (R-REC-2, R-DOC-4). */
    async evidence(documentId: string): Promise<{ checks: unknown; signature: unknown }> {
      const [row] = await select<{ checks: unknown; signature: unknown }>('SELECT checks, signature FROM documents WHERE id = $1', [documentId]);
      return row ?? { checks: null, signature: null };
    },

    /** Active supervisors and the root of the subtree each watches (R-DL-2 digest). */
    async activeSupervisors(): Promise<Array<{ id: string; fullName: string; email: string | null; root: string }>> {
      const rows = await select<{ id: string; full_name: string; email: string | null; root: string }>(
        `SELECT id, full_name, email, coalesce(supervises_code, organization_code) AS root
           FROM users WHERE active AND roles @> ARRAY['supervisor']::text[] ORDER BY username`,
        [],
      );
      return rows.map((r) => ({ id: r.id, fullName: r.full_name, email: r.email, root: r.root }));
    },

    /** Open overdue tasks under `root`, per organization and by how long they have been overdue at `now`. */
    async overdueSummary(root: string, now: Date): Promise<OverdueSummaryRow[]> {
      const rows = await select<{ organization_code: string; organization_name: string | null; total: string; d1: string; d3: string; d7: string; older: string }>(
        `WITH o AS (
           SELECT t.organization_code, $2::timestamptz - coalesce(t.overdue_at, t.due_at, t.created_at) AS age
             FROM tasks t WHERE t.status = 'open' AND t.overdue AND t.organization_code LIKE $1)
         SELECT o.organization_code, org.name AS organization_name, count(*) AS total,
                count(*) FILTER (WHERE age < interval '1 day') AS d1,
                count(*) FILTER (WHERE age >= interval '1 day' AND age < interval '3 days') AS d3,
                count(*) FILTER (WHERE age >= interval '3 days' AND age < interval '7 days') AS d7,
                count(*) FILTER (WHERE age >= interval '7 days') AS older
           FROM o LEFT JOIN organizations org ON org.code = o.organization_code
          GROUP BY o.organization_code, org.name ORDER BY count(*) DESC, o.organization_code`,
        [subtreeLikePattern(root), now],
      );
      return rows.map((r) => ({
        organizationCode: r.organization_code,
        organizationName: r.organization_name,
        total: Number(r.total),
        byAge: { underOneDay: Number(r.d1), oneToThreeDays: Number(r.d3), threeToSevenDays: Number(r.d7), overSevenDays: Number(r.older) },
      }));
    },

    /** An in-app notification, once per user and key; true when it was written now. */
    async notifyOnce(n: { userId: string; kind: string; title: string; body: string; subjectType: string | null; subjectId: string | null; dedupeKey: string; at: Date }): Promise<boolean> {
      const rows = await select(
        `INSERT INTO notifications (user_id, kind, title, body, subject_type, subject_id, dedupe_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id`,
        [n.userId, n.kind, n.title, n.body, n.subjectType, n.subjectId, n.dedupeKey, n.at],
      );
      return rows.length > 0;
    },

    /** Workflows with an open step whose deadline has not passed (R-CAL-4). */
    async workflowsWithFutureDeadlines(now: Date): Promise<string[]> {
      const rows = await select<{ workflow_id: string }>(
        `SELECT DISTINCT workflow_id FROM tasks WHERE status = 'open' AND due_at > $1 AND workflow_id IS NOT NULL ORDER BY workflow_id`,
        [now],
      );
      return rows.map((r) => r.workflow_id);
    },
  };

  async function insertFiles(documentId: string, list: NewDocumentFile[], t: Transaction): Promise<void> {
    for (const [position, f] of list.entries()) {
      await select('INSERT INTO document_files (document_id, position, file_id, role) VALUES ($1, $2, $3, $4) RETURNING document_id', [documentId, position, f.fileId, f.role], t);
    }
  }
}

export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>;
