// `/document/:id`: opens a document whatever its direction — notifications and registers know a
// document's id, not always whether it is incoming or outgoing. Tries incoming, then outgoing;
// a document outside the caller's scope reads as not found (R-SEC-2).
import { Alert } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, Navigate, useCreatePath, useDataProvider, useParams, useTranslate } from 'react-admin';

const RESOURCES = ['incoming', 'outgoing'] as const;

export const DOCUMENT_REDIRECT_PATH = '/document/:id';
export const documentRedirectPath = (id: string) => `/document/${encodeURIComponent(id)}`;

export const DocumentRedirect = () => {
    const { id } = useParams<{ id: string }>();
    const dataProvider = useDataProvider();
    const createPath = useCreatePath();
    const translate = useTranslate();
    const { data, isPending } = useQuery({
        queryKey: ['documents', 'direction', id],
        queryFn: async () => {
            for (const resource of RESOURCES) {
                try {
                    await dataProvider.getOne(resource, { id: id! });
                    return resource;
                } catch {
                    // not this direction (404), try the other
                }
            }
            return null;
        },
        enabled: !!id,
        retry: false,
    });
    if (isPending) return <Loading />;
    if (!data || !id) {
        return (
            <Alert severity="warning" sx={{ mt: 2 }} data-testid="document-not-found">
                {translate('app.document.not_found')}
            </Alert>
        );
    }
    return <Navigate to={createPath({ resource: data, id, type: 'show' })} replace />;
};
