// Record shapes of the REST API (/api) as the back office sees them.
// Mirrors the public contract in SPEC §11; times are ISO 8601 strings with +07:00.
import type { RaRecord } from 'react-admin';
import type { DayKind, DeadlineRule } from '../../domain/calendar';
import type { DeadlineUrgency } from '../../domain/calendar-policy';
import type { RegisterEntryDetails, RegisterKind } from '../../domain/registers';

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
export { DEADLINE_URGENCIES, POLICY_KEYS, type DeadlineUrgency, type EscalationPolicy, type StepDeadlinePolicy } from '../../domain/calendar-policy';

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
