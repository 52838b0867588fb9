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
