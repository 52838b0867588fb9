// Home page: a section per role the user has (clerk, leader, specialist, supervisor, admin), all
// from one GET /api/home, each card linking to its filtered list; then the general widgets, each
// fetching its own data.
import { Alert, Box, Grid, Skeleton, Typography } from '@mui/material';
import { Title, useGetIdentity, usePermissions, useTranslate } from 'react-admin';
import { canWatchCompliance } from './auth/access';
import { AdminHome } from './dashboard/AdminHome';
import { ClerkHome } from './dashboard/ClerkHome';
import { LeaderHome } from './dashboard/LeaderHome';
import { MyOrganizationWidget } from './dashboard/MyOrganizationWidget';
import { OverdueConnectionsWidget } from './dashboard/OverdueConnectionsWidget';
import { SpecialistHome } from './dashboard/SpecialistHome';
import { SupervisorHome } from './dashboard/SupervisorHome';
import { UnreadNotificationsWidget } from './dashboard/UnreadNotificationsWidget';
import { useHome } from './dashboard/useHome';
import type { Role } from './types';

const RoleSections = () => {
    const translate = useTranslate();
    const { data, isPending, error } = useHome();
    if (isPending) return <Skeleton variant="rounded" height={160} sx={{ mb: 3 }} data-testid="home-loading" />;
    if (error || !data) {
        return (
            <Alert severity="error" sx={{ mb: 3 }} data-testid="home-error">
                {(error as Error | null)?.message || translate('app.dashboard.load_error')}
            </Alert>
        );
    }
    return (
        <Box data-testid="home-sections" data-sections={data.sections.join(' ')}>
            {data.sections.map(role => {
                switch (role) {
                    case 'clerk':
                        return data.clerk && <ClerkHome key={role} data={data.clerk} />;
                    case 'leader':
                        return data.leader && <LeaderHome key={role} data={data.leader} />;
                    case 'specialist':
                        return data.specialist && <SpecialistHome key={role} data={data.specialist} />;
                    case 'supervisor':
                        return data.supervisor && <SupervisorHome key={role} data={data.supervisor} />;
                    case 'admin':
                        return data.admin && <AdminHome key={role} data={data.admin} />;
                    default:
                        return null;
                }
            })}
        </Box>
    );
};

export const Dashboard = () => {
    const translate = useTranslate();
    const { identity } = useGetIdentity();
    const { permissions } = usePermissions<Role[]>();
    return (
        <Box sx={{ mt: 2 }} data-testid="dashboard">
            <Title title="ra.page.dashboard" />
            <Typography variant="h5" gutterBottom>
                {translate('app.dashboard.welcome', { name: identity?.fullName ?? '' })}
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                {translate('app.dashboard.welcome_subtitle')}
            </Typography>
            <RoleSections />
            <Typography variant="h6" sx={{ mb: 1 }}>
                {translate('app.home.general')}
            </Typography>
            <Grid container spacing={2}>
                <Grid size={{ xs: 12, md: 4 }}>
                    <MyOrganizationWidget />
                </Grid>
                <Grid size={{ xs: 12, md: 4 }}>
                    <UnreadNotificationsWidget />
                </Grid>
                {canWatchCompliance(permissions) && (
                    <Grid size={{ xs: 12, md: 4 }}>
                        <OverdueConnectionsWidget />
                    </Grid>
                )}
            </Grid>
        </Box>
    );
};
