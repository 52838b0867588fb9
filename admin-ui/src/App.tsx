// Wires providers, layout and resources; nothing else lives here.
import { Admin, CustomRoutes, Resource, reactRouterProvider } from 'react-admin';
import audit from './audit';
import { authProvider } from './authProvider';
import connections from './connections';
import { Dashboard } from './Dashboard';
import { dataProvider } from './dataProvider';
import deadlineTester, { DeadlineTester } from './deadline-tester';
import departments from './departments';
import { DOCUMENT_REDIRECT_PATH, DocumentRedirect } from './documents/DocumentRedirect';
import documentTypes from './document-types';
import holidays from './holidays';
import incoming from './incoming';
import { i18nProvider } from './i18n/i18nProvider';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import notifications from './notifications';
import organizations, { OrganizationTree } from './organizations';
import outgoing from './outgoing';
import overdue from './overdue';
import paperRules from './paper-rules';
import peers from './peers';
import policies from './policies';
import registerCounters from './register-counters';
import registerEntries from './register-entries';
import reports, { ReportsPage } from './reports';
import routingRules, { RoutingRuleTester, routingRuleTester } from './routing-rules';
import tasks from './tasks';
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
        <Resource name="tasks" {...tasks} />
        <Resource name="incoming" {...incoming} />
        <Resource name="outgoing" {...outgoing} />
        <Resource name="overdue" {...overdue} />
        <Resource name="organizations" {...organizations} />
        <Resource name="connections" {...connections} />
        <Resource name="notifications" {...notifications} />
        <Resource name="users" {...users} />
        <Resource name="document-types" {...documentTypes} />
        <Resource name="holidays" {...holidays} />
        <Resource name="policies" {...policies} />
        <Resource name="register-entries" {...registerEntries} />
        <Resource name="register-counters" {...registerCounters} />
        <Resource name="routing-rules" {...routingRules} />
        <Resource name="paper-rules" {...paperRules} />
        <Resource name="departments" {...departments} />
        <Resource name="peers" {...peers} />
        <Resource name="audit" {...audit} />
        <CustomRoutes>
            <Route path="/organization-tree" element={<OrganizationTree />} />
            <Route path={deadlineTester.path} element={<DeadlineTester />} />
            <Route path={reports.path} element={<ReportsPage />} />
            <Route path={routingRuleTester.path} element={<RoutingRuleTester />} />
            <Route path={DOCUMENT_REDIRECT_PATH} element={<DocumentRedirect />} />
        </CustomRoutes>
    </Admin>
);
