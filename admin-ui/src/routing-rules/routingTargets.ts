// Where a routing rule sends a document (R-ROUTE-1): a department, a leader or a user.
import type { RoutingMatch, RoutingTarget } from '../types';

export type { RoutingMatch, RoutingTarget };
export const ROUTING_TARGET_KINDS = ['department', 'leader', 'user'] as const satisfies readonly RoutingTarget['kind'][];
export const targetKindChoices = ROUTING_TARGET_KINDS.map(kind => ({ id: kind, name: `app.routing_rule.target_kind.${kind}` }));
