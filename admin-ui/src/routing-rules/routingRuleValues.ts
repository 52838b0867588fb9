// The shape of a routing rule as the forms edit it and the API takes it (R-ROUTE-1): empty
// conditions are left out (an empty condition matches everything) and the target keeps only the
// id of its kind (the API's target schema is strict).
import { ROUTING_TARGET_KINDS, type RoutingMatch, type RoutingTarget } from './routingTargets';

const list = (value: unknown): string[] | undefined => {
    if (!Array.isArray(value)) return undefined;
    const cleaned = value.map(v => String(v ?? '').trim()).filter(Boolean);
    return cleaned.length ? [...new Set(cleaned)] : undefined;
};

export const cleanMatch = (match: Partial<RoutingMatch> | null | undefined): RoutingMatch => {
    const m = match ?? {};
    const out: RoutingMatch = {};
    const senderCodes = list(m.senderCodes);
    if (senderCodes) {
        out.senderCodes = senderCodes;
        if (m.senderSubtree) out.senderSubtree = true;
    }
    const typeCodes = list(m.typeCodes);
    if (typeCodes) out.typeCodes = typeCodes;
    const fields = list(m.fields);
    if (fields) out.fields = fields;
    const urgencies = list(m.urgencies);
    if (urgencies) out.urgencies = urgencies as RoutingMatch['urgencies'];
    const keywords = list(m.keywords);
    if (keywords) out.keywords = keywords;
    return out;
};

export const cleanTarget = (target: Partial<{ kind: string; userId: string; departmentId: string }> | null | undefined): RoutingTarget | undefined => {
    const kind = target?.kind;
    if (!kind || !(ROUTING_TARGET_KINDS as readonly string[]).includes(kind)) return undefined;
    if (kind === 'department') return { kind: 'department', departmentId: String(target?.departmentId ?? '').trim() };
    return { kind: kind as 'leader' | 'user', userId: String(target?.userId ?? '').trim() };
};

/** What POST and PUT send: the editable fields only, cleaned. */
export const cleanRoutingRule = (data: Record<string, unknown>) => ({
    organizationCode: data.organizationCode,
    name: typeof data.name === 'string' ? data.name.trim() : data.name,
    priority: data.priority === '' || data.priority === null || data.priority === undefined ? undefined : Number(data.priority),
    isDefault: !!data.isDefault,
    active: data.active === undefined ? true : !!data.active,
    match: cleanMatch(data.match as Partial<RoutingMatch>),
    target: cleanTarget(data.target as Partial<{ kind: string; userId: string; departmentId: string }>),
});
