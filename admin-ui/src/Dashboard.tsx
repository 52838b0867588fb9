// Home page: small widgets, each fetching its own data.
import { Box, Grid, Typography } from '@mui/material';
import { Title, useGetIdentity, usePermissions, useTranslate } from 'react-admin';
import { canWatchCompliance } from './auth/access';
import { MyOrganizationWidget } from './dashboard/MyOrganizationWidget';
import { OverdueConnectionsWidget } from './dashboard/OverdueConnectionsWidget';
import { UnreadNotificationsWidget } from './dashboard/UnreadNotificationsWidget';
import type { Role } from './types';

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
