// "Thống kê" (R-RPT-1..3; QĐ 2588 Articles 11.3, 16.3): the exchange report of an organization
// subtree over a period — one row for the organization, one per direct child with its subtree,
// and a total; click a row to drill down into its children, the breadcrumb to go back up. The
// organization and the period live in the address (/reports?org=…&from=…&to=…), so the browser's
// back button walks the drill-down too. For admins, supervisors and leaders (the API decides
// which organizations each may see).
import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Box, Breadcrumbs, Card, CardContent, LinearProgress, Link, Stack, Typography } from '@mui/material';
import { Title, useLocation, useNavigate, useTranslate } from 'react-admin';
import { formatDateKey, formatInstantWithOffset } from '../fields/vietnamTime';
import { ExportButtons } from './ExportButtons';
import { presetPeriod } from './period';
import { fetchExchangeReport } from './reportApi';
import { ReportCharts } from './ReportCharts';
import { ReportFilters } from './ReportFilters';
import { ReportTable } from './ReportTable';
import type { ExchangeReport, ReportQuery } from './reportTypes';

const PATH = '/reports';

const useReportQuery = (): [ReportQuery, (patch: Partial<ReportQuery>) => void] => {
    const location = useLocation();
    const navigate = useNavigate();
    const defaults = useMemo(() => presetPeriod('this_month'), []);
    const params = new URLSearchParams(location.search);
    const query: ReportQuery = {
        org: params.get('org') || undefined,
        from: params.get('from') || defaults.from,
        to: params.get('to') || defaults.to,
    };
    const go = (patch: Partial<ReportQuery>) => {
        const next = { ...query, ...patch };
        const search = new URLSearchParams({ from: next.from, to: next.to });
        if (next.org) search.set('org', next.org);
        navigate(`${PATH}?${search.toString()}`);
    };
    return [query, go];
};

const Breadcrumb = ({ report, onSelect }: { report: ExchangeReport; onSelect: (code: string) => void }) => (
    <Breadcrumbs aria-label="breadcrumb" data-testid="report-breadcrumb">
        {report.ancestors.map(a => (
            <Link
                key={a.code}
                component="button"
                underline="hover"
                color="inherit"
                onClick={() => onSelect(a.code)}
                data-testid={`report-breadcrumb-${a.code}`}
            >
                {a.name}
            </Link>
        ))}
        <Typography color="text.primary" sx={{ fontWeight: 500 }} data-testid="report-breadcrumb-current">
            {report.organization.name}
        </Typography>
    </Breadcrumbs>
);

export const ReportsPage = () => {
    const translate = useTranslate();
    const [query, go] = useReportQuery();
    const { data, error, isFetching } = useQuery({
        queryKey: ['reports', 'exchange', query.org ?? '', query.from, query.to],
        queryFn: () => fetchExchangeReport(query),
        // the table stays while the next level loads, instead of flashing empty
        placeholderData: keepPreviousData,
        retry: false,
    });
    // exports ask for exactly what is shown
    const shown: ReportQuery | null = data ? { org: data.organization.code, from: data.period.from, to: data.period.to } : null;

    return (
        <Box sx={{ mt: 1 }} data-testid="reports-page">
            <Title title="app.report.title" />
            <Card sx={{ mb: 2 }}>
                <CardContent>
                    <ReportFilters
                        query={query}
                        current={data ? { code: data.organization.code, name: data.organization.name } : null}
                        scopeRoot={data?.ancestors[0]?.code ?? data?.organization.code}
                        onChange={go}
                    />
                </CardContent>
            </Card>
            {isFetching && <LinearProgress sx={{ mb: 1 }} data-testid="report-loading" />}
            {error && (
                <Alert severity="error" sx={{ mb: 2 }} data-testid="report-error">
                    {(error as Error).message || translate('app.report.load_error')}
                </Alert>
            )}
            {data && shown && (
                <Stack spacing={2}>
                    <Card>
                        <CardContent>
                            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ justifyContent: 'space-between', alignItems: { md: 'center' }, mb: 1 }}>
                                <Box>
                                    <Breadcrumb report={data} onSelect={code => go({ org: code })} />
                                    <Typography variant="body2" color="text.secondary" data-testid="report-period">
                                        {translate('app.report.period_caption', {
                                            from: formatDateKey(data.period.from),
                                            to: formatDateKey(data.period.to),
                                            at: formatInstantWithOffset(data.generatedAt),
                                        })}
                                    </Typography>
                                </Box>
                                <ExportButtons query={shown} />
                            </Stack>
                            <ReportTable report={data} onDrill={code => go({ org: code })} />
                            <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
                                {translate('app.report.notes')}
                            </Typography>
                        </CardContent>
                    </Card>
                    <ReportCharts report={data} />
                </Stack>
            )}
        </Box>
    );
};
