// Owns the progress lines of provisioning: every step says what it starts, how long it took,
// and whether it failed, so that a slow first build is visibly working rather than hung.

function seconds(startNs: bigint): string {
  return `${(Number(process.hrtime.bigint() - startNs) / 1e9).toFixed(1)} s`;
}

// First line only: multi-line details (what was tried, log tails) are for whoever handles the
// error, and nested steps would otherwise repeat them once per level.
function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const [first, ...rest] = text.split('\n');
  return rest.length > 0 ? `${first} …` : first;
}

/** Runs `fn`, printing `→ label …` before and `✓`/`✗ label (N s)` after, to stderr. */
export async function step<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = process.hrtime.bigint();
  process.stderr.write(`→ ${label} …\n`);
  try {
    const result = await fn();
    process.stderr.write(`✓ ${label} (${seconds(start)})\n`);
    return result;
  } catch (err) {
    process.stderr.write(`✗ ${label} (${seconds(start)}): ${message(err)}\n`);
    throw err;
  }
}

/** Indented detail line under the current step, on the same stream as the step lines. */
export function note(text: string): void {
  process.stderr.write(`  ${text}\n`);
}

/** Absolute path of a package's bin script (packages with an `exports` map hide `pkg/bin/...`). */
export function packageBin(pkg: string, rel: string): string {
  return `${require.resolve(`${pkg}/package.json`).replace(/package\.json$/, '')}${rel}`;
}
