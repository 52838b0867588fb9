// Read-only renderings of a routing rule: its conditions and its target in words.
import { Chip, Stack, Typography } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import type { RoutingRule } from '../types';
import type { RoutingMatch, RoutingTarget } from './routingTargets';

export const useMatchSummary = () => {
    const translate = useTranslate();
    return (match: RoutingMatch | null | undefined): string[] => {
        const m = match ?? {};
        const parts: string[] = [];
        if (m.senderCodes?.length) {
            parts.push(`${translate(m.senderSubtree ? 'app.routing_rule.summary.sender_subtree' : 'app.routing_rule.summary.sender')}: ${m.senderCodes.join(', ')}`);
        }
        if (m.typeCodes?.length) parts.push(`${translate('app.routing_rule.summary.types')}: ${m.typeCodes.join(', ')}`);
        if (m.fields?.length) parts.push(`${translate('app.routing_rule.summary.fields')}: ${m.fields.join(', ')}`);
        if (m.urgencies?.length) parts.push(`${translate('app.routing_rule.summary.urgencies')}: ${m.urgencies.map(u => translate(`app.document.urgency.${u}`)).join(', ')}`);
        if (m.keywords?.length) parts.push(`${translate('app.routing_rule.summary.keywords')}: ${m.keywords.map(k => `"${k}"`).join(', ')}`);
        return parts;
    };
};

export const MatchSummary = ({ match }: { match: RoutingMatch | null | undefined }) => {
    const translate = useTranslate();
    const summary = useMatchSummary();
    const parts = summary(match);
    if (!parts.length) {
        return (
            <Typography variant="body2" color="text.secondary">
                {translate('app.routing_rule.summary.any')}
            </Typography>
        );
    }
    return (
        <Stack spacing={0}>
            {parts.map(p => (
                <Typography key={p} variant="body2">
                    {p}
                </Typography>
            ))}
        </Stack>
    );
};

export const MatchField = (_props: FieldProps) => {
    const record = useRecordContext<RoutingRule>();
    return record ? <MatchSummary match={record.match} /> : null;
};

export const TargetSummary = ({ target, name }: { target: RoutingTarget | null | undefined; name?: string | null }) => {
    const translate = useTranslate();
    if (!target) return null;
    const id = target.kind === 'department' ? target.departmentId : target.userId;
    return (
        <Stack spacing={0}>
            <Typography variant="body2">{name ?? id}</Typography>
            <Typography variant="caption" color="text.secondary">
                {translate(`app.routing_rule.target_kind.${target.kind}`)}
            </Typography>
        </Stack>
    );
};

export const TargetField = (_props: FieldProps) => {
    const record = useRecordContext<RoutingRule>();
    return record ? <TargetSummary target={record.target} name={record.targetName} /> : null;
};

export const RuleStateField = (_props: FieldProps) => {
    const record = useRecordContext<RoutingRule>();
    const translate = useTranslate();
    if (!record) return null;
    return (
        <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap' }}>
            <Chip
                size="small"
                color={record.active ? 'success' : 'default'}
                variant={record.active ? 'filled' : 'outlined'}
                label={translate(record.active ? 'app.routing_rule.active' : 'app.routing_rule.inactive')}
            />
            {record.isDefault && <Chip size="small" color="primary" variant="outlined" label={translate('app.routing_rule.default')} />}
        </Stack>
    );
};
