/**
 * Federation (SPEC §8; R-EDX-1, R-EDX-2, R-SEC-1, R-RCL-1): two instances of the system on
 * loopback — two provinces with separate databases and separate Temporal namespaces on one dev
 * server, each with its own worker and its API behind a mutual-TLS listener, certificates made at
 * test time. Each registers the other as a peer. A document issued in A reaches B as a signed
 * edXML package, is accepted, assigned and completed there, and A sees 01, 03, 04, 05, 06 in
 * order; a recall from A is answered 15 by B; a package from an unregistered system is refused.
 */
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Express } from 'express';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createTokenService } from '../../api/auth';
import { createLogger } from '../../api/logger';
import { trustAnchorsFrom } from '../../api/services/document-processes';
import { buildPackage } from '../../activities/interop/edxml-codec';
import { seed } from '../../db/seed';
import { makeInteropIdentity, type InteropIdentityPem } from '../../scripts/lib/interop-identity';
import { createWorker } from '../../worker/create-worker';
import { DEMO_PASSWORD, eventually, testDocumentSettings } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { makePdf, signAs, testPki } from '../support/pki';
import { quietRuntime, uniqueTaskQueue, workflowBundle } from '../support/temporal';

interface Province {
  name: string;
  namespace: string;
  provinceCode: string;
  tdb: TestDatabase;
  app: Express;
  worker: Worker;
  running: Promise<void>;
  identity: InteropIdentityPem;
  tls: https.Server;
  url: string;
  tokens: Map<string, string>;
}

const SNV_A = '000.00.02.H52';
const STTTT_B = '000.00.03.H30';

let env: TestWorkflowEnvironment;
let tmp: string;
let signedPdf: Buffer;
let a: Province;
let b: Province;

async function startProvince(name: string, namespace: string, provinceCode: string): Promise<Province> {
  const tdb = await createTestDatabase();
  await seed(tdb.db, { provinceCode, demoPassword: DEMO_PASSWORD, withDemoUsers: true });
  const taskQueue = uniqueTaskQueue(`federation-${name}`);
  const identity = makeInteropIdentity({ commonName: `Hệ thống ${name}`, organization: name });
  const trust = { trustAnchorsDir: path.join(tmp, 'anchors'), signingKeysDir: path.join(tmp, `keys-${name}`) };
  fs.mkdirSync(trust.signingKeysDir, { recursive: true });
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace,
    taskQueue,
    db: tdb.db,
    workflowBundle: await workflowBundle(),
    trust,
    interop: { identity, requestTimeoutMs: 10_000 },
  });
  const running = worker.run();
  const client = new Client({ connection: env.connection, namespace });
  const app = createApp({
    db: tdb.db,
    temporal: client,
    tokens: createTokenService(`federation-secret-${name}-0123456789-abcdefghij`, 1),
    log: createLogger(process.env.FEDERATION_LOG ?? 'silent'),
    connection: { taskQueue, deadline: '2019-12-30T16:59:59.999Z', reminderDaysBefore: [90, 30, 7], repeatEveryDays: 7, escalateToOrgCodes: [] },
    documents: testDocumentSettings(taskQueue, { trustAnchors: trustAnchorsFrom(trust.trustAnchorsDir) }),
    interop: { identity, maxBytes: 20 * 1024 * 1024 },
    loginLimit: 1000,
    httpLog: false,
  });
  const tls = https.createServer({ key: identity.keyPem, cert: identity.certPem, requestCert: true, rejectUnauthorized: false }, app);
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  return { name, namespace, provinceCode, tdb, app, worker, running, identity, tls, url, tokens: new Map() };
}

async function as(p: Province, username: string): Promise<{ Authorization: string }> {
  if (!p.tokens.has(username)) p.tokens.set(username, (await request(p.app).post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200)).body.token);
  return { Authorization: `Bearer ${p.tokens.get(username)}` };
}

