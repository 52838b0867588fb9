/**
 * The working calendar, the deadline calculator and the registers in the built back office, in a
 * real browser against the real API, PostgreSQL and Temporal (R-CAL-2, R-CAL-3, R-DL-1, R-DOC-1,
 * R-SEC-2). Dates are computed from today, never hard-coded, so the suite does not drift.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createCalendarRepository } from '../../db/repositories/calendar.repository';
import { createRegistersRepository } from '../../db/repositories/registers.repository';
import { addCalendarDays, isoWeekday, vietnamDate } from '../../domain/calendar';
import { useBackOffice } from '../support/browser';

const SNV = '000.00.02.H52'; // Sở Nội vụ in the demo tree
const SCREENSHOTS = path.resolve(__dirname, '../../test-results');
const WEEKDAY_VI = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

const suite = useBackOffice();

const login = (page: Page, username: string) => suite.signIn(page, username, undefined, { waitForDashboard: true });

/** 'YYYY-MM-DD' → 'dd/MM/yyyy', as the back office writes dates. */
const vnDay = (date: string) => date.split('-').reverse().join('/');

/** Dates in [from, to] that have a row in the calendar (day off, make-up day, …). */
async function calendarRows(from: string, to: string): Promise<string[]> {
  const { rows } = await createCalendarRepository(suite.sys.tdb.db).listHolidays({ from, to }, { offset: 0, limit: 100, sortField: 'date', sortOrder: 'ASC' });
  return rows.map((r) => r.date);
}

/** The first date on or after `start` with the given ISO weekday. */
function nextWeekday(start: string, weekday: number): string {
  let date = start;
  while (isoWeekday(date) !== weekday) date = addCalendarDays(date, 1);
  return date;
}

