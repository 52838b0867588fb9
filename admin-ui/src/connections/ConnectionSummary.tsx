// Counts for the compliance view (R-CONN-4): how many organizations in the
// current subtree are connected, not connected, and past the deadline.
// Each count is a one-row list query that reads only the total.
import { Card, CardContent, Stack, Typography } from '@mui/material';
import { useGetList, useListContext, useTranslate } from 'react-admin';

const useCount = (filter: Record<string, unknown>) => {
    const { total, isPending } = useGetList('connections', {
        pagination: { page: 1, perPage: 1 },
        sort: { field: 'code', order: 'ASC' },
        filter,
    });
    return isPending ? '…' : (total ?? 0);
};

const Count = ({ label, value, color }: { label: string; value: number | string; color?: string }) => {
    const translate = useTranslate();
    return (
        <Card variant="outlined" sx={{ minWidth: 150, flex: 1 }}>
            <CardContent sx={{ py: 1, '&:last-child': { pb: 1 } }}>
                <Typography variant="caption" color="text.secondary">
                    {translate(label)}
                </Typography>
                <Typography variant="h5" sx={{ color }}>
                    {value}
                </Typography>
            </CardContent>
        </Card>
    );
};

export const ConnectionSummary = () => {
    const { filterValues } = useListContext();
    const scope = filterValues?.subtree ? { subtree: filterValues.subtree } : {};
    const total = useCount(scope);
    const connected = useCount({ ...scope, state: 'connected' });
    const notConnected = useCount({ ...scope, state: 'not_connected' });
    const overdue = useCount({ ...scope, overdue: true });
    return (
        <Stack direction="row" spacing={1} sx={{ p: 1, flexWrap: 'wrap', rowGap: 1 }} data-testid="connection-summary">
            <Count label="app.connection.summary.total" value={total} />
            <Count label="app.connection.summary.connected" value={connected} color="success.main" />
            <Count label="app.connection.summary.not_connected" value={notConnected} />
            <Count label="app.connection.summary.overdue" value={overdue} color="error.main" />
        </Stack>
    );
};
