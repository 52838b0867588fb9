// A new routing rule (admin): version 1. The server checks the target belongs to the
// organization and that an organization has one active default rule (409 otherwise).
import { Create, SimpleForm } from 'react-admin';
import { RoutingRuleInputs } from './RoutingRuleInputs';
import { cleanRoutingRule } from './routingRuleValues';

export const RoutingRuleCreate = () => (
    <Create redirect="edit" transform={(data: Record<string, unknown>) => cleanRoutingRule(data)}>
        <SimpleForm defaultValues={{ priority: 100, isDefault: false, active: true, match: {}, target: { kind: 'leader' } }}>
            <RoutingRuleInputs />
        </SimpleForm>
    </Create>
);
