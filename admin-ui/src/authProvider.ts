// Real login against the API: POST /api/auth/login → {token, expiresAt, user}.
// The token lives in localStorage (auth/session.ts); every API call sends it
// as a bearer token (dataProvider.ts). Roles drive getPermissions and canAccess.
import type { AuthProvider, UserIdentity } from 'react-admin';
import { canRole } from './auth/access';
import { isProblem, problemMessage } from './auth/problem';
import {
    clearSession,
    currentToken,
    isSessionValid,
    readSession,
    saveSession,
    updateSessionUser,
    type Session,
} from './auth/session';
import type { CurrentUser } from './types';

const API = '/api';

const readJson = async (response: Response): Promise<unknown> => {
    const text = await response.text();
    if (!text) return undefined;
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
};

const toIdentity = (user: CurrentUser): UserIdentity => ({
    ...user,
    id: user.id,
    fullName: user.fullName || user.username,
});

export const authProvider: AuthProvider = {
    async login({ username, password }: { username: string; password: string }) {
        let response: Response;
        try {
            response = await fetch(`${API}/auth/login`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
                body: JSON.stringify({ username, password }),
            });
        } catch {
            throw new Error('ra.notification.http_error');
        }
        const body = await readJson(response);
        if (!response.ok) {
            // 401 means wrong credentials: show our own translated text rather
            // than the server's; other failures (429, 5xx) carry their detail.
            if (response.status === 401) throw new Error('app.auth.invalid_credentials');
            throw new Error(
                problemMessage(isProblem(body) ? body : undefined, 'ra.auth.sign_in_error'),
            );
        }
        const session = body as Session;
        if (!session?.token || !session.user) throw new Error('ra.auth.sign_in_error');
        saveSession({
            token: session.token,
            // Without an expiry the server's 401 still ends the session (checkError).
            expiresAt: session.expiresAt ?? new Date(Date.now() + 8 * 3600_000).toISOString(),
            user: { ...session.user, roles: session.user.roles ?? [] },
        });
    },

    async logout() {
        clearSession();
    },

    async checkAuth() {
        if (!isSessionValid(readSession())) {
            clearSession();
            throw new Error('ra.auth.auth_check_error');
        }
    },

    async checkError(error: { status?: number }) {
        if (error?.status === 401) {
            clearSession();
            throw new Error('ra.notification.logged_out');
        }
        // 403 and the rest are shown as errors but keep the user logged in.
    },

    async getIdentity() {
        const session = readSession();
        if (!isSessionValid(session)) throw new Error('ra.auth.auth_check_error');
        try {
            const response = await fetch(`${API}/me`, {
                headers: { Accept: 'application/json', Authorization: `Bearer ${currentToken()}` },
            });
            if (response.ok) {
                const body = (await response.json()) as CurrentUser | { user: CurrentUser };
                const user = 'user' in body ? body.user : body;
                const merged = { ...session!.user, ...user, roles: user.roles ?? session!.user.roles };
                updateSessionUser(merged);
                return toIdentity(merged);
            }
        } catch {
            // fall back to the user stored at login
        }
        return toIdentity(session!.user);
    },

    async getPermissions() {
        const session = readSession();
        return isSessionValid(session) ? (session!.user.roles ?? []) : [];
    },

    async canAccess({ resource, action }) {
        const session = readSession();
        if (!isSessionValid(session)) return false;
        return canRole(session!.user.roles, resource, action);
    },
};
