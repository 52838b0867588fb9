/**
 * The document processes in the built back office, in a real browser against the real API,
 * PostgreSQL, Temporal workers and PDF signatures (SPEC §7.1–7.3): Sở TT&TT (000.00.03.H52) issues a signed
 * document to Sở Nội vụ through the API; the decisions are then taken in the UI — the clerk
 * accepts or refuses it in the inbox, the leader assigns it, the specialist completes it — and
 * each is checked on screen and through the API. Summaries are unique per test, dates come from
 * today, so tests neither collide nor drift.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { addCalendarDays, vietnamDate } from '../../domain/calendar';
import { DEMO_PASSWORD, eventually } from '../support/app';
import { useBackOffice } from '../support/browser';
import { makePdf, signAs, testPki } from '../support/pki';

const SNV = '000.00.02.H52'; // Sở Nội vụ: receives
const SCREENSHOTS = path.resolve(__dirname, '../../test-results');

const pki = testPki();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edoc-e2e-documents-'));
const trust = { trustAnchorsDir: path.join(tmp, 'anchors'), signingKeysDir: path.join(tmp, 'keys') };

// The worker's receipt checks and the API's draft verification trust the test PKI's root.
const suite = useBackOffice(() => {
  fs.mkdirSync(trust.trustAnchorsDir, { recursive: true });
  fs.mkdirSync(trust.signingKeysDir, { recursive: true });
  fs.writeFileSync(path.join(trust.trustAnchorsDir, 'root.pem'), pki.root.pem);
  return { activities: { trust } };
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let signedPdf: Buffer;
beforeAll(async () => {
  signedPdf = Buffer.from(await signAs(await makePdf(), pki.person));
});

const tokens = new Map<string, string>();
async function auth(username: string): Promise<{ Authorization: string }> {
  if (!tokens.has(username)) {
    tokens.set(username, (await request(suite.sys.app).post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200)).body.token);
  }
  return { Authorization: `Bearer ${tokens.get(username)}` };
}

async function userId(username: string): Promise<string> {
  const [row] = await suite.sys.tdb.db.sequelize.query<{ id: string }>('SELECT id FROM users WHERE username = ?', { replacements: [username], type: QueryTypes.SELECT });
  return row!.id;
}

interface Incoming {
  id: string;
  status: string;
  registerNumber: number | null;
  mainHandlerId: string | null;
  result: string | null;
  dueAt: string | null;
  handlers?: Array<{ userId: string; role: string | null }>;
}

const incomingOf = async (id: string, as = 'vanthu.snv'): Promise<Incoming> =>
  (await request(suite.sys.app).get(`/api/incoming/${id}`).set(await auth(as)).expect(200)).body;

/**
 * Sở TT&TT's clerk drafts and issues a signed document to Sở Nội vụ through the API; resolves
 * with its summary, the outgoing id and the incoming document once it arrived and was checked.
 */
async function issueToSnv(over: { urgency?: string } = {}): Promise<{ summary: string; outgoingId: string; incomingId: string }> {
  const summary = `Về việc thử nghiệm quy trình văn bản điện tử ${crypto.randomUUID().slice(0, 8)}`;
  const metadata = {
    typeCode: 'CV',
    documentDate: vietnamDate(new Date()),
    summary,
    signerPosition: 'Giám đốc',
    signerName: 'Vì Văn Sơn',
    urgency: over.urgency ?? 'normal',
    receivers: [SNV],
  };
  const clerk = await auth('vanthu.stttt');
  const draft = await request(suite.sys.app)
    .post('/api/outgoing')
    .set(clerk)
    .field('metadata', JSON.stringify(metadata))
    .attach('files', signedPdf, 'cong-van-thu-nghiem.pdf')
    .expect(201);
  await request(suite.sys.app).post(`/api/outgoing/${draft.body.id}/issue`).set(clerk).send({}).expect(200);
  const receiver = await auth('vanthu.snv');
  const incomingId = await eventually(async () => {
    const res = await request(suite.sys.app).get('/api/incoming').query({ filter: JSON.stringify({ q: summary }) }).set(receiver).expect(200);
    const row = (res.body as Array<{ id: string; status: string; legalValidity: string | null }>)[0];
    // arrived and through the receipt checks (legal validity set by the signature check)
    return row && row.status === 'arrived' && row.legalValidity ? row.id : null;
  }, 60_000);
  return { summary, outgoingId: draft.body.id as string, incomingId };
}

