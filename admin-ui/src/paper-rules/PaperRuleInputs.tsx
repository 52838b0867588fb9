// The form of a "paper accompanies" rule (R-OUT-4): a document goes electronically and on paper
// when every given condition holds — from this sender (empty: any), to this receiver (or its
// subtree), of these types. A rule needs a receiver or at least one type.
import { Alert, Box, Grid } from '@mui/material';
import {
    AutocompleteArrayInput,
    BooleanInput,
    ReferenceArrayInput,
    TextInput,
    maxLength,
    required,
    useTranslate,
} from 'react-admin';
import { OrganizationInput } from '../fields/OrganizationInput';

export const PaperRuleInputs = () => {
    const translate = useTranslate();
    return (
        <Box sx={{ width: '100%', maxWidth: 1000 }}>
            <Alert severity="info" sx={{ mb: 2 }}>
                {translate('app.paper_rule.hint')}
            </Alert>
            <Grid container spacing={2}>
                <Grid size={{ xs: 12, md: 8 }}>
                    <TextInput source="name" validate={[required(), maxLength(200)]} fullWidth data-testid="paper-rule-name" />
                </Grid>
                <Grid size={{ xs: 12, md: 4 }}>
                    <BooleanInput source="active" />
                </Grid>
                <Grid size={{ xs: 12, md: 6 }}>
                    <OrganizationInput source="senderCode" helperText="app.paper_rule.sender_helper" fullWidth />
                </Grid>
                <Grid size={{ xs: 12, md: 6 }}>
                    <OrganizationInput source="receiverCode" helperText="app.paper_rule.receiver_helper" fullWidth />
                </Grid>
                <Grid size={{ xs: 12, md: 6 }}>
                    <BooleanInput source="receiverSubtree" helperText="app.paper_rule.subtree_helper" />
                </Grid>
                <Grid size={{ xs: 12 }}>
                    <ReferenceArrayInput source="typeCodes" reference="document-types" sort={{ field: 'sortOrder', order: 'ASC' }} perPage={100}>
                        <AutocompleteArrayInput optionText="name" helperText="app.paper_rule.types_helper" fullWidth />
                    </ReferenceArrayInput>
                </Grid>
            </Grid>
        </Box>
    );
};

/** What POST and PUT send: empty organizations are null ("any sender", "no receiver condition"). */
export const cleanPaperRule = (data: Record<string, unknown>) => ({
    name: typeof data.name === 'string' ? data.name.trim() : data.name,
    senderCode: data.senderCode || null,
    receiverCode: data.receiverCode || null,
    receiverSubtree: !!data.receiverCode && !!data.receiverSubtree,
    typeCodes: Array.isArray(data.typeCodes) ? data.typeCodes : [],
    active: data.active === undefined ? true : !!data.active,
});
