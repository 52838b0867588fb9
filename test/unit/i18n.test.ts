/**
 * The back office is Vietnamese first and complete: every message key the UI source uses
 * exists in Vietnamese (and English), and the Vietnamese react-admin messages cover every key
 * of the English package.
 */
import fs from 'node:fs';
import path from 'node:path';
import englishMessages from 'ra-language-english';
import { findMessageKeysInSource, flattenMessageKeys, missingMessageKeys, type MessageTree } from '../../admin-ui/src/i18n/keys.test-helper';
import en from '../../admin-ui/src/i18n/en';
import vi from '../../admin-ui/src/i18n/vi';
import { ORGANIZATION_KINDS } from '../../api/schemas';
import { ROLES } from '../../db/models';
import { CONNECTION_STATES } from '../../domain/connection';

const SRC = path.resolve(__dirname, '../../admin-ui/src');
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(e.name) && !p.includes(`${path.sep}i18n${path.sep}`) ? [p] : [];
  });
}

describe('back-office translations', () => {
  const viKeys = new Set(flattenMessageKeys(vi as MessageTree));
  const used = [...new Set(sources(SRC).flatMap((f) => findMessageKeysInSource(fs.readFileSync(f, 'utf8'))))];

  test('when the UI source uses a message key, then Vietnamese has it', () => {
    expect(used.length).toBeGreaterThan(30);
    // keys built at run time (`app.user.role.${role}`) are checked per value below
    expect(used.filter((k) => !k.endsWith('.') && !viKeys.has(k))).toEqual([]);
  });

  test.each([
    ['app.connection.state.', CONNECTION_STATES],
    ['app.organization.kind.', ORGANIZATION_KINDS],
    ['app.user.role.', ROLES],
    ['app.notification.kind.', ['connection_reminder', 'connection_overdue', 'connection_escalation']],
    ['app.holiday.kind.', ['holiday', 'day_off', 'working_day']],
    ['app.register.kind.', ['incoming', 'outgoing']],
  ])('when the UI builds a key from %s and a value, then Vietnamese has it for every value', (prefix, values) => {
    expect(used).toContain(prefix);
    expect(values.map((v) => `${prefix}${v}`).filter((k) => !viKeys.has(k))).toEqual([]);
  });

  test('when the UI builds any key from a prefix, then Vietnamese has keys under that prefix', () => {
    const prefixes = used.filter((k) => k.endsWith('.'));
    expect(prefixes.length).toBeGreaterThan(4);
    expect(prefixes.filter((p) => ![...viKeys].some((k) => k.startsWith(p)))).toEqual([]);
  });

  test('when react-admin shows one of its own messages, then Vietnamese has every key the English package has', () => {
    expect(missingMessageKeys(englishMessages as unknown as MessageTree, vi as MessageTree).filter((k) => k.startsWith('ra.'))).toEqual([]);
  });

  test('when switching language, then English and Vietnamese have the same keys', () => {
    expect(missingMessageKeys(vi as MessageTree, en as MessageTree)).toEqual([]);
    expect(missingMessageKeys(en as MessageTree, vi as MessageTree)).toEqual([]);
  });

  test('when a Vietnamese message is shown, then it is non-empty NFC text', () => {
    const flat = (tree: MessageTree, prefix = ''): Array<[string, string]> =>
      Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : v ? flat(v, `${prefix}${k}.`) : []));
    for (const [key, text] of flat(vi as MessageTree)) {
      expect([key, text.length > 0, text === text.normalize('NFC')]).toEqual([key, true, true]);
    }
  });
});
