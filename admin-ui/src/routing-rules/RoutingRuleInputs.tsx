// The form of a routing rule (R-ROUTE-1): organization, name, priority, default and active flags;
// the conditions (sender codes with or without their subtree, document types, fields, urgencies,
// keywords — an empty condition matches everything); the target (a department, a leader or a
// user of that organization). Input names follow the API's, so its 400/422 errors land here.
import { Alert, Box, Grid, Typography } from '@mui/material';
import {
    AutocompleteArrayInput,
    AutocompleteInput,
    BooleanInput,
    CheckboxGroupInput,
    FormDataConsumer,
    NumberInput,
    RadioButtonGroupInput,
    ReferenceArrayInput,
    ReferenceInput,
    TextArrayInput,
    TextInput,
    maxLength,
    minValue,
    number,
    required,
    useTranslate,
} from 'react-admin';
import { DepartmentInput } from '../departments/DepartmentInput';
import { urgencyChoices } from '../documents/documentStates';
import { OrganizationInput, OrganizationsInput, searchByQ } from '../fields/OrganizationInput';
import { targetKindChoices } from './routingTargets';

const Heading = ({ text, hint }: { text: string; hint?: string }) => {
    const translate = useTranslate();
    return (
        <Box sx={{ mt: 2, mb: 1 }}>
            <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
                {translate(text)}
            </Typography>
            {hint && (
                <Typography variant="body2" color="text.secondary">
                    {translate(hint)}
                </Typography>
            )}
        </Box>
    );
};


/** The target person is a user of the rule's organization (a leader for "leader"). */
const TargetInputs = () => (
    <FormDataConsumer<{ organizationCode?: string; target?: { kind?: string } }>>
        {({ formData }) => {
            const kind = formData.target?.kind;
            if (kind === 'department') {
                return (
                    <DepartmentInput
                        source="target.departmentId"
                        organizationCode={formData.organizationCode}
                        label="app.routing_rule.department"
                        validate={required()}
                        helperText="app.routing_rule.department_helper"
                        fullWidth
                        data-testid="routing-rule-target-department"
                    />
                );
            }
            if (kind === 'leader' || kind === 'user') {
                const filter = { organizationCode: formData.organizationCode, active: true, ...(kind === 'leader' ? { role: 'leader' } : {}) };
                return (
                    <ReferenceInput source="target.userId" reference="users" filter={filter} sort={{ field: 'fullName', order: 'ASC' }}>
                        <AutocompleteInput
                            label={kind === 'leader' ? 'app.routing_rule.target_kind.leader' : 'app.routing_rule.target_kind.user'}
                            optionText={(u: { fullName?: string; position?: string | null }) => [u.fullName, u.position].filter(Boolean).join(' — ')}
                            filterToQuery={searchByQ}
                            validate={required()}
                            disabled={!formData.organizationCode}
                            helperText={formData.organizationCode ? false : 'app.routing_rule.choose_organization_first'}
                            fullWidth
                            data-testid="routing-rule-target-user"
                        />
                    </ReferenceInput>
                );
            }
            return null;
        }}
    </FormDataConsumer>
);

export const RoutingRuleInputs = ({ edit }: { edit?: boolean }) => {
    const translate = useTranslate();
    return (
        <Box sx={{ width: '100%', maxWidth: 1000 }}>
            {edit && (
                <Alert severity="info" sx={{ mb: 2 }}>
                    {translate('app.routing_rule.versioned_hint')}
                </Alert>
            )}
            <Grid container spacing={2}>
                <Grid size={{ xs: 12, md: 6 }}>
                    <OrganizationInput
                        source="organizationCode"
                        validate={required()}
                        disabled={edit}
                        helperText={edit ? 'app.routing_rule.organization_fixed' : false}
                        fullWidth
                        data-testid="routing-rule-organization"
                    />
                </Grid>
                <Grid size={{ xs: 12, md: 6 }}>
                    <TextInput source="name" validate={[required(), maxLength(200)]} fullWidth data-testid="routing-rule-name" />
                </Grid>
                <Grid size={{ xs: 12, md: 4 }}>
                    <NumberInput source="priority" validate={[number(), minValue(0)]} helperText="app.routing_rule.priority_helper" step={10} fullWidth />
                </Grid>
                <Grid size={{ xs: 12, md: 4 }}>
                    <BooleanInput source="isDefault" helperText="app.routing_rule.default_helper" />
                </Grid>
                <Grid size={{ xs: 12, md: 4 }}>
                    <BooleanInput source="active" />
                </Grid>
            </Grid>

            <Heading text="app.routing_rule.match_title" hint="app.routing_rule.match_hint" />
            <Grid container spacing={2}>
                <Grid size={{ xs: 12, md: 8 }}>
                    <OrganizationsInput source="match.senderCodes" label="resources.routing-rules.fields.match.senderCodes" fullWidth />
                </Grid>
                <Grid size={{ xs: 12, md: 4 }}>
                    <BooleanInput source="match.senderSubtree" helperText="app.routing_rule.subtree_helper" />
                </Grid>
                <Grid size={{ xs: 12, md: 6 }}>
                    <ReferenceArrayInput source="match.typeCodes" reference="document-types" sort={{ field: 'sortOrder', order: 'ASC' }} perPage={100}>
                        <AutocompleteArrayInput optionText="name" label="resources.routing-rules.fields.match.typeCodes" fullWidth />
                    </ReferenceArrayInput>
                </Grid>
                <Grid size={{ xs: 12, md: 6 }}>
                    <TextArrayInput source="match.fields" helperText="app.routing_rule.list_helper" fullWidth />
                </Grid>
                <Grid size={{ xs: 12 }}>
                    <CheckboxGroupInput source="match.urgencies" choices={urgencyChoices} />
                </Grid>
                <Grid size={{ xs: 12 }}>
                    <TextArrayInput source="match.keywords" helperText="app.routing_rule.keywords_helper" fullWidth />
                </Grid>
            </Grid>

            <Heading text="app.routing_rule.target_title" />
            <RadioButtonGroupInput source="target.kind" choices={targetKindChoices} validate={required()} label="app.routing_rule.target_kind_label" />
            <TargetInputs />
        </Box>
    );
};