describe('calendar, deadlines and registers in a browser', () => {
  test('R-CAL-2 when an admin adds a make-up working Saturday, then the calendar lists it as a make-up working day of its year', async () => {
    // A Saturday in October of next year (no national day off falls in October), free in the calendar.
    const year = Number(vietnamDate(new Date()).slice(0, 4)) + 1;
    let saturday = nextWeekday(`${year}-10-01`, 6);
    while ((await calendarRows(saturday, saturday)).length) saturday = addCalendarDays(saturday, 7);
    const name = `Làm bù cho ngày nghỉ ${crypto.randomUUID().slice(0, 6)}`;

    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'admin');
    await page.getByTestId('menu-holidays').click();
    await page.getByTestId('holiday-year-tabs').waitFor();
    await page.getByTestId('holiday-create').click();
    await page.getByTestId('holiday-date').fill(saturday);
    await page.getByTestId('holiday-date-weekday').getByText('Thứ Bảy').waitFor();
    await page.getByLabel('Ngày làm bù').check();
    await page.getByTestId('holiday-name').fill(name);
    await page.getByRole('button', { name: 'Lưu' }).click();

    // The list opens on the new day's year; the row carries the make-up chip and the admin source.
    await page.getByTestId(`holiday-year-${year}`).and(page.locator('[aria-selected="true"]')).waitFor();
    const row = page.locator('tr', { hasText: name });
    await row.waitFor();
    await expect(row.getByText(`${vnDay(saturday)} · Thứ Bảy`).isVisible()).resolves.toBe(true);
    await expect(row.getByTestId('holiday-kind-working_day').textContent()).resolves.toBe('Ngày làm bù');
    await expect(row.getByText('Quản trị viên').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'holidays-list.png'), fullPage: true });

    // The year calendar marks it green (working_day) and Tết or 2/9 red.
    await page.getByTestId('holiday-view-calendar').click();
    const day = page.getByTestId(`calendar-day-${saturday}`);
    await day.waitFor();
    await expect(day.getAttribute('data-kind')).resolves.toBe('working_day');
    await expect(page.getByTestId(`calendar-day-${year}-09-02`).getAttribute('data-kind')).resolves.toBe('holiday');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'holidays-year-calendar.png'), fullPage: true });
    await page.getByTestId('holiday-view-table').click();

    const {
      rows: [stored],
    } = await createCalendarRepository(suite.sys.tdb.db).listHolidays({ from: saturday, to: saturday }, { offset: 0, limit: 1, sortField: 'date', sortOrder: 'ASC' });
    expect([stored?.kind, stored?.source, stored?.name]).toEqual(['working_day', 'admin', name]);
    await page.close();
  });

  test('R-CAL-3 R-DL-1 when a document reaches Sở Nội vụ on a Friday at 17:30, then the deadline calculator shows it received Monday 07:30 and due for routing Tuesday 17:00', async () => {
    // The next Friday whose weekend is off and whose Monday and Tuesday are ordinary working days.
    let friday = nextWeekday(addCalendarDays(vietnamDate(new Date()), 1), 5);
    while ((await calendarRows(friday, addCalendarDays(friday, 4))).length) friday = addCalendarDays(friday, 7);
    const monday = addCalendarDays(friday, 3);
    const tuesday = addCalendarDays(friday, 4);

    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'admin');
    await page.getByTestId('menu-deadline-tester').click();
    await page.getByTestId('deadline-tester').waitFor();
    const organization = page.getByTestId('deadline-organization').locator('input');
    await organization.fill('noi vu');
    await page.getByRole('option', { name: /Sở Nội vụ tỉnh Sơn La/ }).click();
    await page.getByTestId('deadline-from-input').fill(`${friday}T17:30`);
    // Default rule: the routing step's policy for a normal document (end of the next working day).
    await page.getByTestId('deadline-compute').click();

    await page.getByTestId('deadline-result').waitFor();
    await expect(page.getByTestId('deadline-from').textContent()).resolves.toBe(`${WEEKDAY_VI[5]}, ${vnDay(friday)} 17:30 +07:00`);
    await expect(page.getByTestId('deadline-received-at').textContent()).resolves.toBe(`${WEEKDAY_VI[1]}, ${vnDay(monday)} 07:30 +07:00`);
    await expect(page.getByTestId('deadline-due').textContent()).resolves.toBe(`${WEEKDAY_VI[2]}, ${vnDay(tuesday)} 17:00 +07:00`);
    await expect(page.getByTestId('deadline-rule').textContent()).resolves.toBe('Hết ngày làm việc tiếp theo (Thường)');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'deadline-tester.png'), fullPage: true });
    await page.close();
  });

  test('R-DOC-1 when an admin voids a register number with a reason, then the entry stays in the register marked voided with that reason', async () => {
    const registers = createRegistersRepository(suite.sys.tdb.db);
    const entry = await registers.allocate({
      organizationCode: SNV,
      register: 'incoming',
      at: new Date(),
      idempotencyKey: `e2e:${crypto.randomUUID()}`,
      details: {
        arrivedAt: new Date().toISOString(),
        senderName: 'Ủy ban nhân dân huyện Mộc Châu',
        numberAndNotation: '125/UBND-VP',
        summary: 'Về việc báo cáo kết quả kết nối liên thông văn bản điện tử',
        urgency: 'normal',
        storagePlace: 'Tủ hồ sơ số 2, Văn thư Sở Nội vụ',
      },
    });
    const id = `${SNV}:incoming:${entry.year}:${entry.number}`;
    const reason = 'Vào sổ nhầm văn bản đã có số đến';

    const page = await suite.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await login(page, 'admin');
    await page.getByTestId('menu-register-entries').click();
    await page.getByTestId('register-entry-table').waitFor();
    await page.goto(`${suite.url}/#/register-entries?filter=${encodeURIComponent(JSON.stringify({ organizationCode: SNV, year: entry.year }))}`);
    const row = page.locator('tr', { has: page.getByTestId(`register-number-${id}`) });
    await row.getByText('Tủ hồ sơ số 2, Văn thư Sở Nội vụ').waitFor();
    await row.getByTestId(`register-void-${id}`).click();

    // The reason is required: confirming without one sends nothing.
    const dialog = page.getByTestId('register-void-dialog');
    await dialog.getByTestId('register-void-confirm').click();
    await dialog.getByText('Bắt buộc nhập', { exact: true }).waitFor();
    expect((await registers.getEntry({ organizationCode: SNV, register: 'incoming', year: entry.year, number: entry.number }))?.voided).toBe(false);

    await dialog.getByTestId('register-void-reason').fill(reason);
    await dialog.getByTestId('register-void-confirm').click();
    await page.getByTestId(`register-voided-${id}`).waitFor();
    await expect(page.getByTestId(`register-void-reason-${id}`).textContent()).resolves.toBe(`Lý do: ${reason}`);
    await expect(row.getByTestId(`register-void-${id}`).count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'register-entries.png'), fullPage: true });

    const stored = await registers.getEntry({ organizationCode: SNV, register: 'incoming', year: entry.year, number: entry.number });
    expect([stored?.voided, stored?.voidReason, stored?.number]).toEqual([true, reason, entry.number]);
    await page.close();
  });

  test('R-SEC-2 when a specialist logs in, then the menu offers the calendar and the policies but neither the registers nor the deadline calculator', async () => {
    const page = await suite.browser.newPage();
    await login(page, 'chuyenvien.snv');
    await page.getByTestId('menu-holidays').waitFor();
    await expect(page.getByTestId('menu-policies').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('menu-register-entries').count()).resolves.toBe(0);
    await expect(page.getByTestId('menu-register-counters').count()).resolves.toBe(0);
    await expect(page.getByTestId('menu-deadline-tester').count()).resolves.toBe(0);
    // Reading the calendar, without the admin's buttons.
    await page.getByTestId('menu-holidays').click();
    await page.getByTestId('holiday-table').waitFor();
    await expect(page.getByTestId('holiday-create').count()).resolves.toBe(0);
    await page.close();
  });
});
