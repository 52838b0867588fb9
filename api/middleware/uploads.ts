/**
 * Multipart uploads of a document (SPEC §11: `metadata` JSON + `files`, the main PDF first),
 * bounded (R-SEC-4): files stay in memory up to the configured size and count, anything else
 * in the body is refused. Every refusal is a problem naming the file or the part; the format
 * checks of R-FMT-1 run afterwards in the services.
 */
import type { RequestHandler } from 'express';
import multer from 'multer';
import { formatBytes } from '../../activities/formats';
import { HttpProblem, problems } from '../problem';

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

export interface UploadLimits {
  fileMaxBytes: number;
  maxFiles: number;
}

const METADATA_MAX_BYTES = 256 * 1024;

/** The parsed multipart body: the raw `metadata` text and the files in the order sent. */
export function uploadedParts(req: { body?: unknown; files?: unknown }): { metadata: unknown; files: UploadedFile[] } {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const parts = (req.files as { files?: Express.Multer.File[] } | undefined)?.files ?? [];
  return { metadata: body.metadata, files: parts.map((f) => ({ name: f.originalname, bytes: f.buffer })) };
}

/** Parses `metadata` (a JSON text part) into a value for the schema; 400 when it is absent or not JSON. */
export function metadataJson(raw: unknown): unknown {
  if (typeof raw !== 'string') {
    throw problems.badRequest('Thiếu phần "metadata" (JSON) trong nội dung multipart (multipart part "metadata" is required, once)', [{ path: 'metadata', message: 'bắt buộc (required)' }]);
  }
  // Bytes that are not UTF-8 arrive decoded as U+FFFD: refuse them rather than store garbled text (R-SEC-4).
  if (raw.includes('\uFFFD')) {
    throw problems.badRequest('Phần "metadata" không phải UTF-8 hợp lệ (metadata is not valid UTF-8)', [{ path: 'metadata', message: 'không phải UTF-8 (not UTF-8)' }]);
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw problems.badRequest('Phần "metadata" không phải JSON hợp lệ (metadata is not valid JSON)', [{ path: 'metadata', message: 'JSON không hợp lệ (malformed JSON)' }]);
  }
}

export function documentUpload(limits: UploadLimits): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    // Vietnamese file names arrive as UTF-8 in the part headers.
    defParamCharset: 'utf8',
    limits: { fileSize: limits.fileMaxBytes, files: limits.maxFiles, fields: 5, fieldSize: METADATA_MAX_BYTES, parts: limits.maxFiles + 5, fieldNameSize: 100 },
  }).fields([{ name: 'files', maxCount: limits.maxFiles }]);

  return (req, res, next) => {
    if (!req.is('multipart/form-data')) {
      return next(
        new HttpProblem(415, 'Kiểu nội dung không hỗ trợ (unsupported media type)', 'Gửi văn bản dạng multipart/form-data gồm phần "metadata" (JSON) và các tệp "files", tệp PDF chính đầu tiên (send multipart/form-data)'),
      );
    }
    upload(req, res, (err: unknown) => next(err ? uploadProblem(err, limits) : undefined));
  };
}

function uploadProblem(err: unknown, limits: UploadLimits): HttpProblem {
  if (err instanceof multer.MulterError) {
    const name = (err as multer.MulterError & { filename?: string }).filename;
    switch (err.code) {
      case 'LIMIT_FILE_SIZE':
        return new HttpProblem(
          413,
          'Tệp quá lớn (payload too large)',
          `"${name ?? '?'}": tệp vượt giới hạn ${formatBytes(limits.fileMaxBytes)} cho mỗi tệp (file is over the limit of ${limits.fileMaxBytes} bytes)`,
          [{ path: 'files', message: `vượt giới hạn ${formatBytes(limits.fileMaxBytes)} (too large)` }],
        );
      case 'LIMIT_FILE_COUNT':
        return new HttpProblem(413, 'Quá nhiều tệp (payload too large)', `Một văn bản có tối đa ${limits.maxFiles} tệp (at most ${limits.maxFiles} files)`, [
          { path: 'files', message: `tối đa ${limits.maxFiles} tệp (too many files)` },
        ]);
      case 'LIMIT_UNEXPECTED_FILE':
        return problems.badRequest(`Tệp phải gửi trong phần "files", không phải "${err.field ?? ''}" (files go in the "files" part)`, [{ path: err.field ?? 'files', message: 'phần không hợp lệ (unexpected file part)' }]);
      case 'LIMIT_FIELD_VALUE':
        return new HttpProblem(413, 'Nội dung quá lớn (payload too large)', `Phần "${err.field ?? ''}" vượt giới hạn ${formatBytes(METADATA_MAX_BYTES)} (part too large)`, [
          { path: err.field ?? 'metadata', message: 'quá lớn (too large)' },
        ]);
      default:
        return problems.badRequest(`Nội dung multipart không hợp lệ: ${err.message} (${err.code})`);
    }
  }
  return problems.badRequest(`Nội dung multipart không hợp lệ (malformed multipart body): ${(err as Error)?.message ?? String(err)}`);
}
