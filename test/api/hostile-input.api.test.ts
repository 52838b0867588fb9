/**
 * Hostile input (R-SEC-4): a corpus of malformed, oversized, injected and forged requests across
 * JSON bodies, query strings, path ids, multipart uploads and authentication, plus a sweep of
 * malformed ids and parameters over every resource. Every answer is a 4xx problem+json with a
 * title and a detail (validation errors name the field) — never a 5xx — and afterwards the API
 * is alive and ready, the worker still runs processes, and no table has gained or lost a row.
 */
import crypto from 'node:crypto';
import type { Express } from 'express';
import jwt from 'jsonwebtoken';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createLogger } from '../../api/logger';
import { formatLimitsFromConfig } from '../../activities/formats';
import { loadConfig } from '../../config';
import { encodeLegacyVietnamese } from '../../domain/vietnamese-text';
import { DEMO_PASSWORD, eventually, startTestSystem, type TestSystem } from '../support/app';
import { docxEntries, makePdf, makeWindowsExecutable, makeZip } from '../support/fixtures/formats';
import { testPki } from '../support/pki';
import { buildPackage, buildStatus } from '../../activities/interop/edxml-codec';
import { makeInteropIdentity, type InteropIdentityPem } from '../../scripts/lib/interop-identity';
import { samplePackage, sampleStatus } from '../fixtures/edxml/sample';
import fs from 'node:fs';
import path from 'node:path';

/** The secret test/support/app.ts signs tokens with: forging a token needs it. */
const TEST_TOKEN_SECRET = 'test-secret-test-secret-test-secret-0123';
const SNV = '000.00.02.H52';
const STTTT = '000.00.03.H52';
const UPLOAD_MAX_BYTES = 256 * 1024;
const UPLOAD_MAX_FILES = 3;

let sys: TestSystem;
/** The same system with the production login limit (10 failures), for the rate-limit case. */
let limitedApp: Express;
/** The same system accepting edXML packages up to EDXML_MAX_BYTES, for the oversize case. */
let interopApp: Express;
let peer: InteropIdentityPem;
const EDXML_MAX_BYTES = 64 * 1024;
let pdf: Buffer;
const headers: Record<'admin' | 'clerk' | 'leader', Record<string, string>> = { admin: {}, clerk: {}, leader: {} };
/** Records of the clerk's organization that actions are tried on, and ids to aim at. */
const ids = { incoming: '', outgoing: '', counter: '', otherUser: '', admin: '' };
let adminCaller: Record<string, unknown>;
let before: Record<string, number>;

/** Row counts of every table but the audit log (which records refused attempts by design) and the migrations table. */
async function tableCounts(): Promise<Record<string, number>> {
  const q = <T extends object>(sql: string) => sys.tdb.db.sequelize.query<T>(sql, { type: QueryTypes.SELECT });
  const tables = await q<{ name: string }>(
    `SELECT table_name::text AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('audit_log', 'schema_migrations') ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { name: t } of tables) counts[t] = Number((await q<{ n: string }>(`SELECT count(*) AS n FROM "${t.replace(/"/g, '""')}"`))[0].n);
  return counts;
}

/** Counts once the processes started by the fixtures have stopped writing. */
async function settledCounts(): Promise<Record<string, number>> {
  let last = await tableCounts();
  return eventually(async () => {
    await new Promise((r) => setTimeout(r, 750));
    const now = await tableCounts();
    const same = JSON.stringify(now) === JSON.stringify(last);
    last = now;
    return same ? now : null;
  }, 30_000);
}

const login = async (username: string) => ({
  Authorization: `Bearer ${(await request(sys.app).post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200)).body.token}`,
});

beforeAll(async () => {
  const limits = { ...formatLimitsFromConfig(loadConfig({})), fileMaxBytes: UPLOAD_MAX_BYTES };
  // Drafts are verified against trust anchors (without any the API answers 503): the test PKI's root.
  const root = testPki().root.pem;
  sys = await startTestSystem({ documents: { formatLimits: limits, maxFiles: UPLOAD_MAX_FILES, trustAnchors: async () => [root] } });
  limitedApp = createApp({
    db: sys.tdb.db,
    temporal: sys.env.client,
    tokens: sys.tokens,
    log: createLogger('silent'),
    connection: sys.settings,
    documents: sys.documents,
    loginLimit: 10,
    httpLog: false,
  });
  pdf = await makePdf();
  headers.admin = await login('admin');
  headers.clerk = await login('vanthu.snv');
  headers.leader = await login('lanhdao.snv');
  adminCaller = (await request(sys.app).get('/api/me').set(headers.admin).expect(200)).body;

  // A paper document and a draft of Sở Nội vụ to aim the actions at.
  const paper = await request(sys.app)
    .post('/api/incoming')
    .set(headers.clerk)
    .field('metadata', JSON.stringify({ senderName: 'Bộ Nội vụ', numberAndNotation: '12/BNV-VP', documentDate: '2026-05-02', typeCode: 'CV', summary: 'Về việc thử dữ liệu xấu' }))
    .attach('files', pdf, 'ban-quet.pdf')
    .expect(201);
  ids.incoming = paper.body.id;
  const draft = await request(sys.app)
    .post('/api/outgoing')
    .set(headers.clerk)
    .field(
      'metadata',
      JSON.stringify({ typeCode: 'CV', documentDate: '2026-05-04', summary: 'Về việc thử dữ liệu xấu', signerPosition: 'Giám đốc', signerName: 'Đinh Văn Thành', receivers: [STTTT] }),
    )
    .attach('files', pdf, 'van-ban.pdf')
    .expect(201);
  ids.outgoing = draft.body.id;
  ids.counter = `${SNV}:outgoing:${new Date().getFullYear()}`;
  ids.admin = String(adminCaller.id);
  ids.otherUser = (await sys.tdb.db.sequelize.query<{ id: string }>("SELECT id FROM users WHERE username = 'vanthu.mocchau'", { type: QueryTypes.SELECT }))[0].id;
  // A registered peer, so edXML reaches the parser and the signature check (not only "no peers").
  peer = makeInteropIdentity({ commonName: 'Hệ thống liên thông thử' });
  await request(sys.app)
    .post('/api/peers')
    .set(headers.admin)
    .send({ name: 'Hệ thống thử', endpointUrl: 'https://127.0.0.1:9/', organizationCodes: ['000.00.00.H30', '000.00.03.H30'], certificatePem: peer.certPem })
    .expect(201);
  interopApp = createApp({
    db: sys.tdb.db,
    temporal: sys.env.client,
    tokens: sys.tokens,
    log: createLogger('silent'),
    connection: sys.settings,
    documents: sys.documents,
    interop: { identity: null, maxBytes: EDXML_MAX_BYTES },
    httpLog: false,
  });
  before = await settledCounts();
}, 180_000);
afterAll(async () => {
  await sys?.stop();
});

