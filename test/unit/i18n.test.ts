/**
 * The back office is Vietnamese first and complete: every message key the UI source uses
 * exists in Vietnamese (and English), and the Vietnamese react-admin messages cover every key
 * of the English package. "Uses" means any key literal in the source ('app.…', 'resources.…',
 * 'ra.…'), any literal handed to translate()/notify() or to a prop react-admin translates (label,
 * title, helperText, …) whatever its namespace, and every value of the vocabularies the UI
 * builds keys from at run time (statuses, steps, channels, notification kinds the server
 * writes, history actions, …).
 */
import fs from 'node:fs';
import path from 'node:path';
import englishMessages from 'ra-language-english';
import { AGE_BUCKETS } from '../../admin-ui/src/dashboard/homeTypes';
import { findMessageKeysInSource, findTranslatedLiterals, flattenMessageKeys, missingMessageKeys, type MessageTree } from '../../admin-ui/src/i18n/keys.test-helper';
import en from '../../admin-ui/src/i18n/en';
import vi from '../../admin-ui/src/i18n/vi';
import { ORGANIZATION_KINDS } from '../../api/schemas';
import { ROLES } from '../../db/models';
import { NOTIFICATION_KINDS } from '../../admin-ui/src/notifications/notificationKinds';
import { CHECK_NAMES, CHECK_OUTCOMES, LEGAL_VALIDITIES } from '../../admin-ui/src/types';
import { CONNECTION_STATES } from '../../domain/connection';
import { INCOMING_STATUSES } from '../../domain/document-status';
import { CHANGE_KINDS, DELIVERY_CHANNELS, DELIVERY_STATUSES, OUTGOING_STATUSES, STEPS, URGENCIES } from '../../domain/documents';

const ROOT = path.resolve(__dirname, '../..');
/** Every .ts file under a folder of the repository. */
const tsFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : /\.ts$/.test(e.name) ? [p] : [];
  });
/** Kinds of the in-app notifications the server writes (`{ kind: '…', title: … }`). */
const serverNotificationKinds = [
  ...new Set(
    [...tsFiles(path.join(ROOT, 'activities')), ...tsFiles(path.join(ROOT, 'api'))].flatMap((f) =>
      [...fs.readFileSync(f, 'utf8').matchAll(/kind: '([a-z_]+)',\s*title:/g)].map((m) => m[1]!),
    ),
  ),
];
/** The history actions the activities append (the HistoryAction union), plus the API's own. */
const historyActions = [
  ...[...(/export type HistoryAction =([^;]+);/.exec(fs.readFileSync(path.join(ROOT, 'activities/documents/history.ts'), 'utf8'))?.[1] ?? '').matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!),
  'created',
  'paper_entered',
];

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
  const translated = [...new Set(sources(SRC).flatMap((f) => findTranslatedLiterals(fs.readFileSync(f, 'utf8'))))];

  test('when the UI source uses a message key, then Vietnamese has it', () => {
    expect(used.length).toBeGreaterThan(30);
    // keys built at run time (`app.user.role.${role}`) are checked per value below
    expect(used.filter((k) => !k.endsWith('.') && !viKeys.has(k))).toEqual([]);
  });

  test('when the UI hands a literal to translate, notify or a translated prop, then Vietnamese has it whatever its namespace', () => {
    expect(translated.length).toBeGreaterThan(30);
    expect(translated.filter((k) => !k.endsWith('.') && !viKeys.has(k))).toEqual([]);
    expect(translated.filter((k) => k.endsWith('.') && ![...viKeys].some((v) => v.startsWith(k)))).toEqual([]);
  });

  test('when a key is missing in Vietnamese, then the key scan finds it (the checks above can fail)', () => {
    const source = "translate('app.home.no_such_key'); <Button label=\"app.home.missing_label\" />; notify(`ra.nothing.${x}`)";
    expect(findTranslatedLiterals(source)).toEqual(['app.home.no_such_key', 'ra.nothing.', 'app.home.missing_label']);
    expect(findMessageKeysInSource(source).filter((k) => !viKeys.has(k))).toContain('app.home.no_such_key');
  });

  test('when the server writes a notification kind, then the UI knows it and Vietnamese names it', () => {
    expect(serverNotificationKinds.length).toBeGreaterThan(10);
    expect(serverNotificationKinds.filter((k) => !(NOTIFICATION_KINDS as readonly string[]).includes(k))).toEqual([]);
  });

  test.each([
    ['app.notification.kind.', NOTIFICATION_KINDS],
    ['app.document.step.', STEPS],
    ['app.document.incoming_status.', INCOMING_STATUSES],
    ['app.document.outgoing_status.', OUTGOING_STATUSES],
    ['app.document.delivery_status.', DELIVERY_STATUSES],
    ['app.document.channel.', DELIVERY_CHANNELS],
    ['app.document.urgency.', URGENCIES],
    ['app.document.change_kind.', CHANGE_KINDS],
    ['app.document.check.', CHECK_NAMES],
    ['app.document.check_outcome.', CHECK_OUTCOMES],
    ['app.document.legal_validity.', LEGAL_VALIDITIES],
    ['app.document.history_action.', historyActions],
    ['app.document.files.signature.', ['valid', 'invalid', 'warning', 'pending', 'unchecked']],
    ['app.home.supervisor.age.', AGE_BUCKETS],
  ])('when the UI builds a document key from %s and a value, then Vietnamese has it for every value', (prefix, values) => {
    expect(values.length).toBeGreaterThan(0);
    expect(values.map((v) => `${prefix}${v}`).filter((k) => !viKeys.has(k))).toEqual([]);
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
