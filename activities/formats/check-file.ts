/**
 * The format checks of R-FMT-1/R-FMT-2 as the API and the receipt checks (R-REC-2) use them:
 * `checkFile` judges one file by its content and its name, `checkFiles` the whole set of a
 * document (main PDF first, total size, duplicate and unsafe names) and reports every problem,
 * not just the first, so the clerk can fix them all at once.
 */
import { ACCEPTED_EXTENSIONS, ACCEPTED_LIST, FORMATS, MAIN_FORMAT, TEXT_FORMATS, type AcceptedFormat } from './catalog';
import { fileExtension, quoteFileName, sanitizeFileName } from './file-names';
import { formatBytes, type FormatLimits } from './limits';
import { contentProblem, describe, label, type ContentProblem, type FileProblemCode, type Label } from './problems';
import { nameOtherType, recognizeContent } from './recognize';
import { inspectText, looksLikeText } from './text-content';

export type FileRole = 'main' | 'attachment';

export interface FileToCheck {
  name: string;
  bytes: Buffer | Uint8Array;
  role: FileRole;
}

export type FileCheckResult =
  | { ok: true; format: AcceptedFormat; mediaType: string; extension: string }
  | { ok: false; file: string; code: FileProblemCode; reason: string };

export async function checkFile(input: FileToCheck, limits: FormatLimits): Promise<FileCheckResult> {
  const { name, role } = input;
  const bytes = asBuffer(input.bytes);
  const refuse = (p: ContentProblem): FileCheckResult => ({ ok: false, file: name, code: p.code, reason: describe(quoteFileName(name), p) });

  if (bytes.length === 0) return refuse(contentProblem('EMPTY_FILE', 'tệp rỗng (0 byte)', 'file is empty'));
  // Before any parsing: the limit is also what bounds the work the parsers below can be made to do.
  if (bytes.length > limits.fileMaxBytes) {
    return refuse(
      contentProblem(
        'FILE_TOO_LARGE',
        `tệp có dung lượng ${formatBytes(bytes.length)}, vượt giới hạn ${formatBytes(limits.fileMaxBytes)} cho mỗi tệp`,
        `file is ${bytes.length} bytes, over the limit of ${limits.fileMaxBytes} bytes per file`,
      ),
    );
  }
  const extension = fileExtension(name);
  const accept = (format: AcceptedFormat): FileCheckResult => {
    if (!FORMATS[format].extensions.includes(extension)) return refuse(extensionMismatch(label(FORMATS[format].label), extension));
    if (role === 'main' && format !== MAIN_FORMAT) return refuse(mainNotPdf(label(FORMATS[format].label)));
    return { ok: true, format, mediaType: FORMATS[format].mediaType, extension };
  };

  const recognized = await recognizeContent(bytes, limits);
  switch (recognized.kind) {
    case 'format':
      return accept(recognized.format);
    case 'problem':
      return refuse(recognized.problem);
    case 'other':
      return refuse(unsupported(recognized.label, extension));
    case 'unrecognized': {
      const textFormat = TEXT_FORMATS[extension];
      if (textFormat) {
        const text = inspectText(bytes);
        if (!text) return accept(textFormat);
        // Not text after all: if a signature names the type, that says more than "not UTF-8".
        const other = text.conclusive ? null : nameOtherType(bytes);
        return refuse(other ? unsupported(other, extension) : text.problem);
      }
      const other = nameOtherType(bytes);
      if (other) return refuse(unsupported(other, extension));
      if (looksLikeText(bytes)) return refuse(extensionMismatch(label('văn bản thuần', 'plain text'), extension));
      return refuse(
        contentProblem(
          'UNKNOWN_TYPE',
          `không nhận dạng được loại tệp; chỉ nhận ${ACCEPTED_LIST}`,
          `file type not recognized; accepted: ${ACCEPTED_LIST}`,
        ),
      );
    }
  }
}

function extensionMismatch(what: Label, extension: string): ContentProblem {
  return extension === ''
    ? contentProblem('EXTENSION_MISMATCH', `nội dung là ${what.vi} nhưng tên tệp không có đuôi`, `content is ${what.en}, name has no extension`)
    : contentProblem('EXTENSION_MISMATCH', `nội dung là ${what.vi} nhưng tên tệp có đuôi .${extension}`, `content is ${what.en}, name says .${extension}`);
}

