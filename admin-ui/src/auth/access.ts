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
    | 'reset_password'
    // document processes (docs/document-processes.md, HTTP contract)
    | 'accept'
    | 'refuse'
    | 'route'
    | 'assign'
    | 'complete'
    | 'extend'
    | 'paper_received'
    | 'acknowledge_recall'
    | 'print'
    | 'issue'
    | 'recall'
    | 'update'
    | 'paper_dispatched'
    | 'paper_recalled'
    | 'test'
    // audit log (R-SEC-3)
    | 'verify';

const ALL: readonly Role[] = ['admin', 'clerk', 'leader', 'specialist', 'supervisor'];
/** Who reads the registers (R-DOC-1): everyone but specialists, as the API allows. */
const REGISTER_READERS: readonly Role[] = ['admin', 'clerk', 'leader', 'supervisor'];
/** Who acts on the organization's outgoing documents: its clerks and leaders. */
const SENDERS: readonly Role[] = ['clerk', 'leader'];

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
    // Incoming documents (R-REC, R-ROUTE, R-DL): everyone of the organization reads (admins all,
    // supervisors their subtree); the clerk receives, the leader routes and assigns. "complete"
    // is also open to the document's main handler, whatever their role (IncomingActions).
    incoming: {
        list: ALL,
        show: ALL,
        export: ALL,
        create: ['clerk'],
        accept: ['clerk'],
        refuse: ['clerk'],
        route: ['clerk', 'leader'],
        assign: ['leader'],
        complete: ['leader'],
        extend: ['leader'],
        paper_received: ['clerk'],
        acknowledge_recall: ['clerk'],
        print: ['admin', 'clerk', 'leader', 'specialist'],
    },
    // Outgoing documents (R-OUT, R-RCL): the organization's clerks and leaders act.
    outgoing: {
        list: ALL,
        show: ALL,
        export: ALL,
        create: SENDERS,
        issue: SENDERS,
        recall: SENDERS,
        update: SENDERS,
        paper_dispatched: SENDERS,
        paper_recalled: SENDERS,
        print: SENDERS,
    },
    // "Việc của tôi": the caller's own open work.
    tasks: {
        list: ['clerk', 'leader', 'specialist'],
    },
    // Overdue steps (R-DL-2): leaders of their organization, supervisors of their subtree, admins.
    overdue: {
        list: ['leader', 'supervisor', 'admin'],
    },
    // Statistics (R-RPT-1..3): admins, supervisors (their subtree) and leaders (their organization).
    reports: {
        use: ['admin', 'supervisor', 'leader'],
    },
    // Routing rules (R-ROUTE-1) and "paper accompanies" rules (R-OUT-4) are admin data.
    'routing-rules': {
        list: ['admin'],
        show: ['admin'],
        create: ['admin'],
        edit: ['admin'],
        delete: ['admin'],
        test: ['admin'],
    },
    'paper-rules': {
        list: ['admin'],
        show: ['admin'],
        create: ['admin'],
        edit: ['admin'],
        delete: ['admin'],
    },
    // Departments (phòng, ban) of the organizations: admin data; the API lets everyone read their own
    // organization's, which the routing-rule and user forms pick from.
    departments: {
        list: ['admin'],
        show: ['admin'],
        create: ['admin'],
        edit: ['admin'],
        delete: ['admin'],
    },
    // Peer systems (R-SEC-1, SPEC §8): admin data; "delete" deactivates (documents refer to the peer).
    peers: {
        list: ['admin'],
        show: ['admin'],
        create: ['admin'],
        edit: ['admin'],
        delete: ['admin'],
    },
    // Audit log (R-SEC-3): admins read all of it, supervisors their subtree's; only admins verify the chain.
    audit: {
        list: ['admin', 'supervisor'],
        show: ['admin', 'supervisor'],
        verify: ['admin'],
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
