// Downloads from the API that show how far they got: a file, a printable PDF with its stamp, a
// report export. The bearer token goes in the header (links cannot carry it, R-SEC-2), the body
// is read as a stream so the bytes received are known as they come (the total from
// Content-Length when the server sends it), and the request can be cancelled. Reuse:
//   const { run, progress, busy, cancel } = useDownloadWithProgress();
//   await run('/reports/exchange?format=pdf', blob => saveBlob(blob, 'bao-cao.pdf'));
// and show <DownloadProgress progress={progress} /> while `busy`.
import { useCallback, useEffect, useRef, useState } from 'react';
import { HttpError } from 'react-admin';
import { httpErrorFromProblem } from '../auth/problem';
import { currentToken } from '../auth/session';

export const API_PREFIX = '/api';

export interface DownloadProgressState {
    /** Bytes received so far. */
    loaded: number;
    /** Bytes announced by Content-Length, or null when the server did not say. */
    total: number | null;
    /** 0–100 when the total is known, else null (an indeterminate bar). */
    percent: number | null;
}

const parseBody = (text: string): unknown => {
    try {
        return text ? JSON.parse(text) : undefined;
    } catch {
        return text;
    }
};

/**
 * GET `path` under /api as a Blob, reporting progress after every chunk. Problem+json refusals
 * become HttpErrors with the server's message, as in the data provider.
 */
export const fetchWithProgress = async (
    path: string,
    onProgress: (state: DownloadProgressState) => void,
    signal?: AbortSignal,
): Promise<Blob> => {
    const headers = new Headers({ Accept: 'application/pdf, application/octet-stream, */*' });
    const token = currentToken();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    const response = await fetch(`${API_PREFIX}${path}`, { headers, signal });
    if (!response.ok) {
        throw httpErrorFromProblem(response.status, response.statusText, parseBody(await response.text()));
    }
    const length = Number(response.headers.get('Content-Length'));
    const total = Number.isFinite(length) && length > 0 ? length : null;
    const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
    onProgress({ loaded: 0, total, percent: total ? 0 : null });
    if (!response.body) {
        const blob = await response.blob();
        onProgress({ loaded: blob.size, total: blob.size, percent: 100 });
        return blob;
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let loaded = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.byteLength;
        onProgress({ loaded, total, percent: total ? Math.min(100, Math.round((loaded / total) * 100)) : null });
    }
    onProgress({ loaded, total: total ?? loaded, percent: 100 });
    return new Blob(chunks as BlobPart[], { type });
};

/** A cancelled download is not an error to show. */
export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

/**
 * One download at a time with its progress. `run` resolves with what `use` returns, or null when
 * cancelled; other failures are thrown (an HttpError carries the server's reason).
 */
export const useDownloadWithProgress = () => {
    const [progress, setProgress] = useState<DownloadProgressState | null>(null);
    const controller = useRef<AbortController | null>(null);
    const mounted = useRef(true);

    useEffect(() => {
        mounted.current = true;
        return () => {
            mounted.current = false;
            controller.current?.abort();
        };
    }, []);

    const run = useCallback(async <T,>(path: string, use: (blob: Blob) => T | Promise<T>): Promise<T | null> => {
        controller.current?.abort();
        const abort = new AbortController();
        controller.current = abort;
        setProgress({ loaded: 0, total: null, percent: null });
        try {
            const blob = await fetchWithProgress(
                path,
                state => {
                    if (mounted.current && controller.current === abort) setProgress(state);
                },
                abort.signal,
            );
            return await use(blob);
        } catch (error) {
            if (isAbort(error)) return null;
            throw error instanceof Error ? error : new HttpError(String(error), 500);
        } finally {
            if (mounted.current && controller.current === abort) {
                controller.current = null;
                setProgress(null);
            }
        }
    }, []);

    const cancel = useCallback(() => controller.current?.abort(), []);

    return { run, progress, busy: progress !== null, cancel };
};

/** "1,2 MB / 3,4 MB": the figures under the bar, in Vietnamese number style. */
export const formatBytes = (bytes: number | null | undefined): string => {
    if (bytes === null || bytes === undefined) return '';
    const format = (n: number, unit: string) => `${n.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} ${unit}`;
    if (bytes < 1024) return format(bytes, 'B');
    if (bytes < 1024 * 1024) return format(bytes / 1024, 'KB');
    return format(bytes / 1024 / 1024, 'MB');
};
