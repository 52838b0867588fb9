/**
 * Zip-based formats (docx, xlsx, odt, ods) told apart by their central directory, and zip bombs
 * refused, WITHOUT decompressing anything: the only bytes read besides the directory are the
 * ODF `mimetype` entry, which the ODF specification requires to be stored uncompressed.
 *
 * Declared sizes can lie. Every size used here is the archive's own claim in its central
 * directory; a crafted file may declare 1 KB and inflate to gigabytes. These checks reject the
 * honest bombs and the structurally impossible ones (overlapping entries, data beyond the end of
 * the file), but any later reader that decompresses (text extraction, preview, conversion) must
 * still bound the real output: count the bytes it inflates and stop at the entry's declared size
 * and at ZIP_MAX_UNCOMPRESSED_BYTES overall. yauzl's `openReadStream` with `validateEntrySizes`
 * (the default) enforces the declared size per entry; with any other library, put a byte-counting
 * Transform in front of the consumer.
 */
import * as yauzl from 'yauzl';
import type { AcceptedFormat } from './catalog';
import type { FormatLimits } from './limits';
import { formatBytes } from './limits';
import { contentProblem, label, type ContentProblem, type Label } from './problems';

export type ZipVerdict =
  | { kind: 'format'; format: Extract<AcceptedFormat, 'docx' | 'xlsx' | 'odt' | 'ods'> }
  | { kind: 'other'; label: Label }
  | { kind: 'problem'; problem: ContentProblem };

/**
 * Entries smaller than this are not judged by ratio: a 40 KB styles.xml can compress 150:1 and is
 * harmless, and a bomb needs size to hurt. The total-size limit still counts them.
 */
export const ZIP_RATIO_MIN_ENTRY_BYTES = 1024 * 1024;
/** Fixed part of a local file header; an entry's data cannot start closer to its header. */
const LOCAL_HEADER_BYTES = 30;

const ODF_MIMETYPES: Readonly<Record<string, { format?: 'odt' | 'ods'; label: Label }>> = {
  'application/vnd.oasis.opendocument.text': { format: 'odt', label: label('OpenDocument Text') },
  'application/vnd.oasis.opendocument.spreadsheet': { format: 'ods', label: label('OpenDocument Spreadsheet') },
  'application/vnd.oasis.opendocument.presentation': { label: label('bản trình chiếu OpenDocument (.odp)', 'an OpenDocument presentation (.odp)') },
  'application/vnd.oasis.opendocument.graphics': { label: label('bản vẽ OpenDocument (.odg)', 'an OpenDocument drawing (.odg)') },
  'application/vnd.oasis.opendocument.text-template': { label: label('mẫu văn bản OpenDocument (.ott)', 'an OpenDocument Text template (.ott)') },
  'application/vnd.oasis.opendocument.spreadsheet-template': { label: label('mẫu bảng tính OpenDocument (.ots)', 'an OpenDocument Spreadsheet template (.ots)') },
  'application/epub+zip': { label: label('sách điện tử EPUB', 'an EPUB e-book') },
};

interface EntryInfo {
  name: string;
  offset: number;
  compressedSize: number;
  uncompressedSize: number;
  method: number;
  entry: yauzl.Entry;
}

const damaged = (vi: string, en: string): ZipVerdict => ({ kind: 'problem', problem: contentProblem('DAMAGED_FILE', vi, en) });
const overLimit = (vi: string, en: string): ZipVerdict => ({ kind: 'problem', problem: contentProblem('ARCHIVE_LIMITS', vi, en) });

export async function inspectZip(bytes: Buffer, limits: FormatLimits): Promise<ZipVerdict> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true });
  } catch (err) {
    return damaged('cấu trúc ZIP bị hỏng hoặc tệp bị cắt cụt', `broken or truncated ZIP structure: ${(err as Error).message}`);
  }
  try {
    return await inspectOpenZip(zip, bytes, limits);
  } catch (err) {
    // yauzl refuses absolute paths, "..", unsupported encryption and malformed records here.
    return damaged('cấu trúc ZIP không hợp lệ', `invalid ZIP structure: ${(err as Error).message}`);
  } finally {
    if (zip.isOpen) zip.close();
  }
}

