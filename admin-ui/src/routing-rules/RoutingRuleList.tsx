// "Quy tắc chuyển xử lý" (R-ROUTE-1, admin): the latest version of every rule, in the order they
// are tried (priority, lower first); the default rule of an organization is tried last. From
// here: a new rule, and "Quy tắc nào áp dụng?" to try a document against the rules.
import ScienceIcon from '@mui/icons-material/Science';
import {
    Button,
    CreateButton,
    DataTable,
    FilterButton,
    Link,
    List,
    NullableBooleanInput,
    SearchInput,
    TopToolbar,
    usePermissions,
} from 'react-admin';
import { canRole } from '../auth/access';
import { DateTimeField } from '../fields/DateTimeField';
import { organizationFilter } from '../fields/OrganizationInput';
import { OrganizationCodeLink } from '../organizations/OrganizationFields';
import type { Role } from '../types';
import { MatchField, RuleStateField, TargetField } from './RoutingRuleFields';
import { ROUTING_RULE_TESTER_PATH } from './paths';

const ruleFilters = [
    <SearchInput key="q" source="q" alwaysOn />,
    organizationFilter(),
    <NullableBooleanInput key="active" source="active" trueLabel="app.routing_rule.active" falseLabel="app.routing_rule.inactive" />,
    <NullableBooleanInput key="isDefault" source="isDefault" />,
];

const RoutingRuleListActions = () => {
    const { permissions } = usePermissions<Role[]>();
    return (
        <TopToolbar>
            <FilterButton />
            {canRole(permissions, 'routing-rules', 'test') && (
                <Button component={Link} to={ROUTING_RULE_TESTER_PATH} label="app.routing_rule.tester.title" data-testid="routing-rule-tester-link">
                    <ScienceIcon />
                </Button>
            )}
            {canRole(permissions, 'routing-rules', 'create') && <CreateButton data-testid="routing-rule-create" />}
        </TopToolbar>
    );
};

export const RoutingRuleList = () => (
    <List filters={ruleFilters} empty={false} actions={<RoutingRuleListActions />} sort={{ field: 'priority', order: 'ASC' }} perPage={50} title="app.menu.routing_rules">
        <DataTable rowClick="edit" bulkActionButtons={false} rowSx={r => (r.active ? {} : { opacity: 0.55 })} data-testid="routing-rule-table">
            <DataTable.Col source="priority" />
            <DataTable.Col source="name" />
            <DataTable.Col source="organizationCode">
                <OrganizationCodeLink source="organizationCode" />
            </DataTable.Col>
            <DataTable.Col source="match" label="app.routing_rule.conditions" field={MatchField} disableSort />
            <DataTable.Col source="target" label="app.routing_rule.target_column" field={TargetField} disableSort />
            <DataTable.Col source="active" field={RuleStateField} />
            <DataTable.Col source="version" />
            <DataTable.Col source="updatedAt">
                <DateTimeField source="updatedAt" />
            </DataTable.Col>
        </DataTable>
    </List>
);
