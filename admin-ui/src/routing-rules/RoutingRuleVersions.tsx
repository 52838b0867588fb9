// Every version of a routing rule (R-ROUTE-1): rules are never overwritten, so the history of a
// document can name the exact version that routed it.
import { Alert, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { formatDateTimeVN } from '../fields/DateTimeField';
import type { RoutingRule } from '../types';
import { MatchSummary, TargetSummary } from './RoutingRuleFields';

export const RoutingRuleVersions = () => {
    const record = useRecordContext<RoutingRule>();
    const dataProvider = useDataProvider<AppDataProvider>();
    const translate = useTranslate();
    const { data, isPending, error } = useQuery({
        // Keyed on the current version: saving writes a new one, and the list is read again.
        queryKey: ['routing-rules', 'versions', String(record?.id), record?.version],
        queryFn: () => dataProvider.getRoutingRuleVersions(record!.id),
        enabled: !!record?.id,
    });
    if (!record) return null;
    if (isPending) return <Loading />;
    if (error) return <Alert severity="error">{(error as Error).message}</Alert>;
    const versions = [...(data?.data ?? [])].sort((a, b) => b.version - a.version);
    return (
        <>
            <Typography variant="subtitle1" sx={{ fontWeight: 600, mt: 2, mb: 1 }}>
                {translate('app.routing_rule.versions_title')}
            </Typography>
            <Table size="small" data-testid="routing-rule-versions">
                <TableHead>
                    <TableRow>
                        <TableCell>{translate('resources.routing-rules.fields.version')}</TableCell>
                        <TableCell>{translate('resources.routing-rules.fields.name')}</TableCell>
                        <TableCell>{translate('resources.routing-rules.fields.priority')}</TableCell>
                        <TableCell>{translate('app.routing_rule.conditions')}</TableCell>
                        <TableCell>{translate('app.routing_rule.target_column')}</TableCell>
                        <TableCell>{translate('resources.routing-rules.fields.active')}</TableCell>
                        <TableCell>{translate('resources.routing-rules.fields.updatedAt')}</TableCell>
                        <TableCell>{translate('resources.routing-rules.fields.createdByName')}</TableCell>
                    </TableRow>
                </TableHead>
                <TableBody>
                    {versions.map(v => (
                        <TableRow key={v.version} data-testid={`routing-rule-version-${v.version}`}>
                            <TableCell>{v.version}</TableCell>
                            <TableCell>{v.name}</TableCell>
                            <TableCell>{v.priority}</TableCell>
                            <TableCell>
                                <MatchSummary match={v.match} />
                            </TableCell>
                            <TableCell>
                                <TargetSummary target={v.target} name={v.targetName} />
                            </TableCell>
                            <TableCell>
                                {translate(v.active ? 'app.routing_rule.active' : 'app.routing_rule.inactive')}
                                {v.isDefault ? ` · ${translate('app.routing_rule.default')}` : ''}
                            </TableCell>
                            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTimeVN(v.updatedAt ?? v.createdAt)}</TableCell>
                            <TableCell>{v.createdByName ?? '—'}</TableCell>
                        </TableRow>
                    ))}
                </TableBody>
            </Table>
        </>
    );
};
