// A department (phòng, ban) as GET /api/departments returns it.
import type { RaRecord } from 'react-admin';

export interface Department extends RaRecord<string> {
    organizationCode: string;
    organizationName: string | null;
    name: string;
    /** False: retired — the history still names it, nothing new goes to it. */
    active: boolean;
    /** Active users who belong to it. */
    userCount: number;
    createdAt: string;
    updatedAt: string;
}
