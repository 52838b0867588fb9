/**
 * The authorization policy of the API (R-SEC-2) as data: one row per method + path of the
 * Express app, with the status every role must get on its own organization's record, on a
 * record of an organization in the supervised subtree, and on another organization's record.
 * authorization-matrix.api.test.ts walks the app's routes, refuses any route without a row (and
 * any row without a route, unless `pending`), builds the records and asks.
 *
 * The cast: every role but the admin is played by a demo account of the district of Mộc Châu
 * (000.00.37.H52, "own"); its commune Chiềng Sơn (000.02.37.H52) is the "sub" organization,
 * inside the supervisor's subtree; Sở Nội vụ (000.00.02.H52) is "other", outside it. The admin
 * belongs to the province and administers everything.
 *
 * The policy, in order: no token → 401; wrong role → 403 (never depends on the id); a record the
 * caller may not read → 404, the same as an id that does not exist (never 403: that would say it
 * exists); a record the caller may read but not act on (an admin's or a supervisor's view of
 * another organization's document) → 403; only then the body is validated (400/422). Write rows
 * therefore send bodies that fail validation: a 400/422 proves the caller got past every check and
 * nothing was written.
 *
 * To add an endpoint: add a row with `row(method, path, expectations, options)`. Use `pending:
 * true` while the route is being written elsewhere: such a row is skipped until the route exists
 * and checked from then on.
 */
import type { HttpMethod } from '../support/routes';

export type Role = 'anonymous' | 'admin' | 'supervisor' | 'clerk' | 'leader' | 'specialist';
export const ROLES: readonly Role[] = ['anonymous', 'admin', 'supervisor', 'clerk', 'leader', 'specialist'];

/** The demo account (db/seed.ts) that plays each role. */
export const ROLE_USERS: Record<Exclude<Role, 'anonymous'>, string> = {
  admin: 'admin',
  supervisor: 'giamsat.mocchau',
  clerk: 'vanthu.mocchau',
  leader: 'lanhdao.mocchau',
  specialist: 'chuyenvien.mocchau',
};

export const OWN_ORG = '000.00.37.H52';
export const SUB_ORG = '000.02.37.H52';
export const OTHER_ORG = '000.00.02.H52';

/** Whose record is asked for: the home organization's, a subtree organization's, another one's. */
export type Variant = 'own' | 'sub' | 'other';
export const VARIANTS: readonly Variant[] = ['own', 'sub', 'other'];

/**
 * What a request must answer: an exact status, one of several statuses, for a list filtered to
 * the record's id `visible` (200 and the record is in it) or `hidden` (200 without it), or `pass`
 * (authorized: neither 401, 403 nor 5xx — for rows whose exact answer belongs to a route still
 * being written).
 */
export type Outcome = number | readonly number[] | 'visible' | 'hidden' | 'pass';
/** One outcome for every variant, or one per variant. */
export type RoleExpectation = Outcome | Readonly<Partial<Record<Variant, Outcome>>>;
export type Expectations = Readonly<Record<Role, RoleExpectation>>;

/** Records the test builds; each has a value per variant (or per role, for the caller's own notification). */
export type FixtureKind =
  | 'organization'
  | 'outgoing'
  | 'incoming'
  | 'file'
  | 'task'
  | 'notification'
  | 'routingRule'
  | 'routingRuleThrowaway'
  | 'registerEntry'
  | 'registerCounter'
  | 'colleague'
  | 'user'
  | 'userThrowaway'
  | 'documentType'
  | 'holiday'
  | 'holidayThrowaway'
  | 'policy'
  | 'paperRule'
  | 'paperRuleThrowaway'
  | 'unknownUuid'
  | 'auditEntry';

export type FixtureValue = string | Readonly<Partial<Record<Role, string>>>;
export type Fixtures = Record<FixtureKind, Partial<Record<Variant, FixtureValue>>>;

export interface RequestContext {
  /** The record's id for this variant (and role). */
  value: string;
  variant: Variant;
  role: Role;
  fixtures: Fixtures;
}

export interface MatrixRow {
  method: HttpMethod;
  /** The Express path pattern exactly as the route declares it. */
  path: string;
  expect: Expectations;
  /** Fills every path parameter, once per variant the fixture has. */
  record?: FixtureKind;
  /** For lists: adds filter {"id": [record id]} and expects `visible` or `hidden`. */
  probe?: FixtureKind;
  /** For rows whose body names the record (e.g. routing-rules/test): variants of this fixture, no path parameter. */
  variantsOf?: FixtureKind;
  query?: Record<string, string> | ((ctx: RequestContext) => Record<string, string>);
  /** JSON body; a function for bodies that name the record. Absent: no body. */
  body?: unknown;
  /** Sends `body` (a string) as is, with this content type, instead of JSON. */
  contentType?: string;
  /** Route still being written elsewhere: skipped while no such route exists. */
  pending?: true;
  /** Why the expectation is what it is, when not obvious. */
  why?: string;
}

