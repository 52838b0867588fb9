/**
 * The built back office in a real browser against the real API, PostgreSQL and Temporal
 * (R-ORG-2, R-ORG-4, R-CONN-4, R-SEC-2): log in, see the organization tree, the compliance view.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { useBackOffice } from '../support/browser';

const suite = useBackOffice();

const login = (page: Page, username: string, password?: string) => suite.signIn(page, username, password);

describe('back office in a browser', () => {
  test('R-SEC-2 when the password is wrong, then the login page says so in Vietnamese and stays', async () => {
    const page = await suite.browser.newPage();
    await login(page, 'admin', 'wrong-password');
    await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng').waitFor();
    expect(await page.getByTestId('login-form').isVisible()).toBe(true);
    await page.close();
  });

  test('R-ORG-4 when an admin logs in and opens the organization tree, then the Sơn La tree is shown with the districts under the province', async () => {
    const page = await suite.browser.newPage();
    await login(page, 'admin');
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('menu-organization-tree').click();
    const tree = page.getByTestId('organization-tree');
    await tree.waitFor();
    const province = page.getByTestId('organization-tree-item-000.00.00.H52');
    await expect(province.getByText('Ủy ban nhân dân tỉnh Sơn La').first().isVisible()).resolves.toBe(true);
    await expect(province.getByText('Ủy ban nhân dân huyện Mộc Châu').first().isVisible()).resolves.toBe(true);
    await expect(province.getByText('Sở Nội vụ tỉnh Sơn La').first().isVisible()).resolves.toBe(true);
    // a commune sits under its district, not under the province directly
    const mocChau = page.getByTestId('organization-tree-item-000.00.37.H52');
    await mocChau.locator('.MuiTreeItem-iconContainer').first().click();
    await mocChau.getByText('Ủy ban nhân dân xã Chiềng Sơn').waitFor();
    await page.screenshot({ path: path.join(__dirname, '../../test-results/organization-tree.png'), fullPage: true });
    await page.close();
  });

  test('R-CONN-4 when the province supervisor opens the connections view filtered to overdue, then the units that missed the deadline are listed', async () => {
    const page = await suite.browser.newPage();
    await login(page, 'giamsat.vp');
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('dashboard-overdue-count').waitFor();
    await page.goto(`${suite.url}/#/connections?filter=${encodeURIComponent(JSON.stringify({ overdue: true }))}`);
    await page.getByText('Ủy ban nhân dân xã Chiềng Sơn').waitFor();
    await expect(page.getByText('Ủy ban nhân dân huyện Mộc Châu', { exact: true }).count()).resolves.toBe(0);
    await page.close();
  });
});
