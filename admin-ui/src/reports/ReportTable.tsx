// The figures per organization (R-RPT-1) and the compliance columns (R-RPT-2): the organization
// itself first, then each direct child with its whole subtree — clicking a child's row drills
// down into it (a commune without units shows its own row) — and the total last.
import type { ReactNode } from 'react';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { Box, Chip, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { ConnectionStateChip } from '../organizations/OrganizationFields';
import type { ExchangeReport, ExchangeRow } from './reportTypes';

type Column = 'sent' | 'sentElectronic' | 'sentPaper' | 'received' | 'receivedElectronic' | 'receivedPaper' | 'refused' | 'recalled' | 'completedOnTime' | 'completedLate' | 'overdueNow' | 'averageProcessingHours' | 'electronicShare' | 'onTimeShare' | 'connection' | 'complianceScore';

/** Column groups of the two-row header; a group without a label is one column spanning both rows. */
const GROUPS: Array<{ label: string | null; columns: Column[] }> = [
    { label: 'app.report.group.sent', columns: ['sent', 'sentElectronic', 'sentPaper'] },
    { label: 'app.report.group.received', columns: ['received', 'receivedElectronic', 'receivedPaper'] },
    { label: null, columns: ['refused'] },
    { label: null, columns: ['recalled'] },
    { label: 'app.report.group.processing', columns: ['completedOnTime', 'completedLate', 'overdueNow', 'averageProcessingHours'] },
    { label: 'app.report.group.compliance', columns: ['electronicShare', 'onTimeShare', 'connection', 'complianceScore'] },
];

export const drillable = (row: ExchangeRow): boolean => row.scope === 'subtree';

const scoreColor = (score: number): 'success' | 'warning' | 'error' => (score >= 80 ? 'success' : score >= 50 ? 'warning' : 'error');

const useFormat = () => {
    const [locale] = useLocaleState();
    const tag = locale === 'vi' ? 'vi-VN' : 'en-GB';
    const count = new Intl.NumberFormat(tag);
    const oneDecimal = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const percent = new Intl.NumberFormat(tag, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return {
        count: (n: number) => count.format(n),
        hours: (n: number | null) => (n === null ? '—' : oneDecimal.format(n)),
        share: (n: number | null) => (n === null ? '—' : percent.format(n)),
        score: (n: number) => oneDecimal.format(n),
    };
};

const Cell = ({ row, column, testId }: { row: ExchangeRow; column: Column; testId: string }) => {
    const format = useFormat();
    let content: ReactNode;
    switch (column) {
        case 'averageProcessingHours':
            content = format.hours(row.averageProcessingHours);
            break;
        case 'electronicShare':
        case 'onTimeShare':
            content = format.share(row[column]);
            break;
        case 'connection':
            content =
                row.scope === 'organization' && row.connectionState ? (
                    <ConnectionStateChip state={row.connectionState} />
                ) : (
                    `${row.connectedOrganizations}/${row.organizations}`
                );
            break;
        case 'complianceScore':
            content = <Chip size="small" color={scoreColor(row.complianceScore)} label={format.score(row.complianceScore)} />;
            break;
        default:
            content = format.count(row[column]);
    }
    return (
        <TableCell align={column === 'connection' ? 'center' : 'right'} data-testid={testId} sx={{ whiteSpace: 'nowrap' }}>
            {content}
        </TableCell>
    );
};

export const ReportTable = ({ report, onDrill }: { report: ExchangeReport; onDrill: (code: string) => void }) => {
    const translate = useTranslate();
    const columns = GROUPS.flatMap(g => g.columns);
    const headerSx = { fontWeight: 600, bgcolor: 'action.hover', lineHeight: 1.2 };
    return (
        <TableContainer sx={{ overflowX: 'auto' }}>
            <Table size="small" data-testid="report-table">
                <TableHead>
                    <TableRow>
                        <TableCell rowSpan={2} sx={{ ...headerSx, minWidth: 240 }}>
                            {translate('app.report.column.organization')}
                        </TableCell>
                        {GROUPS.map(g =>
                            g.label ? (
                                <TableCell key={g.label} colSpan={g.columns.length} align="center" sx={headerSx}>
                                    {translate(g.label)}
                                </TableCell>
                            ) : (
                                <TableCell key={g.columns[0]} rowSpan={2} align="right" sx={headerSx}>
                                    {translate(`app.report.column.${g.columns[0]}`)}
                                </TableCell>
                            ),
                        )}
                    </TableRow>
                    <TableRow>
                        {GROUPS.filter(g => g.label).flatMap(g =>
                            g.columns.map(c => (
                                <TableCell key={c} align={c === 'connection' ? 'center' : 'right'} sx={headerSx}>
                                    {translate(`app.report.column.${c}`)}
                                </TableCell>
                            )),
                        )}
                    </TableRow>
                </TableHead>
                <TableBody>
                    {report.rows.map(row => {
                        const drill = drillable(row);
                        return (
                            <TableRow
                                key={row.code}
                                hover={drill}
                                onClick={drill ? () => onDrill(row.code) : undefined}
                                sx={drill ? { cursor: 'pointer' } : undefined}
                                data-testid={`report-row-${row.code}`}
                                data-drillable={drill ? 'true' : 'false'}
                            >
                                <TableCell>
                                    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
                                        <Box sx={{ flex: 1 }}>
                                            <Typography variant="body2" sx={{ fontWeight: 500 }}>
                                                {row.name}
                                            </Typography>
                                            <Typography variant="caption" color="text.secondary">
                                                {row.code} ·{' '}
                                                {row.scope === 'organization'
                                                    ? translate('app.report.scope_own')
                                                    : translate('app.report.scope_subtree', { smart_count: row.organizations })}
                                            </Typography>
                                        </Box>
                                        {drill && <ChevronRightIcon fontSize="small" color="action" aria-label={translate('app.report.drill_down')} />}
                                    </Box>
                                </TableCell>
                                {columns.map(c => (
                                    <Cell key={c} row={row} column={c} testId={`report-${row.code}-${c}`} />
                                ))}
                            </TableRow>
                        );
                    })}
                    <TableRow data-testid="report-total" sx={{ '& td': { fontWeight: 700, borderTop: 2, borderTopColor: 'divider' } }}>
                        <TableCell>{translate('app.report.total')}</TableCell>
                        {columns.map(c => (
                            <Cell key={c} row={report.total} column={c} testId={`report-total-${c}`} />
                        ))}
                    </TableRow>
                </TableBody>
            </Table>
        </TableContainer>
    );
};
