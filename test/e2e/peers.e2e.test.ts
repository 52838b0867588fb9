/**
 * Peer systems in the built back office, in a real browser against the real API, PostgreSQL and
 * Temporal (R-SEC-1, SPEC §8): an admin registers a peer by pasting its certificate and reads the
 * fingerprint the system will recognize it by, changes the codes it serves, deactivates it; a
 * certificate read from a DER file; the warning before a certificate ends; clerks do not see
 * the screen. Certificates are made at test time.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { makeInteropIdentity } from '../../scripts/lib/interop-identity';
import { DEMO_PASSWORD } from '../support/app';
import { useBackOffice } from '../support/browser';

const SCREENSHOTS = path.resolve(__dirname, '../../test-results');

const suite = useBackOffice();

const login = (page: Page, username: string) => suite.signIn(page, username, undefined, { waitForDashboard: true });

/** What the server must compute: the SHA-256 of the certificate's DER bytes, lower-case hex. */
const fingerprintOf = (pem: string) => crypto.createHash('sha256').update(new crypto.X509Certificate(pem).raw).digest('hex');

let codeSeq = 0;
/** Organization codes of another province (Lai Châu, H30), one fresh pair per test: a code belongs to one active peer. */
const freshCodes = (): [string, string] => {
  codeSeq += 1;
  const n = String(10 + codeSeq).padStart(2, '0');
  return [`000.00.${n}.H30`, `000.${n}.${n}.H30`];
};

async function adminApi(): Promise<{ Authorization: string }> {
  const token = (await request(suite.sys.app).post('/api/auth/login').send({ username: 'admin', password: DEMO_PASSWORD }).expect(200)).body.token;
  return { Authorization: `Bearer ${token}` };
}

async function peerByName(name: string): Promise<{ id: string; active: boolean; organizationCodes: string[]; fingerprint: string }> {
  const res = await request(suite.sys.app).get('/api/peers').query({ filter: JSON.stringify({ q: name }) }).set(await adminApi()).expect(200);
  expect(res.body).toHaveLength(1);
  return res.body[0];
}

async function addCode(page: Page, code: string): Promise<void> {
  const input = page.getByTestId('peer-codes').getByRole('combobox');
  await input.fill(code);
  await input.press('Enter');
  await page.getByTestId('peer-codes').getByText(code.toUpperCase(), { exact: true }).waitFor();
}

