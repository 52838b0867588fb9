// The answer of GET /api/reports/exchange (R-RPT-1, R-RPT-2), as api/services/reports.service.ts
// defines it. Times are ISO 8601 with +07:00; days are Vietnam calendar days (YYYY-MM-DD).
import type { ConnectionState } from '../types';

export type ReportRowScope = 'organization' | 'subtree' | 'total';

export interface ExchangeRow {
    code: string;
    name: string;
    shortName: string;
    kind: string;
    level: number;
    parentCode: string | null;
    scope: ReportRowScope;
    childCount: number;
    organizations: number;
    connectedOrganizations: number;
    connectionState: ConnectionState | null;
    sent: number;
    sentElectronic: number;
    sentPaper: number;
    received: number;
    receivedElectronic: number;
    receivedPaper: number;
    refused: number;
    recalled: number;
    completed: number;
    completedOnTime: number;
    completedLate: number;
    overdueNow: number;
    averageProcessingHours: number | null;
    electronicShare: number | null;
    onTimeShare: number | null;
    connectedShare: number;
    complianceScore: number;
}

export interface ExchangeReport {
    organization: { code: string; name: string; kind: string; level: number; parentCode: string | null };
    ancestors: Array<{ code: string; name: string }>;
    period: { from: string; to: string };
    generatedAt: string;
    averageProcessingTimeUnit: 'hours';
    rows: ExchangeRow[];
    total: ExchangeRow;
}

export interface ReportQuery {
    /** Root of the subtree; absent: the top of what the caller may see. */
    org?: string;
    from: string;
    to: string;
}

export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
