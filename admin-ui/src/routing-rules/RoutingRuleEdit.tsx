// Editing a routing rule (admin) writes a new version; "Ngừng áp dụng" writes an inactive one
// (DELETE). Earlier versions stay and are listed under the form.
import { Box } from '@mui/material';
import {
    DeleteButton,
    Edit,
    SaveButton,
    SimpleForm,
    Toolbar,
    useRecordContext,
    useTranslate,
} from 'react-admin';
import type { RoutingRule } from '../types';
import { RoutingRuleInputs } from './RoutingRuleInputs';
import { RoutingRuleVersions } from './RoutingRuleVersions';
import { cleanRoutingRule } from './routingRuleValues';

const RoutingRuleTitle = () => {
    const record = useRecordContext<RoutingRule>();
    const translate = useTranslate();
    const name = translate('resources.routing-rules.name', { smart_count: 1 });
    return <span>{record ? `${name}: ${record.name} (v${record.version})` : name}</span>;
};

const RoutingRuleEditToolbar = () => {
    const record = useRecordContext<RoutingRule>();
    return (
        <Toolbar sx={{ justifyContent: 'space-between' }}>
            <SaveButton data-testid="routing-rule-save" />
            {record?.active && (
                <DeleteButton
                    mutationMode="pessimistic"
                    label="app.routing_rule.deactivate"
                    confirmTitle="app.routing_rule.deactivate_title"
                    confirmContent="app.routing_rule.deactivate_content"
                    redirect="list"
                    data-testid="routing-rule-deactivate"
                />
            )}
        </Toolbar>
    );
};

export const RoutingRuleEdit = () => (
    <Edit
        title={<RoutingRuleTitle />}
        mutationMode="pessimistic"
        redirect={false}
        transform={(data: Record<string, unknown>) => cleanRoutingRule(data)}
    >
        <SimpleForm toolbar={<RoutingRuleEditToolbar />}>
            <RoutingRuleInputs edit />
        </SimpleForm>
        <Box sx={{ px: 2, pb: 2 }}>
            <RoutingRuleVersions />
        </Box>
    </Edit>
);
