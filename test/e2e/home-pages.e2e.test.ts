/**
 * The per-role home pages (SPEC §1) in the built back office, in a real browser against the real
 * API, PostgreSQL, Temporal workers and PDF signatures: each role's main journey starts from its
 * home page — the clerk accepts a waiting document from its card, the leader assigns from the
 * card, the specialist opens a task from "Việc của tôi" and completes it, the supervisor finds an
 * overdue item of a commune grouped under it and drills down to the document, the admin finds an
 * organization without routing rules, creates one from the card and sees the next document routed
 * by it. Also the bell's dropdown (mark as read) and the document page's preview and signature
 * verdicts. Documents are real signed PDFs issued by Sở TT&TT; summaries are unique per test.
 * Where waiting for a deadline is impractical, a task's due date is moved into the past in the
 * database.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { vietnamDate } from '../../domain/calendar';
import { DEMO_PASSWORD, eventually } from '../support/app';
import { useBackOffice } from '../support/browser';
import { makePdf, signAs, testPki } from '../support/pki';

const SNV = '000.00.02.H52'; // Sở Nội vụ: receives
const SKHDT = '000.00.05.H52'; // Sở Kế hoạch và Đầu tư: connected, no accounts, no routing rule
const CHIENG_SON = '000.02.37.H52'; // a commune of Mộc Châu, in the province supervisor's subtree
const SCREENSHOTS = path.resolve(__dirname, '../../test-results');

const pki = testPki();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edoc-e2e-home-'));
const trust = { trustAnchorsDir: path.join(tmp, 'anchors'), signingKeysDir: path.join(tmp, 'keys') };

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
async function auth(username: string, password = DEMO_PASSWORD): Promise<{ Authorization: string }> {
  if (!tokens.has(username)) {
    tokens.set(username, (await request(suite.sys.app).post('/api/auth/login').send({ username, password }).expect(200)).body.token);
  }
  return { Authorization: `Bearer ${tokens.get(username)}` };
}

const sql = <T extends object>(query: string, replacements: unknown[] = []) =>
  suite.sys.tdb.db.sequelize.query<T>(query, { replacements, type: QueryTypes.SELECT });

async function userId(username: string): Promise<string> {
  const [row] = await sql<{ id: string }>('SELECT id FROM users WHERE username = ?', [username]);
  return row!.id;
}

interface Incoming {
  id: string;
  status: string;
  mainHandlerId: string | null;
  routedRule: { name: string } | null;
  files: Array<{ fileId: string; role: string }>;
}

const incomingOf = async (id: string, as: string): Promise<Incoming> =>
  (await request(suite.sys.app).get(`/api/incoming/${id}`).set(await auth(as)).expect(200)).body;

const uniqueSummary = (what: string) => `Về việc ${what} ${crypto.randomUUID().slice(0, 8)}`;

/**
 * Sở TT&TT's clerk issues a signed document to `to`; resolves with the incoming document once it
 * arrived there and went through the receipt checks.
 */
async function issueTo(to: string, receiverClerk: string, summary = uniqueSummary('thử nghiệm trang chủ theo vai trò')): Promise<{ summary: string; incomingId: string }> {
  const clerk = await auth('vanthu.stttt');
  const metadata = { typeCode: 'CV', documentDate: vietnamDate(new Date()), summary, signerPosition: 'Giám đốc', signerName: 'Vì Văn Sơn', urgency: 'normal', receivers: [to] };
  const draft = await request(suite.sys.app).post('/api/outgoing').set(clerk).field('metadata', JSON.stringify(metadata)).attach('files', signedPdf, 'cong-van.pdf').expect(201);
  await request(suite.sys.app).post(`/api/outgoing/${draft.body.id}/issue`).set(clerk).send({}).expect(200);
  const receiver = await auth(receiverClerk);
  const incomingId = await eventually(async () => {
    const res = await request(suite.sys.app).get('/api/incoming').query({ filter: JSON.stringify({ q: summary }) }).set(receiver).expect(200);
    const row = (res.body as Array<{ id: string; status: string; legalValidity: string | null }>)[0];
    return row && row.status === 'arrived' && row.legalValidity ? row.id : null;
  }, 60_000);
  return { summary, incomingId };
}

