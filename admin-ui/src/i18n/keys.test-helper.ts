// Helpers for tests that check the translation catalogs: every key used in the
// UI must exist in Vietnamese, and vi must cover every ra.* key of English.
// Pure functions, no React: usable from Jest or a plain Node script.
import en from './en';
import vi from './vi';

export type MessageTree = { [key: string]: string | MessageTree | undefined };

/** Flattens a messages object to its dotted leaf keys, e.g. `ra.action.save`. */
export const flattenMessageKeys = (messages: MessageTree, prefix = ''): string[] =>
    Object.entries(messages).flatMap(([key, value]) => {
        const path = prefix ? `${prefix}.${key}` : key;
        if (value && typeof value === 'object') return flattenMessageKeys(value, path);
        return typeof value === 'string' ? [path] : [];
    });

/** The keys of `reference` that `candidate` lacks. */
export const missingMessageKeys = (reference: MessageTree, candidate: MessageTree): string[] => {
    const have = new Set(flattenMessageKeys(candidate));
    return flattenMessageKeys(reference).filter(key => !have.has(key));
};

/**
 * Message keys written as string literals in a source file ('app.…',
 * 'resources.…', 'ra.…'). Keys built at run time (e.g. `app.connection.state.${state}`)
 * appear as their static prefix ending in a dot; check those with `keysUnder`.
 */
export const findMessageKeysInSource = (source: string): string[] => {
    const found = new Set<string>();
    const literal = /['"`]((?:app|resources|ra)\.[A-Za-z0-9_.]+)['"`$]/g;
    for (const match of source.matchAll(literal)) found.add(match[1]!);
    return [...found];
};

/** A dotted message key, whatever its namespace: `app.home.view_all`, `ra.action.save`. */
const DOTTED_KEY = /^[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)+\.?$/;

/**
 * Message keys handed to the translator whatever their namespace: the first literal argument of
 * `translate(…)` / `notify(…)`, and literal props react-admin translates (`label`, `title`,
 * `emptyText`, `helperText`, …, and this app's card and dialog props). Template literals count up
 * to their first `${`, as a prefix ending in a dot. File names ('cong-van.pdf') are no keys:
 * only literals that look like dotted identifiers are kept.
 */
export const findTranslatedLiterals = (source: string): string[] => {
    const found = new Set<string>();
    const call = /\b(?:translate|notify)\(\s*(['"`])((?:(?!\1)[^$\\\n])*)(?:\1|\$\{)/g;
    const props =
        /\b(?:label|title|emptyText|helperText|placeholder|linkLabel|empty|hint|successMessage|dialogTitle|confirmLabel|primaryText|trueLabel|falseLabel|text)=(?:\{\s*)?(['"`])((?:(?!\1)[^$\\\n])*)(?:\1|\$\{)/g;
    for (const pattern of [call, props]) {
        for (const match of source.matchAll(pattern)) {
            const key = match[2]!;
            if (DOTTED_KEY.test(key) && !/\.(pdf|png|xml|json|csv|xlsx|ts|tsx)$/i.test(key)) found.add(key);
        }
    }
    return [...found];
};

/** The flattened keys of `messages` below a dotted prefix. */
export const keysUnder = (messages: MessageTree, prefix: string): string[] =>
    flattenMessageKeys(messages).filter(key => key.startsWith(prefix.endsWith('.') ? prefix : `${prefix}.`));

export const viMessageKeys = (): string[] => flattenMessageKeys(vi as MessageTree);
export const enMessageKeys = (): string[] => flattenMessageKeys(en as MessageTree);

export { en as enMessages, vi as viMessages };