// ------------------------------------------------------------------------------ the corpus

type Who = 'admin' | 'clerk' | 'leader' | 'nobody';

interface HostileCase {
  name: string;
  /** Builds the request; `as` adds the caller's token. */
  send: (ctx: { app: Express; as: (who: Who) => Record<string, string> }) => request.Test | Promise<request.Response>;
  /** The statuses accepted, all 4xx. */
  expect: number | readonly number[];
  /** For validation errors: the field the problem's `errors` must point at. */
  field?: string;
  /** Anything else to check afterwards. */
  then?: (res: request.Response) => void;
}

/** Sends `raw` exactly as given (superagent would otherwise serialize a Buffer as JSON). */
const json = (app: Express, method: 'post' | 'put', path: string, who: Record<string, string>, raw: string | Buffer, type = 'application/json') =>
  request(app)[method](path).set(who).set('content-type', type).serialize((body: unknown) => body as string).send(raw);
const draftMetadata = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ typeCode: 'CV', documentDate: '2026-05-04', summary: 'Về việc thử', signerPosition: 'Giám đốc', signerName: 'Đinh Văn Thành', receivers: [STTTT], ...over });
const BOUNDARY = 'hostile-input-boundary';
/** A multipart body written byte for byte, for what form builders would not send. */
function multipartBody(parts: Array<{ name: string; filename?: string; data: Buffer }>): Buffer {
  return Buffer.concat([
    ...parts.flatMap((p) => [
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"\r\nContent-Type: application/octet-stream` : ''}\r\n\r\n`),
      p.data,
      Buffer.from('\r\n'),
    ]),
    Buffer.from(`--${BOUNDARY}--\r\n`),
  ]);
}
const b64url = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
const notPolluted = () => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
};
const holiday = (over: Record<string, unknown>) => ({ date: '2031-01-02', kind: 'day_off', name: 'Nghỉ thử', ...over });
const deep = (depth: number, leaf: string) => `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;

/**
 * ▶ edXML packages for POST /api/interop/edxml (R-EDX, R-SEC-4): the lead adds the XML cases here —
 * malformed XML, entity expansion (billion laughs), external entities, oversized packages, wrong
 * namespaces, bad or missing signatures. Same shape as the other cases; they run with the corpus.
 */
const xml = (app: Express, urlPath: string, body: string | Buffer, type = 'application/xml') =>
  request(app).post(urlPath).set('content-type', type).serialize((b: unknown) => b as string).send(body);
const stranger = makeInteropIdentity({ commonName: 'Hệ thống không đăng ký' });
/** A package for a Sơn La receiver from a code the registered peer serves, signed by `by`. */
const signedPackage = (by: InteropIdentityPem, over: Record<string, unknown> = {}) =>
  buildPackage({ ...samplePackage(), from: { organId: '000.00.03.H30', organName: 'Sở TT&TT (thử)' }, to: [{ organId: SNV, organName: 'Sở Nội vụ' }], documentId: '000.00.03.H30,2026/11/20,12/STTTT-VP', code: { number: '12', notation: 'STTTT-VP' }, promulgation: { place: 'Điện Biên', date: '2026-11-20' }, ...over }, by);
const unsigned = (signed: string) => signed.replace(/<(\w+:)?Signature\b[\s\S]*<\/(\w+:)?Signature>/, '');
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures/edxml', name));
const EDXML_CASES: HostileCase[] = [
  { name: 'edXML: a body that is not XML', expect: 400, send: ({ app }) => xml(app, '/api/interop/edxml', 'Đây không phải XML') },
  { name: 'edXML: a truncated package', expect: 400, send: ({ app }) => xml(app, '/api/interop/edxml', signedPackage(peer).slice(0, 900)) },
  { name: 'edXML: entity expansion (billion laughs)', expect: 400, send: ({ app }) => xml(app, '/api/interop/edxml', fixture('billion-laughs.xml')) },
  { name: 'edXML: an external entity (file:///etc/passwd)', expect: 400, send: ({ app }) => xml(app, '/api/interop/edxml', fixture('external-entity.xml')) },
  { name: 'edXML: a DOCTYPE before a valid package', expect: 400, send: ({ app }) => xml(app, '/api/interop/edxml', signedPackage(peer).replace('<edXML', '<!DOCTYPE edXML []><edXML')) },
  { name: 'edXML: the wrong namespace', expect: 422, send: ({ app }) => xml(app, '/api/interop/edxml', signedPackage(peer).replace('http://www.mic.gov.vn/TBT/QCVN_102_2016', 'http://example.org/not-edxml')) },
  { name: 'edXML: another root element', expect: 422, send: ({ app }) => xml(app, '/api/interop/edxml', '<?xml version="1.0"?><Package xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>') },
  { name: 'edXML: a JSON body', expect: 415, send: ({ app }) => request(app).post('/api/interop/edxml').send({ edXML: {} }) },
  { name: 'edXML: an empty body', expect: 400, send: ({ app }) => xml(app, '/api/interop/edxml', '') },
  { name: 'edXML: bytes that are not UTF-8', expect: 400, send: ({ app }) => xml(app, '/api/interop/edxml', Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-8"?><edXML>'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('</edXML>')])) },
  { name: 'edXML: a package without a signature', expect: 422, send: ({ app }) => xml(app, '/api/interop/edxml', unsigned(signedPackage(peer))) },
  { name: 'edXML: a package signed by a system that is not registered', expect: 403, send: ({ app }) => xml(app, '/api/interop/edxml', signedPackage(stranger)) },
  { name: 'edXML: a malformed DocumentId', expect: 422, send: ({ app }) => xml(app, '/api/interop/edxml', signedPackage(peer).replace('>000.00.03.H30,2026/11/20,12/STTTT-VP<', '>not-a-document-id<')) },
  { name: 'edXML: a package over the size limit', expect: 413, send: () => xml(interopApp, '/api/interop/edxml', signedPackage(peer, { attachments: [{ contentId: 'file-1', contentType: 'application/pdf', name: 'lon.pdf', data: new Uint8Array(EDXML_MAX_BYTES) }] })) },
  { name: 'edXML: a status message that is not XML', expect: 400, send: ({ app }) => xml(app, '/api/interop/status', '{"StatusCode":"03"}') },
  { name: 'edXML: a status message without a signature', expect: 422, send: ({ app }) => xml(app, '/api/interop/status', unsigned(buildStatus(sampleStatus(), peer))) },
  { name: 'edXML: a status message from a system that is not registered', expect: 403, send: ({ app }) => xml(app, '/api/interop/status', buildStatus(sampleStatus(), stranger)) },
];

const CASES: HostileCase[] = [
  // --- JSON bodies
  { name: 'a number where the organization code is expected', expect: 400, field: 'code', send: ({ app, as }) => request(app).post('/api/organizations').set(as('admin')).send({ code: 123, name: 'X', shortName: 'X', kind: 'other' }) },
  { name: 'a JSON null body', expect: 400, send: ({ app, as }) => json(app, 'post', '/api/holidays', as('admin'), 'null') },
  { name: 'an array where an object is expected', expect: 400, field: '(body)', send: ({ app, as }) => json(app, 'post', '/api/users', as('admin'), '[]') },
  { name: 'a bare JSON string', expect: 400, send: ({ app, as }) => json(app, 'post', '/api/document-types', as('admin'), '"CV"') },
  { name: 'a bare JSON number', expect: 400, send: ({ app, as }) => json(app, 'post', '/api/paper-rules', as('admin'), '42') },
  { name: 'an object where a code string is expected', expect: 400, field: 'organizationCode', send: ({ app, as }) => request(app).post('/api/routing-rules').set(as('admin')).send({ organizationCode: { $ne: null }, name: 'x', target: { kind: 'leader', userId: ids.admin } }) },
  {
    name: 'a __proto__ key (prototype pollution)',
    expect: 400,
    field: '__proto__',
    send: ({ app, as }) => json(app, 'post', '/api/holidays', as('admin'), `{"__proto__":{"polluted":"yes"},"date":"2031-01-02","kind":"day_off","name":"Nghỉ thử"}`),
    then: notPolluted,
  },
  {
    name: 'a constructor.prototype key (prototype pollution)',
    expect: 400,
    field: 'constructor',
    send: ({ app, as }) => json(app, 'post', '/api/routing-rules/test', as('admin'), `{"constructor":{"prototype":{"polluted":"yes"}},"organizationCode":"${SNV}","summary":"x"}`),
    then: notPolluted,
  },
  {
    name: 'a __proto__ key inside a list filter',
    expect: 400,
    field: 'filter',
    send: ({ app, as }) => request(app).get('/api/organizations').query({ filter: '{"__proto__":{"polluted":"yes"}}' }).set(as('admin')),
    then: notPolluted,
  },
  { name: 'JSON nested 100 000 levels deep', expect: 400, send: ({ app, as }) => json(app, 'post', '/api/routing-rules/test', as('admin'), deep(100_000, '1')) },
  {
    name: 'arrays nested 10 000 levels deep in a text field',
    expect: 400,
    field: 'field',
    send: ({ app, as }) => json(app, 'post', '/api/routing-rules/test', as('admin'), `{"organizationCode":"${SNV}","summary":"x","field":${'['.repeat(10_000)}${']'.repeat(10_000)}}`),
  },
  { name: 'a 2 MB body (the limit is 1 MB)', expect: 413, send: ({ app, as }) => request(app).post('/api/holidays').set(as('admin')).send(holiday({ note: 'x'.repeat(2_000_000) })) },
  {
    name: 'invalid UTF-8 bytes in a JSON body',
    expect: 400,
    send: ({ app, as }) => json(app, 'post', '/api/holidays', as('admin'), Buffer.concat([Buffer.from('{"date":"2031-01-02","kind":"day_off","name":"Ngh'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')])),
  },
  { name: 'a number beyond double range (1e309 = Infinity)', expect: 400, field: 'nextNumber', send: ({ app, as }) => json(app, 'put', `/api/register-counters/${ids.counter}`, as('admin'), '{"nextNumber":1e309}') },
  { name: '"NaN" as a number', expect: 400, field: 'nextNumber', send: ({ app, as }) => request(app).put(`/api/register-counters/${ids.counter}`).set(as('admin')).send({ nextNumber: 'NaN' }) },
  { name: 'a fractional priority', expect: 400, field: 'priority', send: ({ app, as }) => request(app).post('/api/routing-rules').set(as('admin')).send({ organizationCode: SNV, name: 'x', priority: 1.5, target: { kind: 'leader', userId: ids.admin } }) },
  { name: 'SQL injection in the credentials', expect: 401, send: ({ app }) => request(app).post('/api/auth/login').send({ username: "admin' OR '1'='1", password: "' OR ''='" }) },
  { name: 'NoSQL operators in the credentials', expect: 400, field: 'username', send: ({ app }) => request(app).post('/api/auth/login').send({ username: { $gt: '' }, password: { $ne: null } }) },
  { name: 'a 900 KB string in a 200-character field', expect: 400, field: 'name', send: ({ app, as }) => request(app).post('/api/holidays').set(as('admin')).send(holiday({ name: 'x'.repeat(900_000) })) },
  { name: 'an unknown field', expect: 400, field: 'isAdmin', send: ({ app, as }) => request(app).post('/api/document-types').set(as('admin')).send({ code: 'ZZ1', name: 'Loại thử', isAdmin: true }) },
  { name: 'truncated JSON', expect: 400, send: ({ app, as }) => json(app, 'post', '/api/holidays', as('admin'), '{"date": ') },
  { name: 'garbage after the JSON value', expect: 400, send: ({ app, as }) => json(app, 'post', '/api/holidays', as('admin'), '{"date":"2031-01-02"} DROP TABLE holidays') },
  { name: 'text/plain instead of JSON', expect: 400, field: '(body)', send: ({ app, as }) => json(app, 'post', '/api/holidays', as('admin'), JSON.stringify(holiday({})), 'text/plain') },
  { name: 'XML to the login', expect: 400, send: ({ app }) => request(app).post('/api/auth/login').set('content-type', 'application/xml').send('<login><username>admin</username></login>') },
  { name: 'a JSON body declared latin1', expect: 415, send: ({ app, as }) => json(app, 'post', '/api/holidays', as('admin'), JSON.stringify(holiday({})), 'application/json; charset=latin1') },
  { name: 'a gzip content-encoding that is not gzip', expect: 400, send: ({ app, as }) => json(app, 'post', '/api/holidays', as('admin'), JSON.stringify(holiday({}))).set('content-encoding', 'gzip') },
  { name: 'an unsupported content-encoding', expect: 415, send: ({ app, as }) => json(app, 'post', '/api/holidays', as('admin'), JSON.stringify(holiday({}))).set('content-encoding', 'compress') },
  { name: 'text typed in the legacy TCVN3 font encoding', expect: 400, field: 'name', send: ({ app, as }) => request(app).post('/api/holidays').set(as('admin')).send(holiday({ name: encodeLegacyVietnamese('Nghỉ Tết Nguyên đán', 'TCVN3') })) },
  { name: 'a date that does not exist (30 February)', expect: 400, field: 'date', send: ({ app, as }) => request(app).post('/api/holidays').set(as('admin')).send(holiday({ date: '2026-02-30' })) },
  { name: 'a malformed organization code', expect: 400, field: 'code', send: ({ app, as }) => request(app).post('/api/organizations').set(as('admin')).send({ code: '000.00.00.H5', name: 'X', shortName: 'X', kind: 'other' }) },
  { name: 'a boolean sent as a string', expect: 400, field: 'active', send: ({ app, as }) => request(app).put(`/api/users/${ids.otherUser}`).set(as('admin')).send({ active: 'false' }) },
  { name: 'a 10 000-entry keyword list', expect: 400, field: 'match.keywords', send: ({ app, as }) => request(app).post('/api/routing-rules').set(as('admin')).send({ organizationCode: SNV, name: 'x', match: { keywords: new Array(10_000).fill('x') }, target: { kind: 'leader', userId: ids.admin } }) },
  {
    name: 'a peer endpoint that is a javascript: URL',
    expect: 400,
    field: 'endpointUrl',
    send: ({ app, as }) => request(app).post('/api/peers').set(as('admin')).send({ name: 'Hệ thống lạ', endpointUrl: 'javascript:alert(1)', organizationCodes: [SNV], certificatePem: 'x'.repeat(60) }),
  },
  { name: 'an action without its required reason', expect: 400, field: 'reason', send: ({ app, as }) => request(app).post(`/api/incoming/${ids.incoming}/refuse`).set(as('clerk')).send({}) },
  { name: 'SQL injection as a routing target id', expect: 400, field: 'target.userId', send: ({ app, as }) => request(app).post(`/api/incoming/${ids.incoming}/route`).set(as('clerk')).send({ target: { kind: 'user', userId: "1' OR '1'='1" } }) },
  { name: 'a deadline in the past', expect: 422, field: 'dueAt', send: ({ app, as }) => request(app).post(`/api/incoming/${ids.incoming}/extend`).set(as('leader')).send({ dueAt: '2001-01-01T08:00:00+07:00', reason: 'Gia hạn' }) },
  { name: 'a deadline that is not a time', expect: 400, field: 'dueAt', send: ({ app, as }) => request(app).post(`/api/incoming/${ids.incoming}/extend`).set(as('leader')).send({ dueAt: 'tomorrow', reason: 'Gia hạn' }) },
  { name: 'a handler id that is not a UUID', expect: 400, field: 'handlerId', send: ({ app, as }) => request(app).post(`/api/incoming/${ids.incoming}/assign`).set(as('leader')).send({ handlerId: 42 }) },
  { name: "a handler of another organization", expect: 422, field: 'handlerId', send: ({ app, as }) => request(app).post(`/api/incoming/${ids.incoming}/assign`).set(as('leader')).send({ handlerId: ids.otherUser }) },
  { name: 'receivers that are paths, not organization codes', expect: 400, field: 'addReceivers.0', send: ({ app, as }) => request(app).post(`/api/outgoing/${ids.outgoing}/update`).set(as('clerk')).send({ reason: 'Sửa', addReceivers: ['../../etc'] }) },
  { name: 'a reason sent as an array', expect: 400, field: 'reason', send: ({ app, as }) => request(app).post(`/api/outgoing/${ids.outgoing}/recall`).set(as('clerk')).send({ reason: ['Thu hồi'] }) },

  // --- query strings
  { name: 'a filter that is not JSON', expect: 400, field: 'filter', send: ({ app, as }) => request(app).get('/api/incoming').query({ filter: '{' }).set(as('clerk')) },
  { name: 'a filter with an unknown field', expect: 400, field: 'filter', send: ({ app, as }) => request(app).get('/api/incoming').query({ filter: '{"organization_code":"x"}' }).set(as('clerk')) },
  { name: 'a filter value of the wrong type', expect: 400, field: 'filter.q', send: ({ app, as }) => request(app).get('/api/outgoing').query({ filter: '{"q":5}' }).set(as('clerk')) },
  { name: 'a range of words', expect: 400, field: 'range', send: ({ app, as }) => request(app).get('/api/outgoing').query({ range: '["a","b"]' }).set(as('clerk')) },
  { name: 'an inverted range', expect: 400, field: 'range', send: ({ app, as }) => request(app).get('/api/outgoing').query({ range: '[10,5]' }).set(as('clerk')) },
  { name: 'a range of a billion rows', expect: 400, field: 'range', send: ({ app, as }) => request(app).get('/api/incoming').query({ range: '[0,1000000000]' }).set(as('clerk')) },
  { name: 'a negative range', expect: 400, field: 'range', send: ({ app, as }) => request(app).get('/api/tasks').query({ range: '[-5,3]' }).set(as('clerk')) },
  { name: 'a range that is a bare number', expect: 400, field: 'range', send: ({ app, as }) => request(app).get('/api/users').query({ range: '5' }).set(as('admin')) },
  { name: 'SQL injection as the sort field', expect: 400, field: 'sort', send: ({ app, as }) => request(app).get('/api/incoming').query({ sort: '["id; DROP TABLE users; --","ASC"]' }).set(as('clerk')) },
  { name: 'a sort direction that does not exist', expect: 400, field: 'sort', send: ({ app, as }) => request(app).get('/api/organizations').query({ sort: '["code","SIDEWAYS"]' }).set(as('clerk')) },
  { name: 'a repeated filter parameter (an array where a string is expected)', expect: 400, field: 'filter', send: ({ app, as }) => request(app).get('/api/incoming?filter=%7B%7D&filter=%7B%7D').set(as('clerk')) },
  { name: 'a date filter that is no date', expect: 400, field: 'filter.from', send: ({ app, as }) => request(app).get('/api/incoming').query({ filter: '{"from":"2026-13-45"}' }).set(as('clerk')) },
  { name: 'a deadline query with a start that is no time', expect: 400, field: 'from', send: ({ app, as }) => request(app).get('/api/calendar/deadline').query({ from: 'now', workingDays: '1' }).set(as('clerk')) },
  { name: 'a deadline query with two rules at once', expect: 400, send: ({ app, as }) => request(app).get('/api/calendar/deadline').query({ from: '2026-05-04T08:00:00+07:00', workingDays: '1', workingHours: '8' }).set(as('clerk')) },
  { name: 'a report period that ends before it starts', expect: 400, field: 'to', send: ({ app, as }) => request(app).get('/api/reports/exchange').query({ from: '2026-06-01', to: '2026-01-01' }).set(as('admin')) },
  { name: 'a report period of a thousand years', expect: 400, field: 'to', send: ({ app, as }) => request(app).get('/api/reports/exchange').query({ from: '1026-01-01', to: '2026-01-01' }).set(as('admin')) },
  { name: 'an unknown report format', expect: 400, field: 'format', send: ({ app, as }) => request(app).get('/api/reports/exchange').query({ from: '2026-01-01', to: '2026-01-31', format: 'exe' }).set(as('admin')) },
  { name: 'an audit filter with a malformed time', expect: 400, field: 'filter.from', send: ({ app, as }) => request(app).get('/api/audit').query({ filter: '{"from":"yesterday"}' }).set(as('admin')) },
  { name: 'a printable copy for a receiver that is no organization code', expect: 400, field: 'to', send: ({ app, as }) => request(app).get(`/api/outgoing/${ids.outgoing}/printable`).query({ to: '../../etc/passwd' }).set(as('clerk')) },

  // --- path ids
  { name: 'path traversal as a file id', expect: 404, send: ({ app, as }) => request(app).get('/api/files/..%2F..%2Fetc%2Fpasswd').set(as('clerk')) },
  { name: 'a NUL byte as a document id', expect: 404, send: ({ app, as }) => request(app).get('/api/incoming/%00').set(as('clerk')) },
  { name: 'an 8000-character id', expect: 404, send: ({ app, as }) => request(app).get(`/api/outgoing/${'9'.repeat(8000)}`).set(as('clerk')) },
  { name: 'a broken percent-encoding in the path', expect: 400, send: ({ app, as }) => request(app).get('/api/organizations/%E0%A4%A').set(as('clerk')) },
  { name: 'SQL injection as a rule id', expect: 404, send: ({ app, as }) => request(app).get(`/api/routing-rules/${encodeURIComponent("1' OR '1'='1")}`).set(as('admin')) },
  { name: 'a register entry id that is a path', expect: 400, field: 'id', send: ({ app, as }) => request(app).get('/api/register-entries/..%2F..%2Fetc').set(as('clerk')) },
  { name: 'an emoji as a user id', expect: 404, send: ({ app, as }) => request(app).get('/api/users/%F0%9F%92%A3').set(as('admin')) },
  { name: 'a notification id beyond 64 bits', expect: 404, send: ({ app, as }) => request(app).put('/api/notifications/99999999999999999999999').set(as('clerk')).send({ read: true }) },

  // --- multipart uploads (limits of this system: 256 KB per file, 3 files)
  {
    name: 'a file over the size limit',
    expect: 413,
    field: 'files',
    send: ({ app, as }) => request(app).post('/api/outgoing').set(as('clerk')).field('metadata', draftMetadata()).attach('files', Buffer.concat([pdf, Buffer.alloc(UPLOAD_MAX_BYTES)]), 'lon.pdf'),
  },
  {
    name: 'more files than allowed',
    expect: 413,
    field: 'files',
    send: ({ app, as }) => {
      let r = request(app).post('/api/outgoing').set(as('clerk')).field('metadata', draftMetadata());
      for (let i = 0; i <= UPLOAD_MAX_FILES; i++) r = r.attach('files', pdf, `tep-${i}.pdf`);
      return r;
    },
  },
  { name: 'no files at all', expect: 422, field: 'files', send: ({ app, as }) => request(app).post('/api/outgoing').set(as('clerk')).field('metadata', draftMetadata()) },
  { name: 'a path-traversal file name (../../etc/passwd)', expect: 422, field: 'files.0', send: ({ app, as }) => request(app).post('/api/outgoing').set(as('clerk')).field('metadata', draftMetadata()).attach('files', pdf, '../../etc/passwd') },
  {
    name: 'a Windows path-traversal file name (..\\..\\x.pdf) on an executable',
    expect: 422,
    field: 'files.0',
    send: ({ app, as }) => request(app).post('/api/outgoing').set(as('clerk')).field('metadata', draftMetadata()).attach('files', makeWindowsExecutable(), '..\\..\\x.pdf'),
    then: (res) => expect(res.body.detail).not.toContain('..\\'),
  },
  { name: 'a NUL byte in a file name', expect: [400, 422], send: ({ app, as }) => request(app).post('/api/outgoing').set(as('clerk')).field('metadata', draftMetadata()).attach('files', pdf, 'quyet-dinh\u0000.exe.pdf') },
  { name: 'an executable named .pdf', expect: 422, field: 'files.0', send: ({ app, as }) => request(app).post('/api/outgoing').set(as('clerk')).field('metadata', draftMetadata()).attach('files', makeWindowsExecutable(), 'quyet-dinh.pdf') },
  {
    name: 'a zip bomb as an attachment',
    expect: 422,
    field: 'files.1',
    send: ({ app, as }) => {
      const entries = docxEntries();
      entries[2] = { ...entries[2], declaredSize: 4_000_000_000 };
      return request(app).post('/api/outgoing').set(as('clerk')).field('metadata', draftMetadata()).attach('files', pdf, 'van-ban.pdf').attach('files', makeZip(entries), 'phu-luc.docx');
    },
  },
  { name: 'metadata that is not JSON', expect: 400, field: 'metadata', send: ({ app, as }) => request(app).post('/api/outgoing').set(as('clerk')).field('metadata', '{typeCode: CV').attach('files', pdf, 'van-ban.pdf') },
  { name: 'no metadata part', expect: 400, field: 'metadata', send: ({ app, as }) => request(app).post('/api/incoming').set(as('clerk')).attach('files', pdf, 'ban-quet.pdf') },
  { name: 'the metadata part twice', expect: 400, field: 'metadata', send: ({ app, as }) => request(app).post('/api/outgoing').set(as('clerk')).field('metadata', draftMetadata()).field('metadata', draftMetadata()).attach('files', pdf, 'van-ban.pdf') },
  {
    name: 'invalid UTF-8 bytes in the metadata part',
    expect: 400,
    field: 'metadata',
    send: ({ app, as }) =>
      request(app)
        .post('/api/outgoing')
        .set(as('clerk'))
        .set('content-type', `multipart/form-data; boundary=${BOUNDARY}`)
        .serialize((body: unknown) => body as string)
        .send(
          multipartBody([
            { name: 'metadata', data: Buffer.concat(draftMetadata({ notes: 'Ghi chú ⁂' }).split('⁂').flatMap((part, i) => [...(i ? [Buffer.from([0xc3, 0x28])] : []), Buffer.from(part)])) },
            { name: 'files', filename: 'van-ban.pdf', data: pdf },
          ]),
        ),
  },
  { name: 'metadata of the wrong types', expect: 400, field: 'metadata.summary', send: ({ app, as }) => request(app).post('/api/outgoing').set(as('clerk')).field('metadata', draftMetadata({ summary: 42 })).attach('files', pdf, 'van-ban.pdf') },
  { name: 'a 300 KB metadata part', expect: 413, field: 'metadata', send: ({ app, as }) => request(app).post('/api/outgoing').set(as('clerk')).field('metadata', draftMetadata({ notes: 'x'.repeat(300 * 1024) })).attach('files', pdf, 'van-ban.pdf') },
  { name: 'files under another part name', expect: 400, field: 'attachment', send: ({ app, as }) => request(app).post('/api/incoming').set(as('clerk')).field('metadata', '{}').attach('attachment', pdf, 'a.pdf') },
  {
    name: 'a multipart body cut off before its end',
    expect: 400,
    send: ({ app, as }) => json(app, 'post', '/api/outgoing', as('clerk'), '--XYZ\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n{"typeCode":"CV"', 'multipart/form-data; boundary=XYZ'),
  },
  { name: 'a multipart content type without a boundary', expect: 400, send: ({ app, as }) => json(app, 'post', '/api/incoming', as('clerk'), 'metadata={}', 'multipart/form-data') },
  { name: 'JSON where multipart is required', expect: 415, send: ({ app, as }) => request(app).post('/api/outgoing').set(as('clerk')).send(JSON.parse(draftMetadata())) },

  // --- authentication
  { name: 'no token', expect: 401, send: ({ app }) => request(app).get('/api/me') },
  { name: 'a Basic authorization header', expect: 401, send: ({ app }) => request(app).get('/api/me').set('Authorization', `Basic ${Buffer.from(`admin:${DEMO_PASSWORD}`).toString('base64')}`) },
  { name: 'a bearer token that is no JWT', expect: 401, send: ({ app }) => request(app).get('/api/me').set('Authorization', 'Bearer not.a.token') },
  { name: 'a bearer scheme without a token', expect: 401, send: ({ app }) => request(app).get('/api/me').set('Authorization', 'Bearer ') },
  {
    name: 'an unsigned JWT (alg none) claiming to be the admin',
    expect: 401,
    send: ({ app }) => request(app).get('/api/users').set('Authorization', `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: ids.admin, caller: adminCaller, iat: Math.floor(Date.now() / 1000) })}.`),
  },
  {
    name: 'an expired token',
    expect: 401,
    send: ({ app }) => {
      const now = Math.floor(Date.now() / 1000);
      return request(app).get('/api/me').set('Authorization', `Bearer ${jwt.sign({ sub: ids.admin, caller: adminCaller, iat: now - 7200, exp: now - 3600 }, TEST_TOKEN_SECRET)}`);
    },
    then: (res) => expect(res.body.detail).toContain('hết hạn'),
  },
  { name: 'a token signed with another secret', expect: 401, send: ({ app }) => request(app).get('/api/users').set('Authorization', `Bearer ${jwt.sign({ sub: ids.admin, caller: adminCaller }, 'another-secret-another-secret-another-1')}`) },
  {
    name: 'a well-signed token of a user that does not exist',
    expect: 401,
    send: ({ app }) => {
      const id = crypto.randomUUID();
      return request(app).get('/api/me').set('Authorization', `Bearer ${jwt.sign({ sub: id, caller: { ...adminCaller, id } }, TEST_TOKEN_SECRET)}`);
    },
  },
  { name: 'an HS512 token (algorithm not accepted)', expect: 401, send: ({ app }) => request(app).get('/api/me').set('Authorization', `Bearer ${jwt.sign({ sub: ids.admin, caller: adminCaller }, TEST_TOKEN_SECRET, { algorithm: 'HS512' })}`) },
  { name: 'the token in the query string instead of the header', expect: 401, send: ({ app, as }) => request(app).get('/api/me').query({ access_token: as('admin').Authorization.slice(7) }) },
  { name: 'an 8 KB bearer token', expect: 401, send: ({ app }) => request(app).get('/api/me').set('Authorization', `Bearer ${'a'.repeat(8 * 1024)}`) },
  {
    name: '11 rapid failed logins (the limit is 10)',
    expect: 429,
    send: async () => {
      for (let i = 0; i < 10; i++) await request(limitedApp).post('/api/auth/login').send({ username: 'ke.do.mat.khau', password: `sai-${i}` }).expect(401);
      return request(limitedApp).post('/api/auth/login').send({ username: 'ke.do.mat.khau', password: 'sai-10' });
    },
  },

  ...EDXML_CASES,
];

function pointsTo(errors: Array<{ path: string; message: string }> | undefined, field: string): boolean {
  return (errors ?? []).some((e) => e.path === field || e.path.startsWith(`${field}.`) || e.message.includes(`"${field}"`));
}

describe('hostile input corpus (R-SEC-4)', () => {
  test('R-SEC-4 when the corpus is counted, then it holds at least 50 distinct cases', () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(50);
  });

  test.each(CASES.map((c) => [c.name, c] as const))('R-SEC-4 when a request carries %s, then it is refused with a 4xx problem', async (_name, c) => {
    const res = await c.send({ app: sys.app, as: (who) => (who === 'nobody' ? {} : headers[who]) });
    const allowed = [c.expect].flat();
    if (!allowed.includes(res.status)) throw new Error(`expected ${allowed.join(' or ')}, got ${res.status} ${res.type}: ${JSON.stringify(res.body).slice(0, 400)}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: res.status, title: expect.stringMatching(/\S/), detail: expect.stringMatching(/\S/) });
    if (c.field) expect({ field: c.field, errors: res.body.errors, pointsTo: pointsTo(res.body.errors, c.field) }).toMatchObject({ pointsTo: true });
    c.then?.(res);
  });
});

