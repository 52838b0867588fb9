// For supervisors and admins: how many organizations of their subtree are
// still not connected past the deadline (R-CONN-2/4), linking to that list. The API scopes the
// list itself (a supervisor's subtree is the one they supervise, which may be above their own
// organization), so no subtree filter is sent.
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Skeleton, Typography } from '@mui/material';
import { Button, Link, useCreatePath, useGetIdentity, useGetList, useTranslate } from 'react-admin';
import { WidgetCard } from './WidgetCard';

export const OverdueConnectionsWidget = () => {
    const translate = useTranslate();
    const createPath = useCreatePath();
    const { identity } = useGetIdentity();
    const filter = { overdue: true };
    const { total, isPending, error } = useGetList(
        'connections',
        { pagination: { page: 1, perPage: 1 }, sort: { field: 'code', order: 'ASC' }, filter },
        { enabled: !!identity },
    );
    const to = `${createPath({ resource: 'connections', type: 'list' })}?filter=${encodeURIComponent(
        JSON.stringify(filter),
    )}`;
    return (
        <WidgetCard
            title="app.dashboard.overdue_title"
            icon={<WarningAmberIcon color="error" />}
            testId="dashboard-overdue-connections"
            actions={<Button component={Link} to={to} label="app.dashboard.view_overdue" />}
        >
            {isPending ? (
                <Skeleton />
            ) : error ? (
                <Typography color="error">{translate('app.dashboard.load_error')}</Typography>
            ) : (
                <>
                    <Typography variant="h3" component="p" color={total ? 'error' : 'success'} data-testid="dashboard-overdue-count">
                        {total ?? 0}
                    </Typography>
                    <Typography variant="body2">
                        {translate('app.dashboard.overdue_count', { smart_count: total ?? 0 })}
                    </Typography>
                    {identity?.organizationName && (
                        <Typography variant="caption" color="text.secondary">
                            {translate('app.dashboard.overdue_scope', {
                                organization: String(identity.organizationName),
                            })}
                        </Typography>
                    )}
                </>
            )}
        </WidgetCard>
    );
};
