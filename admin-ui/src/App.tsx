// Wires providers, layout and resources; nothing else lives here.
import { Admin, CustomRoutes, Resource, reactRouterProvider } from 'react-admin';
import { authProvider } from './authProvider';
import connections from './connections';
import { Dashboard } from './Dashboard';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import notifications from './notifications';
import organizations, { OrganizationTree } from './organizations';
import { theme } from './theme';
import users from './users';

const { Route } = reactRouterProvider;

export const App = () => (
    <Admin
        title="app.title"
        dataProvider={dataProvider}
        authProvider={authProvider}
        i18nProvider={i18nProvider}
        dashboard={Dashboard}
        layout={Layout}
        loginPage={LoginPage}
        theme={theme}
        requireAuth
        disableTelemetry
    >
        <Resource name="organizations" {...organizations} />
        <Resource name="connections" {...connections} />
        <Resource name="notifications" {...notifications} />
        <Resource name="users" {...users} />
        <CustomRoutes>
            <Route path="/organization-tree" element={<OrganizationTree />} />
        </CustomRoutes>
    </Admin>
);
