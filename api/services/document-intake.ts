/**
 * What every document upload goes through before a process starts (R-FMT-1..3, R-OUT-1,
 * R-REC-5): the metadata against its schema, every file by its content (every problem listed,
 * not only the first), then storage with SHA-256 inside the caller's transaction.
 */
import type { Transaction } from 'sequelize';
import type { z } from 'zod';
import { storeFile } from '../../activities/files';
import { checkFile, checkFiles, sanitizeFileName, type CheckedFile, type FileProblem, type FormatLimits } from '../../activities/formats';
import type { Database } from '../../db/database';
import type { NewDocumentFile } from '../../db/repositories/documents.repository';
import type { UploadedFile } from '../middleware/uploads';
import { metadataJson } from '../middleware/uploads';
import { problems } from '../problem';

/** The multipart `metadata` part, checked; issues are named `metadata.<field>`. */
export function parseMetadata<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(metadataJson(raw));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: ['metadata', ...i.path].join('.'), message: i.message }));
    throw problems.badRequest(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }
  return parsed.data as z.infer<S>;
}

function refuse(found: FileProblem[]): never {
  throw problems.unprocessable(
    found.map((p) => p.reason).join('; '),
    found.map((p) => ({ path: p.index === null ? 'files' : `files.${p.index}`, message: p.reason })),
  );
}

/** Files of an outgoing document: the first is the main PDF (to be signed), the rest attachments. */
export async function checkDocumentFiles(files: UploadedFile[], limits: FormatLimits): Promise<CheckedFile[]> {
  const result = await checkFiles(files, limits);
  if (!result.ok) refuse(result.problems);
  return result.files;
}

/**
 * Scans of a paper document (R-REC-5): the first file is the main one, a PDF or a JPEG (a
 * scanner makes either); attachments as usual.
 */
export async function checkScanFiles(files: UploadedFile[], limits: FormatLimits): Promise<CheckedFile[]> {
  const result = await checkFiles(files, limits);
  if (result.ok) return result.files;
  const checked = [...result.files];
  const remaining: FileProblem[] = [];
  for (const p of result.problems) {
    if (p.index === 0 && p.code === 'MAIN_NOT_PDF') {
      const sanitized = sanitizeFileName(files[0].name);
      const name = sanitized.ok ? sanitized.name : files[0].name;
      const again = await checkFile({ name, bytes: files[0].bytes, role: 'attachment' }, limits);
      if (again.ok && again.format === 'jpeg') {
        checked.unshift({ index: 0, name, role: 'main', format: again.format, mediaType: again.mediaType, extension: again.extension, sizeBytes: files[0].bytes.byteLength });
        continue;
      }
      remaining.push({ ...p, reason: p.reason.replace('phải là tệp PDF (đã ký số)', 'phải là bản quét PDF hoặc JPEG').replace('must be a (signed) PDF', 'must be a PDF or JPEG scan') });
      continue;
    }
    remaining.push(p);
  }
  if (remaining.length) refuse(remaining);
  return checked.sort((a, b) => a.index - b.index);
}

/** Stores the checked files (content-addressed, immutable) in the caller's transaction, main first. */
export async function storeDocumentFiles(db: Database, files: UploadedFile[], checked: CheckedFile[], t: Transaction): Promise<NewDocumentFile[]> {
  const out: NewDocumentFile[] = [];
  for (const c of checked) {
    const stored = await storeFile(db, { name: c.name, bytes: files[c.index].bytes, mediaType: c.mediaType }, t);
    out.push({ fileId: stored.id, role: c.index === 0 ? 'main' : 'attachment' });
  }
  return out;
}
