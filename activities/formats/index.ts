/**
 * File formats (R-FMT-1, R-FMT-2): recognition by content, size and zip-bomb limits, file-name
 * rules. Pure computation on bytes (no database); used by the API on upload and by the receipt
 * checks (R-REC-2). Imports domain/ and the parsing libraries (yauzl, cfb, magic-bytes.js).
 */
export { ACCEPTED_EXTENSIONS, FORMATS, MAIN_FORMAT, type AcceptedFormat, type FormatInfo } from './catalog';
export {
  checkFile,
  checkFiles,
  type CheckedFile,
  type DocumentFileInput,
  type DocumentFilesCheck,
  type FileCheckResult,
  type FileProblem,
  type FileRole,
  type FileToCheck,
} from './check-file';
export { fileExtension, MAX_NAME_BYTES, quoteFileName, sanitizeFileName, type SanitizedName } from './file-names';
export { formatBytes, formatLimitsFromConfig, type FormatLimits } from './limits';
export type { FileProblemCode } from './problems';
export { ZIP_RATIO_MIN_ENTRY_BYTES } from './zip-container';
