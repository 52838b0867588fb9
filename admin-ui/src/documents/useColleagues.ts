// Active users of the caller's organization (GET /api/colleagues), for the assignment and
// routing pickers (R-ROUTE-2). Read once per dialog session and cached a minute.
import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import type { Colleague } from '../types';

export const useColleagues = (enabled = true) => {
    const dataProvider = useDataProvider<AppDataProvider>();
    const { data, isPending, error } = useQuery({
        queryKey: ['colleagues'],
        queryFn: () => dataProvider.getColleagues(),
        enabled,
        staleTime: 60_000,
    });
    return { colleagues: data?.data ?? [], isPending: enabled && isPending, error: error as Error | null };
};

export const colleagueLabel = (c: Colleague | null | undefined): string =>
    c ? [c.fullName, c.position].filter(Boolean).join(' — ') : '';
