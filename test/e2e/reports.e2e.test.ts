/**
 * "Thống kê" in a real browser against the real API, PostgreSQL and Temporal (R-RPT-1..3):
 * the province supervisor opens the statistics, sees the province figures, drills down into a
 * district and then into one of its communes, goes back up with the breadcrumb, and exports the
 * report as CSV.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DEMO_PASSWORD, eventually } from '../support/app';
import { useBackOffice } from '../support/browser';
import { makePdf, signAs, testPki } from '../support/pki';

const SNV = '000.00.02.H52';
const STTTT = '000.00.03.H52';
const MOC_CHAU = '000.00.37.H52';
const CHIENG_SON = '000.02.37.H52';
const SCREENSHOTS = path.resolve(__dirname, '../../test-results');

const pki = testPki();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edoc-e2e-reports-'));
const trust = { trustAnchorsDir: path.join(tmp, 'anchors'), signingKeysDir: path.join(tmp, 'keys') };

const suite = useBackOffice(() => {
  fs.mkdirSync(trust.trustAnchorsDir, { recursive: true });
  fs.mkdirSync(trust.signingKeysDir, { recursive: true });
  fs.writeFileSync(path.join(trust.trustAnchorsDir, 'root.pem'), pki.root.pem);
  return { activities: { trust } };
});

const tokens = new Map<string, string>();
async function as(username: string): Promise<{ Authorization: string }> {
  if (!tokens.has(username)) tokens.set(username, (await request(suite.sys.app).post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200)).body.token);
  return { Authorization: `Bearer ${tokens.get(username)}` };
}

/** dd/MM/yyyy of the Vietnam day `offset` days from today. */
const vnDisplayDay = (offset: number) =>
  new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('/');

let n = 0;
async function issue(clerk: string, receivers: string[], pdf: Buffer): Promise<string> {
  n += 1;
  const metadata = { typeCode: 'CV', documentDate: '2026-05-04', summary: `Về việc báo cáo thống kê, đợt ${n}`, signerPosition: 'Giám đốc', signerName: 'Đinh Văn Thành', urgency: 'normal', receivers };
  const draft = await request(suite.sys.app).post('/api/outgoing').set(await as(clerk)).field('metadata', JSON.stringify(metadata)).attach('files', pdf, 'van-ban.pdf').expect(201);
  await request(suite.sys.app).post(`/api/outgoing/${draft.body.id}/issue`).set(await as(clerk)).send({}).expect(200);
  return draft.body.id;
}

