/**
 * Builds the back office (admin-ui, Vite) when its output is missing or older than its sources,
 * so `npm start` and the browser tests always serve what the sources say.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { note, packageBin, step } from './log-step';

const ROOT = path.resolve(__dirname, '../..');
export const UI_DIST = path.join(ROOT, 'admin-ui', 'dist');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

export function uiIsStale(): boolean {
  const index = path.join(UI_DIST, 'index.html');
  if (!fs.existsSync(index)) return true;
  const src = Math.max(
    newestMtime(path.join(ROOT, 'admin-ui', 'src')),
    ...['index.html', 'vite.config.mts'].map((f) => fs.statSync(path.join(ROOT, 'admin-ui', f)).mtimeMs),
  );
  return src > fs.statSync(index).mtimeMs;
}

export async function buildUiIfStale(): Promise<void> {
  if (!uiIsStale()) {
    note('back office is up to date (admin-ui/dist)');
    return;
  }
  await step('build the back office (vite)', () => run(process.execPath, [packageBin('vite', 'bin/vite.js'), 'build', '--config', 'admin-ui/vite.config.mts', '--logLevel', 'warn']));
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}
