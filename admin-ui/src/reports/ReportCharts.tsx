// Charts of the report (R-RPT-3): per organization row, documents sent and received split into
// electronic and paper, and documents completed on time and late (with what is overdue now).
// Horizontal bars, so that two dozen Vietnamese organization names stay readable.
import type { ReactElement } from 'react';
import { Card, CardContent, Grid, Typography, useTheme } from '@mui/material';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslate } from 'react-admin';
import type { ExchangeReport } from './reportTypes';

/** "Ủy ban nhân dân huyện Mộc Châu" → "UBND huyện Mộc Châu"; "… tỉnh Sơn La" dropped: the axis is narrow. */
export const chartLabel = (name: string): string =>
    name
        .replace(/^Ủy ban nhân dân /u, 'UBND ')
        .replace(/^Văn phòng Ủy ban nhân dân /u, 'VP UBND ')
        .replace(/ tỉnh Sơn La$/u, '');

const ChartCard = ({ title, height, testId, children }: { title: string; height: number; testId: string; children: ReactElement }) => (
    <Card sx={{ height: '100%' }} data-testid={testId}>
        <CardContent>
            <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
                {title}
            </Typography>
            <ResponsiveContainer width="100%" height={height}>
                {children}
            </ResponsiveContainer>
        </CardContent>
    </Card>
);

export const ReportCharts = ({ report }: { report: ExchangeReport }) => {
    const translate = useTranslate();
    const theme = useTheme();
    const data = report.rows.map(r => ({ ...r, label: chartLabel(r.name) }));
    const height = Math.max(220, data.length * 34 + 60);
    const axis = { fontSize: 11 };
    const yAxis = <YAxis type="category" dataKey="label" width={170} tick={axis} interval={0} />;
    const t = (key: string) => translate(`app.report.column.${key}`);
    return (
        <Grid container spacing={2}>
            <Grid size={{ xs: 12, lg: 6 }}>
                <ChartCard title={translate('app.report.chart.exchange')} height={height} testId="report-chart-exchange">
                    <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
                        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                        <XAxis type="number" allowDecimals={false} tick={axis} />
                        {yAxis}
                        <Tooltip />
                        <Legend />
                        <Bar dataKey="sentElectronic" name={`${translate('app.report.group.sent')}: ${t('sentElectronic')}`} stackId="sent" fill={theme.palette.primary.main} />
                        <Bar dataKey="sentPaper" name={`${translate('app.report.group.sent')}: ${t('sentPaper')}`} stackId="sent" fill={theme.palette.primary.light} />
                        <Bar dataKey="receivedElectronic" name={`${translate('app.report.group.received')}: ${t('receivedElectronic')}`} stackId="received" fill={theme.palette.info.main} />
                        <Bar dataKey="receivedPaper" name={`${translate('app.report.group.received')}: ${t('receivedPaper')}`} stackId="received" fill={theme.palette.info.light} />
                    </BarChart>
                </ChartCard>
            </Grid>
            <Grid size={{ xs: 12, lg: 6 }}>
                <ChartCard title={translate('app.report.chart.processing')} height={height} testId="report-chart-processing">
                    <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
                        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                        <XAxis type="number" allowDecimals={false} tick={axis} />
                        {yAxis}
                        <Tooltip />
                        <Legend />
                        <Bar dataKey="completedOnTime" name={t('completedOnTime')} stackId="done" fill={theme.palette.success.main} />
                        <Bar dataKey="completedLate" name={t('completedLate')} stackId="done" fill={theme.palette.warning.main} />
                        <Bar dataKey="overdueNow" name={t('overdueNow')} fill={theme.palette.error.main} />
                    </BarChart>
                </ChartCard>
            </Grid>
        </Grid>
    );
};
