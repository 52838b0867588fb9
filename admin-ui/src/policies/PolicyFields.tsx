// Read-only renderings of the policies: a policy's name, a one-line summary for the list, and
// the full value for the show page, in words ("Hết ngày làm việc tiếp theo", "4 giờ làm việc").
import { Box, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { monthDayToDisplay } from '../fields/vietnamTime';
import type {
    DeadlineRule,
    EscalationPolicy,
    OfficeHours,
    OfficeHoursPolicy,
    OfficePeriod,
    PaperReminderPolicy,
    Policy,
    ReminderPolicy,
    StepDeadlinePolicy,
} from '../types';
import { overrideOrg, policyForm, policyNameKey, urgencies } from './policyValues';

export const useRuleLabel = () => {
    const translate = useTranslate();
    return (rule: DeadlineRule | undefined | null): string => {
        if (!rule) return '';
        if (rule.unit === 'end_of_working_day' && rule.count === 0) return translate('app.policy.rule.end_of_working_day_0');
        if (rule.unit === 'end_of_working_day' && rule.count === 1) return translate('app.policy.rule.end_of_working_day_1');
        return translate(`app.policy.rule.${rule.unit}`, { smart_count: rule.count, _: `${rule.count} ${rule.unit}` });
    };
};

/** [1,2,3,4,5] → "T2–T6"; [1,3,6] → "T2, T4, T7". */
export const useWeekdaysLabel = () => {
    const translate = useTranslate();
    return (days: readonly number[] | undefined): string => {
        const sorted = [...new Set(days ?? [])].sort((a, b) => a - b);
        if (!sorted.length) return translate('app.policy.no_weekdays');
        const short = (d: number) => translate(`app.calendar.weekday_short.${d}`);
        const runs: string[] = [];
        for (let i = 0; i < sorted.length; ) {
            let j = i;
            while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
            runs.push(j - i >= 2 ? `${short(sorted[i]!)}–${short(sorted[j]!)}` : sorted.slice(i, j + 1).map(short).join(', '));
            i = j + 1;
        }
        return runs.join(', ');
    };
};

const periodsLabel = (periods: readonly OfficePeriod[] | undefined) =>
    (periods ?? []).map(p => `${p.start}–${p.end}`).join(', ');

export const usePolicyName = () => {
    const translate = useTranslate();
    return (policy: Pick<Policy, 'id'> | undefined): string => {
        if (!policy) return '';
        const key = String(policy.id);
        const org = overrideOrg(key);
        if (org) return translate('app.policy.override_name', { org });
        const nameKey = policyNameKey(key);
        return nameKey ? translate(nameKey) : key;
    };
};

export const PolicyNameField = (_props: FieldProps) => {
    const record = useRecordContext<Policy>();
    const name = usePolicyName();
    if (!record) return null;
    return (
        <Stack spacing={0.25}>
            <Typography variant="body2" sx={{ fontWeight: 500 }}>
                {name(record)}
            </Typography>
            <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
                {record.id}
            </Typography>
        </Stack>
    );
};

/** One line per policy for the list. */
export const PolicySummaryField = (_props: FieldProps) => {
    const record = useRecordContext<Policy>();
    const translate = useTranslate();
    const rule = useRuleLabel();
    const weekdays = useWeekdaysLabel();
    if (!record) return null;
    const value = record.value as Record<string, unknown> | null;
    if (!value) return null;
    switch (policyForm(String(record.id))) {
        case 'office_hours': {
            const hours = value as unknown as OfficeHoursPolicy;
            const seasons = hours.seasonal?.length ?? 0;
            return (
                <span>
                    {weekdays(hours.default?.weekdays)} · {periodsLabel(hours.default?.periods)}
                    {seasons > 0 && ` · ${translate('app.policy.seasonal_count', { smart_count: seasons })}`}
                </span>
            );
        }
        case 'step': {
            const step = value as unknown as StepDeadlinePolicy;
            return (
                <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', rowGap: 0.5 }}>
                    {urgencies.map(u => (
                        <Chip key={u} size="small" variant="outlined" label={`${translate(`app.policy.urgency.${u}`)}: ${rule(step[u])}`} />
                    ))}
                </Stack>
            );
        }
        case 'reminder': {
            const reminder = value as unknown as ReminderPolicy;
            return (
                <span>
                    {translate('app.policy.reminder_summary', {
                        days: reminder.workingDaysBefore,
                        percent: Math.round(reminder.shortDeadlineFraction * 100),
                    })}
                </span>
            );
        }
        case 'escalation':
            return <span>{translate('app.policy.escalation_summary', { grace: rule((value as unknown as EscalationPolicy).grace) })}</span>;
        case 'paper_reminder':
            return <span>{translate('app.policy.paper_reminder_summary', { every: rule((value as unknown as PaperReminderPolicy).every) })}</span>;
        default:
            return <code>{JSON.stringify(value)}</code>;
    }
};

const HoursRows = ({ label, hours }: { label: string; hours: Partial<OfficeHours> & { from?: string; to?: string } }) => {
    const weekdays = useWeekdaysLabel();
    return (
        <TableRow>
            <TableCell>{label}</TableCell>
            <TableCell>{hours.from ? `${monthDayToDisplay(hours.from)} – ${monthDayToDisplay(hours.to)}` : '—'}</TableCell>
            <TableCell>{hours.weekdays ? weekdays(hours.weekdays) : '—'}</TableCell>
            <TableCell>{periodsLabel(hours.periods)}</TableCell>
        </TableRow>
    );
};

/** The whole value, for the show page. */
export const PolicyValueView = () => {
    const record = useRecordContext<Policy>();
    const translate = useTranslate();
    const rule = useRuleLabel();
    if (!record) return null;
    const form = policyForm(String(record.id));
    if (form === 'office_hours') {
        const hours = record.value as OfficeHoursPolicy;
        return (
            <Table size="small" data-testid="policy-office-hours">
                <TableHead>
                    <TableRow>
                        <TableCell>{translate('app.policy.variant')}</TableCell>
                        <TableCell>{translate('app.policy.season')}</TableCell>
                        <TableCell>{translate('app.policy.weekdays')}</TableCell>
                        <TableCell>{translate('app.policy.periods')}</TableCell>
                    </TableRow>
                </TableHead>
                <TableBody>
                    <HoursRows label={translate('app.policy.default_hours')} hours={hours.default} />
                    {(hours.seasonal ?? []).map((season, i) => (
                        <HoursRows key={i} label={season.name} hours={{ ...season, weekdays: season.weekdays ?? hours.default.weekdays }} />
                    ))}
                </TableBody>
            </Table>
        );
    }
    if (form === 'step') {
        const step = record.value as StepDeadlinePolicy;
        return (
            <Table size="small" data-testid="policy-step">
                <TableBody>
                    {urgencies.map(u => (
                        <TableRow key={u}>
                            <TableCell sx={{ width: 200 }}>{translate(`app.policy.urgency.${u}`)}</TableCell>
                            <TableCell>{rule(step[u])}</TableCell>
                        </TableRow>
                    ))}
                </TableBody>
            </Table>
        );
    }
    return (
        <Box sx={{ py: 1 }}>
            <PolicySummaryField source="value" />
        </Box>
    );
};
