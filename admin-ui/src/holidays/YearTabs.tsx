// The holidays list grouped by year: one tab per year of the seeded window (last year to two
// years ahead) plus "all years". The year lives in the list's filter, so it is in the URL.
import { Tab, Tabs } from '@mui/material';
import { useListContext, useTranslate } from 'react-admin';
import { currentVietnamYear } from '../fields/vietnamTime';

const ALL = 'all';

export const yearChoices = (around: number = currentVietnamYear()): number[] => [
    around - 1,
    around,
    around + 1,
    around + 2,
];

export const YearTabs = () => {
    const translate = useTranslate();
    const { filterValues, setFilters, displayedFilters } = useListContext();
    const selected = typeof filterValues.year === 'number' ? filterValues.year : null;
    const years = yearChoices();
    if (selected !== null && !years.includes(selected)) years.push(selected);
    years.sort((a, b) => a - b);
    return (
        <Tabs
            value={selected ?? ALL}
            onChange={(_event, value: number | typeof ALL) => {
                const { year: _year, ...rest } = filterValues;
                setFilters(value === ALL ? rest : { ...rest, year: value }, displayedFilters);
            }}
            variant="scrollable"
            scrollButtons="auto"
            sx={{ px: 1, borderBottom: 1, borderColor: 'divider' }}
            data-testid="holiday-year-tabs"
        >
            {years.map(year => (
                <Tab key={year} value={year} label={String(year)} data-testid={`holiday-year-${year}`} />
            ))}
            <Tab value={ALL} label={translate('app.holiday.all_years')} data-testid="holiday-year-all" />
        </Tabs>
    );
};
