// English messages. ra.* comes from ra-language-english; resources.* and app.*
// must mirror vi.ts key for key (enforced by the types below).
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'react-admin';
import type { viApp, viResources } from './vi';

const enResources: typeof viResources = {
    organizations: {
        name: 'Organization |||| Organizations',
        fields: {
            id: 'Identifier code',
            code: 'Identifier code',
            name: 'Name',
            shortName: 'Short name',
            kind: 'Kind',
            parentCode: 'Parent organization',
            address: 'Address',
            email: 'E-mail',
            phone: 'Phone',
            website: 'Website',
            connectionState: 'Connection state',
            connectedAt: 'Connected since',
            deadlineMissed: 'Connection deadline missed',
            nonCompliantSince: 'Non-compliant since',
            createdAt: 'Created at',
            updatedAt: 'Updated at',
            q: 'Search',
            subtree: 'In the subtree of',
        },
    },
    connections: {
        name: 'Connection |||| Connections',
        fields: {
            id: 'Identifier code',
            code: 'Identifier code',
            name: 'Organization',
            kind: 'Kind',
            parentCode: 'Parent organization',
            state: 'Connection state',
            connectedAt: 'Connected since',
            deadline: 'Deadline',
            deadlineMissed: 'Deadline missed',
            overdue: 'Overdue',
            nonCompliantSince: 'Non-compliant since',
            lastReminderAt: 'Last reminder',
            steps: 'Connection steps',
            q: 'Search',
            subtree: 'In the subtree of',
        },
    },
    notifications: {
        name: 'Notification |||| Notifications',
        fields: {
            id: 'Id',
            kind: 'Kind',
            title: 'Title',
            body: 'Message',
            subjectType: 'Subject',
            subjectId: 'Subject id',
            createdAt: 'Time',
            readAt: 'Read at',
            unread: 'Unread',
        },
    },
    users: {
        name: 'User |||| Users',
        fields: {
            id: 'Id',
            username: 'Username',
            fullName: 'Full name',
            organizationCode: 'Organization',
            roles: 'Roles',
            active: 'Active',
            q: 'Search',
        },
    },
};

const enApp: typeof viApp = {
    title: 'Document management and administration',
    subtitle: 'Sơn La province',
    auth: {
        login_title: 'Sign in',
        invalid_credentials: 'Wrong username or password',
    },
    menu: {
        dashboard: 'Dashboard',
        organizations: 'Organizations',
        organization_tree: 'Organization tree',
        connections: 'Connections',
        notifications: 'Notifications',
        users: 'Users',
    },
    organization: {
        kind: {
            province: 'Province',
            department: 'Department',
            district: 'District',
            commune: 'Commune',
            other: 'Other',
        },
        code_helper:
            'Four dot-separated groups: LLL.KK.JJ.Hnn (e.g. 000.00.00.H52 the Provincial People’s Committee, 000.00.01.H52 a department, 000.01.01.H52 a unit under it). The parent is derived from the code.',
        code_invalid: 'The code must look like LLL.KK.JJ.Hnn, e.g. 000.00.01.H52',
        derived_parent: 'Parent by the code: %{parent}',
        root: 'Top level',
        contact: 'Contact data',
        connection: 'Interconnection',
        tree_title: 'Organization tree',
        tree_empty: 'No organizations yet',
        tree_expand_all: 'Expand all',
        tree_collapse_all: 'Collapse all',
        tree_hint: 'Click an organization to open it.',
        tree_load_error: 'Could not load the organization tree',
        view_connection: 'Show connection steps',
    },
    connection: {
        state: {
            not_connected: 'Not connected',
            infrastructure_ready: 'Infrastructure ready',
            test_passed: 'Test exchange passed',
            connected: 'Connected',
        },
        overdue: 'Connection overdue',
        overdue_only: 'Overdue only',
        summary: {
            total: 'Total',
            connected: 'Connected',
            not_connected: 'Not connected',
            overdue: 'Overdue',
        },
        advance: {
            button: 'Advance to: %{state}',
            dialog_title: 'Advance the connection state',
            dialog_content: 'Move %{name} from "%{from}" to "%{to}"?',
            note: 'Note',
            confirm: 'Advance',
            success: 'Connection state changed to "%{state}"',
        },
        timeline: {
            title: 'Connection steps',
            empty: 'No step recorded yet',
            by: 'By %{actor}',
        },
    },
    notification: {
        kind: {
            connection_reminder: 'Connection reminder',
            connection_overdue: 'Connection overdue',
            connection_escalation: 'Connection escalation',
            other: 'Other notification',
        },
        unread_count: '%{smart_count} unread notification |||| %{smart_count} unread notifications',
        unread_only: 'Unread only',
        mark_read: 'Mark as read',
        mark_all_read: 'Mark all as read',
        marked_read: 'Marked as read',
        all_marked_read: 'All notifications marked as read',
        unread: 'Unread',
        read: 'Read',
    },
    user: {
        role: {
            admin: 'Administrator',
            clerk: 'Clerk',
            leader: 'Leader',
            specialist: 'Specialist',
            supervisor: 'Supervisor',
        },
    },
    dashboard: {
        welcome: 'Welcome, %{name}',
        welcome_subtitle: 'Document management and administration system of Sơn La province',
        my_organization: 'My organization',
        no_organization: 'This account belongs to no organization',
        connection_state: 'Interconnection state',
        unread_notifications: 'Unread notifications',
        no_unread: 'No new notifications',
        view_all_notifications: 'Show all notifications',
        overdue_title: 'Organizations past the connection deadline',
        overdue_count: '%{smart_count} organization not connected past the deadline |||| %{smart_count} organizations not connected past the deadline',
        overdue_scope: 'Within %{organization}',
        view_overdue: 'Show the overdue list',
        load_error: 'Could not load the data',
    },
};

const en: TranslationMessages = {
    ...englishMessages,
    resources: enResources,
    app: enApp,
};

export default en;