function unsupported(what: Label, extension: string): ContentProblem {
  // Worth saying only when the name pretends to be an accepted type (an .exe renamed .pdf).
  const pretends = ACCEPTED_EXTENSIONS.includes(extension);
  return contentProblem(
    'UNSUPPORTED_TYPE',
    `nội dung là ${what.vi}${pretends ? ` dù tên tệp có đuôi .${extension}` : ''} — loại tệp không được chấp nhận; chỉ nhận ${ACCEPTED_LIST}`,
    `content is ${what.en}${pretends ? ` although the name says .${extension}` : ''}, which is not an accepted format`,
  );
}

function mainNotPdf(what: Label): ContentProblem {
  return contentProblem('MAIN_NOT_PDF', `văn bản chính phải là tệp PDF (đã ký số), tệp này là ${what.vi}`, `the main document must be a (signed) PDF; this one is ${what.en}`);
}

function asBuffer(bytes: Buffer | Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// ---------------------------------------------------------------------------------------------
// The files of one document

export interface DocumentFileInput {
  name: string;
  bytes: Buffer | Uint8Array;
}

export interface CheckedFile {
  /** Position in the submitted list; 0 is the main document. */
  index: number;
  /** The sanitized name to store (NFC, one segment). */
  name: string;
  role: FileRole;
  format: AcceptedFormat;
  mediaType: string;
  extension: string;
  sizeBytes: number;
}

export interface FileProblem {
  /** Position in the submitted list, or null for a problem of the whole set. */
  index: number | null;
  file: string | null;
  code: FileProblemCode;
  reason: string;
}

export type DocumentFilesCheck = { ok: true; files: CheckedFile[]; problems: [] } | { ok: false; files: CheckedFile[]; problems: FileProblem[] };

/** The first file is the main document and must be a PDF; the rest are attachments. */
export async function checkFiles(files: readonly DocumentFileInput[], limits: FormatLimits): Promise<DocumentFilesCheck> {
  const problems: FileProblem[] = [];
  const checked: CheckedFile[] = [];
  if (files.length === 0) {
    problems.push({ index: null, file: null, code: 'NO_FILES', reason: 'Văn bản phải có ít nhất tệp văn bản chính dạng PDF (a document needs at least its main PDF file)' });
  }

  const firstIndexByName = new Map<string, number>();
  let total = 0;
  for (const [index, file] of files.entries()) {
    const role: FileRole = index === 0 ? 'main' : 'attachment';
    total += file.bytes.byteLength;
    const sanitized = sanitizeFileName(file.name);
    if (!sanitized.ok) {
      problems.push({ index, file: String(file.name), code: sanitized.problem.code, reason: describe(quoteFileName(String(file.name)), sanitized.problem) });
      continue;
    }
    const name = sanitized.name;
    // Case-insensitive: two names that differ only in case overwrite each other when saved on Windows.
    const key = name.toLocaleLowerCase('vi');
    const earlier = firstIndexByName.get(key);
    if (earlier !== undefined) {
      const p = contentProblem('DUPLICATE_NAME', `trùng tên với tệp thứ ${earlier + 1}`, `same name as file #${earlier + 1}`);
      problems.push({ index, file: name, code: p.code, reason: describe(quoteFileName(name), p) });
    } else firstIndexByName.set(key, index);

    const result = await checkFile({ name, bytes: file.bytes, role }, limits);
    if (result.ok) checked.push({ index, name, role, format: result.format, mediaType: result.mediaType, extension: result.extension, sizeBytes: file.bytes.byteLength });
    else problems.push({ index, file: result.file, code: result.code, reason: result.reason });
  }

  if (total > limits.documentFilesMaxBytes) {
    problems.push({
      index: null,
      file: null,
      code: 'DOCUMENT_TOO_LARGE',
      reason: `Tổng dung lượng các tệp của văn bản là ${formatBytes(total)}, vượt giới hạn ${formatBytes(limits.documentFilesMaxBytes)} (all files together are ${total} bytes, over the limit of ${limits.documentFilesMaxBytes})`,
    });
  }
  return problems.length === 0 ? { ok: true, files: checked, problems: [] } : { ok: false, files: checked, problems };
}
