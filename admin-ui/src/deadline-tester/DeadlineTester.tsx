// "Tính thời hạn" (R-CAL-3, R-CAL-4, R-DL-1): pick an organization, the moment a document
// arrives (Vietnam time) and a rule — a step's policy by urgency, or N working days / hours —
// and see when it counts as received and when it is due, computed by the server on that
// organization's calendar exactly as the processes compute it. For admins and leaders.
import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, Divider, Grid, Stack, Typography } from '@mui/material';
import CalculateIcon from '@mui/icons-material/Calculate';
import {
    AutocompleteInput,
    Form,
    FormDataConsumer,
    HttpError,
    NumberInput,
    RadioButtonGroupInput,
    ReferenceInput,
    SelectInput,
    TextInput,
    Title,
    minValue,
    number,
    required,
    useDataProvider,
    usePermissions,
    useTranslate,
} from 'react-admin';
import { canRole } from '../auth/access';
import type { AppDataProvider } from '../dataProvider';
import { formatInstantWithOffset, toVietnamLocalInput, vietnamLocalInputToIso, vietnamParts } from '../fields/vietnamTime';
import { useRuleLabel } from '../policies/PolicyFields';
import { DEADLINE_URGENCIES, type DeadlineQuery, type DeadlineResult, type DeadlineUrgency, type Role } from '../types';

const MODES = ['step', 'working_days', 'working_hours', 'end_of_working_day'] as const;
type Mode = (typeof MODES)[number];

const modeChoices = MODES.map(mode => ({ id: mode, name: `app.deadline.mode.${mode}` }));
const stepChoices = [
    { id: 'routing', name: 'app.deadline.step.routing' },
    { id: 'processing', name: 'app.deadline.step.processing' },
];
const urgencyChoices = DEADLINE_URGENCIES.map(u => ({ id: u, name: `app.policy.urgency.${u}` }));

interface DeadlineForm {
    organizationCode?: string | null;
    from: string;
    mode: Mode;
    step: 'routing' | 'processing';
    urgency: DeadlineUrgency;
    count?: number;
}

const validateFrom = (value: unknown) =>
    vietnamLocalInputToIso(String(value ?? '')) ? undefined : 'app.deadline.from_invalid';

export const toDeadlineQuery = (values: DeadlineForm): DeadlineQuery | null => {
    const from = vietnamLocalInputToIso(values.from);
    if (!from) return null;
    const org = values.organizationCode || undefined;
    const count = Number(values.count);
    switch (values.mode) {
        case 'step':
            return { org, from, step: values.step, urgency: values.urgency };
        case 'working_days':
            return { org, from, workingDays: count };
        case 'working_hours':
            return { org, from, workingHours: count };
        default:
            return { org, from, endOfWorkingDay: count };
    }
};

/** "Thứ Ba, 27/01/2026 17:00 +07:00" */
const useInstantLabel = () => {
    const translate = useTranslate();
    return (value: string) => `${translate(`app.calendar.weekday.${vietnamParts(value).weekday}`)}, ${formatInstantWithOffset(value)}`;
};

const ResultRow = ({ label, value, testId, strong }: { label: string; value: string; testId: string; strong?: boolean }) => {
    const translate = useTranslate();
    return (
        <Grid container spacing={1} sx={{ py: 0.5 }}>
            <Grid size={{ xs: 12, sm: 4 }}>
                <Typography variant="body2" color="text.secondary">
                    {translate(label)}
                </Typography>
            </Grid>
            <Grid size={{ xs: 12, sm: 8 }}>
                <Typography variant={strong ? 'h6' : 'body1'} sx={{ fontWeight: strong ? 600 : 400 }} data-testid={testId}>
                    {value}
                </Typography>
            </Grid>
        </Grid>
    );
};

const DeadlineResultCard = ({ result }: { result: DeadlineResult }) => {
    const translate = useTranslate();
    const instant = useInstantLabel();
    const rule = useRuleLabel();
    const shifted = new Date(result.receivedAt).getTime() !== new Date(result.from).getTime();
    const ruleText = result.urgency
        ? `${rule(result.rule)} (${translate(`app.policy.urgency.${result.urgency}`)})`
        : rule(result.rule);
    return (
        <Card variant="outlined" data-testid="deadline-result">
            <CardContent>
                <Typography variant="subtitle1" gutterBottom>
                    {translate('app.deadline.result_title')}
                </Typography>
                <ResultRow label="app.deadline.from" value={instant(result.from)} testId="deadline-from" />
                <ResultRow label="app.deadline.received_at" value={instant(result.receivedAt)} testId="deadline-received-at" />
                {shifted && (
                    <Alert severity="info" sx={{ my: 1 }}>
                        {translate('app.deadline.received_shifted')}
                    </Alert>
                )}
                <ResultRow label="app.deadline.rule" value={ruleText} testId="deadline-rule" />
                <Divider sx={{ my: 1 }} />
                <ResultRow label="app.deadline.due" value={instant(result.due)} testId="deadline-due" strong />
                <ResultRow
                    label="app.deadline.working_hours"
                    value={translate('app.deadline.hours', { smart_count: Math.round(result.workingHours * 100) / 100 })}
                    testId="deadline-working-hours"
                />
            </CardContent>
        </Card>
    );
};