const q = <T extends object>(p: Province, sql: string, replacements: unknown[] = []) => p.tdb.db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });

/** Registers `other` as a peer of `p` serving `codes` (through p's API, as its admin would). */
async function registerPeer(p: Province, other: Province, codes: string[]): Promise<string> {
  const res = await request(p.app)
    .post('/api/peers')
    .set(await as(p, 'admin'))
    .send({ name: `Hệ thống ${other.name}`, endpointUrl: other.url, organizationCodes: codes, certificatePem: other.identity.certPem, active: true });
  if (res.status !== 201) throw new Error(`register peer: ${res.status} ${JSON.stringify(res.body)} ${JSON.stringify(await q(p, "SELECT id, username, active FROM users WHERE username = 'admin'"))} ${JSON.stringify(p.tokens.get('admin')?.split('.')[1] && JSON.parse(Buffer.from(p.tokens.get('admin')!.split('.')[1], 'base64url').toString()))}`);
  return res.body.id as string;
}

/** POSTs raw XML to a province's mutual-TLS listener with a client certificate. */
function postTls(p: Province, urlPath: string, xml: string, client: InteropIdentityPem): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${p.url}${urlPath}`,
      { method: 'POST', key: client.keyPem, cert: client.certPem, rejectUnauthorized: false, headers: { 'content-type': 'application/xml' } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type'] ?? '') }));
      },
    );
    req.on('error', reject);
    req.end(xml);
  });
}

beforeAll(async () => {
  quietRuntime();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edoc-federation-'));
  const pki = testPki();
  fs.mkdirSync(path.join(tmp, 'anchors'));
  fs.writeFileSync(path.join(tmp, 'anchors', 'root.pem'), pki.root.pem);
  signedPdf = Buffer.from(await signAs(Buffer.from(await makePdf()), pki.person));
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: process.env.TEMPORAL_CLI_PATH as string },
      ui: false,
      namespace: 'son-la',
      extraArgs: ['--namespace', 'dien-bien'],
    },
  });
  a = await startProvince('Sơn La', 'son-la', '000.00.00.H52');
  b = await startProvince('Điện Biên', 'dien-bien', '000.00.00.H30');
  await registerPeer(a, b, [STTTT_B, '000.00.00.H30']);
  await registerPeer(b, a, [SNV_A, '000.00.00.H52']);
}, 240_000);

afterAll(async () => {
  for (const p of [a, b]) {
    if (!p) continue;
    await new Promise((r) => p.tls.close(r));
    p.worker.shutdown();
    await p.running;
    await p.tdb.drop();
  }
  await env?.teardown();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function issueInA(summary: string): Promise<string> {
  const clerk = await as(a, 'vanthu.snv');
  const metadata = { typeCode: 'CV', documentDate: '2026-11-20', summary, signerPosition: 'Giám đốc', signerName: 'Đinh Văn Thành', urgency: 'urgent', receivers: [STTTT_B] };
  const created = await request(a.app).post('/api/outgoing').set(clerk).field('metadata', JSON.stringify(metadata)).attach('files', signedPdf, 'cong-van.pdf');
  if (created.status !== 201) throw new Error(`draft: ${created.status} ${JSON.stringify(created.body)}`);
  await request(a.app).post(`/api/outgoing/${created.body.id}/issue`).set(clerk).send({}).expect(200);
  return created.body.id as string;
}

async function arrivedInB(edxmlDocumentId: string): Promise<{ id: string; status: string; workflow_id: string }> {
  return eventually(async () => {
    const [doc] = await q<{ id: string; status: string; workflow_id: string }>(b, "SELECT id, status, workflow_id FROM documents WHERE direction = 'incoming' AND edxml_document_id = ?", [edxmlDocumentId]);
    return doc?.status === 'arrived' ? doc : null;
  }, 60_000).catch(async (err: Error) => {
    const outbox = await q(a, 'SELECT id, kind, business, state, attempts, last_error FROM interop_outbox');
    const receivers = await q(a, 'SELECT receiver_code, channel, status, reason FROM document_receivers');
    throw new Error(`${err.message}\nA outbox: ${JSON.stringify(outbox)}\nA receivers: ${JSON.stringify(receivers)}`);
  });
}

test('R-EDX-1 R-EDX-2 R-SEC-1 R-RCL-1 when a province issues a signed document to an organization of another province, then it travels as a signed edXML package over mutual TLS, is accepted, assigned and completed there, the sender sees 01, 03, 04, 05, 06 in order, and a recall is acknowledged with 15', async () => {
  const id = await issueInA('Về việc phối hợp triển khai trục liên thông văn bản giữa hai tỉnh');
  const [{ edxml_document_id: edxmlId }] = await q<{ edxml_document_id: string }>(a, 'SELECT edxml_document_id FROM documents WHERE id = ?', [id]);
  expect(edxmlId).toMatch(/^000\.00\.02\.H52,2026\/11\/20,\d+\/[^,]+$/);

  // B imported it with byte-identical files and the sender's metadata.
  const incoming = await arrivedInB(edxmlId);
  const [meta] = await q<{ sender_code: string; summary: string; urgency: string; organization_code: string }>(b, 'SELECT sender_code, summary, urgency, organization_code FROM documents WHERE id = ?', [incoming.id]);
  expect(meta).toEqual({ sender_code: SNV_A, summary: 'Về việc phối hợp triển khai trục liên thông văn bản giữa hai tỉnh', urgency: 'urgent', organization_code: STTTT_B });
  const [file] = await q<{ sha256: string }>(b, 'SELECT f.sha256 FROM document_files df JOIN files f ON f.id = df.file_id WHERE df.document_id = ? AND df.position = 0', [incoming.id]);
  expect(file.sha256).toBe((await q<{ sha256: string }>(a, 'SELECT f.sha256 FROM document_files df JOIN files f ON f.id = df.file_id WHERE df.document_id = ? AND df.position = 0', [id]))[0].sha256);

  // B's people act on it through B's API, as for any document.
  await eventually(async () => {
    const r = await request(b.app).get(`/api/incoming/${incoming.id}/checks`).set(await as(b, 'vanthu.stttt')).expect(200);
    return r.body.checks ? r.body : null;
  }, 30_000);
  await request(b.app).post(`/api/incoming/${incoming.id}/accept`).set(await as(b, 'vanthu.stttt')).send({}).expect(200);
  await eventually(async () => (await q<{ status: string }>(b, 'SELECT status FROM documents WHERE id = ?', [incoming.id]))[0].status === 'routed', 30_000);
  const [specialist] = await q<{ id: string }>(b, 'SELECT id FROM users WHERE username = ?', ['chuyenvien.stttt']);
  await request(b.app).post(`/api/incoming/${incoming.id}/assign`).set(await as(b, 'lanhdao.stttt')).send({ handlerId: specialist.id }).expect(200);
  await request(b.app).post(`/api/incoming/${incoming.id}/complete`).set(await as(b, 'chuyenvien.stttt')).send({ result: 'Đã phối hợp triển khai' }).expect(200);

  // A's delivery tracking, fed by B's status messages.
  const codes = await eventually(async () => {
    const history = (await request(a.app).get(`/api/documents/${id}/history`).set(await as(a, 'vanthu.snv')).expect(200)).body as Array<{ action: string; statusCode: string | null; details: { receiverCode?: string } | null }>;
    const c = history.filter((h) => h.action === 'delivery_status' && h.details?.receiverCode === STTTT_B).map((h) => h.statusCode);
    return c.includes('06') ? c : null;
  }, 60_000);
  expect(codes).toEqual(['01', '03', '04', '05', '06']);
  const deliveries = (await request(a.app).get(`/api/outgoing/${id}/deliveries`).set(await as(a, 'vanthu.snv')).expect(200)).body as Array<{ receiverCode: string; channel: string; status: string; statusCode: string }>;
  expect(deliveries).toEqual([expect.objectContaining({ receiverCode: STTTT_B, channel: 'edxml', status: 'completed', statusCode: '06' })]);

  // A recalls it: B's copy is withdrawn (its process has ended) and B answers 15.
  await request(a.app).post(`/api/outgoing/${id}/recall`).set(await as(a, 'vanthu.snv')).send({ reason: 'Văn bản ban hành chưa đúng thẩm quyền' }).expect((r) => {
    if (r.status >= 300) throw new Error(`recall: ${r.status} ${JSON.stringify(r.body)}`);
  });
  await eventually(async () => {
    const d = (await request(a.app).get(`/api/outgoing/${id}/deliveries`).set(await as(a, 'vanthu.snv')).expect(200)).body as Array<{ change: { code: string | null } | null }>;
    return d[0]?.change?.code === '15' ? d : null;
  }, 60_000);
  expect((await q<{ status: string }>(b, 'SELECT status FROM documents WHERE id = ?', [incoming.id]))[0].status).toBe('recalled');
  // Nothing is left in either outbox.
  for (const p of [a, b]) expect(await q(p, "SELECT id FROM interop_outbox WHERE state <> 'sent'")).toEqual([]);
}, 240_000);

test('R-SEC-1 R-EDX-3 when a system that is not registered sends a package, over mutual TLS or signed only, then it is refused and nothing is imported', async () => {
  const stranger = makeInteropIdentity({ commonName: 'Hệ thống lạ' });
  const pkg = buildPackage(
    {
      from: { organId: '000.00.00.H30', organName: 'UBND tỉnh (giả mạo)' },
      to: [{ organId: SNV_A, organName: 'Sở Nội vụ' }],
      code: { number: '99', notation: 'UBND-VP' },
      promulgation: { place: 'Điện Biên', date: '2026-11-20' },
      documentType: { type: 2, typeName: 'Công văn' },
      subject: 'Văn bản từ hệ thống không được đăng ký',
      signer: { fullName: 'Không rõ' },
      dueDate: null,
      toPlaces: ['Sở Nội vụ'],
      other: { priority: 0 },
      documentId: '000.00.00.H30,2026/11/20,99/UBND-VP',
      trace: { businessDocType: 'new' },
      attachments: [{ contentId: 'file-1', contentType: 'application/pdf', name: 'cv.pdf', data: new Uint8Array(signedPdf) }],
    },
    stranger,
  );
  const before = await q<{ n: string }>(a, 'SELECT count(*) AS n FROM documents');
  const overTls = await postTls(a, '/api/interop/edxml', pkg, stranger);
  expect(overTls.status).toBe(403);
  expect(overTls.type).toMatch(/application\/problem\+json/);
  // On the plain port the signature alone speaks for the sender: not a registered peer's.
  const plain = await request(a.app).post('/api/interop/edxml').set('content-type', 'application/xml').send(pkg).expect(403);
  expect(plain.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(plain.body.detail).toMatch(/UNTRUSTED_SIGNER/);
  // An unauthenticated sender is not answered: it could make us send 02s in a peer's name.
  expect(await q(a, "SELECT id FROM interop_outbox WHERE kind = 'status' AND document_id IS NULL")).toEqual([]);
  // A registered peer's TLS certificate with a stranger's signature is refused too (that peer, known by TLS, is told 02).
  const mixed = await postTls(a, '/api/interop/edxml', pkg, b.identity);
  expect(mixed.status).toBe(403);
  expect(await q<{ n: string }>(a, 'SELECT count(*) AS n FROM documents')).toEqual(before);
}, 60_000);

test('R-EDX-3 when a registered peer sends a package whose attachment changed after signing, then it is refused with a precise problem, nothing is imported, and a 02 status goes back to the sender', async () => {
  const documentId = '000.00.03.H30,2026/11/21,12/STTTT-VP';
  const xml = buildPackage(
    {
      from: { organId: STTTT_B, organName: 'Sở Thông tin và Truyền thông' },
      to: [{ organId: SNV_A, organName: 'Sở Nội vụ tỉnh Sơn La' }],
      code: { number: '12', notation: 'STTTT-VP' },
      promulgation: { place: 'Điện Biên', date: '2026-11-21' },
      documentType: { type: 2, typeName: 'Công văn' },
      subject: 'Về việc đề nghị cung cấp số liệu',
      signer: { position: 'Giám đốc', fullName: 'Lò Văn Mạnh' },
      dueDate: null,
      toPlaces: ['Sở Nội vụ tỉnh Sơn La'],
      other: { priority: 0 },
      documentId,
      trace: { businessDocType: 'new' },
      attachments: [{ contentId: 'file-1', contentType: 'application/pdf', name: 'cong-van.pdf', data: new Uint8Array(signedPdf) }],
    },
    b.identity,
  );
  const at = xml.indexOf('<ContentTransferEncoded>') + '<ContentTransferEncoded>'.length + 200;
  const tampered = xml.slice(0, at) + (xml[at] === 'A' ? 'B' : 'A') + xml.slice(at + 1);
  const before = await q<{ n: string }>(a, 'SELECT count(*) AS n FROM documents');

  const r = await postTls(a, '/api/interop/edxml', tampered, b.identity);
  expect(r.status).toBe(422);
  expect(r.type).toMatch(/application\/problem\+json/);
  expect(JSON.parse(r.body).detail).toMatch(/DIGEST_MISMATCH/);
  expect(await q<{ n: string }>(a, 'SELECT count(*) AS n FROM documents')).toEqual(before);
  const answer = await q<{ status_code: string; state: string }>(a, "SELECT status_code, state FROM interop_outbox WHERE kind = 'status' AND payload->'responseFor'->>'documentId' = ?", [documentId]);
  expect(answer).toEqual([{ status_code: '02', state: expect.any(String) }]);
  // Sent to B's system, which does not know the document and says so: the message is done with.
  await eventually(async () => (await q<{ state: string }>(a, "SELECT state FROM interop_outbox WHERE kind = 'status' AND payload->'responseFor'->>'documentId' = ?", [documentId]))[0].state !== 'pending', 30_000);
}, 60_000);

test('R-RCL-3 R-EDX-2 when the sender updates a document a peer system has received, then the update travels as an edXML package, is applied to the receiver’s copy, and is answered 15', async () => {
  const id = await issueInA('Về việc báo cáo số liệu chuyển đổi số quý IV');
  const [{ edxml_document_id: edxmlId }] = await q<{ edxml_document_id: string }>(a, 'SELECT edxml_document_id FROM documents WHERE id = ?', [id]);
  const incoming = await arrivedInB(edxmlId);
  const updated = await request(a.app)
    .post(`/api/outgoing/${id}/update`)
    .set(await as(a, 'vanthu.snv'))
    .send({ reason: 'Sửa trích yếu và độ khẩn', changes: { summary: 'Về việc báo cáo số liệu chuyển đổi số quý IV năm 2026', urgency: 'express' } });
  expect(updated.status).toBeLessThan(300);
  const copy = await eventually(async () => {
    const [doc] = await q<{ summary: string; urgency: string }>(b, 'SELECT summary, urgency FROM documents WHERE id = ?', [incoming.id]);
    return doc.urgency === 'express' ? doc : null;
  }, 60_000);
  expect(copy.summary).toBe('Về việc báo cáo số liệu chuyển đổi số quý IV năm 2026');
  await eventually(async () => {
    const d = (await request(a.app).get(`/api/outgoing/${id}/deliveries`).set(await as(a, 'vanthu.snv')).expect(200)).body as Array<{ change: { kind: string; code: string | null } | null }>;
    return d[0]?.change?.kind === 'update' && d[0].change.code === '15' ? d : null;
  }, 60_000);
}, 180_000);
