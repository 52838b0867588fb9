// Turns the API's application/problem+json errors into react-admin's HttpError.
// Owned here so that authProvider and dataProvider report server errors the same way.
import { HttpError } from 'react-admin';

export interface ProblemFieldError {
    path: string | Array<string | number>;
    message: string;
}

export interface Problem {
    type?: string;
    title?: string;
    status?: number;
    detail?: string;
    errors?: ProblemFieldError[];
}

/** react-admin's submission error shape: `{ field: message, root: { serverError } }`. */
export type FieldErrors = Record<string, string | { serverError: string }>;

export const isProblem = (body: unknown): body is Problem =>
    typeof body === 'object' &&
    body !== null &&
    ('detail' in body || 'title' in body || 'errors' in body);

/**
 * Maps a problem's `path` (`code`, `/code`, `body.code`, `["address","street"]`)
 * to the dotted name of the form field it belongs to.
 */
export const fieldNameOfPath = (path: ProblemFieldError['path']): string => {
    const parts = Array.isArray(path)
        ? path.map(String)
        : String(path)
              .replace(/^#?\//, '')
              .split(/[./]/);
    // `metadata.<field>` names a field of a multipart upload's JSON part (documents).
    const withoutLocation = ['body', 'query', 'params', 'metadata'].includes(parts[0] ?? '')
        ? parts.slice(1)
        : parts;
    return withoutLocation.filter(part => part !== '').join('.');
};

export const problemFieldErrors = (problem: Problem): FieldErrors => {
    const errors: FieldErrors = {};
    for (const error of problem.errors ?? []) {
        const field = fieldNameOfPath(error.path);
        if (field && !(field in errors)) errors[field] = error.message;
    }
    return errors;
};

/** The message a user should read: the problem's detail, else its title. */
export const problemMessage = (problem: Problem | undefined, fallback: string): string =>
    problem?.detail || problem?.title || fallback;

export const httpErrorFromProblem = (
    status: number,
    statusText: string,
    body: unknown,
): HttpError => {
    const problem = isProblem(body) ? body : undefined;
    const message = problemMessage(problem, statusText || 'ra.notification.http_error');
    const fieldErrors = problem ? problemFieldErrors(problem) : {};
    const hasFieldErrors = Object.keys(fieldErrors).length > 0;
    return new HttpError(message, status, {
        ...(problem ?? { detail: typeof body === 'string' ? body : undefined }),
        // react-admin reads body.errors to show the messages under the form fields;
        // root.serverError becomes the notification text instead of "invalid form".
        ...(hasFieldErrors ? { errors: { ...fieldErrors, root: { serverError: message } } } : {}),
        problemErrors: problem?.errors,
    });
};
