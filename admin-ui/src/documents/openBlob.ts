// Files and printable copies come from the API with the bearer token (R-SEC-2), so they are
// fetched as blobs and handed to the browser: PDFs open in a new tab (to read or print), other
// files are saved under their own name.
import { fetchBlob } from '../dataProvider';

export const isPdf = (blob: Blob, name: string) => blob.type === 'application/pdf' || /\.pdf$/i.test(name);

/** Fetches the bytes; a caller that shows progress passes its own (useDownloadWithProgress). */
export type BlobFetcher = (path: string) => Promise<Blob | null>;

/** Saves a blob under `name` through a temporary link. */
export const saveBlob = (blob: Blob, name: string): void => {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

/**
 * Fetches `path` (under /api) and shows or saves it. The tab is opened before the request so the
 * browser counts it as the user's click and does not block it as a pop-up. A fetcher that
 * resolves null (the user cancelled) closes the tab.
 */
export const openApiFile = async (path: string, name: string, fetcher: BlobFetcher = fetchBlob): Promise<void> => {
    const tab = typeof window !== 'undefined' ? window.open('', '_blank') : null;
    try {
        const blob = await fetcher(path);
        if (!blob) {
            tab?.close();
            return;
        }
        if (isPdf(blob, name) && tab) {
            const url = URL.createObjectURL(blob);
            tab.location.href = url;
            // Long enough for the new tab to read it.
            window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
        } else {
            tab?.close();
            saveBlob(blob, name);
        }
    } catch (error) {
        tab?.close();
        throw error;
    }
};
