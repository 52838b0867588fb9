/** The "Quy tắc nào áp dụng?" page: a custom route next to the routing-rules resource. */
export const ROUTING_RULE_TESTER_PATH = '/routing-rule-tester';
