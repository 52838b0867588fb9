/**
 * Accounts and document types in the built back office, in a real browser against the real API,
 * PostgreSQL and Temporal (R-SEC-2, SPEC §4): an admin creates a clerk who then signs in; a user
 * changes their own password from the user menu; an admin deactivates an account; everyone reads
 * the document types, only admins may add one.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { DEMO_PASSWORD } from '../support/app';
import { useBackOffice } from '../support/browser';

const SCREENSHOTS = path.resolve(__dirname, '../../test-results');

const suite = useBackOffice();

const login = (page: Page, username: string, password?: string) => suite.signIn(page, username, password, { waitForDashboard: true });

async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').getByRole('button').click();
  await page.getByTestId('user-menu-logout').click();
  await page.getByTestId('login-form').waitFor();
}

/** An account made through the API, for the tests that are not about creating one. */
async function apiUser(username: string, roles: string[], password: string): Promise<string> {
  const admin = (await request(suite.sys.app).post('/api/auth/login').send({ username: 'admin', password: DEMO_PASSWORD }).expect(200)).body.token;
  const res = await request(suite.sys.app)
    .post('/api/users')
    .set('Authorization', `Bearer ${admin}`)
    .send({ username, fullName: `Người thử ${username}`, organizationCode: '000.00.02.H52', roles, password })
    .expect(201);
  return res.body.id as string;
}

describe('accounts in a browser (R-SEC-2)', () => {
  test('R-SEC-2 when an admin creates a clerk for Sở Tài chính, then that clerk can log in and sees the dashboard of Sở Tài chính', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'admin');
    await page.getByTestId('menu-users').click();
    await page.getByTestId('user-table').waitFor();
    await page.getByTestId('user-create').click();

    await page.getByTestId('user-username').fill('vanthu2.stc');
    await page.getByTestId('user-full-name').fill('Lường Thị Thu');
    await page.getByTestId('user-organization').getByRole('combobox').fill('tai chinh');
    await page.getByRole('option', { name: /Sở Tài chính tỉnh Sơn La/ }).click();
    await page.getByTestId('user-roles').getByLabel('Văn thư').check();
    // The supervised subtree is asked only for supervisors.
    await expect(page.getByTestId('user-supervises').count()).resolves.toBe(0);
    await page.getByTestId('user-password').fill('Mat-khau-van-thu-1');
    await page.getByTestId('user-password-confirm').fill('Mat-khau-van-thu-1');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'user-create.png'), fullPage: true });
    await page.getByTestId('user-save').click();

    const row = page.locator('tr', { hasText: 'vanthu2.stc' });
    await row.waitFor();
    await expect(row.getByText('Văn thư').isVisible()).resolves.toBe(true);
    await expect(row.getByText('Sở Tài chính tỉnh Sơn La').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'users-list.png'), fullPage: true });

    await logout(page);
    await login(page, 'vanthu2.stc', 'Mat-khau-van-thu-1');
    await page.getByTestId('dashboard').getByText('Xin chào, Lường Thị Thu').waitFor();
    await page.getByTestId('dashboard').getByText('Sở Tài chính tỉnh Sơn La').first().waitFor();
    // A clerk does not administer accounts.
    await expect(page.getByTestId('menu-users').count()).resolves.toBe(0);
    await page.close();
  });

  test('R-SEC-2 when the password is too short on the create form, then the form says so in Vietnamese before sending', async () => {
    const page = await suite.browser.newPage();
    await login(page, 'admin');
    await page.goto(`${suite.url}/#/users/create`);
    await page.getByTestId('user-password').fill('ngan');
    await page.getByTestId('user-password-confirm').click();
    await page.getByText('Mật khẩu phải có ít nhất 10 ký tự').waitFor();
    await page.close();
  });

  test('R-SEC-2 when a user changes their password from the user menu, then the new password logs in', async () => {
    await apiUser('doimatkhau.snv', ['specialist'], 'Mat-khau-cu-123');
    const page = await suite.browser.newPage();
    await login(page, 'doimatkhau.snv', 'Mat-khau-cu-123');
    await page.getByTestId('user-menu').getByRole('button').click();
    await page.getByTestId('user-menu-change-password').click();
    const dialog = page.getByTestId('change-password-dialog');
    // A wrong current password comes back from the server under its field.
    await page.getByTestId('change-password-current').fill('khong-dung-1234');
    await page.getByTestId('change-password-new').fill('Mat-khau-moi-456');
    await page.getByTestId('change-password-confirm').fill('Mat-khau-moi-456');
    await page.getByTestId('change-password-submit').click();
    await dialog.getByText('Mật khẩu hiện tại không đúng').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'change-password.png') });
    await page.getByTestId('change-password-current').fill('Mat-khau-cu-123');
    await page.getByTestId('change-password-submit').click();
    await page.getByText('Đã đổi mật khẩu').waitFor();
    await dialog.waitFor({ state: 'hidden' });

    await logout(page);
    await login(page, 'doimatkhau.snv', 'Mat-khau-moi-456');
    await page.close();
  });

  test('R-SEC-2 when an admin deactivates an account after confirming, then it is shown as deactivated and can no longer log in', async () => {
    await apiUser('ngunghoatdong.snv', ['clerk'], 'Mat-khau-nghi-123');
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'admin');
    await page.goto(`${suite.url}/#/users?filter=${encodeURIComponent(JSON.stringify({ q: 'ngunghoatdong' }))}`);
    await page.getByTestId('user-deactivate-ngunghoatdong.snv').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ngừng kích hoạt' }).click();
    await page.getByTestId('user-reactivate-ngunghoatdong.snv').waitFor();
    await expect(page.locator('tr', { hasText: 'ngunghoatdong.snv' }).getByText('Ngừng hoạt động').isVisible()).resolves.toBe(true);
    await request(suite.sys.app).post('/api/auth/login').send({ username: 'ngunghoatdong.snv', password: 'Mat-khau-nghi-123' }).expect(401);
    await page.close();
  });
});

describe('document types in a browser (SPEC §4)', () => {
  test('R-DOC-2 when an admin adds a document type, then it is listed with its abbreviation', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'admin');
    await page.getByTestId('menu-document-types').click();
    await page.getByTestId('document-type-table').waitFor();
    await page.getByTestId('document-type-create').click();
    await page.getByTestId('document-type-code').fill('hd_lien_tich');
    await page.getByTestId('document-type-name').fill('Hướng dẫn liên tịch');
    await page.getByTestId('document-type-abbreviation').fill('HDLT');
    await page.getByRole('button', { name: 'Lưu' }).click();
    const row = page.locator('tr', { hasText: 'HD_LIEN_TICH' });
    await row.waitFor();
    await expect(row.getByText('HDLT').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'document-types.png'), fullPage: true });
    await page.close();
  });

  test('R-SEC-2 when a clerk opens the document types, then the list shows Công văn without abbreviation and offers no way to add one', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'vanthu.snv');
    await page.getByTestId('menu-document-types').click();
    const row = page.locator('tr', { hasText: 'Công văn' }).first();
    await row.waitFor();
    await expect(row.getByText('không có').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('document-type-create').count()).resolves.toBe(0);
    await page.close();
  });
});
