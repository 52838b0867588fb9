/**
 * Automatic checks of a received document before the clerk decides (R-REC-2, R-REC-3, R-DOC-4):
 * completeness, integrity against the declared SHA-256, the digital signature of the main PDF
 * against the configured trust anchors, and formats (R-FMT). Reads files; writes nothing.
 */
import { LEGAL_VALIDITY_LABELS_VI, type PdfSignatureReport } from '../../domain/signature';
import { FileStoreError, readFile, verifyDigest } from '../files';
import { checkFiles } from '../formats';
import { loadTrustAnchors, verifyPdfSignatures } from '../signatures';
import type { Transaction } from 'sequelize';
import { vnDateTime, type Ctx } from './context';
import type { CheckResult, ReceiptChecks } from './contract';
import type { DocumentRow } from './rows';

export interface DocumentFileRow {
  position: number;
  role: 'main' | 'attachment';
  file_id: string;
  sha256: string;
  original_name: string;
  media_type: string;
}

/** Inside a transaction pass it: a second pooled connection while holding locks can starve the pool. */
export async function documentFiles(ctx: Ctx, documentId: string, t: Transaction | null = null): Promise<DocumentFileRow[]> {
  return ctx.select<DocumentFileRow>(
    t,
    `SELECT df.position, df.role, df.file_id, f.sha256, f.original_name, f.media_type
       FROM document_files df JOIN files f ON f.id = df.file_id WHERE df.document_id = :documentId ORDER BY df.position`,
    { documentId },
  );
}

/** Unique messages, in order. */
const unique = (xs: string[]) => [...new Set(xs)];

/** The signature verdict of a report in words for the clerk. */
export function signatureProblems(report: PdfSignatureReport): string[] {
  return unique([...report.failures, ...report.signatures.flatMap((s) => s.failures)].map((f) => f.message));
}

