// Role-based access rules of the back office, in one table. Used by
// authProvider.canAccess (react-admin's page and button guards) and by the
// custom menu and workflow buttons through usePermissions(). The API enforces
// the same rules (R-SEC-2); these only keep users from seeing what they cannot use.
import type { Role } from '../types';

export type AccessAction =
    | 'list'
    | 'show'
    | 'create'
    | 'edit'
    | 'delete'
    | 'export'
    | 'advance'
    | 'tree'
    | 'use'
    | 'void'
    | 'set_start'
    | 'deactivate'
    | 'reset_password';

const ALL: readonly Role[] = ['admin', 'clerk', 'leader', 'specialist', 'supervisor'];
/** Who reads the registers (R-DOC-1): everyone but specialists, as the API allows. */
const REGISTER_READERS: readonly Role[] = ['admin', 'clerk', 'leader', 'supervisor'];

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
    // Accounts (R-SEC-2): admins only; everyone changes their own password from the user menu.
    users: {
        list: ['admin'],
        show: ['admin'],
        create: ['admin'],
        edit: ['admin'],
        deactivate: ['admin'],
        reset_password: ['admin'],
    },
    // Document types (SPEC §4): everyone reads the list, admins keep it; types are never deleted.
    'document-types': {
        list: ALL,
        show: ALL,
        export: ALL,
        create: ['admin'],
        edit: ['admin'],
    },
    // Business calendar (R-CAL-1..2): everyone reads it, admins keep it.
    holidays: {
        list: ALL,
        show: ALL,
        create: ['admin'],
        edit: ['admin'],
        delete: ['admin'],
    },
    // Office hours and deadline policies (R-CAL-1, R-DL-1..2); only organization overrides are
    // created and deleted, the default policies are edited.
    policies: {
        list: ALL,
        show: ALL,
        create: ['admin'],
        edit: ['admin'],
        delete: ['admin'],
    },
    // The deadline calculator page (/deadline-tester): checks the calendar the processes use.
    'deadline-tester': {
        use: ['admin', 'leader'],
    },
    // Registers (R-DOC-1, R-DOC-2): voiding a number and starting numbers are for admins.
    'register-entries': {
        list: REGISTER_READERS,
        show: REGISTER_READERS,
        export: REGISTER_READERS,
        void: ['admin'],
    },
    'register-counters': {
        list: REGISTER_READERS,
        show: REGISTER_READERS,
        export: REGISTER_READERS,
        set_start: ['admin'],
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