beforeAll(async () => {
  const signedPdf = Buffer.from(await signAs(await makePdf(), pki.person));
  // Sở Nội vụ sends one; Mộc Châu one on paper to its commune (not connected); the commune one to Mộc Châu, and registers a paper one.
  await issue('vanthu.snv', [STTTT], signedPdf);
  await issue('vanthu.mocchau', [CHIENG_SON], signedPdf);
  const fromCommune = await issue('vanthu.chiengson', [MOC_CHAU], signedPdf);
  const paper = { senderName: 'Bộ Nội vụ', numberAndNotation: '12/BNV-VP', documentDate: '2026-05-02', typeCode: 'CV', summary: 'Về việc góp ý dự thảo', urgency: 'normal' };
  await request(suite.sys.app).post('/api/incoming').set(await as('vanthu.chiengson')).field('metadata', JSON.stringify(paper)).attach('files', Buffer.from(await makePdf()), 'ban-quet.pdf').expect(201);
  await eventually(async () => {
    const res = await request(suite.sys.app).get('/api/incoming').query({ filter: JSON.stringify({ q: `đợt ${n}` }) }).set(await as('vanthu.mocchau'));
    return res.body.some?.((d: { sourceDocumentId: string }) => d.sourceDocumentId === fromCommune);
  });
}, 300_000);

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('statistics in a browser (R-RPT-1..3)', () => {
  test('R-RPT-1 when the province supervisor opens Thống kê, then the province figures show, and a district and then a commune row drill down, the breadcrumb going back up', async () => {
    const page = await suite.browser.newPage({ acceptDownloads: true });
    await suite.signIn(page, 'giamsat.vp', undefined, { waitForDashboard: true });
    await page.getByTestId('menu-reports').click();
    await page.getByTestId('report-table').waitFor();
    expect(await page.getByTestId('report-breadcrumb-current').textContent()).toBe('Ủy ban nhân dân tỉnh Sơn La');
    // the default period is this month, shown as dd/MM/yyyy
    expect(await page.getByTestId('report-period').textContent()).toMatch(/^Kỳ báo cáo: từ ngày 01\/\d{2}\/\d{4} đến ngày \d{2}\/\d{2}\/\d{4}/);

    // a period around today (an arrival outside office hours counts when they next start, R-CAL-3)
    await page.getByTestId('report-from').fill(vnDisplayDay(-30));
    await page.getByTestId('report-to').fill(vnDisplayDay(30));
    await page.getByTestId('report-apply').click();
    const cell = (code: string, column: string) => page.getByTestId(`report-${code}-${column}`);
    await eventually(async () => (await cell(MOC_CHAU, 'sent').textContent()) === '2', 15_000);
    expect(await cell(SNV, 'sent').textContent()).toBe('1');
    expect(await cell(MOC_CHAU, 'sentPaper').textContent()).toBe('1');
    expect(await cell(MOC_CHAU, 'received').textContent()).toBe('2');
    expect(await page.getByTestId('report-total-sent').textContent()).toBe('3');
    await page.getByTestId('report-chart-exchange').locator('svg').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-province.png'), fullPage: true });

    // drill down into the district: the district itself, its communes
    await page.getByTestId(`report-row-${MOC_CHAU}`).click();
    await eventually(async () => (await page.getByTestId('report-breadcrumb-current').textContent()) === 'Ủy ban nhân dân huyện Mộc Châu', 15_000);
    await page.getByTestId(`report-row-${CHIENG_SON}`).waitFor();
    expect(await cell(MOC_CHAU, 'sentPaper').textContent()).toBe('1');
    expect(await cell(MOC_CHAU, 'received').textContent()).toBe('1');
    expect(await cell(CHIENG_SON, 'sentElectronic').textContent()).toBe('1');
    expect(await cell(CHIENG_SON, 'receivedPaper').textContent()).toBe('1');
    expect(await page.getByTestId('report-total-sent').textContent()).toBe('2');

    // and into the commune
    await page.getByTestId(`report-row-${CHIENG_SON}`).click();
    await eventually(async () => (await page.getByTestId('report-breadcrumb-current').textContent()) === 'Ủy ban nhân dân xã Chiềng Sơn', 15_000);
    expect(await page.locator('[data-testid^="report-row-"]').count()).toBe(1);
    expect(await page.getByTestId('report-total-received').textContent()).toBe('1');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'reports-commune.png'), fullPage: true });

    // back up to the province with the breadcrumb
    await page.getByTestId('report-breadcrumb-000.00.00.H52').click();
    await eventually(async () => (await page.getByTestId('report-breadcrumb-current').textContent()) === 'Ủy ban nhân dân tỉnh Sơn La', 15_000);
    await eventually(async () => (await page.getByTestId('report-total-sent').textContent()) === '3', 15_000);
    await page.close();
  });

  test('R-RPT-3 when the supervisor exports the report as CSV, then the browser saves the file under its Vietnamese name', async () => {
    const page = await suite.browser.newPage({ acceptDownloads: true });
    await suite.signIn(page, 'giamsat.vp', undefined, { waitForDashboard: true });
    await page.goto(`${suite.url}/#/reports`);
    await page.getByTestId('report-table').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^Báo cáo gửi nhận văn bản điện tử 000\.00\.00\.H52 \d{4}-\d{2}-\d{2} \d{4}-\d{2}-\d{2}\.csv$/);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    await page.close();
  });

  test('R-SEC-2 when a clerk signs in, then the menu has no Thống kê', async () => {
    const page = await suite.browser.newPage();
    await suite.signIn(page, 'vanthu.snv', undefined, { waitForDashboard: true });
    await page.getByTestId('menu-dashboard').waitFor();
    expect(await page.getByTestId('menu-reports').count()).toBe(0);
    await page.close();
  });
});
