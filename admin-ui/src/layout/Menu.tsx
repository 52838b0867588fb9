// Side menu: only the entries the user's roles can use (usePermissions).
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { Menu as RaMenu, usePermissions } from 'react-admin';
import { canRole } from '../auth/access';
import connections from '../connections';
import deadlineTester from '../deadline-tester';
import documentTypes from '../document-types';
import holidays from '../holidays';
import notifications from '../notifications';
import organizations from '../organizations';
import policies from '../policies';
import registerCounters from '../register-counters';
import registerEntries from '../register-entries';
import type { Role } from '../types';
import users from '../users';

export const Menu = () => {
    const { permissions } = usePermissions<Role[]>();
    const can = (resource: string, action: string) => canRole(permissions, resource, action);
    return (
        // Long Vietnamese labels ("Giờ làm việc và thời hạn") wrap instead of being cut off.
        <RaMenu sx={{ '& .MuiMenuItem-root .MuiTypography-noWrap': { whiteSpace: 'normal', lineHeight: 1.3 } }}>
            <RaMenu.DashboardItem primaryText="app.menu.dashboard" data-testid="menu-dashboard" />
            {can('organizations', 'list') && (
                <RaMenu.Item
                    to="/organizations"
                    primaryText="app.menu.organizations"
                    leftIcon={<organizations.icon />}
                    data-testid="menu-organizations"
                />
            )}
            {can('organizations', 'tree') && (
                <RaMenu.Item
                    to="/organization-tree"
                    primaryText="app.menu.organization_tree"
                    leftIcon={<AccountTreeIcon />}
                    data-testid="menu-organization-tree"
                />
            )}
            {can('document-types', 'list') && (
                <RaMenu.Item
                    to="/document-types"
                    primaryText="app.menu.document_types"
                    leftIcon={<documentTypes.icon />}
                    data-testid="menu-document-types"
                />
            )}
            {can('connections', 'list') && (
                <RaMenu.Item
                    to="/connections"
                    primaryText="app.menu.connections"
                    leftIcon={<connections.icon />}
                    data-testid="menu-connections"
                />
            )}
            {can('register-entries', 'list') && (
                <RaMenu.Item
                    to="/register-entries"
                    primaryText="app.menu.register_entries"
                    leftIcon={<registerEntries.icon />}
                    data-testid="menu-register-entries"
                />
            )}
            {can('register-counters', 'list') && (
                <RaMenu.Item
                    to="/register-counters"
                    primaryText="app.menu.register_counters"
                    leftIcon={<registerCounters.icon />}
                    data-testid="menu-register-counters"
                />
            )}
            {can('holidays', 'list') && (
                <RaMenu.Item
                    to="/holidays"
                    primaryText="app.menu.holidays"
                    leftIcon={<holidays.icon />}
                    data-testid="menu-holidays"
                />
            )}
            {can('policies', 'list') && (
                <RaMenu.Item
                    to="/policies"
                    primaryText="app.menu.policies"
                    leftIcon={<policies.icon />}
                    data-testid="menu-policies"
                />
            )}
            {can('deadline-tester', 'use') && (
                <RaMenu.Item
                    to={deadlineTester.path}
                    primaryText="app.menu.deadline_tester"
                    leftIcon={<deadlineTester.icon />}
                    data-testid="menu-deadline-tester"
                />
            )}
            {can('notifications', 'list') && (
                <RaMenu.Item
                    to="/notifications"
                    primaryText="app.menu.notifications"
                    leftIcon={<notifications.icon />}
                    data-testid="menu-notifications"
                />
            )}
            {can('users', 'list') && (
                <RaMenu.Item
                    to="/users"
                    primaryText="app.menu.users"
                    leftIcon={<users.icon />}
                    data-testid="menu-users"
                />
            )}
        </RaMenu>
    );
};
