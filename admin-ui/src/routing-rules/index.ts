import AltRouteIcon from '@mui/icons-material/AltRoute';
import ScienceIcon from '@mui/icons-material/Science';
import type { RoutingRule } from '../types';
import { RoutingRuleCreate } from './RoutingRuleCreate';
import { RoutingRuleEdit } from './RoutingRuleEdit';
import { RoutingRuleList } from './RoutingRuleList';
import { ROUTING_RULE_TESTER_PATH } from './paths';

export { RoutingRuleTester } from './RoutingRuleTester';

/** The "Quy tắc nào áp dụng?" page: route and icon for the menu. */
export const routingRuleTester = { path: ROUTING_RULE_TESTER_PATH, icon: ScienceIcon };

export default {
    list: RoutingRuleList,
    edit: RoutingRuleEdit,
    create: RoutingRuleCreate,
    icon: AltRouteIcon,
    recordRepresentation: (record: RoutingRule) => record.name,
};