// ------------------------------------------------------------------------------ helpers

const ROLE_OUTCOMES = (o: RoleExpectation, anonymous: RoleExpectation = 401): Expectations => ({
  anonymous,
  admin: o,
  supervisor: o,
  clerk: o,
  leader: o,
  specialist: o,
});

/** Nobody needs to log in. */
const open = (o: RoleExpectation): Expectations => ROLE_OUTCOMES(o, o);
/** Every logged-in user alike. */
const everyone = (o: RoleExpectation): Expectations => ROLE_OUTCOMES(o);
/** Only the roles named; everyone else 403 (anonymous 401). */
const only = (allowed: Partial<Record<Exclude<Role, 'anonymous'>, RoleExpectation>>): Expectations => ({ ...ROLE_OUTCOMES(403), ...allowed });

/** Own organization only: a subtree's or another organization's record is absent. */
const ORG = (ok: Outcome, absent: Outcome = 404) => ({ own: ok, sub: absent, other: absent });
/** The supervised subtree: another organization's record is absent. */
const TREE = (ok: Outcome, absent: Outcome = 404) => ({ own: ok, sub: ok, other: absent });

/** Documents and what hangs off them (R-SEC-2): admins read all, supervisors their subtree, everyone else their organization. */
const documentReaders = (ok: Outcome): Expectations => ({ anonymous: 401, admin: ok, supervisor: TREE(ok), clerk: ORG(ok), leader: ORG(ok), specialist: ORG(ok) });
const documentList: Expectations = {
  anonymous: 401,
  admin: 'visible',
  supervisor: TREE('visible', 'hidden'),
  clerk: ORG('visible', 'hidden'),
  leader: ORG('visible', 'hidden'),
  specialist: ORG('visible', 'hidden'),
};
/** An action on a document for `roles` of the owning organization; with a body that fails validation, they get 400. */
const documentAction = (...roles: Array<'clerk' | 'leader'>): Expectations => only(Object.fromEntries(roles.map((r) => [r, ORG(400)])));

/** An edXML envelope without signature, over plain HTTP: no peer credential at all. */
const UNSIGNED_EDXML = '<?xml version="1.0" encoding="UTF-8"?><edXMLEnvelope xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLHeader/><edXMLBody/></edXMLEnvelope>';

/** A body no strict schema accepts. */
const UNKNOWN_FIELD = { unexpectedField: true };

function row(method: HttpMethod, path: string, expect: Expectations, options: Omit<MatrixRow, 'method' | 'path' | 'expect'> = {}): MatrixRow {
  return { method, path, expect, ...options };
}

// ------------------------------------------------------------------------------ the matrix

