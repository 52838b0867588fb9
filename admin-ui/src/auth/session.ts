// The login session kept in localStorage: token, its expiry and the user it belongs to.
import type { CurrentUser } from '../types';

const STORAGE_KEY = 'sonla-edoc.session';

export interface Session {
    token: string;
    expiresAt: string;
    user: CurrentUser;
}

export const readSession = (): Session | null => {
    try {
        const raw = window.localStorage.getItem(STORAGE_KEY);
        if (!raw) return null;
        const session = JSON.parse(raw) as Partial<Session>;
        if (typeof session.token !== 'string' || !session.user) return null;
        return session as Session;
    } catch {
        return null;
    }
};

export const saveSession = (session: Session): void => {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
};

export const updateSessionUser = (user: CurrentUser): void => {
    const session = readSession();
    if (session) saveSession({ ...session, user });
};

export const clearSession = (): void => {
    window.localStorage.removeItem(STORAGE_KEY);
};

/** A session is valid while it has a token and its expiry lies in the future. */
export const isSessionValid = (session: Session | null, now: number = Date.now()): boolean => {
    if (!session?.token) return false;
    const expiresAt = Date.parse(session.expiresAt);
    return Number.isFinite(expiresAt) && expiresAt > now;
};

/** The bearer token of a valid session, or null. */
export const currentToken = (): string | null => {
    const session = readSession();
    return isSessionValid(session) ? session!.token : null;
};

export const currentRoles = (): CurrentUser['roles'] => {
    const session = readSession();
    return isSessionValid(session) ? (session!.user.roles ?? []) : [];
};