export async function runChecks(ctx: Ctx, doc: DocumentRow): Promise<{ checks: ReceiptChecks; signature: PdfSignatureReport | null; signedAt: string | null }> {
  const paper = doc.intake === 'paper';
  const files = await documentFiles(ctx, doc.id);
  const read = new Map<string, Buffer>();
  const missing: string[] = [];
  const corrupted: string[] = [];
  for (const f of files) {
    try {
      read.set(f.file_id, (await readFile(ctx.db, f.file_id)).bytes);
    } catch (err) {
      if (!(err instanceof FileStoreError)) throw err;
      (err.code === 'FILE_CORRUPTED' ? corrupted : missing).push(err.code === 'FILE_CORRUPTED' ? err.message : `tệp "${f.original_name}" không tồn tại`);
    }
  }

  // Completeness: the register fields and every listed file.
  const gaps: string[] = [];
  if (!doc.summary?.trim()) gaps.push('thiếu trích yếu');
  if (!doc.number_and_notation?.trim() && doc.number === null) gaps.push('thiếu số và ký hiệu');
  if (!files.length) gaps.push('không có tệp nào');
  else if (!files.some((f) => f.role === 'main')) gaps.push('thiếu tệp văn bản chính');
  gaps.push(...missing);
  const completeness: CheckResult = gaps.length
    ? { check: 'completeness', outcome: 'failed', detail: `Văn bản không đầy đủ: ${gaps.join('; ')}` }
    : { check: 'completeness', outcome: 'passed', detail: `Đủ thông tin bắt buộc và ${files.length} tệp` };

  // Integrity: each file's bytes against the digest declared for it.
  const mismatches = [...corrupted];
  for (const f of files) {
    const bytes = read.get(f.file_id);
    if (!bytes) continue;
    const check = verifyDigest(bytes, f.sha256);
    if (!check.ok) mismatches.push(`"${f.original_name}": ${check.message}`);
  }
  const integrity: CheckResult = mismatches.length
    ? { check: 'integrity', outcome: 'failed', detail: mismatches.join('; ') }
    : read.size < files.length
      ? { check: 'integrity', outcome: 'failed', detail: 'Không kiểm tra được mã băm của tệp không tồn tại' }
      : { check: 'integrity', outcome: 'passed', detail: `Mã băm SHA-256 của ${files.length} tệp khớp với giá trị bên gửi khai báo` };

  // Authenticity of the main PDF (R-REC-2); a scan of a paper document has no signature (R-REC-5).
  const main = files.find((f) => f.role === 'main');
  const mainBytes = main ? read.get(main.file_id) : undefined;
  let report: PdfSignatureReport | null = null;
  let signature: CheckResult;
  if (!mainBytes) {
    signature = { check: 'signature', outcome: 'failed', detail: 'Không có tệp văn bản chính để kiểm tra chữ ký số' };
  } else {
    let anchors: Uint8Array[] | null = null;
    let anchorProblem: string | null = null;
    try {
      anchors = (await loadTrustAnchors(ctx.deps.trust.trustAnchorsDir)).anchors;
    } catch (err) {
      anchorProblem = (err as Error).message;
    }
    if (!anchors) {
      signature = { check: 'signature', outcome: paper ? 'warning' : 'failed', detail: `Không kiểm tra được chữ ký số: ${anchorProblem}` };
    } else {
      report = await verifyPdfSignatures(mainBytes, { anchors });
      if (report.verdict === 'valid') {
        const s = report.signatures[report.mainSignatureIndex ?? 0];
        const who = [s?.signer?.commonName, s?.signer?.organization].filter(Boolean).join(', ');
        signature = {
          check: 'signature',
          outcome: 'passed',
          detail: `Chữ ký số hợp lệ${who ? ` của ${who}` : ''}${s?.signingTime ? `, ký lúc ${vnDateTime(s.signingTime)}` : ''}. ${LEGAL_VALIDITY_LABELS_VI.legally_valid}`,
        };
      } else if (report.verdict === 'unsigned') {
        signature = paper
          ? { check: 'signature', outcome: 'warning', detail: `Bản quét văn bản giấy không có chữ ký số. ${LEGAL_VALIDITY_LABELS_VI.information_only}` }
          : { check: 'signature', outcome: 'failed', detail: `Tệp văn bản chính không có chữ ký số. ${LEGAL_VALIDITY_LABELS_VI.information_only}` };
      } else {
        signature = { check: 'signature', outcome: 'failed', detail: `Chữ ký số không hợp lệ: ${signatureProblems(report).join('; ')}. ${LEGAL_VALIDITY_LABELS_VI.information_only}` };
      }
    }
  }

  // Formats by content (R-FMT-1, R-FMT-2), main document first.
  let formats: CheckResult;
  if (read.size < files.length || !files.length) {
    formats = { check: 'formats', outcome: 'failed', detail: 'Không đọc được đủ các tệp để kiểm tra định dạng' };
  } else {
    const ordered = [...files].sort((a, b) => (a.role === b.role ? a.position - b.position : a.role === 'main' ? -1 : 1));
    const result = await checkFiles(
      ordered.map((f) => ({ name: f.original_name, bytes: read.get(f.file_id)! })),
      ctx.deps.formatLimits,
    );
    formats = result.ok
      ? { check: 'formats', outcome: 'passed', detail: `Định dạng tệp hợp lệ: ${result.files.map((f) => f.format.toUpperCase()).join(', ')}` }
      : { check: 'formats', outcome: 'failed', detail: result.problems.map((p) => p.reason).join('; ') };
  }

  const checks = [completeness, integrity, signature, formats];
  const mainSignature = report?.verdict === 'valid' ? report.signatures[report.mainSignatureIndex ?? 0] : undefined;
  return {
    checks: { ok: checks.every((c) => c.outcome !== 'failed'), legalValidity: report?.legalValidity ?? 'information_only', checks },
    signature: report,
    signedAt: mainSignature?.signingTime ?? null,
  };
}
