/**
 * File names as they enter the system: NFC, one path segment, no control or bidirectional
 * characters, bounded length; plus the extension and a safe way to quote a name in a message.
 * A name is metadata here (content lives in the database under its digest), never a path.
 */
import { hasLoneSurrogate, toNfc } from '../../domain/vietnamese-text';
import { contentProblem, type ContentProblem } from './problems';

/** What common file systems store; a Vietnamese letter takes 3 bytes in UTF-8. */
export const MAX_NAME_BYTES = 255;

// C0/C1 controls, zero-width and bidirectional controls (U+202E turns "gpj.exe" into "exe.jpg"
// on screen), line/paragraph separators and the BOM: never legitimate in a name.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/u;
const INVISIBLE_G = new RegExp(INVISIBLE.source, 'gu');

export type SanitizedName = { ok: true; name: string } | { ok: false; problem: ContentProblem };

export function sanitizeFileName(raw: unknown): SanitizedName {
  const invalid = (vi: string, en: string): SanitizedName => ({ ok: false, problem: contentProblem('INVALID_NAME', vi, en) });
  if (typeof raw !== 'string') return invalid('tên tệp phải là chuỗi ký tự', 'file name must be a string');
  if (hasLoneSurrogate(raw)) return invalid('tên tệp không phải Unicode hợp lệ', 'file name is not valid Unicode');
  let name = toNfc(raw);
  if (INVISIBLE.test(name)) {
    return invalid('tên tệp chứa ký tự điều khiển hoặc ký tự ẩn/đảo chiều có thể che giấu đuôi thật', 'file name contains control, invisible or bidirectional characters');
  }
  // Keep only the last segment: old browsers send "C:\fakepath\x.pdf", and "../x" must not travel.
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  // Windows ignores trailing dots and spaces, so "x.exe." opens as x.exe: judge the name it will have.
  name = name.trim().replace(/[. ]+$/u, '');
  if (name === '') return invalid('tên tệp trống', 'file name is empty');
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) {
    return invalid(`tên tệp dài quá ${MAX_NAME_BYTES} byte, hãy đặt tên ngắn hơn`, `file name is longer than ${MAX_NAME_BYTES} bytes`);
  }
  return { ok: true, name };
}

/** Lower-case extension without the dot; "" when there is none (".profile" has none either). */
export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

/** A name inside a message: quoted, invisible characters shown as \uXXXX, long names shortened. */
export function quoteFileName(name: string): string {
  const shown = name.length > 120 ? `${name.slice(0, 100)}…${name.slice(-15)}` : name;
  const escaped = shown.replace(/["\\]/g, '\\$&').replace(INVISIBLE_G, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${escaped}"`;
}