/** The chosen instant spelled out, so that the browser's own date format cannot mislead. */
const FromHelper = () => {
    const translate = useTranslate();
    const instant = useInstantLabel();
    return (
        <FormDataConsumer<DeadlineForm>>
            {({ formData }) => {
                const iso = vietnamLocalInputToIso(formData.from);
                return (
                    <span data-testid="deadline-from-preview">
                        {iso ? `${translate('app.deadline.from_helper')}: ${instant(iso)}` : translate('app.deadline.from_helper')}
                    </span>
                );
            }}
        </FormDataConsumer>
    );
};

const RuleInputs = () => (
    <FormDataConsumer<DeadlineForm>>
        {({ formData }) =>
            formData.mode === 'step' ? (
                <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
                    <SelectInput source="step" label="app.deadline.step_label" choices={stepChoices} validate={required()} sx={{ width: 320 }} />
                    <SelectInput source="urgency" label="app.deadline.urgency" choices={urgencyChoices} validate={required()} sx={{ width: 220 }} />
                </Stack>
            ) : (
                <NumberInput
                    source="count"
                    label={`app.deadline.count.${formData.mode}`}
                    validate={[required(), number(), minValue(0)]}
                    step={1}
                    sx={{ width: 240 }}
                    data-testid="deadline-count"
                />
            )
        }
    </FormDataConsumer>
);

export const DeadlineTester = () => {
    const translate = useTranslate();
    const dataProvider = useDataProvider<AppDataProvider>();
    const { permissions, isPending: permissionsPending } = usePermissions<Role[]>();
    const [result, setResult] = useState<DeadlineResult | null>(null);
    const [error, setError] = useState<string | null>(null);
    const [busy, setBusy] = useState(false);

    if (permissionsPending) return null;
    if (!canRole(permissions, 'deadline-tester', 'use')) {
        return (
            <Box sx={{ mt: 2 }}>
                <Title title="app.deadline.title" />
                <Alert severity="warning">{translate('app.deadline.forbidden')}</Alert>
            </Box>
        );
    }

    const onSubmit = async (values: Record<string, unknown>) => {
        const query = toDeadlineQuery(values as unknown as DeadlineForm);
        if (!query) return { from: 'app.deadline.from_invalid' };
        setBusy(true);
        setError(null);
        try {
            const { data } = await dataProvider.computeDeadline(query);
            setResult(data);
            return undefined;
        } catch (err) {
            setResult(null);
            setError((err as Error)?.message || translate('ra.notification.http_error'));
            const fieldErrors = err instanceof HttpError ? (err.body as { errors?: Record<string, unknown> })?.errors : undefined;
            if (!fieldErrors) return undefined;
            const { org, root: _root, ...rest } = fieldErrors;
            return org ? { ...rest, organizationCode: org } : rest;
        } finally {
            setBusy(false);
        }
    };

    return (
        <Box sx={{ mt: 2 }} data-testid="deadline-tester">
            <Title title="app.deadline.title" />
            <Grid container spacing={2}>
                <Grid size={{ xs: 12, lg: 6 }}>
                    <Card>
                        <CardContent>
                            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                                {translate('app.deadline.intro')}
                            </Typography>
                            <Form
                                onSubmit={onSubmit}
                                defaultValues={{
                                    from: toVietnamLocalInput(new Date()),
                                    mode: 'step',
                                    step: 'routing',
                                    urgency: 'normal',
                                    count: 1,
                                }}
                            >
                                <ReferenceInput source="organizationCode" reference="organizations" sort={{ field: 'code', order: 'ASC' }}>
                                    <AutocompleteInput
                                        label="app.deadline.organization"
                                        helperText="app.deadline.organization_helper"
                                        filterToQuery={(q: string) => ({ q })}
                                        fullWidth
                                        data-testid="deadline-organization"
                                    />
                                </ReferenceInput>
                                <TextInput
                                    source="from"
                                    type="datetime-local"
                                    label="app.deadline.from_input"
                                    helperText={<FromHelper />}
                                    validate={[required(), validateFrom]}
                                    slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'deadline-from-input' } }}
                                    sx={{ width: 400, maxWidth: '100%' }}
                                />
                                <RadioButtonGroupInput source="mode" label="app.deadline.mode_label" choices={modeChoices} data-testid="deadline-mode" />
                                <RuleInputs />
                                <Box sx={{ mt: 1 }}>
                                    <Button
                                        type="submit"
                                        variant="contained"
                                        startIcon={<CalculateIcon />}
                                        disabled={busy}
                                        data-testid="deadline-compute"
                                    >
                                        {translate('app.deadline.compute')}
                                    </Button>
                                </Box>
                            </Form>
                        </CardContent>
                    </Card>
                </Grid>
                <Grid size={{ xs: 12, lg: 6 }}>
                    {error && (
                        <Alert severity="error" sx={{ mb: 2 }} data-testid="deadline-error">
                            {error}
                        </Alert>
                    )}
                    {result ? (
                        <DeadlineResultCard result={result} />
                    ) : (
                        !error && (
                            <Alert severity="info" variant="outlined">
                                {translate('app.deadline.empty')}
                            </Alert>
                        )
                    )}
                </Grid>
            </Grid>
        </Box>
    );
};