// ------------------------------------------------------------------------------ sweeps over every resource

const RESOURCES = [
  'organizations',
  'connections',
  'notifications',
  'users',
  'document-types',
  'holidays',
  'policies',
  'register-entries',
  'register-counters',
  'outgoing',
  'incoming',
  'tasks',
  'overdue',
  'colleagues',
  'routing-rules',
  'paper-rules',
  'peers',
  'audit',
];
const BAD_IDS = ['abc', "1'; DROP TABLE users; --", '%00', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(3000), '-1', '9'.repeat(40)];

describe('malformed ids and parameters on every resource (R-SEC-4)', () => {
  test.each(RESOURCES)('R-SEC-4 when %s is read with malformed ids, then every answer is a 4xx problem', async (resource) => {
    for (const id of BAD_IDS) {
      const res = await request(sys.app).get(`/api/${resource}/${encodeURIComponent(id)}`).set(headers.admin);
      expect([resource, id.slice(0, 20), res.status >= 400 && res.status < 500]).toEqual([resource, id.slice(0, 20), true]);
      expect(res.type).toBe('application/problem+json');
    }
  });

  test.each(RESOURCES)('R-SEC-4 when %s is changed or deleted through malformed ids, then every answer is a 4xx problem', async (resource) => {
    for (const id of BAD_IDS) {
      for (const method of ['put', 'delete'] as const) {
        const res = await request(sys.app)[method](`/api/${resource}/${encodeURIComponent(id)}`).set(headers.admin).send({ name: 'x', read: true });
        expect([resource, method, id.slice(0, 20), res.status >= 400 && res.status < 500]).toEqual([resource, method, id.slice(0, 20), true]);
      }
    }
  });

  test.each(RESOURCES)('R-SEC-4 when %s is listed with malformed parameters, then 400 problem+json', async (resource) => {
    for (const query of [{ filter: '{"nope":1}' }, { filter: '[1,2]' }, { range: '["a","b"]' }, { range: '[0,100000]' }, { sort: '["id","SIDEWAYS"]' }, { filter: '{' }]) {
      const res = await request(sys.app).get(`/api/${resource}`).query(query).set(headers.admin);
      expect([resource, JSON.stringify(query), res.status]).toEqual([resource, JSON.stringify(query), 400]);
      expect(res.type).toBe('application/problem+json');
    }
  });

  test('R-SEC-4 when writes get wrong types, arrays, nulls or huge bodies, then they are refused with 4xx', async () => {
    const bodies: unknown[] = [null, [], 'text', 42, { code: ['000.09.41.H52'] }, { name: { $gt: '' } }, { a: 'x'.repeat(2_000_000) }];
    for (const path of ['/api/organizations', '/api/users', '/api/holidays', '/api/document-types', '/api/policies', '/api/routing-rules', '/api/routing-rules/test', '/api/paper-rules', '/api/outgoing', '/api/incoming']) {
      for (const body of bodies) {
        const res = await request(sys.app).post(path).set(headers.admin).set('content-type', 'application/json').send(JSON.stringify(body));
        expect([path, res.status >= 400 && res.status < 500]).toEqual([path, true]);
      }
    }
  });

  test('R-SEC-4 when document actions get malformed ids or bodies, then every answer is a 4xx problem', async () => {
    const actions = [
      ...['accept', 'refuse', 'route', 'assign', 'complete', 'extend', 'paper-received', 'acknowledge-recall'].map((a) => `incoming/%s/${a}`),
      ...['issue', 'recall', 'update', 'paper-dispatched', 'paper-recalled'].map((a) => `outgoing/%s/${a}`),
    ];
    const bodies: unknown[] = [{}, { reason: ['x'] }, { target: { kind: 'user', userId: "1' OR '1'='1" } }, { dueAt: 'tomorrow' }, { handlerId: 42 }];
    for (const action of actions) {
      for (const id of [...BAD_IDS.slice(0, 4), '00000000-0000-0000-0000-000000000000']) {
        for (const body of bodies) {
          const res = await request(sys.app).post(`/api/${action.replace('%s', encodeURIComponent(id))}`).set(headers.clerk).send(body as object);
          expect([action, id.slice(0, 20), res.status >= 400 && res.status < 500]).toEqual([action, id.slice(0, 20), true]);
          expect(res.type).toBe('application/problem+json');
        }
      }
    }
    for (const path of ['documents/%s/history', 'files/%s', 'incoming/%s/checks', 'incoming/%s/printable', 'outgoing/%s/deliveries', 'outgoing/%s/printable?to=000.00.03.H52', 'routing-rules/%s/versions']) {
      for (const id of BAD_IDS) {
        const res = await request(sys.app).get(`/api/${path.replace('%s', encodeURIComponent(id))}`).set(headers.admin);
        expect([path, id.slice(0, 20), res.status >= 400 && res.status < 500]).toEqual([path, id.slice(0, 20), true]);
      }
    }
  });
});

