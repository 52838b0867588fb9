/**
 * Size limits of R-FMT-1 as plain numbers, so checks and tests do not depend on the whole
 * configuration. Values come from config/index.ts (FILE_MAX_BYTES, DOCUMENT_FILES_MAX_BYTES,
 * ZIP_MAX_*); tests pass small ones.
 */
import type { Config } from '../../config';

export interface FormatLimits {
  /** Largest single file; larger ones are refused before any parsing. */
  fileMaxBytes: number;
  /** All files of one document together. */
  documentFilesMaxBytes: number;
  /** Zip-based formats (docx, xlsx, odt, ods): sum of the entries' declared uncompressed sizes. */
  zipMaxUncompressedBytes: number;
  /** Zip-based formats: declared uncompressed ÷ compressed size of any one entry. */
  zipMaxRatio: number;
  /** Zip-based formats: number of entries in the central directory. */
  zipMaxEntries: number;
}

type LimitSettings = Pick<Config, 'FILE_MAX_BYTES' | 'DOCUMENT_FILES_MAX_BYTES' | 'ZIP_MAX_UNCOMPRESSED_BYTES' | 'ZIP_MAX_RATIO' | 'ZIP_MAX_ENTRIES'>;

export function formatLimitsFromConfig(config: LimitSettings): FormatLimits {
  return {
    fileMaxBytes: config.FILE_MAX_BYTES,
    documentFilesMaxBytes: config.DOCUMENT_FILES_MAX_BYTES,
    zipMaxUncompressedBytes: config.ZIP_MAX_UNCOMPRESSED_BYTES,
    zipMaxRatio: config.ZIP_MAX_RATIO,
    zipMaxEntries: config.ZIP_MAX_ENTRIES,
  };
}

/** Sizes for messages, Vietnamese style ("1,5 MB"). */
export function formatBytes(n: number): string {
  const units = ['byte', 'KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
