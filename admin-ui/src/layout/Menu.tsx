// Side menu: only the entries the user's roles can use (usePermissions).
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { Menu as RaMenu, usePermissions } from 'react-admin';
import { canRole } from '../auth/access';
import connections from '../connections';
import notifications from '../notifications';
import organizations from '../organizations';
import type { Role } from '../types';
import users from '../users';

export const Menu = () => {
    const { permissions } = usePermissions<Role[]>();
    const can = (resource: string, action: string) => canRole(permissions, resource, action);
    return (
        <RaMenu>
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
            {can('connections', 'list') && (
                <RaMenu.Item
                    to="/connections"
                    primaryText="app.menu.connections"
                    leftIcon={<connections.icon />}
                    data-testid="menu-connections"
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
