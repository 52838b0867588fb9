// Record shapes of the audit log API (/api/audit, R-SEC-3) as the back office sees them.
import type { RaRecord } from 'react-admin';

export interface AuditEntry extends RaRecord<number> {
    seq: number;
    /** ISO 8601 with +07:00. */
    at: string;
    actorId: string | null;
    actorUsername: string | null;
    actorName: string | null;
    organizationCode: string | null;
    organizationName: string | null;
    /** A route pattern ('POST /api/incoming/:id/accept') or a named event ('auth.login'). */
    action: string;
    targetType: string | null;
    targetId: string | null;
    /** HTTP status; null when the client went away before the answer. */
    outcome: number | null;
    sourceAddress: string | null;
    details: Record<string, unknown> | null;
    prevHash: string;
    hash: string;
}

export type ChainBreak = 'hash_mismatch' | 'prev_mismatch' | 'gap';

export interface AuditVerifyResult {
    ok: boolean;
    rows: number;
    firstBroken?: { seq: number; reason: ChainBreak };
    head: { seq: number; hash: string };
}
