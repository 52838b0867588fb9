/**
 * End to end on the real parts (R-OUT-2, R-OUT-4, R-OUT-5, R-REC-1..4, R-ROUTE-1..2, R-DOC-3,
 * R-RCL-1): the Temporal dev server, a fresh PostgreSQL, the API in this process and the worker
 * as a separate OS process (`worker/main.ts`, as `npm start` runs it), which is killed with
 * SIGKILL in the middle of the run and started again. Afterwards nothing is lost or doubled:
 * one incoming document and one register number per receiver and document, one task per step.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Express } from 'express';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createTokenService } from '../../api/auth';
import { createLogger } from '../../api/logger';
import { seed } from '../../db/seed';
import { trustAnchorsFrom } from '../../api/services/document-processes';
import { DEMO_PASSWORD, eventually, testDocumentSettings } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { makePdf, signAs, testPki } from '../support/pki';
import { devServerEnv, uniqueTaskQueue } from '../support/temporal';

const SNV = '000.00.02.H52';
const STTTT = '000.00.03.H52';
const UBND = '000.00.00.H52';
const CHIENG_SON = '000.02.37.H52';
const ROOT = path.resolve(__dirname, '../..');

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let app: Express;
let tmp: string;
let taskQueue: string;
let worker: ChildProcess | null = null;
let workerLog = '';
let signedPdf: Buffer;

function startWorker(): Promise<void> {
  // One process (not tsx's CLI, which runs the script in a grandchild): SIGKILL must kill the worker.
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: tdb.url,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATA_DIR: tmp,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker = child;
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      workerLog += d.toString();
      if (workerLog.includes('worker started')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (workerLog += d.toString()));
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it started:\n${workerLog.slice(-3000)}`)));
  });
}

async function killWorker(): Promise<void> {
  const child = worker;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  worker = null;
}

const q = <T extends object>(sql: string, replacements: unknown[] = []) => tdb.db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
const tokens = new Map<string, string>();
async function as(username: string): Promise<{ Authorization: string }> {
  if (!tokens.has(username)) tokens.set(username, (await request(app).post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200)).body.token);
  return { Authorization: `Bearer ${tokens.get(username)}` };
}
async function userId(username: string): Promise<string> {
  return (await q<{ id: string }>('SELECT id FROM users WHERE username = ?', [username]))[0].id;
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edoc-e2e-lifecycle-'));
  const pki = testPki();
  fs.mkdirSync(path.join(tmp, 'trust-anchors'));
  fs.writeFileSync(path.join(tmp, 'trust-anchors', 'root.pem'), pki.root.pem);
  signedPdf = Buffer.from(await signAs(Buffer.from(await makePdf()), pki.person));
  tdb = await createTestDatabase();
  await seed(tdb.db, { provinceCode: UBND, demoPassword: DEMO_PASSWORD, withDemoUsers: true });
  env = await devServerEnv();
  taskQueue = uniqueTaskQueue('e2e-lifecycle');
  const documents = testDocumentSettings(taskQueue, { trustAnchors: trustAnchorsFrom(path.join(tmp, 'trust-anchors')) });
  app = createApp({
    db: tdb.db,
    temporal: env.client,
    tokens: createTokenService('test-secret-test-secret-test-secret-0123', 1),
    log: createLogger('silent'),
    connection: { taskQueue, deadline: '2019-12-30T16:59:59.999Z', reminderDaysBefore: [90, 30, 7], repeatEveryDays: 7, escalateToOrgCodes: ['000.00.01.H52', '000.00.03.H52'] },
    documents,
    loginLimit: 1000,
    httpLog: false,
  });
  await startWorker();
}, 180_000);

afterAll(async () => {
  await killWorker();
  await env?.teardown();
  await tdb?.drop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function issue(summary: string): Promise<string> {
  const clerk = await as('vanthu.snv');
  const metadata = { typeCode: 'CV', documentDate: '2026-11-20', summary, signerPosition: 'Giám đốc', signerName: 'Đinh Văn Thành', urgency: 'normal', receivers: [STTTT, CHIENG_SON, UBND] };
  const created = await request(app).post('/api/outgoing').set(clerk).field('metadata', JSON.stringify(metadata)).attach('files', signedPdf, 'cong-van.pdf').expect(201);
  await request(app).post(`/api/outgoing/${created.body.id}/issue`).set(clerk).send({}).expect(200);
  return created.body.id as string;
}

/** A decision the process accepts only once it reached that step (e.g. after the recall arrived). */
async function postUntilAccepted(url: string, username: string, body: object): Promise<void> {
  await eventually(async () => {
    const r = await request(app).post(url).set(await as(username)).send(body);
    if (r.status !== 200) throw new Error(`${url}: ${r.status} ${JSON.stringify(r.body)}`);
    return true;
  }, 60_000);
}

