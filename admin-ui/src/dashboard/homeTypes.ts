// The shape of GET /api/home (api/services/home.service.ts) as the back office reads it: per role
// of the caller a section of `{total, items}` listings. Times are ISO 8601 strings with +07:00.
import type { ConnectionState, IncomingDocument, OrganizationKind, Role, Step, Task } from '../types';

export interface Listing<T> {
    total: number;
    items: T[];
}

/** What a card's in-place decision needs of the document a task points at. */
export interface DocumentBrief {
    id: string;
    status: string;
    legalValidity: IncomingDocument['legalValidity'];
    checks: IncomingDocument['checks'];
    senderCode: string | null;
    senderName: string | null;
    receivedAt: string | null;
    signedAt: string | null;
    mainHandlerId: string | null;
    routedRule: IncomingDocument['routedRule'];
}

export type PaperStep = Extract<Step, 'paper_dispatch' | 'paper_receipt' | 'paper_recall'>;
export const PAPER_STEPS: readonly PaperStep[] = ['paper_dispatch', 'paper_receipt', 'paper_recall'];

export interface ClerkHome {
    awaitingReception: Listing<IncomingDocument>;
    awaitingIssue: Listing<Task>;
    paperTasks: Listing<Task> & { byStep: Record<PaperStep, number> };
    failedDeliveries: Listing<Task>;
}

export interface LeaderHome {
    awaitingDecision: Listing<Task & { document: DocumentBrief | null }> & { byStep: { routing: number; assignment: number } };
    overdue: Listing<Task>;
}

export interface SpecialistHome {
    myTasks: Listing<Task> & { overdue: number; dueToday: number };
}

export interface OverdueByOrganization {
    organizationCode: string;
    organizationName: string | null;
    total: number;
    byAge: { underOneDay: number; oneToThreeDays: number; threeToSevenDays: number; overSevenDays: number };
}
export const AGE_BUCKETS = ['underOneDay', 'oneToThreeDays', 'threeToSevenDays', 'overSevenDays'] as const;

export interface Escalation {
    id: string;
    documentId: string;
    direction: 'incoming' | 'outgoing';
    at: string;
    reason: string | null;
    level: number | null;
    escalatedToName: string | null;
    step: Step | null;
    organizationCode: string;
    organizationName: string | null;
    numberAndNotation: string | null;
    summary: string;
}

export interface ConnectionBrief {
    code: string;
    name: string;
    kind: OrganizationKind;
    connectionState: ConnectionState;
    deadlineMissed: boolean;
}

export interface SupervisorHome {
    root: string;
    overdue: { total: number; byOrganization: OverdueByOrganization[] };
    escalations: Listing<Escalation> & { sinceDays: number };
    connections: { byState: Partial<Record<ConnectionState, number>>; notConnected: Listing<ConnectionBrief> };
}

export interface OrganizationHealth {
    code: string;
    name: string;
    kind: OrganizationKind;
    connectionState: ConnectionState;
    activeUsers: number;
}

export interface RuleHealth {
    id: string;
    version: number;
    name: string;
    organizationCode: string;
    organizationName: string | null;
    targetKind: 'leader' | 'user';
    targetUserId: string | null;
    targetName: string | null;
}

export interface PeerCertificateWarning {
    id: string;
    name: string;
    subject: string | null;
    validTo: string | null;
    expired: boolean;
    unreadable: boolean;
}

export interface AdminHome {
    organizationsWithoutRules: Listing<OrganizationHealth>;
    organizationsWithoutClerk: Listing<OrganizationHealth>;
    rulesWithUnusableTarget: Listing<RuleHealth>;
    expiringPeers: Listing<PeerCertificateWarning> & { withinDays: number };
}

export interface HomeSummary {
    generatedAt: string;
    organizationCode: string;
    sections: Role[];
    clerk?: ClerkHome;
    leader?: LeaderHome;
    specialist?: SpecialistHome;
    supervisor?: SupervisorHome;
    admin?: AdminHome;
}
