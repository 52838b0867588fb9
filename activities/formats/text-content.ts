/**
 * Plain-text files (.txt, .csv; R-FMT-2): valid UTF-8 (a BOM is allowed), no NUL or other binary
 * control bytes, and not Vietnamese typed in a legacy TCVN3/VNI font — in which case we say
 * which one, whether the bytes are legacy (not UTF-8) or the legacy glyphs were saved as UTF-8.
 * The bytes themselves are never rewritten: the stored file is exactly what the sender signed.
 */
import { decodeUtf8Strict, decodeWindows1252, describeLegacyEncoding, detectLegacyVietnamese } from '../../domain/vietnamese-text';
import { contentProblem, type ContentProblem } from './problems';

/** Legacy documents are legacy throughout: the first megabyte is enough to name the encoding. */
const LEGACY_SAMPLE_BYTES = 1024 * 1024;
const TEXT_SNIFF_BYTES = 64 * 1024;
// Tab, LF, FF and CR are text; any other C0 control means a binary file or a wrong encoding.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BINARY_CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F]/;

/**
 * The problem with a would-be text file, or null. `conclusive` when we know what the bytes are
 * (UTF-16, a legacy encoding); otherwise a signature elsewhere may name the file better.
 */
export function inspectText(bytes: Uint8Array): { problem: ContentProblem; conclusive: boolean } | null {
  const problem = textProblem(bytes);
  return problem && { problem, conclusive: problem.code === 'LEGACY_ENCODING' || isUtf16(bytes) };
}

const isUtf16 = (bytes: Uint8Array) => (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);

function textProblem(bytes: Uint8Array): ContentProblem | null {
  if (isUtf16(bytes)) {
    return contentProblem('INVALID_UTF8', 'tệp được lưu dạng UTF-16 ("Unicode" của Notepad); hãy lưu lại dạng UTF-8', 'file is UTF-16; save it as UTF-8');
  }
  const decoded = decodeUtf8Strict(bytes);
  if (!decoded.ok) {
    const legacy = detectLegacyVietnamese(decodeWindows1252(bytes.subarray(0, LEGACY_SAMPLE_BYTES)));
    if (legacy) {
      const { vi, en } = describeLegacyEncoding(legacy);
      return contentProblem('LEGACY_ENCODING', `không phải UTF-8: ${vi}`, `not UTF-8: ${en}`);
    }
    return contentProblem(
      'INVALID_UTF8',
      `không phải văn bản UTF-8 hợp lệ (byte lỗi đầu tiên ở vị trí ${decoded.error.offset}); hãy lưu lại dạng UTF-8`,
      `not valid UTF-8, first bad byte at offset ${decoded.error.offset}`,
    );
  }
  const control = BINARY_CONTROL.exec(decoded.text);
  if (control) {
    const code = control[0].charCodeAt(0);
    return contentProblem(
      'BINARY_TEXT',
      `chứa ký tự điều khiển 0x${code.toString(16).padStart(2, '0')} — không phải tệp văn bản thuần`,
      `contains control character 0x${code.toString(16).padStart(2, '0')}; not a plain-text file`,
    );
  }
  const legacy = detectLegacyVietnamese(decoded.text);
  if (legacy) {
    const { vi, en } = describeLegacyEncoding(legacy);
    return contentProblem('LEGACY_ENCODING', vi, en);
  }
  return null;
}

/** Without a name that says txt/csv: is this plausibly text at all (for "content is text, name says .pdf")? */
export function looksLikeText(bytes: Uint8Array): boolean {
  let end = Math.min(bytes.length, TEXT_SNIFF_BYTES);
  // Do not cut a multi-byte character in two at the sample's end: back up to its lead byte.
  if (end < bytes.length) while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  const decoded = decodeUtf8Strict(bytes.subarray(0, end));
  return decoded.ok && !BINARY_CONTROL.test(decoded.text);
}