/** Accepted through the API; the organization's default rule routes it to its leader. */
async function acceptedAndRouted(incomingId: string): Promise<void> {
  await request(suite.sys.app).post(`/api/incoming/${incomingId}/accept`).set(await auth('vanthu.snv')).send({}).expect(200);
  await eventually(async () => (await incomingOf(incomingId)).status === 'routed', 30_000);
}

const login = (page: Page, username: string) => suite.signIn(page, username, undefined, { waitForDashboard: true });

const openShow = async (page: Page, resource: 'incoming' | 'outgoing', id: string) => {
  await page.goto(`${suite.url}/#/${resource}/${id}/show`);
  await page.getByTestId(`${resource}-header`).waitFor();
};

/** 'YYYY-MM-DD' → 'dd/MM/yyyy', as the back office writes dates. */
const vnDay = (date: string) => date.split('-').reverse().join('/');

describe('document decisions in a browser (R-REC, R-ROUTE, R-DL)', () => {
  test('R-REC-3 R-REC-4 when a clerk accepts an arrived document from the inbox, then it gets an incoming number and the UI and the API show it accepted', async () => {
    const { summary, incomingId } = await issueToSnv();
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'vanthu.snv');
    await page.getByTestId('menu-incoming').click();
    await page.getByTestId('incoming-table').waitFor();
    // "Chờ tiếp nhận": the clerk's queue of arrived documents.
    await page.getByTestId('incoming-awaiting-reception').click();
    const row = page.locator('tr', { hasText: summary });
    await row.getByTestId('incoming-status-arrived').waitFor();
    await expect(row.getByTestId('incoming-status-arrived').textContent()).resolves.toBe('Đã đến, chờ tiếp nhận (01)');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incoming-inbox.png'), fullPage: true });
    await row.click();

    // R-REC-2, R-DOC-4: the clerk sees the checks and the legal validity before deciding.
    await page.getByTestId('incoming-header').waitFor();
    await expect(page.getByTestId('legal-validity-legally_valid').textContent()).resolves.toBe('Có giá trị pháp lý, thay thế bản giấy');
    await expect(page.getByTestId('check-signature').getAttribute('data-outcome')).resolves.toBe('passed');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incoming-arrived.png'), fullPage: true });

    await page.getByTestId('incoming-accept').click();
    const dialog = page.getByTestId('incoming-accept-dialog');
    await dialog.getByTestId('incoming-accept-note').fill('Đã kiểm tra, vào sổ văn bản đến');
    await dialog.getByTestId('incoming-accept-confirm').click();
    await dialog.waitFor({ state: 'hidden' });

    // Accepted (03), then routed by the default rule: either way no longer awaiting reception.
    const header = page.getByTestId('incoming-header');
    await header.locator('[data-testid="incoming-status-accepted"], [data-testid="incoming-status-routed"]').first().waitFor();
    await expect(page.getByTestId('incoming-accept').count()).resolves.toBe(0);
    await page.getByTestId('history-accepted').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incoming-accepted.png'), fullPage: true });

    const stored = await eventually(async () => {
      const doc = await incomingOf(incomingId);
      return doc.registerNumber ? doc : null;
    });
    expect(['accepted', 'routed']).toContain(stored.status);
    expect(stored.registerNumber).toBeGreaterThan(0);
    // The number shows on the page; the register holds it exactly once (R-REC-4).
    await page.reload();
    await page.getByTestId('incoming-header').waitFor();
    await page.getByText(String(stored.registerNumber), { exact: true }).first().waitFor();
    const [{ count }] = await suite.sys.tdb.db.sequelize.query<{ count: string }>(
      "SELECT count(*) AS count FROM register_entries WHERE document_id = ? AND register = 'incoming'",
      { replacements: [incomingId], type: QueryTypes.SELECT },
    );
    expect(Number(count)).toBe(1);
    await page.close();
  });

  test('R-REC-3 when a clerk refuses a document with a reason, then it is refused (02) and the sender sees the refusal and its reason', async () => {
    const { summary, outgoingId, incomingId } = await issueToSnv();
    const reason = 'Văn bản gửi nhầm cơ quan, đề nghị gửi Sở Tài chính';
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'vanthu.snv');
    await page.getByTestId('menu-incoming').click();
    await page.locator('tr', { hasText: summary }).click();
    await page.getByTestId('incoming-header').waitFor();

    await page.getByTestId('incoming-refuse').click();
    const dialog = page.getByTestId('incoming-refuse-dialog');
    // The reason is required: confirming without one sends nothing.
    await dialog.getByTestId('incoming-refuse-reason').fill('');
    await dialog.getByTestId('incoming-refuse-confirm').click();
    await dialog.getByText('Bắt buộc nhập', { exact: true }).waitFor();
    expect((await incomingOf(incomingId)).status).toBe('arrived');

    await dialog.getByTestId('incoming-refuse-reason').fill(reason);
    await dialog.getByTestId('incoming-refuse-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.getByTestId('incoming-header').getByTestId('incoming-status-refused').textContent()).resolves.toBe('Từ chối nhận (trả lại) (02)');
    await page.getByTestId('history-refused').getByText(reason).waitFor();
    expect((await incomingOf(incomingId)).status).toBe('refused');
    await page.close();

    // R-OUT-5: the sender's delivery tracking shows the refusal and why.
    const deliveries = await eventually(async () => {
      const res = await request(suite.sys.app).get(`/api/outgoing/${outgoingId}/deliveries`).set(await auth('vanthu.stttt')).expect(200);
      const d = (res.body as Array<{ receiverCode: string; status: string; statusCode: string | null; reason: string | null }>).find((x) => x.receiverCode === SNV);
      return d?.status === 'refused' ? d : null;
    });
    expect([deliveries.statusCode, deliveries.reason]).toEqual(['02', reason]);
    const sender = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(sender, 'vanthu.stttt');
    await openShow(sender, 'outgoing', outgoingId);
    const delivery = sender.getByTestId(`delivery-${SNV}`);
    await delivery.getByTestId('delivery-status-refused').waitFor();
    await expect(delivery.getByTestId(`delivery-reason-${SNV}`).textContent()).resolves.toBe(reason);
    await sender.screenshot({ path: path.join(SCREENSHOTS, 'outgoing-deliveries.png'), fullPage: true });
    await sender.close();
  });

  test('R-ROUTE-2 when a leader assigns a main handler and a co-handler with a deadline from their tasks, then the document is being processed (05) by them with that deadline', async () => {
    const { summary, incomingId } = await issueToSnv();
    await acceptedAndRouted(incomingId);
    // A second specialist of Sở Nội vụ as co-handler.
    const coUsername = `phoihop.${crypto.randomUUID().slice(0, 6)}`;
    await request(suite.sys.app)
      .post('/api/users')
      .set(await auth('admin'))
      .send({ username: coUsername, fullName: 'Lò Văn Tiến', organizationCode: SNV, roles: ['specialist'], password: 'Mat-khau-phoi-hop-1' })
      .expect(201);
    const due = addCalendarDays(vietnamDate(new Date()), 14);

    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'lanhdao.snv');
    // "Việc của tôi": the assignment the default rule gave the leader.
    await page.getByTestId('menu-tasks').click();
    await page.getByTestId('task-table').waitFor();
    const task = page.locator('tr', { hasText: summary });
    await task.getByText('Phân công xử lý').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tasks-leader.png'), fullPage: true });
    await task.click();
    await page.getByTestId('incoming-header').getByTestId('incoming-status-routed').waitFor();

    await page.getByTestId('incoming-assign').click();
    const dialog = page.getByTestId('incoming-assign-dialog');
    await dialog.getByTestId('incoming-assign-main').getByRole('combobox').fill('Tòng');
    await page.getByRole('option', { name: /Tòng Văn Hùng/ }).click();
    await dialog.getByTestId('incoming-assign-co').getByRole('combobox').fill('Lò Văn Tiến');
    await page.getByRole('option', { name: /Lò Văn Tiến/ }).click();
    await dialog.getByTestId('incoming-assign-due').fill(`${due}T16:30`);
    await dialog.getByTestId('incoming-assign-reason').fill('Đồng chí Hùng chủ trì, đồng chí Tiến phối hợp');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incoming-assign-dialog.png'), fullPage: true });
    await dialog.getByTestId('incoming-assign-confirm').click();
    await dialog.waitFor({ state: 'hidden' });

    await expect(page.getByTestId('incoming-header').getByTestId('incoming-status-processing').textContent()).resolves.toBe('Đang xử lý (05)');
    await expect(page.getByTestId('incoming-main-handler').textContent()).resolves.toBe('Tòng Văn Hùng');
    await page.getByTestId('incoming-co-handlers').getByText('Lò Văn Tiến').waitFor();
    await page.getByTestId('incoming-deadline-chip').getByText(`${vnDay(due)} 16:30`).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incoming-processing.png'), fullPage: true });

    const stored = await incomingOf(incomingId);
    const [main, co] = [await userId('chuyenvien.snv'), await userId(coUsername)];
    expect(stored.status).toBe('processing');
    expect(stored.mainHandlerId).toBe(main);
    expect(stored.handlers?.filter((h) => h.role === 'co').map((h) => h.userId)).toEqual([co]);
    expect(Date.parse(stored.dueAt!)).toBe(Date.parse(`${due}T16:30:00+07:00`));
    await page.close();
  });

  test('R-DL-1 when the main handler completes the document from "Việc của tôi", then it is completed (06) with the result and leaves their tasks', async () => {
    const { summary, outgoingId, incomingId } = await issueToSnv();
    await acceptedAndRouted(incomingId);
    await request(suite.sys.app)
      .post(`/api/incoming/${incomingId}/assign`)
      .set(await auth('lanhdao.snv'))
      .send({ handlerId: await userId('chuyenvien.snv') })
      .expect(200);
    await eventually(async () => (await incomingOf(incomingId)).status === 'processing');
    const result = 'Đã tham mưu văn bản trả lời số 15/SNV-VP';

    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'chuyenvien.snv');
    await page.getByTestId('menu-tasks').click();
    await page.getByTestId('task-table').waitFor();
    const task = page.locator('tr', { hasText: summary });
    await task.getByText('Xử lý văn bản').waitFor();
    // Processing takes 10 working days by default: far from due, so green.
    await expect(task.locator('[data-testid^="task-deadline-"]').getAttribute('data-tone')).resolves.toBe('ok');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tasks-specialist.png'), fullPage: true });
    await task.click();
    await page.getByTestId('incoming-header').getByTestId('incoming-status-processing').waitFor();
    // A specialist neither receives nor assigns.
    await expect(page.getByTestId('incoming-accept').count()).resolves.toBe(0);
    await expect(page.getByTestId('incoming-assign').count()).resolves.toBe(0);

    await page.getByTestId('incoming-complete').click();
    const dialog = page.getByTestId('incoming-complete-dialog');
    await dialog.getByTestId('incoming-complete-result').fill(result);
    await dialog.getByTestId('incoming-complete-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(page.getByTestId('incoming-header').getByTestId('incoming-status-completed').textContent()).resolves.toBe('Đã hoàn thành (06)');
    await expect(page.getByTestId('incoming-result').textContent()).resolves.toBe(result);
    await expect(page.getByTestId('incoming-complete').count()).resolves.toBe(0);

    const stored = await incomingOf(incomingId);
    expect([stored.status, stored.result]).toEqual(['completed', result]);
    // The task is done: gone from "Việc của tôi" (UI and API).
    const mine = await request(suite.sys.app).get('/api/tasks').query({ filter: JSON.stringify({ documentId: incomingId }) }).set(await auth('chuyenvien.snv')).expect(200);
    expect(mine.body).toEqual([]);
    await page.getByTestId('menu-tasks').click();
    // The list, or react-admin's empty page when nothing is left; a cached row may show until the list is read again.
    await page.locator('[data-testid="task-table"], .RaEmpty-message').first().waitFor();
    await page.locator('tr', { hasText: summary }).waitFor({ state: 'detached' });
    // R-DOC-3: the sender is told, 06 included.
    await eventually(async () => {
      const res = await request(suite.sys.app).get(`/api/outgoing/${outgoingId}/deliveries`).set(await auth('vanthu.stttt')).expect(200);
      return (res.body as Array<{ receiverCode: string; statusCode: string | null }>).find((d) => d.receiverCode === SNV)?.statusCode === '06';
    });
    await page.close();
  });

  test('R-DL-4 when an express document arrives among normal ones, then the inbox lists it first and highlights it', async () => {
    await issueToSnv();
    const express = await issueToSnv({ urgency: 'express' });
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'vanthu.snv');
    await page.getByTestId('menu-incoming').click();
    await page.getByTestId('incoming-table').waitFor();
    const first = page.getByTestId('incoming-table').locator('tbody tr').first();
    await first.getByText(express.summary).waitFor();
    await expect(first.getByTestId('urgency-express').textContent()).resolves.toBe('Hỏa tốc');
    // Highlighted: a tinted row (R-DL-4 priority mode).
    // (a function as text: the test code is not compiled with the browser's types)
    await expect(first.evaluate('(row) => getComputedStyle(row).backgroundColor')).resolves.not.toBe('rgba(0, 0, 0, 0)');
    await page.close();
  });
});

