// The edit forms of the policies, one per kind of value. Input names follow the value's shape
// (`value.default.periods.0.start`), so the server's 422 field errors land on the right input.
import { Box, Divider, Stack, Typography } from '@mui/material';
import {
    ArrayInput,
    CheckboxGroupInput,
    FormDataConsumer,
    NumberInput,
    SelectInput,
    SimpleFormIterator,
    TextInput,
    maxLength,
    maxValue,
    minValue,
    number,
    required,
    useTranslate,
} from 'react-admin';
import { displayToMonthDay, monthDayToDisplay } from '../fields/vietnamTime';
import type { DeadlineRule } from '../types';
import { useRuleLabel } from './PolicyFields';
import {
    deadlineUnitChoices,
    policyForm,
    urgencies,
    validateMonthDay,
    validateTime,
    weekdayChoices,
} from './policyValues';

const validateClock = [required(), validateTime];
const validateMonthDays = [required(), validateMonthDay];
const validateSeasonName = [required(), maxLength(100)];
const validateCount = [required(), number(), minValue(0)];
/** A day needs at least one period (the server says so too, in English). */
const validatePeriods = (value: unknown) => (Array.isArray(value) && value.length ? undefined : 'app.policy.periods_required');
/** The share of time left lies strictly between 0 and 100 %. */
const validatePercent = (value: unknown) =>
    typeof value === 'number' && value > 0 && value < 1 ? undefined : 'app.policy.percent_invalid';

const Section = ({ title, hint }: { title: string; hint?: string }) => {
    const translate = useTranslate();
    return (
        <Box sx={{ mt: 2, mb: 1 }}>
            <Typography variant="subtitle1">{translate(title)}</Typography>
            {hint && (
                <Typography variant="body2" color="text.secondary">
                    {translate(hint)}
                </Typography>
            )}
        </Box>
    );
};

/** Periods of one day (morning, afternoon, …), each start–end. */
const PeriodsInput = ({ source }: { source: string }) => (
    <ArrayInput source={source} label="app.policy.periods" validate={validatePeriods}>
        <SimpleFormIterator inline disableReordering>
            <TextInput source="start" label="app.policy.start" placeholder="07:30" validate={validateClock} sx={{ width: 120 }} />
            <TextInput source="end" label="app.policy.end" placeholder="11:30" validate={validateClock} sx={{ width: 120 }} />
        </SimpleFormIterator>
    </ArrayInput>
);

/** R-CAL-1: default office hours and seasonal variants (default and per-organization override). */
export const OfficeHoursInputs = () => (
    <Box sx={{ width: '100%', maxWidth: 900 }} data-testid="office-hours-inputs">
        <Section title="app.policy.default_hours" />
        <CheckboxGroupInput
            source="value.default.weekdays"
            label="app.policy.weekdays"
            choices={weekdayChoices}
            validate={required()}
            data-testid="office-hours-weekdays"
        />
        <PeriodsInput source="value.default.periods" />
        <Divider sx={{ my: 2 }} />
        <Section title="app.policy.seasonal" hint="app.policy.seasonal_hint" />
        <ArrayInput source="value.seasonal" label={false}>
            <SimpleFormIterator disableReordering fullWidth>
                <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
                    <TextInput source="name" label="app.policy.season_name" validate={validateSeasonName} sx={{ width: 280 }} />
                    <TextInput
                        source="from"
                        label="app.policy.season_from"
                        placeholder="01/05"
                        helperText="app.policy.month_day_helper"
                        format={monthDayToDisplay}
                        parse={displayToMonthDay}
                        validate={validateMonthDays}
                        sx={{ width: 150 }}
                    />
                    <TextInput
                        source="to"
                        label="app.policy.season_to"
                        placeholder="30/09"
                        helperText="app.policy.month_day_helper"
                        format={monthDayToDisplay}
                        parse={displayToMonthDay}
                        validate={validateMonthDays}
                        sx={{ width: 150 }}
                    />
                </Stack>
                <CheckboxGroupInput
                    source="weekdays"
                    label="app.policy.weekdays"
                    helperText="app.policy.season_weekdays_helper"
                    choices={weekdayChoices}
                />
                <PeriodsInput source="periods" />
            </SimpleFormIterator>
        </ArrayInput>
    </Box>
);

