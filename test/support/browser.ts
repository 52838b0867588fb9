/** Debian's Chromium driven by playwright-core (no browser download), with the flags this machine needs. */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD, startTestSystem, type TestSystem } from './app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (npm test does it when run as root)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A browser suite's fixture: the whole system with the built back office, served on a free port,
 * and Debian's Chromium; started once per test file (beforeAll) and stopped after it.
 */
export interface BackOfficeSuite {
  sys: TestSystem;
  browser: Browser;
  url: string;
  /** Fills and submits the login form; with `waitForDashboard`, waits until the dashboard shows. */
  signIn(page: Page, username: string, password?: string, opts?: { waitForDashboard?: boolean }): Promise<void>;
}

/** Options of the system under test besides the back office (e.g. trust anchors for signed documents). */
export type BackOfficeSystemOptions = Omit<NonNullable<Parameters<typeof startTestSystem>[0]>, 'uiDir'>;

/** `system` may be a function, called in beforeAll, for options that need files made first. */
export function useBackOffice(system: BackOfficeSystemOptions | (() => BackOfficeSystemOptions | Promise<BackOfficeSystemOptions>) = {}): BackOfficeSuite {
  const suite = {} as BackOfficeSuite;
  beforeAll(async () => {
    const options = typeof system === 'function' ? await system() : system;
    suite.sys = await startTestSystem({ ...options, uiDir: process.env.UI_DIR ?? path.resolve(__dirname, '../../admin-ui/dist') });
    suite.url = (await suite.sys.listen()).url;
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.sys?.stop();
  });
  suite.signIn = async (page, username, password = DEMO_PASSWORD, opts = {}) => {
    await page.goto(`${suite.url}/`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    if (opts.waitForDashboard) await page.getByTestId('dashboard').waitFor();
  };
  return suite;
}
