// ra-data-simple-rest on /api, with a bearer-token httpClient that turns the
// API's problem+json errors into HttpErrors react-admin can show (message =
// problem detail, body.errors = per-field messages), plus the workflow calls
// that are not CRUD: connection steps, registers, passwords, and the decisions
// of the document processes (accept, refuse, route, assign, issue, recall, …).
import simpleRestProvider from 'ra-data-simple-rest';
import { HttpError, type CreateParams, type DataProvider, type Identifier } from 'react-admin';
import { httpErrorFromProblem } from './auth/problem';
import { currentToken, readSession, saveSession } from './auth/session';
import type {
    AppNotification,
    Colleague,
    Connection,
    ConnectionState,
    DeadlineQuery,
    DeadlineResult,
    Delivery,
    DocumentChanges,
    HistoryEntry,
    RegisterCounter,
    RegisterEntry,
    RoutingRule,
    RoutingTarget,
    RoutingTestQuery,
    RoutingTestResult,
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

const idPath = (id: Identifier) => encodeURIComponent(String(id));

/** Answers that are a bare array or `{data: [...]}` both read as the array. */
const arrayOf = <T>(json: unknown): T[] => {
    if (Array.isArray(json)) return json as T[];
    const data = (json as { data?: unknown } | null | undefined)?.data;
    return Array.isArray(data) ? (data as T[]) : [];
};

/** Resources whose create is multipart: `metadata` (JSON) + `files`, in this order of inputs. */
const MULTIPART_FILE_INPUTS: Record<string, readonly string[]> = {
    // the main signed PDF first, then the attachments (R-OUT-1)
    outgoing: ['mainFile', 'attachments'],
    // the scan of a plain paper document (R-REC-5)
    incoming: ['files'],
};

type FileValue = { rawFile?: File } | File | null | undefined;
const rawFileOf = (value: FileValue): File | null => {
    if (!value) return null;
    if (typeof File !== 'undefined' && value instanceof File) return value;
    return (value as { rawFile?: File }).rawFile ?? null;
};

/** Leaves out empty strings and nulls so optional metadata stays absent, not blank. */
const compact = (values: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
        Object.entries(values).filter(
            ([, v]) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '') && !(Array.isArray(v) && v.length === 0),
        ),
    );

/**
 * The server names file problems `files` / `files.<n>` (n = position in the upload); on the
 * outgoing form position 0 is the main-file input and the rest the attachments input.
 */
const fileInputOfError = (resource: string, field: string): string => {
    const match = /^files(?:\.(\d+))?$/.exec(field);
    if (!match) return field;
    const inputs = MULTIPART_FILE_INPUTS[resource] ?? [];
    if (inputs.length < 2) return inputs[0] ?? field;
    return match[1] === '0' || match[1] === undefined ? inputs[0]! : inputs[1]!;
};

const withFileInputErrors = (resource: string, error: unknown): unknown => {
    if (!(error instanceof HttpError)) return error;
    const body = error.body as { errors?: Record<string, unknown> } | undefined;
    if (!body?.errors) return error;
    const errors: Record<string, unknown> = {};
    for (const [field, message] of Object.entries(body.errors)) {
        const input = fileInputOfError(resource, field);
        if (!(input in errors)) errors[input] = message;
    }
    return new HttpError(error.message, error.status, { ...body, errors });
};

export const multipartOf = (resource: string, data: Record<string, unknown>): FormData => {
    const fileInputs = MULTIPART_FILE_INPUTS[resource] ?? [];
    const metadata = compact(Object.fromEntries(Object.entries(data).filter(([key]) => !fileInputs.includes(key))));
    const form = new FormData();
    form.append('metadata', JSON.stringify(metadata));
    for (const input of fileInputs) {
        const value = data[input] as FileValue | FileValue[];
        for (const item of Array.isArray(value) ? value : [value]) {
            const file = rawFileOf(item);
            if (file) form.append('files', file, file.name);
        }
    }
    return form;
};

/** Bodies of the incoming document's decisions (docs/document-processes.md, HTTP contract). */
export interface IncomingActionBodies {
    accept: { note?: string };
    refuse: { reason: string };
    route: { target: RoutingTarget };
    assign: { handlerId: string; coHandlerIds?: string[]; dueAt?: string; reason?: string };
    complete: { result: string };
    extend: { dueAt: string; reason: string };
    'paper-received': Record<string, never>;
    'acknowledge-recall': { agree: boolean; reason?: string };
}
export type IncomingAction = keyof IncomingActionBodies;