async function acceptedAndRouted(incomingId: string, clerk = 'vanthu.snv'): Promise<Incoming> {
  await request(suite.sys.app).post(`/api/incoming/${incomingId}/accept`).set(await auth(clerk)).send({}).expect(200);
  return eventually(async () => {
    const doc = await incomingOf(incomingId, clerk);
    return doc.status === 'routed' ? doc : null;
  }, 30_000);
}

const login = async (page: Page, username: string, password?: string) => {
  await suite.signIn(page, username, password, { waitForDashboard: true });
  await page.getByTestId('home-sections').waitFor();
};

const newPage = () => suite.browser.newPage({ viewport: { width: 1440, height: 1100 } });

describe('home pages per role (SPEC §1)', () => {
  test('R-REC-2 R-REC-3 when a clerk accepts a waiting document from the home card, then it shows its check verdicts first and leaves the card accepted', async () => {
    const { incomingId } = await issueTo(SNV, 'vanthu.snv');
    const page = await newPage();
    await login(page, 'vanthu.snv');
    expect(await page.getByTestId('home-sections').getAttribute('data-sections')).toBe('clerk');
    const card = page.getByTestId('home-clerk-reception');
    await card.getByText('Văn bản đến chờ tiếp nhận').waitFor();
    const item = card.getByTestId(`home-reception-${incomingId}`);
    await item.waitFor();
    // R-REC-2: every automatic check as a chip; a validly signed PDF passes them all.
    for (const check of ['completeness', 'integrity', 'signature', 'formats']) {
      await expect(item.getByTestId(`home-reception-${incomingId}-check-${check}`).getAttribute('data-outcome')).resolves.toBe('passed');
    }
    await expect(item.getByTestId(`home-reception-${incomingId}-check-signature`).textContent()).resolves.toBe('Chữ ký số');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'home-clerk.png'), fullPage: true });

    await item.getByTestId('incoming-accept').click();
    const dialog = page.getByTestId('incoming-accept-dialog');
    await dialog.getByTestId('incoming-accept-note').fill('Tiếp nhận từ trang chủ');
    await dialog.getByTestId('incoming-accept-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    // The card is read again: the document no longer waits.
    await item.waitFor({ state: 'detached' });
    const stored = await eventually(async () => {
      const doc = await incomingOf(incomingId, 'vanthu.snv');
      return doc.status !== 'arrived' ? doc : null;
    });
    expect(['accepted', 'routed']).toContain(stored.status);
    await page.close();
  });

  test('R-DOC-4 R-FMT-3 when the clerk opens a document from the home card, then its main PDF shows its signature verdict and previews in the page', async () => {
    const { incomingId } = await issueTo(SNV, 'vanthu.snv');
    const page = await newPage();
    await login(page, 'vanthu.snv');
    await page.getByTestId(`home-reception-${incomingId}-open`).click();
    await page.getByTestId('incoming-header').waitFor();
    const { files } = await incomingOf(incomingId, 'vanthu.snv');
    const main = files.find((f) => f.role === 'main')!;
    const verdict = page.getByTestId(`file-signature-${main.fileId}`);
    await expect(verdict.getAttribute('data-verdict')).resolves.toBe('valid');
    await expect(verdict.textContent()).resolves.toBe('Chữ ký số hợp lệ');
    await page.getByTestId(`file-preview-${main.fileId}`).click();
    const frame = page.getByTestId('file-preview-frame');
    await frame.waitFor();
    await expect(frame.getAttribute('src')).resolves.toMatch(/^blob:/);
    // Only the clerk's decisions are offered: no assignment, no completion.
    await page.getByTestId('incoming-accept').waitFor();
    await expect(page.getByTestId('incoming-assign').count()).resolves.toBe(0);
    await expect(page.getByTestId('incoming-complete').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'document-preview.png'), fullPage: true });
    await page.close();
  });

  test('R-ROUTE-2 when a leader assigns a document from the home card, then it is being processed by the chosen specialist', async () => {
    const { incomingId } = await issueTo(SNV, 'vanthu.snv');
    await acceptedAndRouted(incomingId);
    const page = await newPage();
    await login(page, 'lanhdao.snv');
    const item = page.getByTestId('home-leader-decisions').getByTestId(`home-decision-${incomingId}`);
    await item.getByText('Phân công xử lý').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'home-leader.png'), fullPage: true });

    await item.getByTestId('incoming-assign').click();
    const dialog = page.getByTestId('incoming-assign-dialog');
    await dialog.getByTestId('incoming-assign-main').getByRole('combobox').fill('Tòng');
    await page.getByRole('option', { name: /Tòng Văn Hùng/ }).click();
    await dialog.getByTestId('incoming-assign-reason').fill('Phân công từ trang chủ');
    await dialog.getByTestId('incoming-assign-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await item.waitFor({ state: 'detached' });

    const stored = await eventually(async () => {
      const doc = await incomingOf(incomingId, 'lanhdao.snv');
      return doc.status === 'processing' ? doc : null;
    });
    expect(stored.mainHandlerId).toBe(await userId('chuyenvien.snv'));
    await page.close();
  });

  test('R-DL-1 R-DL-2 when a specialist opens an overdue task from "Việc của tôi" and completes it, then it was shown in red and leaves the list', async () => {
    const { incomingId } = await issueTo(SNV, 'vanthu.snv');
    await acceptedAndRouted(incomingId);
    await request(suite.sys.app).post(`/api/incoming/${incomingId}/assign`).set(await auth('lanhdao.snv')).send({ handlerId: await userId('chuyenvien.snv') }).expect(200);
    await eventually(async () => (await sql(`SELECT 1 FROM tasks WHERE document_id = ? AND step = 'processing' AND status = 'open'`, [incomingId])).length > 0);
    // Waiting ten working days is impractical: the processing step is made overdue in the read model.
    await sql(`UPDATE tasks SET due_at = now() - interval '3 hours', overdue = true, overdue_at = now() - interval '3 hours' WHERE document_id = ? AND step = 'processing' AND status = 'open' RETURNING id`, [incomingId]);

    const page = await newPage();
    await login(page, 'chuyenvien.snv');
    const card = page.getByTestId('home-specialist-tasks');
    const item = card.getByTestId(`home-task-${incomingId}`);
    await item.waitFor();
    await expect(item.getAttribute('data-tone')).resolves.toBe('overdue');
    await expect(item.getByTestId(`home-task-${incomingId}-deadline`).getAttribute('data-tone')).resolves.toBe('overdue');
    expect(Number(await card.getByTestId('home-specialist-overdue').getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    // Nearest deadline first: the overdue one heads the list.
    await expect(card.getByTestId('home-specialist-task-list').locator('li').first().getAttribute('data-testid')).resolves.toBe(`home-task-${incomingId}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'home-specialist.png'), fullPage: true });

    await item.getByTestId(`home-task-${incomingId}-open`).click();
    await page.getByTestId('incoming-header').getByTestId('incoming-status-processing').waitFor();
    await page.getByTestId('incoming-complete').click();
    const dialog = page.getByTestId('incoming-complete-dialog');
    await dialog.getByTestId('incoming-complete-result').fill('Đã xử lý xong từ trang chủ');
    await dialog.getByTestId('incoming-complete-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('incoming-header').getByTestId('incoming-status-completed').waitFor();

    await page.getByTestId('menu-dashboard').click();
    await page.getByTestId('home-specialist-tasks').waitFor();
    await page.getByTestId(`home-task-${incomingId}`).waitFor({ state: 'detached' });
    await page.close();
  });

  test('R-DL-2 R-SEC-2 when a commune in the subtree has an overdue step, then the province supervisor sees it grouped under the commune by age and drills down to the document and its escalation', async () => {
    // Chiềng Sơn is not connected: its clerk enters a paper document (R-REC-5), which waits for reception.
    const summary = uniqueSummary('báo cáo tình hình xã Chiềng Sơn');
    const metadata = { senderName: 'Ủy ban nhân dân huyện Mộc Châu', numberAndNotation: '77/UBND-VP', documentDate: vietnamDate(new Date()), typeCode: 'CV', summary, urgency: 'normal' };
    const created = await request(suite.sys.app)
      .post('/api/incoming')
      .set(await auth('vanthu.chiengson'))
      .field('metadata', JSON.stringify(metadata))
      .attach('files', Buffer.from(await makePdf()), 'ban-quet.pdf')
      .expect(201);
    const incomingId = created.body.id as string;
    await eventually(async () => (await sql(`SELECT 1 FROM tasks WHERE document_id = ? AND step = 'reception' AND status = 'open'`, [incomingId])).length > 0, 30_000);
    // Two days overdue and escalated once to the district, as the deadline process would have done.
    await sql(
      `UPDATE tasks SET due_at = now() - interval '2 days', overdue = true, overdue_at = now() - interval '2 days', escalation_level = 1, escalated_to = '000.00.37.H52'
        WHERE document_id = ? AND status = 'open' RETURNING id`,
      [incomingId],
    );
    await sql(
      `INSERT INTO document_history (document_id, at, actor_id, actor_label, action, status, reason, details, dedupe_key)
       VALUES (?, now() - interval '1 day', NULL, 'Hệ thống', 'escalated', 'arrived', 'Quá hạn, báo cáo cấp trên: Ủy ban nhân dân huyện Mộc Châu', CAST(? AS jsonb), ?) RETURNING id`,
      [incomingId, JSON.stringify({ step: 'reception', escalatedToName: 'Ủy ban nhân dân huyện Mộc Châu', result: { level: 1 } }), `e2e-escalation-${incomingId}`],
    );

    const page = await newPage();
    await login(page, 'giamsat.vp');
    const row = page.getByTestId(`home-overdue-org-${CHIENG_SON}`);
    await row.getByText('Ủy ban nhân dân xã Chiềng Sơn').waitFor();
    expect(Number(await row.getByTestId(`home-overdue-org-${CHIENG_SON}-oneToThreeDays`).textContent())).toBeGreaterThanOrEqual(1);
    await expect(row.getByTestId(`home-overdue-org-${CHIENG_SON}-underOneDay`).textContent()).resolves.toBe('0');
    // The escalation is on the card, and Chiềng Sơn among the units not connected (R-CONN-4).
    await page.getByTestId('home-supervisor-escalations').getByText(summary).waitFor();
    const connections = page.getByTestId('home-supervisor-connections');
    if (!(await connections.getByTestId(`home-connection-${CHIENG_SON}`).isVisible())) await connections.getByTestId('home-supervisor-connections-list-toggle').click();
    await connections.getByTestId(`home-connection-${CHIENG_SON}`).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'home-supervisor.png'), fullPage: true });

    // Drill down: the unit's overdue list, then the document.
    await row.getByTestId(`home-overdue-org-${CHIENG_SON}-open`).click();
    await page.getByTestId('overdue-table').waitFor();
    const overdueRow = page.getByTestId('overdue-table').locator('tr', { hasText: summary });
    await overdueRow.click();
    await page.getByTestId('incoming-header').waitFor();
    expect(page.url()).toContain(`/incoming/${incomingId}/show`);
    await page.getByTestId('incoming-deadline-chip').waitFor();
    await expect(page.getByTestId('incoming-deadline-chip').getAttribute('data-tone')).resolves.toBe('overdue');
    // R-DL-2: the escalation is visible in the history.
    await page.getByTestId('history-escalation-summary').getByText(/Ủy ban nhân dân huyện Mộc Châu/).waitFor();
    await page.getByTestId('history-escalated').getByTestId('history-escalation-level-1').waitFor();
    // A supervisor reads, never decides (R-SEC-2).
    await expect(page.getByTestId('incoming-accept').count()).resolves.toBe(0);
    await page.close();
  });

  test('R-ROUTE-1 when an admin creates a routing rule from the home card for an organization without one, then the next document sent there is routed by it', async () => {
    // Sở Kế hoạch và Đầu tư gets its first accounts: a leader to route to and a clerk to accept.
    const admin = await auth('admin');
    const password = 'Mat-khau-so-khdt-1';
    await request(suite.sys.app).post('/api/users').set(admin).send({ username: 'lanhdao.skhdt', fullName: 'Quàng Văn Tiến', organizationCode: SKHDT, roles: ['leader'], password }).expect(201);
    await request(suite.sys.app).post('/api/users').set(admin).send({ username: 'vanthu.skhdt', fullName: 'Lường Thị Thảo', organizationCode: SKHDT, roles: ['clerk'], password }).expect(201);
    await auth('vanthu.skhdt', password);
    const ruleName = `Mặc định Sở KH&ĐT ${crypto.randomUUID().slice(0, 6)}`;

    const page = await newPage();
    await login(page, 'admin');
    const card = page.getByTestId('home-admin-no-rules');
    const org = card.getByTestId(`home-no-rule-${SKHDT}`);
    if (!(await org.isVisible())) await card.getByTestId('home-admin-no-rules-list-toggle').click();
    await org.getByText('Sở Kế hoạch và Đầu tư tỉnh Sơn La').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'home-admin.png'), fullPage: true });

    // The create form opens for that organization, as its default rule.
    await org.getByTestId(`home-no-rule-${SKHDT}-create`).click();
    const name = page.locator('input[name="name"]');
    await name.waitFor();
    await expect(name.inputValue()).resolves.toBe('Mặc định: chuyển lãnh đạo cơ quan phân công');
    await eventually(async () => (await page.getByTestId('routing-rule-organization').getByRole('combobox').inputValue()).includes('Kế hoạch'));
    await name.fill(ruleName);
    await page.getByTestId('routing-rule-target-user').getByRole('combobox').fill('Quàng Văn');
    await page.getByRole('option', { name: /Quàng Văn Tiến/ }).click();
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByTestId('routing-rule-versions').waitFor();

    // "Quy tắc nào áp dụng?" agrees before any document arrives.
    await page.getByTestId('menu-routing-rule-tester').click();
    await page.getByTestId('routing-rule-tester').waitFor();
    await page.getByTestId('routing-test-organization').getByRole('combobox').fill('ke hoach');
    await page.getByRole('option', { name: /Sở Kế hoạch và Đầu tư tỉnh Sơn La/ }).click();
    await page.locator('textarea[name="summary"]').fill('Về việc lập kế hoạch đầu tư công trung hạn');
    await page.getByTestId('routing-test-run').click();
    await page.getByTestId('routing-test-decision').getByText(ruleName, { exact: false }).waitFor();

    // A real document to Sở KH&ĐT, accepted by its clerk, is routed by the new rule to its leader.
    const { incomingId } = await issueTo(SKHDT, 'vanthu.skhdt');
    await request(suite.sys.app).post(`/api/incoming/${incomingId}/accept`).set(await auth('vanthu.skhdt', password)).send({}).expect(200);
    const routed = await eventually(async () => {
      const doc = await incomingOf(incomingId, 'admin');
      return doc.status === 'routed' ? doc : null;
    }, 30_000);
    expect(routed.routedRule?.name).toBe(ruleName);
    const [task] = await sql<{ assignee_user_id: string }>(`SELECT assignee_user_id FROM tasks WHERE document_id = ? AND step = 'assignment' AND status = 'open'`, [incomingId]);
    expect(task?.assignee_user_id).toBe(await userId('lanhdao.skhdt'));

    // The home page no longer lists the organization.
    await page.getByTestId('menu-dashboard').click();
    await page.getByTestId('home-admin-no-rules').waitFor();
    const toggle = page.getByTestId('home-admin-no-rules-list-toggle');
    if (await toggle.isVisible()) await toggle.click();
    await expect(page.getByTestId(`home-no-rule-${SKHDT}`).count()).resolves.toBe(0);
    await page.close();
  });

  test('R-REC-1 R-DL-2 when a clerk opens the bell, then the newest notifications are listed and one is marked read from the dropdown', async () => {
    await issueTo(SNV, 'vanthu.snv');
    const unread = async () => {
      const res = await request(suite.sys.app).get('/api/notifications').query({ filter: JSON.stringify({ unread: true }), range: '[0,0]' }).set(await auth('vanthu.snv')).expect(200);
      return Number(String(res.headers['content-range']).split('/')[1]);
    };
    const before = await unread();
    expect(before).toBeGreaterThan(0);
    const page = await newPage();
    await login(page, 'vanthu.snv');
    const badge = page.getByTestId('notification-bell-count');
    await expect(badge.getAttribute('data-count')).resolves.toBe(String(before));
    await page.getByTestId('notification-bell').click();
    const menu = page.getByTestId('notification-menu');
    const first = menu.locator('[data-unread="true"]').first();
    await first.getByText('Văn bản đến mới').first().waitFor();
    const id = (await first.getAttribute('data-testid'))!.replace('notification-menu-item-', '');
    await menu.getByTestId(`notification-menu-mark-read-${id}`).click();
    await eventually(async () => (await menu.getByTestId(`notification-menu-item-${id}`).getAttribute('data-unread')) === 'false');
    await eventually(async () => (await badge.getAttribute('data-count')) === String(before - 1));
    expect(await unread()).toBe(before - 1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'notification-menu.png') });
    await page.close();
  });
});
