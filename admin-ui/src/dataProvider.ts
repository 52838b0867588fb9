// ra-data-simple-rest on /api, with a bearer-token httpClient that turns the
// API's problem+json errors into HttpErrors react-admin can show (message =
// problem detail, body.errors = per-field messages), plus the workflow calls
// that are not CRUD.
import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, Identifier } from 'react-admin';
import { httpErrorFromProblem } from './auth/problem';
import { currentToken, readSession, saveSession } from './auth/session';
import type {
    AppNotification,
    Connection,
    ConnectionState,
    DeadlineQuery,
    DeadlineResult,
    RegisterCounter,
    RegisterEntry,
    User,
} from './types';

export const API_URL = '/api';

export interface HttpResponse {
    status: number;
    headers: Headers;
    body: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shape ra-data-simple-rest expects
    json: any;
}

const parseBody = (text: string): unknown => {
    if (!text) return undefined;
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
};

/** fetch() with JSON defaults, the bearer token and problem+json error mapping. */
export const httpClient = async (url: string, options: RequestInit = {}): Promise<HttpResponse> => {
    const headers = new Headers(options.headers);
    if (!headers.has('Accept')) headers.set('Accept', 'application/json');
    if (options.body != null && !(options.body instanceof FormData) && !headers.has('Content-Type')) {
        headers.set('Content-Type', 'application/json');
    }
    const token = currentToken();
    if (token) headers.set('Authorization', `Bearer ${token}`);

    const response = await fetch(url, { ...options, headers });
    const text = await response.text();
    const json = parseBody(text);
    if (!response.ok) {
        throw httpErrorFromProblem(response.status, response.statusText, json);
    }
    return { status: response.status, headers: response.headers, body: text, json };
};

const post = (path: string, body: unknown, method = 'POST') =>
    httpClient(`${API_URL}${path}`, { method, body: JSON.stringify(body) });

/** The data provider plus the custom workflow methods. */
export interface AppDataProvider extends DataProvider {
    /** R-CONN-1: move an organization's connection process to its next state. */
    advanceConnection(code: string, to: ConnectionState, note?: string): Promise<{ data: Connection }>;
    markNotificationRead(id: Identifier): Promise<{ data: AppNotification }>;
    markAllNotificationsRead(): Promise<{ data: unknown }>;
    /** R-CAL-3, R-CAL-4, R-DL-1: receipt time and due time on an organization's calendar. */
    computeDeadline(query: DeadlineQuery): Promise<{ data: DeadlineResult }>;
    /** R-DOC-1: void a register number with a reason (admin); the entry stays, marked voided. */
    voidRegisterEntry(id: Identifier, reason: string): Promise<{ data: RegisterEntry }>;
    /** R-DOC-1: set a register's next number (admin); 409 when not above the highest used. */
    setRegisterStartingNumber(
        id: Identifier,
        nextNumber: number,
        reason?: string,
    ): Promise<{ data: RegisterCounter }>;
    /** R-SEC-2: an admin sets a new password for another account. */
    resetUserPassword(id: Identifier, password: string): Promise<{ data: User }>;
    /** R-SEC-2: the caller changes their own password; 400 with a field error when the current one is wrong. */
    changeMyPassword(currentPassword: string, newPassword: string): Promise<{ data: null }>;
}

const base = simpleRestProvider(API_URL, httpClient);

export const dataProvider: AppDataProvider = {
    ...base,
    advanceConnection: async (code, to, note) => {
        const { json } = await post(`/connections/${encodeURIComponent(code)}/advance`, {
            to,
            note: note?.trim() ? note.trim() : undefined,
        });
        return { data: json as Connection };
    },
    markNotificationRead: async id => {
        const { json } = await post(`/notifications/${encodeURIComponent(String(id))}`, { read: true }, 'PUT');
        return { data: json as AppNotification };
    },
    markAllNotificationsRead: async () => {
        const { json } = await post('/notifications/read-all', {});
        return { data: json ?? null };
    },
    computeDeadline: async query => {
        const params = new URLSearchParams();
        for (const [key, value] of Object.entries(query)) {
            if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
        }
        const { json } = await httpClient(`${API_URL}/calendar/deadline?${params.toString()}`);
        return { data: json as DeadlineResult };
    },
    voidRegisterEntry: async (id, reason) => {
        const { json } = await post(`/register-entries/${encodeURIComponent(String(id))}/void`, {
            reason: reason.trim(),
        });
        return { data: json as RegisterEntry };
    },
    setRegisterStartingNumber: async (id, nextNumber, reason) => {
        const { json } = await post(
            `/register-counters/${encodeURIComponent(String(id))}`,
            { nextNumber, reason: reason?.trim() ? reason.trim() : undefined },
            'PUT',
        );
        return { data: json as RegisterCounter };
    },
    // Passwords are sent exactly as typed: never trimmed (the server compares them byte for byte).
    resetUserPassword: async (id, password) => {
        const { json } = await post(`/users/${encodeURIComponent(String(id))}/password`, { password });
        return { data: json as User };
    },
    changeMyPassword: async (currentPassword, newPassword) => {
        const { json } = await post('/me/password', { currentPassword, newPassword });
        // The change voids every earlier token; keep this session going with the one issued with it.
        const session = readSession();
        const fresh = json as { token?: string; expiresAt?: string } | undefined;
        if (session && fresh?.token) saveSession({ ...session, token: fresh.token, expiresAt: fresh.expiresAt ?? session.expiresAt });
        return { data: null };
    },
};
