/**
 * Departments (phòng, ban) in the built back office, in a real browser against the real API,
 * PostgreSQL and Temporal (R-ROUTE-1, R-SEC-2): an admin creates a department and a routing rule
 * that sends documents to it, picked from the organization's departments; the department then
 * cannot be deleted while the rule is active; an admin places a user in a department.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { DEMO_PASSWORD } from '../support/app';
import { useBackOffice } from '../support/browser';

const SCREENSHOTS = path.resolve(__dirname, '../../test-results');
const SNV = '000.00.02.H52';

const suite = useBackOffice();

const login = (page: Page, username: string) => suite.signIn(page, username, undefined, { waitForDashboard: true });

async function admin(): Promise<{ Authorization: string }> {
  const token = (await request(suite.sys.app).post('/api/auth/login').send({ username: 'admin', password: DEMO_PASSWORD }).expect(200)).body.token;
  return { Authorization: `Bearer ${token}` };
}

async function pick(page: Page, testId: string, typed: string, option: RegExp): Promise<void> {
  await page.getByTestId(testId).getByRole('combobox').fill(typed);
  await page.getByRole('option', { name: option }).click();
}

describe('departments in a browser', () => {
  test('R-ROUTE-1 when an admin creates a department and a routing rule to it, then the rule targets that department and the department cannot be deleted while the rule applies', async () => {
    const suffix = crypto.randomUUID().slice(0, 6);
    const departmentName = `Phòng Tổ chức, biên chế ${suffix}`;
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'admin');
    await page.getByTestId('menu-departments').click();
    await page.getByTestId('department-table').waitFor();
    await page.getByTestId('department-create').click();
    await pick(page, 'department-organization', 'noi vu', /Sở Nội vụ tỉnh Sơn La/);
    await page.getByTestId('department-name').fill(departmentName);
    await page.getByTestId('department-save').click();
    const row = page.locator('tr', { hasText: departmentName });
    await row.waitFor();
    await expect(row.getByText('Sở Nội vụ tỉnh Sơn La').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'departments-list.png'), fullPage: true });

    const ruleName = `Tổ chức bộ máy ${suffix}`;
    await page.getByTestId('menu-routing-rules').click();
    await page.getByTestId('routing-rule-table').waitFor();
    await page.goto(`${suite.url}/#/routing-rules/create`);
    await pick(page, 'routing-rule-organization', 'noi vu', /Sở Nội vụ tỉnh Sơn La/);
    await page.locator('input[name="name"]').fill(ruleName);
    await page.getByRole('radio', { name: 'Phòng, ban' }).check();
    // Only the organization's active departments are offered, searched without accents.
    await pick(page, 'routing-rule-target-department', 'to chuc', new RegExp(departmentName));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'routing-rule-department.png'), fullPage: true });
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByTestId('routing-rule-versions').waitFor();

    const department = (await request(suite.sys.app).get('/api/departments').query({ filter: JSON.stringify({ q: departmentName }) }).set(await admin()).expect(200)).body[0];
    const rule = (await request(suite.sys.app).get('/api/routing-rules').query({ filter: JSON.stringify({ q: ruleName }) }).set(await admin()).expect(200)).body[0];
    expect(rule).toMatchObject({ organizationCode: SNV, target: { kind: 'department', departmentId: department.id }, targetName: departmentName });

    // The server's refusal is shown as it said it, and the department stays.
    await page.goto(`${suite.url}/#/departments/${department.id}`);
    await page.getByTestId('department-delete').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText(/Phòng ban đang được sử dụng/).waitFor();
    await request(suite.sys.app).get(`/api/departments/${department.id}`).set(await admin()).expect(200);
    await page.close();
  });

  test("R-SEC-2 when an admin puts a user in a department of the user's organization, then the account belongs to it", async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'admin');
    await page.goto(`${suite.url}/#/users?filter=${encodeURIComponent(JSON.stringify({ q: 'vanthu.snv' }))}`);
    await page.locator('tr', { hasText: 'vanthu.snv' }).getByText('Quàng Thị Lan').click();
    await pick(page, 'user-department', 'van phong', /^Văn phòng$/);
    await page.getByTestId('user-save').click();
    await page.getByTestId('user-table').waitFor();

    const departments = (await request(suite.sys.app).get('/api/departments').query({ filter: JSON.stringify({ organizationCode: SNV, q: 'Văn phòng' }) }).set(await admin()).expect(200)).body;
    const users = (await request(suite.sys.app).get('/api/users').query({ filter: JSON.stringify({ q: 'vanthu.snv' }) }).set(await admin()).expect(200)).body;
    expect(departments).toHaveLength(1);
    expect(users.find((u: { username: string }) => u.username === 'vanthu.snv')).toMatchObject({ departmentId: departments[0].id });
    await page.close();
  });
});
