// Record shapes of the REST API (/api) as the back office sees them.
// Mirrors the public contract in SPEC §11; times are ISO 8601 strings with +07:00.
import type { RaRecord } from 'react-admin';
import type { DayKind, DeadlineRule } from '../../domain/calendar';
import type { DeadlineUrgency } from '../../domain/calendar-policy';
import type { RegisterEntryDetails, RegisterKind } from '../../domain/registers';
import type { IncomingStatus } from '../../domain/document-status';
import type { ChangeKind, DeliveryChannel, DocumentChanges, OutgoingStatus, Step, Urgency } from '../../domain/documents';
import type { RoutingMatch, RoutingTarget } from '../../domain/routing';

export const ROLES = ['admin', 'clerk', 'leader', 'specialist', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

export interface CurrentUser {
    id: string | number;
    username: string;
    fullName: string;
    organizationCode: string;
    organizationName: string;
    roles: Role[];
}

export const ORGANIZATION_KINDS = ['province', 'department', 'district', 'commune', 'other'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Connection process states (R-CONN-1), in order. */
export const CONNECTION_STATES = [
    'not_connected',
    'infrastructure_ready',
    'test_passed',
    'connected',
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export interface Organization extends RaRecord<string> {
    code: string;
    name: string;
    shortName: string;
    kind: OrganizationKind;
    parentCode: string | null;
    address?: string | null;
    email?: string | null;
    phone?: string | null;
    website?: string | null;
    connectionState: ConnectionState;
    connectedAt: string | null;
    deadlineMissed: boolean;
    nonCompliantSince: string | null;
    createdAt: string;
    updatedAt: string;
}

export interface ConnectionStep {
    state: ConnectionState;
    at: string;
    actor: string | null;
    note: string | null;
}

export interface Connection extends RaRecord<string> {
    code: string;
    name: string;
    kind: OrganizationKind;
    parentCode: string | null;
    state: ConnectionState;
    connectedAt: string | null;
    deadline: string;
    deadlineMissed: boolean;
    overdue: boolean;
    nonCompliantSince: string | null;
    lastReminderAt: string | null;
    steps?: ConnectionStep[];
}

export const NOTIFICATION_KINDS = [
    'connection_reminder',
    'connection_overdue',
    'connection_escalation',
] as const;

export interface AppNotification extends RaRecord {
    kind: string;
    title: string;
    body: string;
    subjectType: string | null;
    subjectId: string | null;
    createdAt: string;
    readAt: string | null;
}

export interface User extends RaRecord<string> {
    username: string;
    fullName: string;
    position: string | null;
    email: string | null;
    phone: string | null;
    organizationCode: string;
    organizationName: string;
    departmentId: string | null;
    /** Supervisors only: root of the subtree they watch; null = their own organization. */
    supervisesCode: string | null;
    roles: Role[];
    active: boolean;
    passwordChangedAt: string | null;
    createdAt: string;
    updatedAt: string;
}

/** SPEC §4: the admin-editable list of document types; id = code. */
export interface DocumentType extends RaRecord<string> {
    code: string;
    name: string;
    /** null for Công văn, whose notation carries no type abbreviation. */
    abbreviation: string | null;
    active: boolean;
    sortOrder: number;
    updatedAt: string;
}

// The password policy is the server's own (pure domain module, shared).
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordViolations, type PasswordViolation } from '../../domain/password-policy';

// ---------------------------------------------------------------------------------------------
// Business calendar (R-CAL-1..4, R-DL-1..2): holidays, policies, the deadline calculator.

/** `holiday` (statutory), `day_off` (compensatory, extra, swapped-away), `working_day` (make-up). */
export { DAY_KINDS, type DayKind } from '../../domain/calendar';

/** Where a day comes from: the holiday library, the Labour Code rule, or an admin. */
export const HOLIDAY_SOURCES = ['library', 'statutory', 'admin'] as const;
export type HolidaySource = (typeof HOLIDAY_SOURCES)[number];

export interface Holiday extends RaRecord<string> {
    /** 'YYYY-MM-DD', a Vietnam calendar day. */
    date: string;
    year: number;
    kind: DayKind;
    name: string;
    note: string | null;
    source: HolidaySource;
    adminManaged: boolean;
    createdAt: string;
    updatedAt: string;
    updatedBy: string | null;
    deletedAt: string | null;
}

// The calendar and policy shapes are the server's own (pure domain modules, shared as types).
export {
    DEADLINE_UNITS,
    type DeadlineRule,
    type DeadlineUnit,
    type IsoWeekday,
    type OfficeHours,
    type OfficeHoursPolicy,
    type OfficePeriod,
    type ReminderRule as ReminderPolicy,
    type SeasonalOfficeHours,
} from '../../domain/calendar';
export { DEADLINE_URGENCIES, POLICY_KEYS, type DeadlineUrgency, type EscalationPolicy, type PaperReminderPolicy, type StepDeadlinePolicy } from '../../domain/calendar-policy';

export interface Policy extends RaRecord<string> {
    key: string;
    value: unknown;
    description: string;
    /** Set for `office_hours:<orgCode>` overrides. */
    organizationCode: string | null;
    updatedAt: string;
    updatedBy: string | null;
}

/** What the deadline calculator sends: exactly one rule. */
export type DeadlineQuery = {
    org?: string;
    /** ISO 8601 with offset. */
    from: string;
} & (
    | { step: 'routing' | 'processing'; urgency: DeadlineUrgency }
    | { workingHours: number }
    | { workingDays: number }
    | { endOfWorkingDay: number }
);

export interface DeadlineResult {
    org: string | null;
    from: string;
    /** R-CAL-3: the start of office hours the document counts as received at. */
    receivedAt: string;
    rule: DeadlineRule;
    urgency?: DeadlineUrgency;
    due: string;
    workingHours: number;
}

// ---------------------------------------------------------------------------------------------
// Registers (R-DOC-1, R-DOC-2, R-ORG-3).

export { REGISTER_KINDS, type RegisterEntryDetails, type RegisterKind } from '../../domain/registers';

export interface RegisterEntry extends RaRecord<string> {
    organizationCode: string;
    register: RegisterKind;
    year: number;
    number: number;
    /** Outgoing only: `<orgCode>.<yyyy>.<number>` (R-ORG-3). */
    identifier: string | null;
    documentId: string | null;
    registeredAt: string;
    organizationName: string | null;
    registeredByName: string | null;
    voidedByName: string | null;
    registeredBy: string | null;
    details: RegisterEntryDetails;
    voided: boolean;
    voidedAt: string | null;
    voidReason: string | null;
    voidedBy: string | null;
}

export interface RegisterCounterChange {
    previousNextNumber: number;
    nextNumber: number;
    highestRegistered: number | null;
    changedBy: string | null;
    changedAt: string;
    reason: string | null;
}

export interface RegisterCounter extends RaRecord<string> {
    organizationCode: string;
    register: RegisterKind;
    year: number;
    nextNumber: number;
    highestRegistered: number | null;
    registeredCount: number;
    voidedCount: number;
    /** Numbers below nextNumber that never entered the system: used on paper. */
    paperCount: number;
    lastChangedAt: string | null;
    lastChangedBy: string | null;
    /** Only on GET/PUT of one register. */
    changes?: RegisterCounterChange[];
}

// ---------------------------------------------------------------------------------------------
// Document processes (SPEC §7.1–7.5; docs/document-processes.md, HTTP contract): incoming and
// outgoing documents, delivery tracking, history, tasks, routing and paper rules. The status and
// step vocabularies are the server's own (pure domain modules, shared).

export {
    EDXML_STATUS_CODES,
    INCOMING_STATUSES,
    RECALL_STATUS_CODES,
    type IncomingStatus,
} from '../../domain/document-status';
export {
    CHANGE_KINDS,
    DELIVERY_CHANNELS,
    DELIVERY_STATUSES,
    OUTGOING_STATUSES,
    STEPS,
    URGENCIES,
    URGENCY_RANK,
    type ChangeKind,
    type DeliveryChannel,
    type DeliveryStatus,
    type DocumentChanges,
    type OutgoingStatus,
    type Step,
    type Urgency,
} from '../../domain/documents';
export type { RoutingMatch, RoutingTarget } from '../../domain/routing';


export const LEGAL_VALIDITIES = ['legally_valid', 'information_only'] as const;
export type LegalValidity = (typeof LEGAL_VALIDITIES)[number];

export const INTAKES = ['electronic', 'paper_accompanies', 'paper'] as const;
export type Intake = (typeof INTAKES)[number];

/** A stored file of a document (R-FMT-3); downloaded through GET /api/files/:id with the token. */
export interface DocumentFile {
    /** The stored file's id (GET /api/files/:fileId). */
    fileId?: string;
    id?: string;
    url?: string;
    originalName?: string;
    name?: string;
    mediaType?: string;
    sizeBytes?: number;
    sha256?: string;
    role?: 'main' | 'attachment';
    position?: number;
}

export const CHECK_NAMES = ['completeness', 'integrity', 'signature', 'formats'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];
export const CHECK_OUTCOMES = ['passed', 'failed', 'warning'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/** R-REC-2: one automatic check before acceptance, explained in Vietnamese by the server. */
export interface CheckResult {
    check: CheckName;
    outcome: CheckOutcome;
    detail: string;
}

export interface ReceiptChecks {
    ok: boolean;
    legalValidity: LegalValidity;
    checks: CheckResult[];
}

/** Where the current step's deadline stands (R-DL-1..2). */
export interface DocumentDeadline {
    taskId?: string;
    step?: Step | null;
    dueAt: string | null;
    remindAt?: string | null;
    reminded?: boolean;
    remindedAt?: string | null;
    overdue?: boolean;
    escalationLevel?: number;
}

/** A recall / update / replace from the sender awaiting the clerk's answer (R-RCL-1..3). */
export interface PendingChange {
    kind: ChangeKind;
    reason: string;
    changes?: DocumentChanges | null;
    replacementId?: string | null;
    at?: string | null;
}

interface DocumentRecord extends RaRecord<string> {
    organizationCode: string;
    organizationName?: string | null;
    documentIdentifier?: string | null;
    number?: number | null;
    notation?: string | null;
    numberAndNotation?: string | null;
    documentDate?: string | null;
    typeCode?: string | null;
    typeName?: string | null;
    field?: string | null;
    summary: string;
    signerPosition?: string | null;
    signerName?: string | null;
    urgency: Urgency;
    dueAt?: string | null;
    copies?: number | null;
    pageCount?: number | null;
    notes?: string | null;
    legalValidity?: LegalValidity | null;
    intake?: Intake;
    files?: DocumentFile[];
    overdue?: boolean;
    createdAt?: string;
    updatedAt?: string;
}

export interface IncomingDocument extends DocumentRecord {
    status: IncomingStatus;
    statusCode?: string | null;
    senderCode?: string | null;
    senderName?: string | null;
    sentAt?: string | null;
    receivedAt?: string | null;
    registerNumber?: number | null;
    storagePlace?: string | null;
    checks?: ReceiptChecks | CheckResult[] | null;
    deadline?: DocumentDeadline | null;
    pendingChange?: PendingChange | null;
    mainHandlerId?: string | null;
    mainHandlerName?: string | null;
    /** Main and co-handlers with their own task state (R-ROUTE-2). */
    handlers?: Array<{ userId: string; fullName: string | null; role: 'main' | 'co' | null; status: string; dueAt: string | null }>;
    departmentId?: string | null;
    departmentName?: string | null;
    result?: string | null;
    completedAt?: string | null;
    paperReceivedAt?: string | null;
    routedRule?: { id: string; version: number; name: string; reasons?: string[] } | null;
    sourceDocumentId?: string | null;
    recallReason?: string | null;
    recalledAt?: string | null;
}

export interface OutgoingReceiver {
    code?: string;
    receiverCode?: string;
    name?: string | null;
    receiverName?: string | null;
    channel?: DeliveryChannel;
    status?: string;
}

export interface OutgoingDocument extends DocumentRecord {
    status: OutgoingStatus;
    signedAt?: string | null;
    issuedAt?: string | null;
    receivers?: Array<OutgoingReceiver | string>;
    replacesId?: string | null;
    replacedById?: string | null;
    recallReason?: string | null;
    recalledAt?: string | null;
    deadline?: DocumentDeadline | null;
    createdByName?: string | null;
}

/** One receiver of an issued document as its sender tracks it (R-OUT-5, R-RCL-1). */
export interface Delivery {
    code?: string;
    receiverCode?: string;
    name?: string | null;
    receiverName?: string | null;
    channel: DeliveryChannel;
    status: string;
    statusCode?: string | null;
    statusAt?: string | null;
    reason?: string | null;
    sentAt?: string | null;
    paperStatus?: 'pending' | 'dispatched' | 'cancelled' | null;
    paperDispatchedAt?: string | null;
    changeKind?: ChangeKind | null;
    changeCode?: string | null;
    changeReason?: string | null;
    changeAt?: string | null;
    /** Some answers nest the change answer; both shapes are read. */
    change?: { kind?: ChangeKind | null; code?: string | null; reason?: string | null; at?: string | null } | null;
}

/** One line of a document's history (R-DOC-3): append-only. */
export interface HistoryEntry {
    id: string | number;
    at: string;
    actorLabel?: string | null;
    actorName?: string | null;
    actor?: string | null;
    action: string;
    status?: string | null;
    statusCode?: string | null;
    reason?: string | null;
    details?: Record<string, unknown> | null;
}

/** A piece of open work (R-DL-1): named, or for everyone with a role in the organization. */
export interface Task extends RaRecord<string> {
    documentId: string;
    organizationCode: string;
    organizationName?: string | null;
    kind?: string;
    step: Step;
    title?: string | null;
    urgency: Urgency;
    dueAt?: string | null;
    overdue?: boolean;
    overdueAt?: string | null;
    remindedAt?: string | null;
    escalationLevel?: number;
    escalatedTo?: string | null;
    status?: string;
    assigneeUserId?: string | null;
    assigneeName?: string | null;
    assigneeRole?: Role | null;
    handlerRole?: 'main' | 'co' | null;
    receiverCode?: string | null;
    createdAt?: string;
    direction?: 'incoming' | 'outgoing';
    summary?: string | null;
    documentSummary?: string | null;
    numberAndNotation?: string | null;
}

/** An active user of the caller's organization (assignment pickers). */
export interface Colleague {
    id: string;
    username?: string;
    fullName: string;
    position?: string | null;
    roles?: Role[];
    departmentId?: string | null;
    departmentName?: string | null;
}

export interface RoutingRule extends RaRecord<string> {
    version: number;
    organizationCode: string;
    organizationName?: string | null;
    name: string;
    priority: number;
    isDefault: boolean;
    active: boolean;
    match: RoutingMatch;
    target: RoutingTarget;
    /** Who the target is (department, leader or user name). */
    targetName?: string | null;
    /** When the rule's first version was written. */
    createdAt?: string;
    /** When this version was written. */
    updatedAt?: string;
    createdBy?: string | null;
    createdByName?: string | null;
}

/** What "Quy tắc nào áp dụng?" asks about: a document as routing sees it. */
export interface RoutingTestQuery {
    organizationCode: string;
    senderCode?: string | null;
    typeCode?: string | null;
    field?: string | null;
    urgency: Urgency;
    summary: string;
}

/** The answer of POST /api/routing-rules/test: the rule that fires (or none) and every rule's verdict. */
export interface RoutingTestResult {
    decision: {
        rule: { id: string; version: number; name: string; isDefault?: boolean };
        target: RoutingTarget;
        targetName?: string | null;
        reasons: string[];
    } | null;
    rules: Array<{ id: string; version: number; name: string; priority: number; isDefault: boolean; active: boolean; matched: boolean; reasons: string[] }>;
}

/** R-OUT-4: when a paper copy accompanies the electronic one. */
export interface PaperRuleRecord extends RaRecord<string> {
    name: string;
    senderCode: string | null;
    senderName?: string | null;
    receiverCode: string | null;
    receiverName?: string | null;
    receiverSubtree: boolean;
    typeCodes: string[];
    active: boolean;
    createdAt?: string;
}
