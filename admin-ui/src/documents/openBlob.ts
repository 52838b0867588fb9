// Files and printable copies come from the API with the bearer token (R-SEC-2), so they are
// fetched as blobs and handed to the browser: PDFs open in a new tab (to read or print), other
// files are saved under their own name.
import { fetchBlob } from '../dataProvider';

const isPdf = (blob: Blob, name: string) => blob.type === 'application/pdf' || /\.pdf$/i.test(name);

/**
 * Fetches `path` (under /api) and shows or saves it. The tab is opened before the request so the
 * browser counts it as the user's click and does not block it as a pop-up.
 */
export const openApiFile = async (path: string, name: string): Promise<void> => {
    const tab = typeof window !== 'undefined' ? window.open('', '_blank') : null;
    try {
        const blob = await fetchBlob(path);
        const url = URL.createObjectURL(blob);
        if (isPdf(blob, name) && tab) {
            tab.location.href = url;
        } else {
            tab?.close();
            const link = document.createElement('a');
            link.href = url;
            link.download = name;
            document.body.appendChild(link);
            link.click();
            link.remove();
        }
        // Long enough for the new tab to read it.
        window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
        tab?.close();
        throw error;
    }
};
