// "Quy tắc nào áp dụng?" (R-ROUTE-1, admin): tries a document's metadata against an
// organization's current rules, exactly as the routing step would, and shows the rule that
// fires with its reasons — or that none does and a person must route it — and every rule's
// verdict.
import { useState } from 'react';
import { Alert, AlertTitle, Box, Card, CardContent, Chip, Grid, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import {
    Form,
    HttpError,
    ReferenceInput,
    SaveButton,
    SelectInput,
    TextInput,
    Title,
    maxLength,
    required,
    useDataProvider,
    usePermissions,
    useTranslate,
} from 'react-admin';
import { canRole } from '../auth/access';
import type { AppDataProvider } from '../dataProvider';
import { urgencyChoices } from '../documents/documentStates';
import { OrganizationInput } from '../fields/OrganizationInput';
import type { Role, RoutingTestQuery, RoutingTestResult } from '../types';
import { TargetSummary } from './RoutingRuleFields';


const Result = ({ result }: { result: RoutingTestResult }) => {
    const translate = useTranslate();
    const decision = result.decision;
    return (
        <Box sx={{ mt: 2 }} data-testid="routing-test-result">
            {decision ? (
                <Alert severity="success" data-testid="routing-test-decision">
                    <AlertTitle>
                        {translate('app.routing_rule.tester.fires', { name: decision.rule.name, version: decision.rule.version })}
                        {decision.rule.isDefault ? ` (${translate('app.routing_rule.default')})` : ''}
                    </AlertTitle>
                    <TargetSummary target={decision.target} name={decision.targetName} />
                    {decision.reasons.length > 0 && (
                        <Typography variant="body2" sx={{ mt: 1 }}>
                            {translate('app.routing_rule.tester.reasons', { reasons: decision.reasons.join('; ') })}
                        </Typography>
                    )}
                </Alert>
            ) : (
                <Alert severity="warning" data-testid="routing-test-none">
                    {translate('app.routing_rule.tester.none')}
                </Alert>
            )}
            {result.rules.length > 0 && (
                <Table size="small" sx={{ mt: 2 }}>
                    <TableHead>
                        <TableRow>
                            <TableCell>{translate('resources.routing-rules.fields.priority')}</TableCell>
                            <TableCell>{translate('resources.routing-rules.fields.name')}</TableCell>
                            <TableCell>{translate('app.routing_rule.tester.verdict')}</TableCell>
                            <TableCell>{translate('app.routing_rule.tester.why')}</TableCell>
                        </TableRow>
                    </TableHead>
                    <TableBody>
                        {result.rules.map(rule => (
                            <TableRow key={rule.id} selected={decision?.rule.id === rule.id}>
                                <TableCell>{rule.isDefault ? translate('app.routing_rule.default') : rule.priority}</TableCell>
                                <TableCell>
                                    {rule.name} (v{rule.version})
                                </TableCell>
                                <TableCell>
                                    <Chip
                                        size="small"
                                        color={!rule.active ? 'default' : rule.matched ? 'success' : 'default'}
                                        variant={rule.matched ? 'filled' : 'outlined'}
                                        label={translate(!rule.active ? 'app.routing_rule.inactive' : rule.matched ? 'app.routing_rule.tester.matched' : 'app.routing_rule.tester.not_matched')}
                                    />
                                </TableCell>
                                <TableCell>{rule.reasons.join('; ')}</TableCell>
                            </TableRow>
                        ))}
                    </TableBody>
                </Table>
            )}
        </Box>
    );
};

export const RoutingRuleTester = () => {
    const translate = useTranslate();
    const dataProvider = useDataProvider<AppDataProvider>();
    const { permissions, isPending } = usePermissions<Role[]>();
    const [result, setResult] = useState<RoutingTestResult | null>(null);
    if (isPending) return null;
    if (!canRole(permissions, 'routing-rules', 'test')) {
        return <Alert severity="warning">{translate('app.routing_rule.tester.forbidden')}</Alert>;
    }
    const submit = async (values: Record<string, unknown>) => {
        try {
            const { data } = await dataProvider.testRoutingRule(values as unknown as RoutingTestQuery);
            setResult(data);
            return undefined;
        } catch (error) {
            setResult(null);
            if (error instanceof HttpError) {
                const errors = (error.body as { errors?: Record<string, unknown> } | undefined)?.errors;
                return errors ?? { root: { serverError: error.message } };
            }
            throw error;
        }
    };
    return (
        <Card sx={{ mt: 2 }} data-testid="routing-rule-tester">
            <Title title="app.routing_rule.tester.title" />
            <CardContent>
                <Typography variant="h6">{translate('app.routing_rule.tester.title')}</Typography>
                <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                    {translate('app.routing_rule.tester.intro')}
                </Typography>
                <Form onSubmit={submit} defaultValues={{ urgency: 'normal' }}>
                    <Grid container spacing={2} sx={{ maxWidth: 1000 }}>
                        <Grid size={{ xs: 12, md: 6 }}>
                            <OrganizationInput source="organizationCode" validate={required()} label="app.routing_rule.tester.organization" fullWidth data-testid="routing-test-organization" />
                        </Grid>
                        <Grid size={{ xs: 12, md: 6 }}>
                            <OrganizationInput source="senderCode" label="app.routing_rule.tester.sender" fullWidth data-testid="routing-test-sender" />
                        </Grid>
                        <Grid size={{ xs: 12, md: 4 }}>
                            <ReferenceInput source="typeCode" reference="document-types" sort={{ field: 'sortOrder', order: 'ASC' }} perPage={100}>
                                <SelectInput optionText="name" label="app.routing_rule.tester.type" fullWidth />
                            </ReferenceInput>
                        </Grid>
                        <Grid size={{ xs: 12, md: 4 }}>
                            <TextInput source="field" label="app.routing_rule.tester.field" validate={maxLength(200)} fullWidth />
                        </Grid>
                        <Grid size={{ xs: 12, md: 4 }}>
                            <SelectInput source="urgency" label="app.routing_rule.tester.urgency" choices={urgencyChoices} validate={required()} fullWidth />
                        </Grid>
                        <Grid size={{ xs: 12 }}>
                            <TextInput source="summary" label="app.routing_rule.tester.summary" validate={[required(), maxLength(2000)]} multiline minRows={2} fullWidth />
                        </Grid>
                    </Grid>
                    <SaveButton label="app.routing_rule.tester.run" icon={<PlayArrowIcon />} alwaysEnable data-testid="routing-test-run" />
                </Form>
                {result && <Result result={result} />}
            </CardContent>
        </Card>
    );
};
