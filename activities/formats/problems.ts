/**
 * Why a file or a document's set of files is refused: a stable code for programs plus a
 * Vietnamese-first sentence for the clerk. Every refusal names the file it is about.
 */

export type FileProblemCode =
  | 'EMPTY_FILE'
  | 'FILE_TOO_LARGE'
  | 'EXTENSION_MISMATCH'
  | 'UNSUPPORTED_TYPE'
  | 'UNKNOWN_TYPE'
  | 'DAMAGED_FILE'
  | 'ARCHIVE_LIMITS'
  | 'ENCRYPTED_FILE'
  | 'MACROS_NOT_ALLOWED'
  | 'BINARY_TEXT'
  | 'INVALID_UTF8'
  | 'LEGACY_ENCODING'
  | 'MAIN_NOT_PDF'
  | 'INVALID_NAME'
  | 'DUPLICATE_NAME'
  | 'DOCUMENT_TOO_LARGE'
  | 'NO_FILES';

/** What a file is, said in both languages (product names stay as they are). */
export interface Label {
  vi: string;
  en: string;
}

export const label = (vi: string, en: string = vi): Label => ({ vi, en });

/** A finding before it is attached to a file name. */
export interface ContentProblem {
  code: FileProblemCode;
  vi: string;
  en: string;
}

export const contentProblem = (code: FileProblemCode, vi: string, en: string): ContentProblem => ({ code, vi, en });

/** `"name": vi (en)` — the one shape of every message. */
export function describe(quotedName: string, p: ContentProblem): string {
  return `${quotedName}: ${p.vi} (${p.en})`;
}