async function inspectOpenZip(zip: yauzl.ZipFile, bytes: Buffer, limits: FormatLimits): Promise<ZipVerdict> {
  // The count is in the end-of-central-directory record: refuse before walking a million entries.
  if (zip.entryCount > limits.zipMaxEntries) {
    return overLimit(
      `tệp nén có ${zip.entryCount} mục, vượt giới hạn ${limits.zipMaxEntries} (nghi là "bom nén")`,
      `archive has ${zip.entryCount} entries, more than the limit of ${limits.zipMaxEntries} (suspected zip bomb)`,
    );
  }
  const entries: EntryInfo[] = [];
  const seen = new Set<string>();
  let declaredTotal = 0;
  for await (const entry of zip.eachEntry()) {
    const info: EntryInfo = {
      name: entry.fileName,
      offset: entry.relativeOffsetOfLocalHeader,
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.uncompressedSize,
      method: entry.compressionMethod,
      entry,
    };
    if (entry.isEncrypted()) {
      return { kind: 'problem', problem: contentProblem('ENCRYPTED_FILE', 'tệp nén có mục được mã hoá bằng mật khẩu', `archive entry "${info.name}" is password-encrypted`) };
    }
    // Two entries with one name are read differently by different programs: a classic smuggling trick.
    const key = info.name.toLowerCase();
    if (seen.has(key)) return damaged(`tệp nén có hai mục trùng tên "${info.name}"`, `archive has two entries named "${info.name}"`);
    seen.add(key);
    if (info.offset + LOCAL_HEADER_BYTES + info.compressedSize > bytes.length) {
      return damaged('tệp nén khai báo nhiều dữ liệu hơn số byte thực có (tệp bị cắt cụt hoặc giả mạo)', `entry "${info.name}" claims data beyond the end of the file`);
    }
    const ratio = info.uncompressedSize / Math.max(info.compressedSize, 1);
    if (info.uncompressedSize >= ZIP_RATIO_MIN_ENTRY_BYTES && ratio > limits.zipMaxRatio) {
      return overLimit(
        `mục "${info.name}" giải nén từ ${formatBytes(info.compressedSize)} thành ${formatBytes(info.uncompressedSize)} (tỉ lệ ${Math.round(ratio)}:1, giới hạn ${limits.zipMaxRatio}:1) — nghi là "bom nén"`,
        `entry "${info.name}" declares ${info.uncompressedSize} bytes from ${info.compressedSize} (ratio ${Math.round(ratio)}:1 over the limit ${limits.zipMaxRatio}:1; suspected zip bomb)`,
      );
    }
    declaredTotal += info.uncompressedSize;
    if (declaredTotal > limits.zipMaxUncompressedBytes) {
      return overLimit(
        `tổng dung lượng sau giải nén vượt ${formatBytes(limits.zipMaxUncompressedBytes)} — nghi là "bom nén"`,
        `declared uncompressed size exceeds ${limits.zipMaxUncompressedBytes} bytes (suspected zip bomb)`,
      );
    }
    entries.push(info);
  }
  // Entries sharing or overlapping compressed data multiply a small file's output (the
  // "non-recursive zip bomb"); an honest archive never overlaps.
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1];
    if (prev.offset + LOCAL_HEADER_BYTES + prev.compressedSize > byOffset[i].offset) {
      return overLimit('các mục trong tệp nén chồng lên nhau — nghi là "bom nén"', `entries "${prev.name}" and "${byOffset[i].name}" overlap (zip bomb construction)`);
    }
  }
  return classify(zip, bytes, entries);
}

async function classify(zip: yauzl.ZipFile, bytes: Buffer, entries: EntryInfo[]): Promise<ZipVerdict> {
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  const first = entries[0];
  if (first?.name === 'mimetype') return classifyOdf(zip, bytes, first, names);

  // OPC part names are case-insensitive; the main part locations are the ones every producer uses.
  if (names.has('[content_types].xml')) {
    if (names.has('word/document.xml')) {
      if (names.has('word/vbaproject.bin')) return macros('Word (.docm)');
      return { kind: 'format', format: 'docx' };
    }
    if (names.has('xl/workbook.xml')) {
      if (names.has('xl/vbaproject.bin')) return macros('Excel (.xlsm)');
      return { kind: 'format', format: 'xlsx' };
    }
    if (names.has('xl/workbook.bin')) return { kind: 'other', label: label('bảng tính Excel nhị phân (.xlsb)', 'a binary Excel workbook (.xlsb)') };
    if (names.has('ppt/presentation.xml')) return { kind: 'other', label: label('PowerPoint (.pptx)') };
    if (names.has('visio/document.xml')) return { kind: 'other', label: label('Visio (.vsdx)') };
    return { kind: 'other', label: label('gói Office Open XML không rõ loại', 'an unknown Office Open XML package') };
  }
  if (names.has('androidmanifest.xml')) return { kind: 'other', label: label('ứng dụng Android (.apk)', 'an Android app (.apk)') };
  if (names.has('meta-inf/manifest.mf')) return { kind: 'other', label: label('gói Java (.jar)', 'a Java archive (.jar)') };
  return { kind: 'other', label: label('tệp nén ZIP', 'a ZIP archive') };
}

async function classifyOdf(zip: yauzl.ZipFile, bytes: Buffer, first: EntryInfo, names: Set<string>): Promise<ZipVerdict> {
  // ODF 1.2 §3.3: the first entry, stored, holding the media type in ASCII; tiny by construction.
  if (first.method !== 0 || first.uncompressedSize > 100) {
    return damaged('mục "mimetype" của tệp OpenDocument không đúng quy cách', 'the OpenDocument "mimetype" entry is not a small stored entry');
  }
  const { fileDataStart } = await zip.readLocalFileHeaderPromise(first.entry, { minimal: true });
  const mimetype = bytes.subarray(fileDataStart, fileDataStart + first.uncompressedSize).toString('latin1');
  const known = ODF_MIMETYPES[mimetype];
  const shown = mimetype.replace(/[^\x20-\x7e]/g, '?');
  if (!known) return { kind: 'other', label: label(`tệp có mimetype "${shown}"`, `a file with mimetype "${shown}"`) };
  if (!known.format) return { kind: 'other', label: known.label };
  if (!names.has('content.xml')) return damaged('tệp OpenDocument thiếu phần nội dung content.xml', 'OpenDocument file has no content.xml');
  return { kind: 'format', format: known.format };
}

function macros(product: string): ZipVerdict {
  return {
    kind: 'problem',
    problem: contentProblem(
      'MACROS_NOT_ALLOWED',
      `nội dung là ${product} có chứa macro; hãy lưu lại không có macro (.docx/.xlsx) hoặc dạng PDF`,
      `content is ${product} with macros; save it without macros or as PDF`,
    ),
  };
}