async function incomingOf(sourceId: string, org: string): Promise<{ id: string; status: string } | undefined> {
  return (await q<{ id: string; status: string }>('SELECT id, status FROM documents WHERE direction = ? AND source_document_id = ? AND organization_code = ?', ['incoming', sourceId, org]))[0];
}

async function deliveries(id: string): Promise<Array<{ receiverCode: string; channel: string; status: string; statusCode: string | null; paperStatus: string | null; change: { kind: string; code: string | null; reason: string | null } | null }>> {
  return (await request(app).get(`/api/outgoing/${id}/deliveries`).set(await as('vanthu.snv')).expect(200)).body;
}

/**
 * After a SIGKILL an activity the dead worker had taken is retried only when its start-to-close
 * timeout (up to 2 minutes) runs out: waits right after a kill allow for that.
 */
const KILLED_WORKER_WAIT = 180_000;

test('R-OUT-2 R-OUT-4 R-OUT-5 R-REC-4 R-DOC-3 R-RCL-1 when a signed document goes to a connected, a not connected and a paper-accompanies receiver while the worker is killed and restarted, then every step happens once and the sender sees 01, 03, 04, 05, 06 in order; a recall of a second document is acknowledged by all', async () => {
  // ---- first document: issue, then kill the worker while it delivers -------------------------
  const first = await issue('Về việc báo cáo kết quả cải cách hành chính năm 2026');
  await killWorker();
  await new Promise((r) => setTimeout(r, 1500));
  await startWorker();

  const plan = await eventually(async () => {
    const d = await deliveries(first);
    if (!(d.length === 3 && d.every((r) => r.status !== 'pending'))) throw new Error(JSON.stringify(d.map((r) => [r.receiverCode, r.channel, r.status])));
    return d;
  }, KILLED_WORKER_WAIT).catch((err: Error) => {
    throw new Error(`${err.message}\nworker log:\n${workerLog.slice(-4000)}`);
  });
  expect(Object.fromEntries(plan.map((r) => [r.receiverCode, r.channel]))).toEqual({ [STTTT]: 'internal', [CHIENG_SON]: 'paper', [UBND]: 'both' });

  // The connected receiver's clerk accepts; the rules route it to the leader, who assigns.
  const arrived = await eventually(async () => {
    const doc = await incomingOf(first, STTTT);
    return doc?.status === 'arrived' ? doc : null;
  }, KILLED_WORKER_WAIT);
  // The checks run right after arrival (R-REC-2).
  const checks = await eventually(async () => {
    const body = (await request(app).get(`/api/incoming/${arrived.id}/checks`).set(await as('vanthu.stttt')).expect(200)).body;
    return body.checks ? body : null;
  }, KILLED_WORKER_WAIT);
  expect(checks).toMatchObject({ legalValidity: 'legally_valid', checks: { ok: true } });
  const accepted = await request(app).post(`/api/incoming/${arrived.id}/accept`).set(await as('vanthu.stttt')).send({}).expect(200);
  expect(accepted.body.registerNumber).toBeGreaterThanOrEqual(1);
  await eventually(async () => (await incomingOf(first, STTTT))?.status === 'routed', KILLED_WORKER_WAIT);

  // Kill it again in the middle of the receiver's work.
  await killWorker();
  const assign = request(app)
    .post(`/api/incoming/${arrived.id}/assign`)
    .set(await as('lanhdao.stttt'))
    .send({ handlerId: await userId('chuyenvien.stttt') });
  await new Promise((r) => setTimeout(r, 1000));
  await startWorker();
  await assign.expect(200);
  await request(app).post(`/api/incoming/${arrived.id}/complete`).set(await as('chuyenvien.stttt')).send({ result: 'Đã tổng hợp, báo cáo Giám đốc Sở' }).expect(200);

  // Paper copies: the sender's clerk prints and dispatches them.
  for (const code of [CHIENG_SON, UBND]) {
    await eventually(async () => (await deliveries(first)).find((r) => r.receiverCode === code)?.paperStatus === 'pending', KILLED_WORKER_WAIT);
    const pdf = await request(app).get(`/api/outgoing/${first}/printable?to=${code}`).set(await as('vanthu.snv')).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
    await request(app).post(`/api/outgoing/${first}/paper-dispatched`).set(await as('vanthu.snv')).send({ receiverCode: code, note: 'Gửi qua bưu chính' }).expect(200);
  }
  const done = await eventually(async () => {
    const d = await deliveries(first);
    return d.find((r) => r.receiverCode === STTTT)?.statusCode === '06' && d.find((r) => r.receiverCode === CHIENG_SON)?.status === 'paper_sent' &&
      d.find((r) => r.receiverCode === UBND)?.status === 'arrived'
      ? d
      : null;
  }, KILLED_WORKER_WAIT);
  expect(done.find((r) => r.receiverCode === UBND)).toMatchObject({ status: 'arrived', paperStatus: 'dispatched' });

  // The sender's history shows the connected receiver's codes in order, none skipped or doubled.
  const history = (await request(app).get(`/api/documents/${first}/history`).set(await as('vanthu.snv')).expect(200)).body as Array<{ statusCode: string | null; details: { receiverCode?: string } | null }>;
  const codes = history.filter((h) => h.details?.receiverCode === STTTT && h.statusCode).map((h) => h.statusCode);
  expect(codes).toEqual(['01', '03', '04', '05', '06']);

  // ---- second document: recalled from every receiver -----------------------------------------
  const second = await issue('Về việc tổ chức hội nghị trực tuyến (văn bản sẽ thu hồi)');
  const secondArrived = await eventually(async () => {
    const doc = await incomingOf(second, STTTT);
    return doc?.status === 'arrived' ? doc : null;
  }, 60_000);
  await request(app).post(`/api/incoming/${secondArrived.id}/accept`).set(await as('vanthu.stttt')).send({}).expect(200);
  await eventually(async () => (await deliveries(second)).find((r) => r.receiverCode === CHIENG_SON)?.paperStatus === 'pending', 30_000);
  await request(app).post(`/api/outgoing/${second}/paper-dispatched`).set(await as('vanthu.snv')).send({ receiverCode: CHIENG_SON }).expect(200);
  await eventually(async () => (await incomingOf(second, UBND))?.status === 'arrived', 30_000);

  await request(app).post(`/api/outgoing/${second}/recall`).set(await as('lanhdao.snv')).send({ reason: 'Thay đổi thời gian tổ chức hội nghị' }).expect(202);
  await killWorker();
  await new Promise((r) => setTimeout(r, 1000));
  await startWorker();
  // The accepted receiver's clerk acknowledges; the paper copy already sent is retrieved.
  await postUntilAccepted(`/api/incoming/${secondArrived.id}/acknowledge-recall`, 'vanthu.stttt', { agree: true });
  await postUntilAccepted(`/api/outgoing/${second}/paper-recalled`, 'vanthu.snv', { receiverCode: CHIENG_SON });
  const recalled = await eventually(async () => {
    const d = await deliveries(second);
    if (!d.every((r) => r.change?.code === '15')) throw new Error(JSON.stringify(d.map((r) => [r.receiverCode, r.status, r.change])));
    return d;
  }, 30_000);
  expect(recalled).toHaveLength(3);
  expect(recalled.every((r) => r.change?.kind === 'recall' && r.status === 'recalled')).toBe(true);
  expect((await incomingOf(second, STTTT))?.status).toBe('recalled');
  expect((await incomingOf(second, UBND))?.status).toBe('recalled');

  // ---- nothing lost, nothing doubled ----------------------------------------------------------
  const incoming = await q<{ organization_code: string; n: string }>(
    `SELECT organization_code, count(*) AS n FROM documents WHERE direction = 'incoming' AND source_document_id IN (?, ?) GROUP BY organization_code ORDER BY 1`,
    [first, second],
  );
  expect(incoming.map((r) => [r.organization_code, Number(r.n)])).toEqual([
    [UBND, 2],
    [STTTT, 2],
  ]);
  const entries = await q<{ organization_code: string; register: string; numbers: number[]; docs: string }>(
    `SELECT organization_code, register, array_agg(number ORDER BY number) AS numbers, count(DISTINCT document_id) AS docs
       FROM register_entries GROUP BY organization_code, register ORDER BY 1, 2`,
  );
  for (const e of entries) {
    // Gap-free from 1, one entry per document.
    expect(e.numbers).toEqual(e.numbers.map((_, i) => i + 1));
    expect(Number(e.docs)).toBe(e.numbers.length);
  }
  expect(entries.find((e) => e.organization_code === SNV && e.register === 'outgoing')?.numbers).toEqual([1, 2]);
  expect(entries.find((e) => e.organization_code === STTTT && e.register === 'incoming')?.numbers).toEqual([1, 2]);
  const doubled = await q<{ document_id: string; step: string; n: string }>(
    `SELECT document_id, step, count(*) AS n FROM tasks
      WHERE document_id IN (SELECT id FROM documents WHERE id IN (?, ?) OR source_document_id IN (?, ?))
        AND step IN ('reception', 'assignment', 'paper_dispatch', 'paper_recall', 'recall_answer', 'sending')
      GROUP BY document_id, step, receiver_code HAVING count(*) > 1`,
    [first, second, first, second],
  );
  expect(doubled).toEqual([]);
  const processing = await q<{ n: string }>(`SELECT count(*) AS n FROM tasks WHERE document_id = ? AND step = 'processing' AND handler_role = 'main'`, [arrived.id]);
  expect(Number(processing[0].n)).toBe(1);
}, 600_000);
