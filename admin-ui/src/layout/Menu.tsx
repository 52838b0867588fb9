// Side menu: only the entries the user's roles can use (usePermissions).
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import audit from '../audit';
import type { ComponentType } from 'react';
import { Menu as RaMenu, usePermissions } from 'react-admin';
import { canRole } from '../auth/access';
import connections from '../connections';
import deadlineTester from '../deadline-tester';
import departments from '../departments';
import documentTypes from '../document-types';
import holidays from '../holidays';
import incoming from '../incoming';
import notifications from '../notifications';
import organizations from '../organizations';
import outgoing from '../outgoing';
import overdue from '../overdue';
import paperRules from '../paper-rules';
import peers from '../peers';
import policies from '../policies';
import registerCounters from '../register-counters';
import registerEntries from '../register-entries';
import reports from '../reports';
import routingRules, { routingRuleTester } from '../routing-rules';
import tasks from '../tasks';
import type { Role } from '../types';
import users from '../users';

interface Entry {
    /** Resource and action checked against the role table (auth/access.ts). */
    resource: string;
    action: string;
    to: string;
    label: string;
    icon: ComponentType;
    testId: string;
}

/** Menu order; each entry is shown only to the roles that may use it. */
const ENTRIES: Entry[] = [
    // Daily work first: the caller's tasks, the inbox, the outbox, what is late.
    { resource: 'tasks', action: 'list', to: '/tasks', label: 'app.menu.tasks', icon: tasks.icon, testId: 'menu-tasks' },
    { resource: 'incoming', action: 'list', to: '/incoming', label: 'app.menu.incoming', icon: incoming.icon, testId: 'menu-incoming' },
    { resource: 'outgoing', action: 'list', to: '/outgoing', label: 'app.menu.outgoing', icon: outgoing.icon, testId: 'menu-outgoing' },
    { resource: 'overdue', action: 'list', to: '/overdue', label: 'app.menu.overdue', icon: overdue.icon, testId: 'menu-overdue' },
    { resource: 'reports', action: 'use', to: reports.path, label: 'app.menu.reports', icon: reports.icon, testId: 'menu-reports' },
    { resource: 'organizations', action: 'list', to: '/organizations', label: 'app.menu.organizations', icon: organizations.icon, testId: 'menu-organizations' },
    { resource: 'organizations', action: 'tree', to: '/organization-tree', label: 'app.menu.organization_tree', icon: AccountTreeIcon, testId: 'menu-organization-tree' },
    { resource: 'document-types', action: 'list', to: '/document-types', label: 'app.menu.document_types', icon: documentTypes.icon, testId: 'menu-document-types' },
    { resource: 'connections', action: 'list', to: '/connections', label: 'app.menu.connections', icon: connections.icon, testId: 'menu-connections' },
    { resource: 'register-entries', action: 'list', to: '/register-entries', label: 'app.menu.register_entries', icon: registerEntries.icon, testId: 'menu-register-entries' },
    { resource: 'register-counters', action: 'list', to: '/register-counters', label: 'app.menu.register_counters', icon: registerCounters.icon, testId: 'menu-register-counters' },
    { resource: 'holidays', action: 'list', to: '/holidays', label: 'app.menu.holidays', icon: holidays.icon, testId: 'menu-holidays' },
    { resource: 'policies', action: 'list', to: '/policies', label: 'app.menu.policies', icon: policies.icon, testId: 'menu-policies' },
    { resource: 'routing-rules', action: 'list', to: '/routing-rules', label: 'app.menu.routing_rules', icon: routingRules.icon, testId: 'menu-routing-rules' },
    { resource: 'routing-rules', action: 'test', to: routingRuleTester.path, label: 'app.menu.routing_rule_tester', icon: routingRuleTester.icon, testId: 'menu-routing-rule-tester' },
    { resource: 'paper-rules', action: 'list', to: '/paper-rules', label: 'app.menu.paper_rules', icon: paperRules.icon, testId: 'menu-paper-rules' },
    { resource: 'departments', action: 'list', to: '/departments', label: 'app.menu.departments', icon: departments.icon, testId: 'menu-departments' },
    { resource: 'peers', action: 'list', to: '/peers', label: 'app.menu.peers', icon: peers.icon, testId: 'menu-peers' },
    { resource: 'deadline-tester', action: 'use', to: deadlineTester.path, label: 'app.menu.deadline_tester', icon: deadlineTester.icon, testId: 'menu-deadline-tester' },
    { resource: 'notifications', action: 'list', to: '/notifications', label: 'app.menu.notifications', icon: notifications.icon, testId: 'menu-notifications' },
    { resource: 'users', action: 'list', to: '/users', label: 'app.menu.users', icon: users.icon, testId: 'menu-users' },
    { resource: 'audit', action: 'list', to: '/audit', label: 'app.menu.audit', icon: audit.icon, testId: 'menu-audit' },
];

export const Menu = () => {
    const { permissions } = usePermissions<Role[]>();
    return (
        // Long Vietnamese labels ("Giờ làm việc và thời hạn") wrap instead of being cut off.
        <RaMenu sx={{ '& .MuiMenuItem-root .MuiTypography-noWrap': { whiteSpace: 'normal', lineHeight: 1.3 } }}>
            <RaMenu.DashboardItem primaryText="app.menu.dashboard" data-testid="menu-dashboard" />
            {ENTRIES.filter((e) => canRole(permissions, e.resource, e.action)).map((e) => (
                <RaMenu.Item key={e.testId} to={e.to} primaryText={e.label} leftIcon={<e.icon />} data-testid={e.testId} />
            ))}
        </RaMenu>
    );
};