describe('issuing, paper intake, recall and rules in a browser (R-OUT, R-REC-5, R-RCL-1, R-ROUTE-1)', () => {
  test('R-OUT-1 R-OUT-2 when a clerk drafts an outgoing document with its signed PDF in the form and issues it, then it gets its number and reaches the receiver', async () => {
    const summary = `Về việc báo cáo chuyển giao văn bản ${crypto.randomUUID().slice(0, 8)}`;
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1200 } });
    await login(page, 'vanthu.stttt');
    await page.getByTestId('menu-outgoing').click();
    await page.getByTestId('outgoing-create').click();

    await page.getByTestId('document-type-input').getByRole('combobox').click();
    await page.getByRole('option', { name: 'Công văn', exact: true }).click();
    await page.locator('input[name="documentDate"]').fill(vietnamDate(new Date()));
    await page.locator('textarea[name="summary"]').fill(summary);
    await page.locator('input[name="signerPosition"]').fill('Giám đốc');
    await page.locator('input[name="signerName"]').fill('Vì Văn Sơn');
    await page.getByTestId('outgoing-receivers').getByRole('combobox').fill('noi vu');
    await page.getByRole('option', { name: /Sở Nội vụ tỉnh Sơn La/ }).click();
    await page.locator('.ra-input-mainFile input[type="file"]').setInputFiles({ name: 'cong-van-bao-cao.pdf', mimeType: 'application/pdf', buffer: signedPdf });
    await page.getByText('cong-van-bao-cao.pdf').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'outgoing-create.png'), fullPage: true });
    await page.getByRole('button', { name: 'Lưu' }).click();

    // The draft's page: verified signature, not issued yet.
    const header = page.getByTestId('outgoing-header');
    await header.getByTestId('outgoing-status-draft').waitFor();
    await expect(header.getByTestId('legal-validity-legally_valid').isVisible()).resolves.toBe(true);
    const outgoingId = page.url().split('/outgoing/')[1]!.split('/')[0]!;

    await page.getByTestId('outgoing-issue').click();
    const dialog = page.getByTestId('outgoing-issue-dialog');
    // A validly signed PDF needs no server signature.
    await expect(dialog.getByTestId('outgoing-issue-unsigned').count()).resolves.toBe(0);
    await dialog.getByTestId('outgoing-issue-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await header.getByTestId('outgoing-status-issued').waitFor();

    const issued = (await request(suite.sys.app).get(`/api/outgoing/${outgoingId}`).set(await auth('vanthu.stttt')).expect(200)).body;
    expect(issued.status).toBe('issued');
    expect(issued.documentIdentifier).toMatch(/^000\.00\.03\.H52\.\d{4}\.\d+$/);
    await page.getByText(issued.numberAndNotation, { exact: true }).first().waitFor();
    // R-OUT-5: the receiver's row follows the document; it arrives at Sở Nội vụ.
    await eventually(async () => {
      const res = await request(suite.sys.app).get('/api/incoming').query({ filter: JSON.stringify({ q: summary }) }).set(await auth('vanthu.snv')).expect(200);
      return res.body.length === 1;
    }, 60_000);
    await page.reload();
    await page.getByTestId(`delivery-${SNV}`).locator('[data-testid^="delivery-status-"]').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'outgoing-issued.png'), fullPage: true });
    await page.close();
  });

  test('R-REC-5 R-DOC-4 when a clerk enters a plain paper document with its scan, then it waits in the inbox for reception, for information only', async () => {
    const summary = `Về việc góp ý dự thảo quy chế công tác văn thư ${crypto.randomUUID().slice(0, 8)}`;
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1200 } });
    await login(page, 'vanthu.snv');
    await page.getByTestId('menu-incoming').click();
    await page.getByTestId('incoming-create').click();
    await page.locator('input[name="senderName"]').fill('Bộ Nội vụ');
    await page.locator('input[name="numberAndNotation"]').fill('125/BNV-VP');
    await page.getByTestId('document-type-input').getByRole('combobox').click();
    await page.getByRole('option', { name: 'Công văn', exact: true }).click();
    await page.locator('input[name="documentDate"]').fill(vietnamDate(new Date()));
    await page.locator('textarea[name="summary"]').fill(summary);
    await page.locator('.ra-input-files input[type="file"]').setInputFiles({ name: 'ban-quet.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await makePdf()) });
    await page.getByText('ban-quet.pdf').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incoming-paper-create.png'), fullPage: true });
    await page.getByRole('button', { name: 'Lưu' }).click();

    const header = page.getByTestId('incoming-header');
    await header.getByTestId('incoming-status-arrived').waitFor();
    await expect(page.getByTestId('incoming-intake').textContent()).resolves.toBe('Văn bản giấy (bản quét)');
    const incomingId = page.url().split('/incoming/')[1]!.split('/')[0]!;
    const stored = await eventually(async () => {
      const doc = (await request(suite.sys.app).get(`/api/incoming/${incomingId}`).set(await auth('vanthu.snv')).expect(200)).body;
      return doc.legalValidity ? doc : null;
    });
    expect([stored.intake, stored.status, stored.legalValidity, stored.senderName]).toEqual(['paper', 'arrived', 'information_only', 'Bộ Nội vụ']);
    await page.reload();
    await page.getByTestId('legal-validity-information_only').first().waitFor();
    await page.getByTestId('information-only-banner').waitFor();
    await page.close();
  });

  test('R-ROUTE-1 when an admin asks "Quy tắc nào áp dụng?" about a document on chuyển đổi số for Sở TT&TT, then the keyword rule fires and says why', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'admin');
    await page.getByTestId('menu-routing-rule-tester').click();
    await page.getByTestId('routing-rule-tester').waitFor();
    await page.getByTestId('routing-test-organization').getByRole('combobox').fill('thong tin');
    await page.getByRole('option', { name: /Sở Thông tin và Truyền thông tỉnh Sơn La/ }).click();
    await page.locator('textarea[name="summary"]').fill('Về việc đẩy mạnh CHUYEN DOI SO trong cơ quan nhà nước năm 2026');
    await page.getByTestId('routing-test-run').click();
    const decision = page.getByTestId('routing-test-decision');
    await decision.waitFor();
    await decision.getByText('Áp dụng quy tắc "Chuyển đổi số, công nghệ thông tin: chuyên viên phụ trách" (phiên bản 1)').waitFor();
    await decision.getByText('Bạc Thị Thu').waitFor();
    await decision.getByText(/chuyển đổi số/).first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'routing-rule-tester.png'), fullPage: true });
    await page.close();
  });

  test('R-ROUTE-1 when an admin changes a routing rule, then a new version is written and both versions are listed', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1200 } });
    await login(page, 'admin');
    await page.getByTestId('menu-routing-rules').click();
    await page.getByTestId('routing-rule-table').waitFor();
    await page.locator('tr', { hasText: 'Chuyển đổi số, công nghệ thông tin' }).click();
    await page.getByTestId('routing-rule-versions').waitFor();
    await page.locator('input[name="priority"]').fill('40');
    await page.getByTestId('routing-rule-save').click();
    await page.getByTestId('routing-rule-version-2').waitFor();
    await expect(page.getByTestId('routing-rule-version-1').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'routing-rule-edit.png'), fullPage: true });

    const id = page.url().split('/routing-rules/')[1]!.split(/[/?]/)[0]!;
    const versions = (await request(suite.sys.app).get(`/api/routing-rules/${id}/versions`).set(await auth('admin')).expect(200)).body as Array<{ version: number; priority: number }>;
    // The seeded keyword rule had priority 10.
    expect([...versions].sort((a, b) => a.version - b.version).map((v) => [v.version, v.priority])).toEqual([
      [1, 10],
      [2, 40],
    ]);
    await page.close();
  });

  test('R-RCL-1 when the sender recalls an accepted document with a reason, then the receiving clerk agrees in the UI and the sender sees the answer (15)', async () => {
    const { outgoingId, incomingId } = await issueToSnv();
    await acceptedAndRouted(incomingId);
    const reason = 'Văn bản ban hành sai thẩm quyền';

    const sender = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(sender, 'vanthu.stttt');
    await openShow(sender, 'outgoing', outgoingId);
    await sender.getByTestId('outgoing-recall').click();
    const recall = sender.getByTestId('outgoing-recall-dialog');
    await recall.getByTestId('outgoing-recall-reason').fill(reason);
    await recall.getByTestId('outgoing-recall-confirm').click();
    await recall.waitFor({ state: 'hidden' });
    await sender.getByTestId('outgoing-header').getByTestId('outgoing-status-recalled').waitFor();

    // The receiver's clerk is asked: the banner and the answer button.
    await eventually(async () => !!((await incomingOf(incomingId)) as Incoming & { pendingChange?: unknown }).pendingChange, 30_000);
    const clerk = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(clerk, 'vanthu.snv');
    await openShow(clerk, 'incoming', incomingId);
    await clerk.getByTestId('pending-change').getByText(`Lý do: ${reason}`).waitFor();
    await clerk.screenshot({ path: path.join(SCREENSHOTS, 'incoming-recall-requested.png'), fullPage: true });
    await clerk.getByTestId('incoming-acknowledge-recall').click();
    const answer = clerk.getByTestId('incoming-acknowledge-recall-dialog');
    await answer.getByTestId('incoming-acknowledge-recall-confirm').click();
    await answer.waitFor({ state: 'hidden' });
    await clerk.getByTestId('incoming-header').getByTestId('incoming-status-recalled').waitFor();
    await expect(clerk.getByTestId('pending-change').count()).resolves.toBe(0);
    expect((await incomingOf(incomingId)).status).toBe('recalled');
    await clerk.close();

    await eventually(async () => {
      const res = await request(suite.sys.app).get(`/api/outgoing/${outgoingId}/deliveries`).set(await auth('vanthu.stttt')).expect(200);
      return (res.body as Array<{ receiverCode: string; change: { code: string | null } | null }>).find((d) => d.receiverCode === SNV)?.change?.code === '15';
    }, 30_000);
    await sender.reload();
    await expect(sender.getByTestId(`delivery-change-${SNV}`).textContent()).resolves.toBe('Thu hồi: Đồng ý (15)');
    await sender.close();
  });

  test('R-OUT-4 when a document goes to an organization that is not connected, then the clerk prints its paper copy and confirms the dispatch', async () => {
    const SOP_COP = '000.00.41.H52'; // not connected: paper path (R-CONN-3)
    const clerk = await auth('vanthu.stttt');
    const draft = await request(suite.sys.app)
      .post('/api/outgoing')
      .set(clerk)
      .field(
        'metadata',
        JSON.stringify({
          typeCode: 'CV',
          documentDate: vietnamDate(new Date()),
          summary: `Về việc gửi bản giấy ${crypto.randomUUID().slice(0, 8)}`,
          signerPosition: 'Giám đốc',
          signerName: 'Vì Văn Sơn',
          urgency: 'normal',
          receivers: [SOP_COP],
        }),
      )
      .attach('files', signedPdf, 'cong-van-ban-giay.pdf')
      .expect(201);
    await request(suite.sys.app).post(`/api/outgoing/${draft.body.id}/issue`).set(clerk).send({}).expect(200);
    await eventually(async () => {
      const res = await request(suite.sys.app).get(`/api/outgoing/${draft.body.id}/deliveries`).set(clerk).expect(200);
      return (res.body as Array<{ receiverCode: string; paperStatus: string | null }>).find((d) => d.receiverCode === SOP_COP)?.paperStatus === 'pending';
    }, 30_000);

    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'vanthu.stttt');
    await openShow(page, 'outgoing', draft.body.id);
    const row = page.getByTestId(`delivery-${SOP_COP}`);
    await row.getByText('Bản giấy', { exact: true }).waitFor();
    // The printable copy opens in a new tab, fetched with the bearer token.
    const [tab] = await Promise.all([page.context().waitForEvent('page'), row.getByTestId(`outgoing-print-${SOP_COP}`).click()]);
    await tab.waitForURL(/^blob:/);
    await tab.close();

    await row.getByTestId(`outgoing-paper-dispatched-${SOP_COP}`).click();
    const dialog = page.getByTestId(`outgoing-paper-dispatched-${SOP_COP}-dialog`);
    await dialog.getByTestId('outgoing-paper-dispatched-note').fill('Gửi qua bưu điện, số hiệu EA123456789VN');
    await dialog.getByTestId(`outgoing-paper-dispatched-${SOP_COP}-confirm`).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('Đã gửi bản giấy').first().waitFor();
    await expect(row.getByTestId(`outgoing-paper-dispatched-${SOP_COP}`).count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'outgoing-paper.png'), fullPage: true });
    const deliveries = (await request(suite.sys.app).get(`/api/outgoing/${draft.body.id}/deliveries`).set(clerk).expect(200)).body as Array<{ receiverCode: string; paperStatus: string | null }>;
    expect(deliveries.find((d) => d.receiverCode === SOP_COP)?.paperStatus).toBe('dispatched');
    await page.close();
  });
});

