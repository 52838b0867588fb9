// The home page's data: GET /api/home once for every card (one round trip), read again after each
// decision (DocumentActionButton invalidates `home`), when the window gets focus, and every minute.
import { useQuery } from '@tanstack/react-query';
import { API_URL, httpClient } from '../dataProvider';
import type { HomeSummary } from './homeTypes';

export const HOME_QUERY_KEY = ['home'] as const;
export const HOME_REFRESH_MS = 60_000;

export const useHome = () =>
    useQuery({
        queryKey: HOME_QUERY_KEY,
        queryFn: async (): Promise<HomeSummary> => (await httpClient(`${API_URL}/home`)).json as HomeSummary,
        refetchInterval: HOME_REFRESH_MS,
        refetchOnWindowFocus: true,
    });

/** A list page with a filter (and a sort) in its address, as react-admin reads it. */
export const listPath = (resource: string, filter?: Record<string, unknown>, sort?: { field: string; order: 'ASC' | 'DESC' }): string => {
    const query = new URLSearchParams();
    if (filter && Object.keys(filter).length) query.set('filter', JSON.stringify(filter));
    if (sort) {
        query.set('sort', sort.field);
        query.set('order', sort.order);
    }
    const search = query.toString();
    return `/${resource}${search ? `?${search}` : ''}`;
};

/** A create page with some fields filled in (react-admin reads `?source=`). */
export const createPath = (resource: string, values: Record<string, unknown>): string =>
    `/${resource}/create?source=${encodeURIComponent(JSON.stringify(values))}`;