/** A deadline rule (unit + count) with its meaning in words underneath. */
const RuleInput = ({ source, label }: { source: string; label: string }) => {
    const translate = useTranslate();
    const ruleLabel = useRuleLabel();
    return (
        <Box sx={{ mb: 1 }}>
            <Typography variant="body2" sx={{ fontWeight: 500 }}>
                {translate(label)}
            </Typography>
            <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
                <SelectInput
                    source={`${source}.unit`}
                    label="app.policy.unit_label"
                    choices={deadlineUnitChoices}
                    validate={required()}
                    sx={{ width: 280 }}
                />
                <NumberInput source={`${source}.count`} label="app.policy.count" validate={validateCount} step={1} sx={{ width: 140 }} />
                <FormDataConsumer>
                    {({ formData }) => {
                        const rule = source.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], formData) as
                            | DeadlineRule
                            | undefined;
                        return rule?.unit && typeof rule.count === 'number' ? (
                            <Typography variant="body2" color="text.secondary" sx={{ pt: 2 }}>
                                = {ruleLabel(rule)}
                            </Typography>
                        ) : null;
                    }}
                </FormDataConsumer>
            </Stack>
        </Box>
    );
};

/** R-DL-1: one rule per urgency (routing: end of next working day / 4 / 2 / 1 working hours). */
export const StepDeadlineInputs = () => (
    <Box sx={{ width: '100%', maxWidth: 900 }} data-testid="step-deadline-inputs">
        <Section title="app.policy.by_urgency" hint="app.policy.by_urgency_hint" />
        {urgencies.map(u => (
            <RuleInput key={u} source={`value.${u}`} label={`app.policy.urgency.${u}`} />
        ))}
    </Box>
);

/** The share of time left is edited in percent and stored as a fraction (0.25). */
const toPercent = (v: unknown) => (typeof v === 'number' ? Math.round(v * 10000) / 100 : v);
const fromPercent = (v: unknown) => (v === '' || v === null || v === undefined ? v : Number(v) / 100);

/** R-DL-2: remind N working days before, or when this share of the time is left. */
export const ReminderInputs = () => (
    <Box sx={{ width: '100%', maxWidth: 640 }}>
        <Section title="app.policy.reminder_title" hint="app.policy.reminder_hint" />
        <NumberInput
            source="value.workingDaysBefore"
            label="app.policy.working_days_before"
            validate={[required(), number(), minValue(0), maxValue(30)]}
            step={1}
            sx={{ width: 320 }}
        />
        <NumberInput
            source="value.shortDeadlineFraction"
            label="app.policy.short_deadline_percent"
            helperText="app.policy.short_deadline_helper"
            format={toPercent}
            parse={fromPercent}
            validate={[required(), number(), validatePercent]}
            step={5}
            sx={{ width: 320 }}
        />
    </Box>
);

/** R-DL-2: how long an overdue item stays with the leader before going up the tree. */
export const EscalationInputs = () => (
    <Box sx={{ width: '100%', maxWidth: 900 }}>
        <Section title="app.policy.escalation_title" hint="app.policy.escalation_hint" />
        <RuleInput source="value.grace" label="app.policy.grace" />
    </Box>
);

/** R-REC-5: how often the clerk is reminded of an expected paper copy not yet confirmed. */
export const PaperReminderInputs = () => (
    <Box sx={{ width: '100%', maxWidth: 900 }} data-testid="paper-reminder-inputs">
        <Section title="app.policy.paper_reminder_title" hint="app.policy.paper_reminder_hint" />
        <RuleInput source="value.every" label="app.policy.paper_reminder_every" />
    </Box>
);

/** A value without a form of its own, edited as JSON (a key added later on the server). */
const JsonInput = () => (
    <TextInput
        source="value"
        label="app.policy.json_value"
        multiline
        minRows={6}
        fullWidth
        format={(v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2))}
        parse={(text: string) => {
            try {
                return JSON.parse(text);
            } catch {
                return text;
            }
        }}
    />
);

export const PolicyValueInputs = ({ policyKey }: { policyKey: string }) => {
    switch (policyForm(policyKey)) {
        case 'office_hours':
            return <OfficeHoursInputs />;
        case 'step':
            return <StepDeadlineInputs />;
        case 'reminder':
            return <ReminderInputs />;
        case 'escalation':
            return <EscalationInputs />;
        case 'paper_reminder':
            return <PaperReminderInputs />;
        default:
            return <JsonInput />;
    }
};
