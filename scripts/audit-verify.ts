/**
 * `npm run audit:verify` (R-SEC-3): recomputes the hash chain of the audit log in DATABASE_URL
 * and prints `OK` with the row count and the chain head (keep it elsewhere to anchor the log), or
 * the first broken seq and why. Exit code 0 when intact, 1 when broken or on error.
 */
import { loadConfig } from '../config';
import { connectDatabase } from '../db/database';
import { createAuditRepository, type VerifyResult } from '../db/repositories/audit.repository';

const REASONS: Record<NonNullable<VerifyResult['firstBroken']>['reason'], string> = {
  hash_mismatch: 'nội dung bản ghi không khớp mã băm (row changed: hash mismatch)',
  prev_mismatch: 'mã băm trước không khớp bản ghi liền trước (link broken: prev_hash mismatch)',
  gap: 'thiếu bản ghi (row missing: gap in seq)',
};

/** Verifies the chain and writes the verdict to `out`; resolves to the exit code. */
export async function main(databaseUrl: string | undefined = loadConfig().DATABASE_URL, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const db = connectDatabase(databaseUrl, { poolMax: 1 });
  try {
    const result = await createAuditRepository(db).verify();
    if (result.ok) {
      out(`OK: ${result.rows} audit entries, chain intact; head seq ${result.head.seq} hash ${result.head.hash}`);
      return 0;
    }
    const { seq, reason } = result.firstBroken!;
    out(`BROKEN at seq ${seq}: ${reason} — ${REASONS[reason]}; ${result.rows} entries intact before it`);
    return 1;
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  main()
    .then((code) => {
      process.exitCode = code;
    })
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    });
}
