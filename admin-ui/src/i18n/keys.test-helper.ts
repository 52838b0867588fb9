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

/** The flattened keys of `messages` below a dotted prefix. */
export const keysUnder = (messages: MessageTree, prefix: string): string[] =>
    flattenMessageKeys(messages).filter(key => key.startsWith(prefix.endsWith('.') ? prefix : `${prefix}.`));

export const viMessageKeys = (): string[] => flattenMessageKeys(vi as MessageTree);
export const enMessageKeys = (): string[] => flattenMessageKeys(en as MessageTree);

export { en as enMessages, vi as viMessages };
