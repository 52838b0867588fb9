// The report through the API with the bearer token: the JSON figures, and the CSV / XLSX / PDF
// files saved under the name the server gives them (Content-Disposition filename*).
import { httpErrorFromProblem } from '../auth/problem';
import { currentToken } from '../auth/session';
import { API_URL, httpClient } from '../dataProvider';
import type { ExchangeReport, ReportFormat, ReportQuery } from './reportTypes';

const queryString = (q: ReportQuery, format?: ReportFormat): string => {
    const params = new URLSearchParams({ from: q.from, to: q.to });
    if (q.org) params.set('org', q.org);
    if (format) params.set('format', format);
    return params.toString();
};

export const fetchExchangeReport = async (q: ReportQuery): Promise<ExchangeReport> => {
    const { json } = await httpClient(`${API_URL}/reports/exchange?${queryString(q)}`);
    return json as ExchangeReport;
};

/** The file name of a Content-Disposition header: the UTF-8 `filename*` first, else `filename`. */
export const fileNameOf = (header: string | null): string | null => {
    if (!header) return null;
    const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (extended) {
        try {
            return decodeURIComponent(extended[1]!.trim());
        } catch {
            // fall back to the ASCII name
        }
    }
    return /filename="([^"]+)"/i.exec(header)?.[1] ?? null;
};

/** Fetches the report as a file and hands it to the browser as a download. */
export const downloadExchangeReport = async (q: ReportQuery, format: ReportFormat): Promise<void> => {
    const headers = new Headers({ Accept: '*/*' });
    const token = currentToken();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    const response = await fetch(`${API_URL}/reports/exchange?${queryString(q, format)}`, { headers });
    if (!response.ok) {
        const text = await response.text();
        let body: unknown = text;
        try {
            body = JSON.parse(text);
        } catch {
            // not JSON: keep the text
        }
        throw httpErrorFromProblem(response.status, response.statusText, body);
    }
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileNameOf(response.headers.get('Content-Disposition')) ?? `bao-cao.${format}`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