// ------------------------------------------------------------------------------ afterwards

describe('after the hostile input (R-SEC-4)', () => {
  test('R-SEC-4 when the corpus and the sweeps are over, then no table has gained or lost a row (the audit log aside)', async () => {
    expect(await tableCounts()).toEqual(before);
  });

  test('R-SEC-4 when the corpus is over, then the API is alive and ready', async () => {
    await request(sys.app).get('/api/health').expect(200);
    await request(sys.app).get('/api/ready').expect(200);
  });

  test('R-SEC-4 when a traversal file name comes with a real PDF, then only its last segment is kept as the name', async () => {
    const res = await request(sys.app).post('/api/incoming').set(headers.clerk)
      .field('metadata', JSON.stringify({ senderName: 'Bộ Nội vụ', numberAndNotation: '13/BNV-VP', documentDate: '2026-05-02', typeCode: 'CV', summary: 'Về việc tên tệp' }))
      .attach('files', pdf, '..\\..\\Windows\\quyet-dinh.pdf')
      .expect(201);
    expect(res.body.files.map((f: { name: string }) => f.name)).toEqual(['quyet-dinh.pdf']);
  });

  test('R-SEC-4 when the corpus is over, then the worker still runs processes: a paper document is received and registered', async () => {
    const res = await request(sys.app).post('/api/incoming').set(headers.clerk)
      .field('metadata', JSON.stringify({ senderName: 'Bộ Nội vụ', numberAndNotation: '14/BNV-VP', documentDate: '2026-05-02', typeCode: 'CV', summary: 'Về việc kiểm tra tiến trình' }))
      .attach('files', pdf, 'ban-quet.pdf')
      .expect(201);
    await eventually(async () => (await request(sys.app).get(`/api/incoming/${res.body.id}`).set(headers.clerk)).body.deadline?.step === 'reception');
    const accepted = await request(sys.app).post(`/api/incoming/${res.body.id}/accept`).set(headers.clerk).send({}).expect(200);
    expect(accepted.body.document.registerNumber).toEqual(expect.any(Number));
  });
});
