/**
 * The incoming register in the built back office, in a real browser against the real API,
 * PostgreSQL and Temporal (R-DOC-1, R-REC-3): a clerk finds an accented document by typing
 * without accents, exports the register as XLSX and reads the file, and accepts two arrived
 * documents in one action, each getting its own incoming number.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { vietnamDate } from '../../domain/calendar';
import { DEMO_PASSWORD, eventually } from '../support/app';
import { useBackOffice } from '../support/browser';
import { makePdf, signAs, testPki } from '../support/pki';

const STTTT = '000.00.03.H52'; // Sở Thông tin và Truyền thông: receives
const SCREENSHOTS = path.resolve(__dirname, '../../test-results');

const pki = testPki();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edoc-e2e-registers-'));
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

interface Listed {
  id: string;
  status: string;
  summary: string;
  registerNumber: number | null;
  checksPassed: boolean | null;
}

/** Sở Nội vụ issues a signed document to Sở TT&TT; resolves once it arrived there and its checks passed. */
async function arrivedAtStttt(summary: string): Promise<string> {
  const clerk = await auth('vanthu.snv');
  const metadata = { typeCode: 'CV', documentDate: vietnamDate(new Date()), summary, signerPosition: 'Giám đốc', signerName: 'Đinh Văn Thành', urgency: 'normal', receivers: [STTTT] };
  const draft = await request(suite.sys.app).post('/api/outgoing').set(clerk).field('metadata', JSON.stringify(metadata)).attach('files', signedPdf, 'cong-van.pdf').expect(201);
  await request(suite.sys.app).post(`/api/outgoing/${draft.body.id}/issue`).set(clerk).send({}).expect(200);
  const receiver = await auth('vanthu.stttt');
  return eventually(async () => {
    const res = await request(suite.sys.app).get('/api/incoming').query({ filter: JSON.stringify({ q: summary }) }).set(receiver).expect(200);
    const row = (res.body as Listed[])[0];
    return row && row.status === 'arrived' && row.checksPassed === true ? row.id : null;
  }, 60_000);
}

const incomingOf = async (id: string): Promise<Listed> => (await request(suite.sys.app).get(`/api/incoming/${id}`).set(await auth('vanthu.stttt')).expect(200)).body;

async function openIncoming(page: Page, search: string): Promise<void> {
  await page.getByTestId('menu-incoming').click();
  await page.getByTestId('incoming-table').waitFor();
  await page.locator('input[name="q"]').fill(search);
}

describe('the incoming register in a browser (R-DOC-1)', () => {
  test('R-DOC-1 when a clerk searches "van ban" without accents, then the accented document is listed, and the XLSX export of the search holds it', async () => {
    const tag = crypto.randomBytes(3).toString('hex');
    const summary = `Về việc triển khai văn bản điện tử đợt k${tag}`;
    const id = await arrivedAtStttt(summary);

    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    await suite.signIn(page, 'vanthu.stttt', undefined, { waitForDashboard: true });
    await openIncoming(page, `van ban dien tu dot k${tag}`);
    const row = page.locator('tbody tr', { hasText: summary });
    await row.waitFor();
    await eventually(async () => (await page.locator('tbody tr').count()) === 1, 15_000);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incoming-register-search.png'), fullPage: true });

    await page.getByTestId('register-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('register-export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^so-van-ban-den_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Sổ văn bản đến');
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(1).getCell(6).value).toBe('Trích yếu nội dung');
    expect(ws.getRow(2).getCell(6).value).toBe(summary);
    expect(ws.getRow(2).getCell(5).value).toBe('Sở Nội vụ tỉnh Sơn La');
    // The progress indicator is gone once the file is saved.
    await page.getByTestId('register-export-progress').waitFor({ state: 'detached' });
    expect((await incomingOf(id)).status).toBe('arrived');
    await page.close();
  });

  test('R-DOC-1 when a clerk selects two arrived documents and accepts them in one action, then each shows its own incoming number', async () => {
    const tag = crypto.randomBytes(3).toString('hex');
    const summaries = [`Về việc góp ý dự thảo kế hoạch đợt b${tag} lần 1`, `Về việc góp ý dự thảo kế hoạch đợt b${tag} lần 2`];
    const ids = [await arrivedAtStttt(summaries[0]!), await arrivedAtStttt(summaries[1]!)];

    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await suite.signIn(page, 'vanthu.stttt', undefined, { waitForDashboard: true });
    await openIncoming(page, `gop y du thao ke hoach dot b${tag}`);
    for (const summary of summaries) await page.locator('tbody tr', { hasText: summary }).waitFor();
    await eventually(async () => (await page.locator('tbody tr').count()) === 2, 15_000);
    for (const summary of summaries) await page.locator('tbody tr', { hasText: summary }).locator('input[type="checkbox"]').check();

    await page.getByTestId('incoming-bulk-accept').click();
    await page.getByTestId('incoming-bulk-accept-confirm').click();
    const result = page.getByTestId('incoming-bulk-accept-result');
    await result.waitFor();
    await expect(result.getByTestId('incoming-bulk-accept-summary').textContent()).resolves.toBe('Đã tiếp nhận 2/2 văn bản');
    const numbers: number[] = [];
    for (const id of ids) {
      const outcome = result.getByTestId(`incoming-bulk-accept-outcome-${id}`);
      await expect(outcome.getAttribute('data-ok')).resolves.toBe('true');
      const stored = await incomingOf(id);
      expect(stored.registerNumber).toBeGreaterThan(0);
      numbers.push(stored.registerNumber!);
      await outcome.getByText(`Số đến ${stored.registerNumber}`).waitFor();
    }
    expect(new Set(numbers).size).toBe(2);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incoming-bulk-accept.png'), fullPage: true });
    await page.getByTestId('incoming-bulk-accept-close').click();
    await result.waitFor({ state: 'hidden' });
    await page.close();
  });
});