describe('peer systems in a browser (R-SEC-1)', () => {
  test('R-SEC-1 when an admin registers a peer by pasting its PEM, then the show page has the fingerprint of its DER bytes, and copying it says so', async () => {
    const identity = makeInteropIdentity({ commonName: 'vbdh.laichau.gov.vn', organization: 'UBND tỉnh Lai Châu' });
    const [code1, code2] = freshCodes();
    const context = await suite.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.url });
    const page = await context.newPage();
    await login(page, 'admin');
    await page.getByTestId('menu-peers').click();
    await page.getByTestId('peer-create').click();

    await page.getByTestId('peer-name').fill('Hệ thống QLVB tỉnh Lai Châu');
    await page.getByTestId('peer-endpoint').fill('https://vbdh.laichau.gov.vn');
    // Typed in lower case: the form upper-cases the level-1 letter.
    await addCode(page, code1.toLowerCase());
    await addCode(page, code2);
    await page.getByTestId('peer-certificate-pem').fill(identity.certPem);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'peer-create.png'), fullPage: true });
    await page.getByTestId('peer-save').click();

    const expected = fingerprintOf(identity.certPem);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    await page.getByTestId('peer-fingerprint').waitFor();
    await expect(page.getByTestId('peer-fingerprint').textContent()).resolves.toBe(expected);
    await page.getByText('CN=vbdh.laichau.gov.vn').first().waitFor();
    await page.getByTestId('peer-certificate-valid').waitFor();
    await page.getByTestId('peer-fingerprint-copy').click();
    await page.getByText('Đã sao chép dấu vân tay').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(expected);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'peer-show.png'), fullPage: true });

    const saved = await peerByName('Lai Châu');
    expect(saved).toMatchObject({ fingerprint: expected, organizationCodes: [code1, code2], active: true });
    await context.close();
  });

  test('R-SEC-1 when an admin edits the organization codes of a peer, then the new codes are saved and a malformed one is refused in the form', async () => {
    const identity = makeInteropIdentity({ commonName: 'vbdh.dienbien.gov.vn' });
    const [code1, code2] = freshCodes();
    const created = await request(suite.sys.app)
      .post('/api/peers')
      .set(await adminApi())
      .send({ name: 'Hệ thống QLVB tỉnh Điện Biên', endpointUrl: 'https://vbdh.dienbien.gov.vn', organizationCodes: [code1], certificatePem: identity.certPem })
      .expect(201);
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'admin');
    await page.goto(`${suite.url}/#/peers/${created.body.id}/show`);
    await page.getByTestId('peer-edit').click();

    await addCode(page, '000.00.1.H30');
    await page.getByTestId('peer-save').click();
    await page.getByText('Mã định danh không đúng dạng LLL.KK.JJ.Hnn: 000.00.1.H30').waitFor();
    // Backspace in the empty input takes the last chip off.
    await page.getByTestId('peer-codes').getByRole('combobox').press('Backspace');
    await expect(page.getByTestId('peer-codes').getByText('000.00.1.H30', { exact: true }).count()).resolves.toBe(0);
    await addCode(page, code2);
    await page.getByTestId('peer-save').click();

    await page.getByTestId('peer-fingerprint').waitFor();
    await page.getByText(code2, { exact: true }).waitFor();
    expect((await peerByName('Điện Biên')).organizationCodes).toEqual([code1, code2]);
    await page.close();
  });

  test('R-SEC-1 when an admin deactivates a peer after confirming, then it is listed as deactivated and the API says so', async () => {
    const identity = makeInteropIdentity({ commonName: 'vbdh.laocai.gov.vn' });
    const [code1] = freshCodes();
    const created = await request(suite.sys.app)
      .post('/api/peers')
      .set(await adminApi())
      .send({ name: 'Hệ thống QLVB tỉnh Lào Cai', endpointUrl: 'https://vbdh.laocai.gov.vn', organizationCodes: [code1], certificatePem: identity.certPem })
      .expect(201);
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'admin');
    await page.goto(`${suite.url}/#/peers/${created.body.id}/show`);
    await page.getByTestId('peer-deactivate').click();
    await page.getByRole('dialog').getByText('Ngừng liên thông với hệ thống này?').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Xác nhận' }).click();

    await page.getByTestId('peer-table').waitFor();
    const row = page.locator('tr', { hasText: 'Lào Cai' });
    await row.getByText('Ngừng liên thông').waitFor();
    expect((await peerByName('Lào Cai')).active).toBe(false);
    await page.close();
  });

  test('R-SEC-1 when an admin reads the certificate from a DER .crt file, then the form holds it as PEM and the peer gets its fingerprint', async () => {
    const identity = makeInteropIdentity({ commonName: 'vbdh.hagiang.gov.vn' });
    const der = Buffer.from(new crypto.X509Certificate(identity.certPem).raw);
    const [code1] = freshCodes();
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'admin');
    await page.goto(`${suite.url}/#/peers/create`);
    await page.getByTestId('peer-name').fill('Hệ thống QLVB tỉnh Hà Giang');
    await page.getByTestId('peer-endpoint').fill('https://vbdh.hagiang.gov.vn');
    await addCode(page, code1);
    await page.getByTestId('peer-certificate-file').setInputFiles({ name: 'hagiang.crt', mimeType: 'application/pkix-cert', buffer: der });
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('textarea[data-testid="peer-certificate-pem"]')?.value.startsWith('-----BEGIN CERTIFICATE-----\n'));
    await page.getByTestId('peer-save').click();
    await page.getByTestId('peer-fingerprint').waitFor();
    await expect(page.getByTestId('peer-fingerprint').textContent()).resolves.toBe(fingerprintOf(identity.certPem));
    await page.close();
  });

  test('R-SEC-1 when a peer certificate ends within 30 days, then the list warns how many days are left', async () => {
    // About 18 days of validity.
    const identity = makeInteropIdentity({ commonName: 'vbdh.yenbai.gov.vn', years: 0.05 });
    const [code1] = freshCodes();
    await request(suite.sys.app)
      .post('/api/peers')
      .set(await adminApi())
      .send({ name: 'Hệ thống QLVB tỉnh Yên Bái', endpointUrl: 'https://vbdh.yenbai.gov.vn', organizationCodes: [code1], certificatePem: identity.certPem })
      .expect(201);
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'admin');
    await page.goto(`${suite.url}/#/peers`);
    const row = page.locator('tr', { hasText: 'Yên Bái' });
    await row.getByTestId('peer-certificate-expiring').waitFor();
    await expect(row.getByTestId('peer-certificate-expiring').textContent()).resolves.toMatch(/^Còn 1[78] ngày$/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'peers-list.png'), fullPage: true });
    await page.close();
  });

  test('R-SEC-1 when a clerk signs in, then the menu has no peer systems entry', async () => {
    const page = await suite.browser.newPage();
    await login(page, 'vanthu.snv');
    await page.getByTestId('menu-tasks').waitFor();
    await expect(page.getByTestId('menu-peers').count()).resolves.toBe(0);
    await page.close();
  });
});
