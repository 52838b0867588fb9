/**
 * Debian packages the test suite needs on the machine: Chromium for the browser tests and
 * poppler-utils (pdftotext) for reading generated PDFs back. Installed with apt-get when
 * missing and running as root; otherwise the message says what to install.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { note, step } from './log-step';

const NEEDED: Array<{ binary: string; pkg: string }> = [
  { binary: '/usr/bin/chromium', pkg: 'chromium' },
  { binary: '/usr/bin/pdftotext', pkg: 'poppler-utils' },
];

export async function ensureSystemPackages(): Promise<void> {
  const missing = NEEDED.filter((n) => !fs.existsSync(n.binary));
  if (!missing.length) {
    note('system packages present: chromium, poppler-utils');
    return;
  }
  const pkgs = missing.map((m) => m.pkg);
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${pkgs.join(' ')} — install them with: sudo apt-get install -y ${pkgs.join(' ')}`);
  }
  await step(`apt-get install ${pkgs.join(' ')}`, async () => {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs, 'fonts-dejavu-core'], { stdio: 'inherit', env });
  });
}
