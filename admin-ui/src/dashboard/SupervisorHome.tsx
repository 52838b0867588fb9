// Giám sát's home (SPEC §1, R-DL-2, R-CONN-4): overdue work of the supervised subtree by
// organization and by how long it has been overdue (≤1 day, 1–3, 3–7, >7 days) — a row opens the
// organization's overdue list, and from there each document —, the latest escalations, and who in
// the subtree is still not connected.
import type { MouseEvent } from 'react';
import { Chip, Grid, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import AlarmIcon from '@mui/icons-material/Alarm';
import CableIcon from '@mui/icons-material/Cable';
import TrendingUpIcon from '@mui/icons-material/TrendingUp';
import { Link, useNavigate, useTranslate } from 'react-admin';
import { ConnectionStateChip } from '../organizations/OrganizationFields';
import { formatDateTimeVN } from '../fields/DateTimeField';
import { CONNECTION_STATES } from '../types';
import { Expandable, HomeCard, HomeList, HomeSection } from './HomeCard';
import { HomeItem } from './HomeItems';
import { AGE_BUCKETS, type SupervisorHome as SupervisorHomeData } from './homeTypes';
import { listPath } from './useHome';

const OverdueByOrganization = ({ data }: { data: SupervisorHomeData['overdue'] }) => {
    const translate = useTranslate();
    const navigate = useNavigate();
    return (
        <HomeCard
            title="app.home.supervisor.overdue"
            icon={<AlarmIcon color="error" />}
            count={data.total}
            tone="error"
            to={listPath('overdue')}
            empty="app.home.no_overdue"
            testId="home-supervisor-overdue"
        >
            <Table size="small" data-testid="home-supervisor-overdue-table">
                <TableHead>
                    <TableRow>
                        <TableCell>{translate('app.home.supervisor.organization')}</TableCell>
                        {AGE_BUCKETS.map(bucket => (
                            <TableCell key={bucket} align="right">
                                {translate(`app.home.supervisor.age.${bucket}`)}
                            </TableCell>
                        ))}
                        <TableCell align="right">{translate('app.home.supervisor.total')}</TableCell>
                    </TableRow>
                </TableHead>
                <TableBody>
                    {data.byOrganization.map(row => {
                        const to = listPath('overdue', { organizationCode: row.organizationCode });
                        return (
                            <TableRow
                                key={row.organizationCode}
                                hover
                                onClick={() => navigate(to)}
                                sx={{ cursor: 'pointer' }}
                                data-testid={`home-overdue-org-${row.organizationCode}`}
                            >
                                <TableCell>
                                    <Link to={to} onClick={(event: MouseEvent) => event.stopPropagation()} data-testid={`home-overdue-org-${row.organizationCode}-open`}>
                                        {row.organizationName ?? row.organizationCode}
                                    </Link>
                                    <Typography variant="caption" color="text.secondary" component="div">
                                        {row.organizationCode}
                                    </Typography>
                                </TableCell>
                                {AGE_BUCKETS.map(bucket => (
                                    <TableCell
                                        key={bucket}
                                        align="right"
                                        sx={{ color: row.byAge[bucket] ? (bucket === 'underOneDay' ? 'warning.main' : 'error.main') : 'text.disabled', fontWeight: row.byAge[bucket] ? 600 : undefined }}
                                        data-testid={`home-overdue-org-${row.organizationCode}-${bucket}`}
                                    >
                                        {row.byAge[bucket]}
                                    </TableCell>
                                ))}
                                <TableCell align="right" sx={{ fontWeight: 700 }}>
                                    {row.total}
                                </TableCell>
                            </TableRow>
                        );
                    })}
                </TableBody>
            </Table>
        </HomeCard>
    );
};

const Escalations = ({ data }: { data: SupervisorHomeData['escalations'] }) => {
    const translate = useTranslate();
    return (
        <HomeCard
            title="app.home.supervisor.escalations"
            icon={<TrendingUpIcon color="error" />}
            count={data.total}
            tone="error"
            subheader={translate('app.home.supervisor.escalations_since', { smart_count: data.sinceDays })}
            to={listPath('overdue', undefined, { field: 'escalationLevel', order: 'DESC' })}
            empty="app.home.supervisor.no_escalations"
            testId="home-supervisor-escalations"
        >
            <HomeList>
                {data.items.map(item => (
                    <HomeItem
                        key={item.id}
                        to={`/${item.direction}/${encodeURIComponent(item.documentId)}/show`}
                        title={item.numberAndNotation || translate(`app.document.open.${item.direction}`)}
                        summary={`${item.organizationName ?? item.organizationCode} — ${item.summary}`}
                        testId={`home-escalation-${item.id}`}
                        chips={
                            <>
                                <Chip size="small" variant="outlined" label={formatDateTimeVN(item.at)} />
                                {item.level && <Chip size="small" color="error" variant="outlined" icon={<TrendingUpIcon />} label={translate('app.task.escalation_level', { level: item.level })} />}
                                {item.step && <Chip size="small" variant="outlined" label={translate(`app.document.step.${item.step}`, { _: item.step })} />}
                                {item.escalatedToName && (
                                    <Typography variant="caption" color="text.secondary">
                                        {translate('app.task.escalated_to', { org: item.escalatedToName })}
                                    </Typography>
                                )}
                            </>
                        }
                    />
                ))}
            </HomeList>
        </HomeCard>
    );
};

const Compliance = ({ data }: { data: SupervisorHomeData['connections'] }) => {
    const translate = useTranslate();
    return (
        <HomeCard
            title="app.home.supervisor.connections"
            icon={<CableIcon color="primary" />}
            count={data.notConnected.total}
            tone="warning"
            to={listPath('connections', { overdue: true })}
            empty="app.home.supervisor.all_connected"
            testId="home-supervisor-connections"
            subheader={
                <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', mt: 0.5 }}>
                    {CONNECTION_STATES.map(state => (
                        <Chip
                            key={state}
                            size="small"
                            clickable
                            component={Link}
                            to={listPath('connections', { state })}
                            label={`${translate(`app.connection.state.${state}`)}: ${data.byState[state] ?? 0}`}
                            data-testid={`home-connections-${state}`}
                        />
                    ))}
                </Stack>
            }
        >
            <Expandable
                items={data.notConnected.items}
                testId="home-supervisor-connections-list"
                render={org => (
                    <HomeItem
                        key={org.code}
                        to={`/connections/${encodeURIComponent(org.code)}/show`}
                        title={org.name}
                        summary={org.code}
                        testId={`home-connection-${org.code}`}
                        chips={<ConnectionStateChip state={org.connectionState} overdue={org.deadlineMissed} />}
                    />
                )}
            />
        </HomeCard>
    );
};

export const SupervisorHome = ({ data }: { data: SupervisorHomeData }) => (
    <HomeSection title="app.user.role.supervisor" hint="app.home.supervisor.hint" testId="home-section-supervisor">
        <Grid container spacing={2}>
            <Grid size={{ xs: 12 }}>
                <OverdueByOrganization data={data.overdue} />
            </Grid>
            <Grid size={{ xs: 12, lg: 6 }}>
                <Escalations data={data.escalations} />
            </Grid>
            <Grid size={{ xs: 12, lg: 6 }}>
                <Compliance data={data.connections} />
            </Grid>
        </Grid>
    </HomeSection>
);
