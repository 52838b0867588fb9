// Quản trị's home (SPEC §1, R-ROUTE-1, R-REC-3, R-SEC-1): configuration health — organizations
// where no routing rule is active (an accepted document waits for someone to route it by hand;
// a rule is created from here, prefilled), connected organizations without an active clerk
// (nobody accepts what arrives), active rules whose target person can no longer take documents,
// and interconnection peers whose certificate ends within 30 days.
import { Chip, Grid } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import AltRouteIcon from '@mui/icons-material/AltRoute';
import PersonOffIcon from '@mui/icons-material/PersonOff';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { Button, Link, useTranslate } from 'react-admin';
import { formatDateTimeVN } from '../fields/DateTimeField';
import { Expandable, HomeCard, HomeSection } from './HomeCard';
import { HomeItem } from './HomeItems';
import type { AdminHome as AdminHomeData, OrganizationHealth } from './homeTypes';
import { createPath, listPath } from './useHome';

const OrganizationChips = ({ org }: { org: OrganizationHealth }) => {
    const translate = useTranslate();
    return (
        <>
            <Chip size="small" variant="outlined" label={translate(`app.organization.kind.${org.kind}`)} />
            <Chip size="small" variant="outlined" label={translate(`app.connection.state.${org.connectionState}`)} />
            <Chip size="small" variant="outlined" color={org.activeUsers ? 'default' : 'warning'} label={translate('app.home.admin.active_users', { smart_count: org.activeUsers })} />
        </>
    );
};

export const AdminHome = ({ data }: { data: AdminHomeData }) => {
    const translate = useTranslate();
    return (
        <HomeSection title="app.user.role.admin" hint="app.home.admin.hint" testId="home-section-admin">
            <Grid container spacing={2}>
                <Grid size={{ xs: 12, lg: 6 }}>
                    <HomeCard
                        title="app.home.admin.without_rules"
                        icon={<AltRouteIcon color="warning" />}
                        count={data.organizationsWithoutRules.total}
                        tone="warning"
                        to={listPath('routing-rules')}
                        empty="app.home.admin.all_have_rules"
                        testId="home-admin-no-rules"
                    >
                        <Expandable
                            items={data.organizationsWithoutRules.items}
                            testId="home-admin-no-rules-list"
                            render={org => (
                                <HomeItem
                                    key={org.code}
                                    to={`/organizations/${encodeURIComponent(org.code)}/show`}
                                    title={org.name}
                                    summary={org.code}
                                    testId={`home-no-rule-${org.code}`}
                                    chips={<OrganizationChips org={org} />}
                                    action={
                                        <Button
                                            component={Link}
                                            to={createPath('routing-rules', {
                                                organizationCode: org.code,
                                                name: translate('app.home.admin.default_rule_name'),
                                                isDefault: true,
                                                priority: 1000,
                                            })}
                                            label="app.home.admin.create_rule"
                                            variant="outlined"
                                            data-testid={`home-no-rule-${org.code}-create`}
                                        >
                                            <AddIcon />
                                        </Button>
                                    }
                                />
                            )}
                        />
                    </HomeCard>
                </Grid>
                <Grid size={{ xs: 12, lg: 6 }}>
                    <HomeCard
                        title="app.home.admin.without_clerk"
                        icon={<PersonAddIcon color="warning" />}
                        count={data.organizationsWithoutClerk.total}
                        tone="warning"
                        to={listPath('users')}
                        empty="app.home.admin.all_have_clerk"
                        testId="home-admin-no-clerk"
                    >
                        <Expandable
                            items={data.organizationsWithoutClerk.items}
                            testId="home-admin-no-clerk-list"
                            render={org => (
                                <HomeItem
                                    key={org.code}
                                    to={listPath('users', { organizationCode: org.code })}
                                    title={org.name}
                                    summary={org.code}
                                    testId={`home-no-clerk-${org.code}`}
                                    chips={<OrganizationChips org={org} />}
                                    action={
                                        <Button
                                            component={Link}
                                            to={createPath('users', { organizationCode: org.code, roles: ['clerk'] })}
                                            label="app.home.admin.create_clerk"
                                            data-testid={`home-no-clerk-${org.code}-create`}
                                        >
                                            <PersonAddIcon />
                                        </Button>
                                    }
                                />
                            )}
                        />
                    </HomeCard>
                </Grid>
                <Grid size={{ xs: 12, lg: 6 }}>
                    <HomeCard
                        title="app.home.admin.unusable_targets"
                        icon={<PersonOffIcon color="error" />}
                        count={data.rulesWithUnusableTarget.total}
                        tone="error"
                        to={listPath('routing-rules', { active: true })}
                        empty="app.home.admin.all_targets_usable"
                        testId="home-admin-targets"
                    >
                        <Expandable
                            items={data.rulesWithUnusableTarget.items}
                            testId="home-admin-targets-list"
                            render={rule => (
                                <HomeItem
                                    key={rule.id}
                                    to={`/routing-rules/${encodeURIComponent(rule.id)}`}
                                    title={rule.name}
                                    summary={`${rule.organizationName ?? rule.organizationCode} — ${translate('app.home.admin.target_unusable', { name: rule.targetName ?? rule.targetUserId ?? '—' })}`}
                                    testId={`home-rule-target-${rule.id}`}
                                />
                            )}
                        />
                    </HomeCard>
                </Grid>
                <Grid size={{ xs: 12, lg: 6 }}>
                    <HomeCard
                        title="app.home.admin.expiring_peers"
                        icon={<VerifiedUserIcon color="warning" />}
                        count={data.expiringPeers.total}
                        tone="error"
                        subheader={translate('app.home.admin.expiring_within', { smart_count: data.expiringPeers.withinDays })}
                        empty="app.home.admin.no_expiring_peers"
                        testId="home-admin-peers"
                    >
                        <Expandable
                            items={data.expiringPeers.items}
                            testId="home-admin-peers-list"
                            render={peer => (
                                <HomeItem
                                    key={peer.id}
                                    to={`/peers/${encodeURIComponent(peer.id)}/show`}
                                    title={peer.name}
                                    summary={peer.subject}
                                    testId={`home-peer-${peer.id}`}
                                    chips={
                                        <Chip
                                            size="small"
                                            color={peer.expired ? 'error' : 'warning'}
                                            label={
                                                peer.unreadable
                                                    ? translate('app.home.admin.certificate_unreadable')
                                                    : translate(peer.expired ? 'app.home.admin.certificate_expired' : 'app.home.admin.certificate_expires', {
                                                          at: formatDateTimeVN(peer.validTo, false),
                                                      })
                                            }
                                        />
                                    }
                                />
                            )}
                        />
                    </HomeCard>
                </Grid>
            </Grid>
        </HomeSection>
    );
};