/** Bodies of the outgoing document's actions. */
export interface OutgoingActionBodies {
    issue: { signOnServer?: boolean };
    recall: { reason: string };
    update: { reason: string; changes: DocumentChanges; addReceivers?: string[]; removeReceivers?: string[] };
    'paper-dispatched': { receiverCode: string; note?: string };
    'paper-recalled': { receiverCode: string };
}
export type OutgoingAction = keyof OutgoingActionBodies;

/** A file or printable PDF through the API with the bearer token (links cannot carry it). */
export const fetchBlob = async (path: string): Promise<Blob> => {
    const headers = new Headers({ Accept: 'application/pdf, application/octet-stream, */*' });
    const token = currentToken();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    const response = await fetch(`${API_URL}${path}`, { headers });
    if (!response.ok) {
        const text = await response.text();
        throw httpErrorFromProblem(response.status, response.statusText, parseBody(text));
    }
    return response.blob();
};

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
    /** R-REC-3, R-ROUTE-2, R-DL-3, R-REC-5, R-RCL-1: a decision on an incoming document. */
    incomingAction<A extends IncomingAction>(id: Identifier, action: A, body: IncomingActionBodies[A]): Promise<{ data: unknown }>;
    /** R-OUT-1..4, R-RCL-1..3: issue, recall, update, paper dispatch and paper recall. */
    outgoingAction<A extends OutgoingAction>(id: Identifier, action: A, body: OutgoingActionBodies[A]): Promise<{ data: unknown }>;
    /** R-DOC-3: the append-only history of a document, oldest first. */
    getDocumentHistory(id: Identifier): Promise<{ data: HistoryEntry[] }>;
    /** R-OUT-5: per receiver, the latest status of an issued document. */
    getDeliveries(id: Identifier): Promise<{ data: Delivery[] }>;
    /** Active users of the caller's organization, for the assignment pickers (R-ROUTE-2). */
    getColleagues(): Promise<{ data: Colleague[] }>;
    /** R-ROUTE-1: every version of a routing rule, newest first. */
    getRoutingRuleVersions(id: Identifier): Promise<{ data: RoutingRule[] }>;
    /** R-ROUTE-1: which rule fires for a document, and why. */
    testRoutingRule(query: RoutingTestQuery): Promise<{ data: RoutingTestResult }>;
}

const base = simpleRestProvider(API_URL, httpClient);

export const dataProvider: AppDataProvider = {
    ...base,
    create: async (resource: string, params: CreateParams) => {
        if (!MULTIPART_FILE_INPUTS[resource]) return base.create(resource, params);
        try {
            const { json } = await httpClient(`${API_URL}/${resource}`, {
                method: 'POST',
                body: multipartOf(resource, params.data as Record<string, unknown>),
            });
            // eslint-disable-next-line @typescript-eslint/no-explicit-any -- react-admin's generic record type
            return { data: json as any };
        } catch (error) {
            throw withFileInputErrors(resource, error);
        }
    },
    incomingAction: async (id, action, body) => {
        const { json } = await post(`/incoming/${idPath(id)}/${action}`, body);
        return { data: json ?? null };
    },
    outgoingAction: async (id, action, body) => {
        const { json } = await post(`/outgoing/${idPath(id)}/${action}`, body);
        return { data: json ?? null };
    },
    getDocumentHistory: async id => {
        const { json } = await httpClient(`${API_URL}/documents/${idPath(id)}/history`);
        return { data: arrayOf<HistoryEntry>(json) };
    },
    getDeliveries: async id => {
        const { json } = await httpClient(`${API_URL}/outgoing/${idPath(id)}/deliveries`);
        return { data: arrayOf<Delivery>(json) };
    },
    getColleagues: async () => {
        // One page large enough for any organization; the pickers filter as the user types.
        const query = new URLSearchParams({ range: JSON.stringify([0, 999]), sort: JSON.stringify(['fullName', 'ASC']) });
        const { json } = await httpClient(`${API_URL}/colleagues?${query.toString()}`);
        return { data: arrayOf<Colleague>(json) };
    },
    getRoutingRuleVersions: async id => {
        const { json } = await httpClient(`${API_URL}/routing-rules/${idPath(id)}/versions`);
        return { data: arrayOf<RoutingRule>(json) };
    },
    testRoutingRule: async query => {
        const { json } = await post('/routing-rules/test', compact(query as unknown as Record<string, unknown>));
        const body = (json ?? {}) as Partial<RoutingTestResult>;
        return { data: { decision: body.decision ?? null, rules: body.rules ?? [] } };
    },
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