export const MATRIX: readonly MatrixRow[] = [
  // Public: operations, the contract, logging in.
  row('GET', '/api/openapi.json', open(200)),
  row('GET', '/api/health', open(200)),
  row('GET', '/api/ready', open(200)),
  row('GET', '/metrics', open(200)),
  row('POST', '/api/auth/login', open(400), { body: {}, why: 'no credentials: 400, whoever asks' }),

  // The caller themselves.
  row('GET', '/api/me', everyone(200)),
  row('POST', '/api/me/password', everyone(400), { body: {} }),

  // The directory of organizations is read by everyone (receivers are chosen from it); admins register and edit.
  row('GET', '/api/organizations', everyone('visible'), { probe: 'organization' }),
  row('GET', '/api/organizations/:code', everyone(200), { record: 'organization' }),
  row('POST', '/api/organizations', only({ admin: 400 }), { body: {} }),
  row('PUT', '/api/organizations/:code', only({ admin: 400 }), { record: 'organization', body: { name: 42 } }),
  row('DELETE', '/api/organizations/:code', only({ admin: 409 }), { record: 'organization', why: 'codes are never reused: organizations are kept' }),

  // Connection compliance (R-CONN-4): admins all, supervisors their subtree, others their own organization.
  row('GET', '/api/connections', documentList, { probe: 'organization' }),
  row('GET', '/api/connections/:code', documentReaders(200), { record: 'organization' }),
  row(
    'POST',
    '/api/connections/:code/advance',
    { anonymous: 401, admin: 400, supervisor: TREE(403), clerk: ORG(403), leader: ORG(400), specialist: ORG(403) },
    { record: 'organization', body: {}, why: "admins, and a unit's own leader (infrastructure ready); others 403 where they can see the unit" },
  ),

  // The caller's own notifications; someone else's is absent.
  row('GET', '/api/notifications', everyone(200)),
  row('GET', '/api/notifications/:id', everyone({ own: 200, other: 404 }), { record: 'notification' }),
  row('PUT', '/api/notifications/:id', everyone({ own: 400, other: 404 }), { record: 'notification', body: { read: 'yes' } }),
  row('POST', '/api/notifications/read-all', everyone(200)),

  // The caller's home page: sections per role, scoped to the caller (own organization, a supervisor's subtree, admins all).
  row('GET', '/api/home', everyone(200)),

  // Accounts: admins only.
  row('GET', '/api/users', only({ admin: 200 })),
  row('GET', '/api/users/:id', only({ admin: 200 }), { record: 'user' }),
  row('POST', '/api/users', only({ admin: 400 }), { body: {} }),
  row('PUT', '/api/users/:id', only({ admin: 400 }), { record: 'user', body: { roles: 'admin' } }),
  row('DELETE', '/api/users/:id', only({ admin: 200 }), { record: 'userThrowaway', why: 'deactivates an account made for this test' }),
  row('POST', '/api/users/:id/password', only({ admin: 400 }), { record: 'user', body: {} }),

  // Reference data read by everyone, written by admins.
  row('GET', '/api/document-types', everyone(200)),
  row('GET', '/api/document-types/:code', everyone(200), { record: 'documentType' }),
  row('POST', '/api/document-types', only({ admin: 400 }), { body: {} }),
  row('PUT', '/api/document-types/:code', only({ admin: 400 }), { record: 'documentType', body: { name: 42 } }),
  row('DELETE', '/api/document-types/:code', only({ admin: 409 }), { record: 'documentType', why: 'types are retired, never deleted' }),
  row('GET', '/api/holidays', everyone(200)),
  row('GET', '/api/holidays/:id', everyone(200), { record: 'holiday' }),
  row('POST', '/api/holidays', only({ admin: 400 }), { body: {} }),
  row('PUT', '/api/holidays/:id', only({ admin: 400 }), { record: 'holiday', body: { kind: 42 } }),
  row('DELETE', '/api/holidays/:id', only({ admin: 200 }), { record: 'holidayThrowaway' }),
  row('GET', '/api/policies', everyone(200)),
  row('GET', '/api/policies/:key', everyone(200), { record: 'policy' }),
  row('POST', '/api/policies', only({ admin: 422 }), { body: {} }),
  row('PUT', '/api/policies/:key', only({ admin: 422 }), { record: 'policy', body: { value: 'nonsense' } }),
  row('DELETE', '/api/policies/:key', only({ admin: 409 }), { record: 'policy', why: 'default policies are edited, not deleted' }),
  row('GET', '/api/calendar/deadline', everyone(200), { query: { from: '2026-05-04T08:00:00+07:00', workingDays: '1' } }),

  // Departments (phòng, ban): everyone reads their organization's (supervisors their subtree's, admins all); admins write.
  // Scoping by organization is covered in departments.api.test.ts; here an unknown id proves each role gets past (or not) the role check.
  row('GET', '/api/departments', everyone(200)),
  row('GET', '/api/departments/:id', everyone(404), { record: 'unknownUuid', why: 'readable by every role: an id that does not exist is 404 for all' }),
  row('POST', '/api/departments', only({ admin: 400 }), { body: {} }),
  row('PUT', '/api/departments/:id', only({ admin: 404 }), { record: 'unknownUuid', body: {} }),
  row('DELETE', '/api/departments/:id', only({ admin: 404 }), { record: 'unknownUuid' }),

  // Registers (R-DOC-1..2): admins all, supervisors their subtree, clerks and leaders their organization; specialists none.
  row('GET', '/api/register-entries', { ...documentList, specialist: 403 }, { probe: 'registerEntry' }),
  row('GET', '/api/register-entries/:id', { ...documentReaders(200), specialist: 403 }, { record: 'registerEntry' }),
  row('POST', '/api/register-entries/:id/void', only({ admin: 400 }), { record: 'registerEntry', body: {} }),
  row('GET', '/api/register-counters', { ...documentList, specialist: 403 }, { probe: 'registerCounter' }),
  row('GET', '/api/register-counters/:id', { ...documentReaders(200), specialist: 403 }, { record: 'registerCounter' }),
  row('PUT', '/api/register-counters/:id', only({ admin: 400 }), { record: 'registerCounter', body: {} }),

  // Outgoing documents (R-OUT-1..5, R-RCL-1..3).
  row('GET', '/api/outgoing', documentList, { probe: 'outgoing' }),
  row('POST', '/api/outgoing', only({ clerk: 415, leader: 415 }), { body: {}, why: 'authorized senders get as far as the multipart check' }),
  row('GET', '/api/outgoing/export', everyone(200), { query: { format: 'csv' }, why: "the register as a file, scoped like the list (register-search.api.test.ts checks the scope)" }),
  row('GET', '/api/outgoing/:id', documentReaders(200), { record: 'outgoing' }),
  row('GET', '/api/outgoing/:id/deliveries', documentReaders(200), { record: 'outgoing' }),
  row('GET', '/api/outgoing/:id/printable', documentReaders(200), { record: 'outgoing', query: { to: '000.00.41.H52' } }),
  row('POST', '/api/outgoing/:id/issue', documentAction('clerk', 'leader'), { record: 'outgoing', body: UNKNOWN_FIELD }),
  row('POST', '/api/outgoing/:id/recall', documentAction('clerk', 'leader'), { record: 'outgoing', body: UNKNOWN_FIELD }),
  row('POST', '/api/outgoing/:id/update', documentAction('clerk', 'leader'), { record: 'outgoing', body: UNKNOWN_FIELD }),
  row('POST', '/api/outgoing/:id/paper-dispatched', documentAction('clerk', 'leader'), { record: 'outgoing', body: UNKNOWN_FIELD }),
  row('POST', '/api/outgoing/:id/paper-recalled', documentAction('clerk', 'leader'), { record: 'outgoing', body: UNKNOWN_FIELD }),
  row('GET', '/api/outgoing/:id/edxml', documentReaders([200, 503]), {
    record: 'outgoing',
    query: { to: OTHER_ORG },
    why: 'the edXML package of a document the caller may read; the test system has no interop certificate, so once authorized it answers 503',
  }),

  // Incoming documents (R-REC-1..5, R-ROUTE-1..2, R-DL-1..3, R-RCL-1..2).
  row('GET', '/api/incoming', documentList, { probe: 'incoming' }),
  row('POST', '/api/incoming', only({ clerk: 415 }), { body: {} }),
  row('GET', '/api/incoming/export', everyone(200), { query: { format: 'csv' }, why: "the register as a file, scoped like the list (register-search.api.test.ts checks the scope)" }),
  row('POST', '/api/incoming/bulk-accept', only({ clerk: 400 }), { body: {}, why: "each id is then accepted as the clerk's own (another organization's fails with 404 per item)" }),
  row('GET', '/api/incoming/:id', documentReaders(200), { record: 'incoming' }),
  row('GET', '/api/incoming/:id/checks', documentReaders(200), { record: 'incoming' }),
  row('GET', '/api/incoming/:id/printable', documentReaders(200), { record: 'incoming' }),
  row('POST', '/api/incoming/:id/accept', documentAction('clerk'), { record: 'incoming', body: UNKNOWN_FIELD }),
  row('POST', '/api/incoming/:id/refuse', documentAction('clerk'), { record: 'incoming', body: UNKNOWN_FIELD }),
  row('POST', '/api/incoming/:id/route', documentAction('clerk', 'leader'), { record: 'incoming', body: UNKNOWN_FIELD }),
  row('POST', '/api/incoming/:id/assign', documentAction('leader'), { record: 'incoming', body: UNKNOWN_FIELD }),
  row(
    'POST',
    '/api/incoming/:id/complete',
    { anonymous: 401, admin: 403, supervisor: TREE(403), clerk: ORG(403), leader: ORG(400), specialist: ORG(403) },
    { record: 'incoming', body: UNKNOWN_FIELD, why: 'the main handler or a leader of the organization; those who can read the document but not complete it get 403' },
  ),
  row('POST', '/api/incoming/:id/extend', documentAction('leader'), { record: 'incoming', body: UNKNOWN_FIELD }),
  row('POST', '/api/incoming/:id/paper-received', documentAction('clerk'), { record: 'incoming', body: UNKNOWN_FIELD }),
  row('POST', '/api/incoming/:id/acknowledge-recall', documentAction('clerk'), { record: 'incoming', body: UNKNOWN_FIELD }),

  // What every document shares.
  row('GET', '/api/documents/:id/history', documentReaders(200), { record: 'incoming' }),
  row('GET', '/api/files/:id', documentReaders(200), { record: 'file' }),

  // Work lists (R-DL-1..4).
  row(
    'GET',
    '/api/tasks',
    { ...everyone(ORG('hidden', 'hidden')), clerk: ORG('visible', 'hidden') },
    { probe: 'task', why: "the caller's own work: the reception task is the home clerks'" },
  ),
  row('GET', '/api/tasks/:id', documentReaders(200), { record: 'task', why: 'a task of a document the caller may read' }),
  row('GET', '/api/overdue', only({ admin: 'visible', supervisor: TREE('visible', 'hidden'), leader: ORG('visible', 'hidden') }), {
    probe: 'task',
    why: 'the reception tasks are made overdue for this: leaders their organization, supervisors their subtree, admins all',
  }),
  row(
    'GET',
    '/api/colleagues',
    { ...everyone(ORG('visible', 'hidden')), admin: 'hidden' },
    { probe: 'colleague', why: "active users of the caller's own organization (the admin's is the province)" },
  ),

  // Routing rules (R-ROUTE-1): admins all; leaders read their organization's.
  row('GET', '/api/routing-rules', only({ admin: 'visible', leader: ORG('visible', 'hidden') }), { probe: 'routingRule' }),
  row(
    'POST',
    '/api/routing-rules/test',
    only({ admin: 200, leader: ORG(200) }),
    { variantsOf: 'organization', body: (ctx: RequestContext) => ({ organizationCode: ctx.value, summary: 'Về việc chuyển đổi số' }), why: "a leader tries only their organization's rules" },
  ),
  row('POST', '/api/routing-rules', only({ admin: 400 }), { body: {} }),
  row('GET', '/api/routing-rules/:id', only({ admin: 200, leader: ORG(200) }), { record: 'routingRule' }),
  row('GET', '/api/routing-rules/:id/versions', only({ admin: 200, leader: ORG(200) }), { record: 'routingRule' }),
  row('PUT', '/api/routing-rules/:id', only({ admin: 400 }), { record: 'routingRule', body: { priority: 'first' } }),
  row('DELETE', '/api/routing-rules/:id', only({ admin: 200 }), { record: 'routingRuleThrowaway', why: 'deactivates a rule made for this test' }),

  // Paper rules (R-OUT-4): admin data.
  row('GET', '/api/paper-rules', only({ admin: 200 })),
  row('GET', '/api/paper-rules/:id', only({ admin: 200 }), { record: 'paperRule' }),
  row('POST', '/api/paper-rules', only({ admin: 400 }), { body: {} }),
  row('PUT', '/api/paper-rules/:id', only({ admin: 400 }), { record: 'paperRule', body: {} }),
  row('DELETE', '/api/paper-rules/:id', only({ admin: 200 }), { record: 'paperRuleThrowaway' }),

  // Reports (R-RPT-1..3): admins any organization, supervisors their subtree, leaders their organization and its subtree.
  row('GET', '/api/reports/exchange', only({ admin: 200, supervisor: TREE(200), leader: TREE(200) }), {
    variantsOf: 'organization',
    query: (ctx: RequestContext) => ({ org: ctx.value, from: '2026-01-01', to: '2026-12-31' }),
  }),

  // Peer systems (R-EDX): admin CRUD.
  row('GET', '/api/peers', only({ admin: 200 })),
  row('POST', '/api/peers', only({ admin: [400, 422] }), { body: {} }),
  row('GET', '/api/peers/:id', only({ admin: 404 }), { record: 'unknownUuid', why: 'no peer is registered: the admin gets past the role check to a 404' }),
  row('PUT', '/api/peers/:id', only({ admin: 'pass' }), { record: 'unknownUuid', body: {} }),
  row('DELETE', '/api/peers/:id', only({ admin: 404 }), { record: 'unknownUuid' }),

  // Interop endpoints authenticate the peer system (mutual TLS, package signature), never a user's token.
  row('POST', '/api/interop/edxml', open([401, 403]), { body: UNSIGNED_EDXML, contentType: 'application/xml', why: 'a bearer token is no peer credential' }),
  row('POST', '/api/interop/status', open([401, 403]), { body: UNSIGNED_EDXML, contentType: 'application/xml', why: 'a bearer token is no peer credential' }),

  // Audit log (R-SEC-3): admins all, supervisors their subtree, others 403.
  row('GET', '/api/audit', only({ admin: 'visible', supervisor: TREE('visible', 'hidden') }), { probe: 'auditEntry', why: "entries of the organizations' clerks making the fixtures" }),
  row('GET', '/api/audit/verify', only({ admin: 200 }), { why: 'verifying the whole chain is for admins' }),
  row('GET', '/api/audit/:seq', only({ admin: 200, supervisor: TREE(200) }), { record: 'auditEntry' }),
];
