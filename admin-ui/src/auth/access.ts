// Role-based access rules of the back office, in one table. Used by
// authProvider.canAccess (react-admin's page and button guards) and by the
// custom menu and workflow buttons through usePermissions(). The API enforces
// the same rules (R-SEC-2); these only keep users from seeing what they cannot use.
import type { Role } from '../types';

export type AccessAction = 'list' | 'show' | 'create' | 'edit' | 'delete' | 'export' | 'advance' | 'tree';

const ALL: readonly Role[] = ['admin', 'clerk', 'leader', 'specialist', 'supervisor'];

const POLICY: Record<string, Partial<Record<AccessAction, readonly Role[]>>> = {
    organizations: {
        list: ALL,
        show: ALL,
        tree: ALL,
        export: ALL,
        create: ['admin'],
        edit: ['admin'],
    },
    connections: {
        list: ['admin', 'supervisor', 'leader'],
        show: ['admin', 'supervisor', 'leader'],
        export: ['admin', 'supervisor', 'leader'],
        advance: ['admin', 'leader'],
    },
    notifications: {
        list: ALL,
        show: ALL,
    },
    users: {
        list: ['admin'],
        show: ['admin'],
    },
};

export const canRole = (
    roles: readonly Role[] | undefined | null,
    resource: string,
    action: string,
): boolean => {
    const allowed = POLICY[resource]?.[action as AccessAction];
    if (!allowed || !roles) return false;
    return roles.some(role => allowed.includes(role));
};

export const hasRole = (roles: readonly Role[] | undefined | null, ...wanted: Role[]): boolean =>
    !!roles && roles.some(role => wanted.includes(role));

/** The roles that may see the overdue count of a subtree on the dashboard. */
export const canWatchCompliance = (roles: readonly Role[] | undefined | null): boolean =>
    hasRole(roles, 'admin', 'supervisor');
