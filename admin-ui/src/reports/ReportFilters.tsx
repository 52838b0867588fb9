// What the report is about: the organization (root of the subtree, searched by name or code
// within what the user may see) and the period, typed as dd/MM/yyyy or picked from presets.
import { useEffect, useState } from 'react';
import { Autocomplete, Button, Chip, Stack, TextField } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import { formatDateKey } from '../fields/vietnamTime';
import type { Organization } from '../types';
import { PERIOD_PRESETS, parseDisplayDate, presetPeriod } from './period';
import type { ReportQuery } from './reportTypes';

interface Option {
    code: string;
    name: string;
}

const OrganizationPicker = ({ current, scopeRoot, onChange }: { current: Option | null; scopeRoot?: string; onChange: (code: string) => void }) => {
    const translate = useTranslate();
    const [input, setInput] = useState('');
    const [q, setQ] = useState('');
    useEffect(() => {
        const timer = window.setTimeout(() => setQ(input), 300);
        return () => window.clearTimeout(timer);
    }, [input]);
    const typed = q && q !== current?.name ? q : undefined;
    const { data = [], isFetching } = useGetList<Organization>('organizations', {
        pagination: { page: 1, perPage: 50 },
        sort: { field: 'code', order: 'ASC' },
        filter: { ...(typed ? { q: typed } : {}), ...(scopeRoot ? { subtree: scopeRoot } : {}) },
    });
    const options: Option[] = data.map(o => ({ code: o.code, name: o.name }));
    return (
        <Autocomplete<Option>
            sx={{ minWidth: 360, flex: 1 }}
            options={current && !options.some(o => o.code === current.code) ? [current, ...options] : options}
            value={current}
            loading={isFetching}
            filterOptions={x => x}
            isOptionEqualToValue={(a, b) => a.code === b.code}
            getOptionLabel={o => o.name}
            renderOption={(props, o) => (
                <li {...props} key={o.code}>
                    {o.name} · {o.code}
                </li>
            )}
            onInputChange={(_e, value) => setInput(value)}
            onChange={(_e, value) => value && onChange(value.code)}
            renderInput={params => <TextField {...params} size="small" label={translate('app.report.organization')} data-testid="report-organization" />}
            noOptionsText={translate('app.report.no_organization')}
        />
    );
};

export const ReportFilters = ({
    query,
    current,
    scopeRoot,
    onChange,
}: {
    query: ReportQuery;
    current: Option | null;
    scopeRoot?: string;
    onChange: (patch: Partial<ReportQuery>) => void;
}) => {
    const translate = useTranslate();
    const [from, setFrom] = useState(formatDateKey(query.from));
    const [to, setTo] = useState(formatDateKey(query.to));
    useEffect(() => {
        setFrom(formatDateKey(query.from));
        setTo(formatDateKey(query.to));
    }, [query.from, query.to]);
    const fromKey = parseDisplayDate(from);
    const toKey = parseDisplayDate(to);
    const order = fromKey && toKey && fromKey > toKey;
    const apply = () => {
        if (fromKey && toKey && !order) onChange({ from: fromKey, to: toKey });
    };
    const dateField = (label: string, value: string, set: (v: string) => void, valid: boolean, testId: string) => (
        <TextField
            size="small"
            label={translate(label)}
            value={value}
            placeholder="dd/MM/yyyy"
            onChange={e => set(e.target.value)}
            onKeyDown={e => e.key === 'Enter' && apply()}
            error={!valid}
            helperText={valid ? ' ' : translate('app.report.invalid_date')}
            slotProps={{ htmlInput: { 'data-testid': testId, inputMode: 'numeric' } }}
            sx={{ width: 150 }}
        />
    );
    return (
        <Stack spacing={1.5}>
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'flex-start' } }}>
                <OrganizationPicker current={current} scopeRoot={scopeRoot} onChange={code => onChange({ org: code })} />
                {dateField('app.report.from', from, setFrom, !!fromKey, 'report-from')}
                {dateField('app.report.to', to, setTo, !!toKey && !order, 'report-to')}
                <Button variant="contained" onClick={apply} disabled={!fromKey || !toKey || !!order} data-testid="report-apply" sx={{ height: 40 }}>
                    {translate('app.report.apply')}
                </Button>
            </Stack>
            <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
                {PERIOD_PRESETS.map(p => (
                    <Chip key={p} size="small" variant="outlined" label={translate(`app.report.preset.${p}`)} onClick={() => onChange(presetPeriod(p))} data-testid={`report-preset-${p}`} />
                ))}
            </Stack>
        </Stack>
    );
};
