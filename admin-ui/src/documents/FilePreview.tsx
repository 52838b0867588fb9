// In-page preview of a document's PDF (R-FMT-3): the file is fetched with the bearer token (a
// link cannot carry it, R-SEC-2), with its progress shown, and displayed from a blob: URL in a
// frame (the API allows `frame-src blob:` for this); the URL is released when the preview closes.
import { useEffect, useState } from 'react';
import { Alert, Box } from '@mui/material';
import { useTranslate } from 'react-admin';
import { DownloadProgress } from '../fields/DownloadProgress';
import { useDownloadWithProgress } from '../fields/useDownloadWithProgress';

export const FilePreview = ({ fileId, name }: { fileId: string; name: string }) => {
    const translate = useTranslate();
    const { run, progress, cancel } = useDownloadWithProgress();
    const [url, setUrl] = useState<string | null>(null);
    const [error, setError] = useState<string | null>(null);

    useEffect(() => {
        let created: string | null = null;
        let live = true;
        setUrl(null);
        setError(null);
        run(`/files/${encodeURIComponent(fileId)}`, blob => {
            // The server names the type it recognized at intake; a frame shows a PDF only as one.
            const pdf = blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' });
            created = URL.createObjectURL(pdf);
            return created;
        })
            .then(result => {
                if (live && result) setUrl(result);
            })
            .catch((err: unknown) => {
                if (live) setError((err as Error)?.message || translate('app.document.files.download_error'));
            });
        return () => {
            live = false;
            if (created) URL.revokeObjectURL(created);
        };
    }, [fileId, run, translate]);

    return (
        <Box sx={{ mt: 1, mb: 2 }} data-testid="file-preview" data-file-id={fileId}>
            {error && <Alert severity="error">{error}</Alert>}
            {!url && !error && <DownloadProgress progress={progress} onCancel={cancel} testId="file-preview-progress" />}
            {url && (
                <Box
                    component="iframe"
                    src={url}
                    title={translate('app.document.files.preview_title', { name })}
                    sx={{ width: '100%', height: { xs: 480, md: 720 }, border: 1, borderColor: 'divider', borderRadius: 1 }}
                    data-testid="file-preview-frame"
                />
            )}
        </Box>
    );
};
