// Record shapes of the REST API (/api) as the back office sees them.
// Mirrors the public contract in SPEC §11; times are ISO 8601 strings with +07:00.
import type { RaRecord } from 'react-admin';

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

export interface User extends RaRecord {
    username: string;
    fullName: string;
    organizationCode: string;
    roles: Role[];
    active: boolean;
}

// ---------------------------------------------------------------------------------------------
// Business calendar (R-CAL-1..4, R-DL-1..2): holidays, policies, the deadline calculator.

/** `holiday` (statutory), `day_off` (compensatory, extra, swapped-away), `working_day` (make-up). */
export const DAY_KINDS = ['holiday', 'day_off', 'working_day'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

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

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface OfficePeriod {
    /** 'HH:MM'; `end` may be '24:00'. */
    start: string;
    end: string;
}

export interface OfficeHours {
    weekdays: IsoWeekday[];
    periods: OfficePeriod[];
}

export interface SeasonalOfficeHours {
    name: string;
    /** 'MM-DD', inclusive; may wrap past 31/12. */
    from: string;
    to: string;
    weekdays?: IsoWeekday[];
    periods: OfficePeriod[];
}

export interface OfficeHoursPolicy {
    default: OfficeHours;
    seasonal: SeasonalOfficeHours[];
}

export const DEADLINE_UNITS = ['working_hours', 'working_days', 'end_of_working_day'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

export interface DeadlineRule {
    unit: DeadlineUnit;
    count: number;
}

export const DEADLINE_URGENCIES = ['normal', 'urgent', 'very_urgent', 'express'] as const;
export type DeadlineUrgency = (typeof DEADLINE_URGENCIES)[number];

export type StepDeadlinePolicy = Record<DeadlineUrgency, DeadlineRule>;

export interface ReminderPolicy {
    workingDaysBefore: number;
    /** 0 < fraction < 1 of the working time left. */
    shortDeadlineFraction: number;
}

export interface EscalationPolicy {
    grace: DeadlineRule;
}

/** The keys of the default policies; overrides are `office_hours:<orgCode>`. */
export const POLICY_KEYS = {
    officeHours: 'office_hours',
    routing: 'deadline.routing',
    processing: 'deadline.processing',
    reminder: 'deadline.reminder',
    escalation: 'deadline.escalation',
} as const;

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

export const REGISTER_KINDS = ['incoming', 'outgoing'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

/** The snapshot a register entry keeps of its document (Article 8.3.d / 10.1.c). */
export interface RegisterEntryDetails {
    arrivedAt?: string;
    senderCode?: string | null;
    senderName?: string | null;
    numberAndNotation?: string | null;
    documentDate?: string | null;
    typeCode?: string | null;
    typeName?: string | null;
    field?: string | null;
    summary?: string | null;
    signerPosition?: string | null;
    signerName?: string | null;
    urgency?: DeadlineUrgency;
    storagePlace?: string | null;
    sentAt?: string | null;
    receivers?: Array<{ code?: string | null; name: string }>;
    copies?: number | null;
    pageCount?: number | null;
    attachments?: string[];
    notes?: string | null;
}

export interface RegisterEntry extends RaRecord<string> {
    organizationCode: string;
    register: RegisterKind;
    year: number;
    number: number;
    /** Outgoing only: `<orgCode>.<yyyy>.<number>` (R-ORG-3). */
    identifier: string | null;
    documentId: string | null;
    registeredAt: string;
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
