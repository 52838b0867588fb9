/**
 * What a file IS, from its bytes alone (R-FMT-1): signatures and container structure, never the
 * name. Text has no signature, so "unrecognized" is returned for it and the caller decides with
 * the name (.txt/.csv) — see check-file.ts. Refused types are named when we can tell.
 */
import { filetypeinfo } from 'magic-bytes.js';
import type { AcceptedFormat } from './catalog';
import type { FormatLimits } from './limits';
import { inspectOle } from './ole-container';
import { contentProblem, label, type ContentProblem, type Label } from './problems';
import { inspectZip } from './zip-container';

export type Recognition =
  | { kind: 'format'; format: AcceptedFormat }
  | { kind: 'other'; label: Label }
  | { kind: 'problem'; problem: ContentProblem }
  | { kind: 'unrecognized' };

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const PDF_HEADER = /^%PDF-\d\.\d/;
/** Where readers look for the end marker (incremental updates append after it, trailing junk is common). */
const PDF_EOF_WINDOW = 1024;
const WINDOWS_EXECUTABLE = label('tệp chạy Windows (.exe, .dll)', 'a Windows executable (.exe, .dll)');

export async function recognizeContent(bytes: Buffer, limits: FormatLimits): Promise<Recognition> {
  const head = (s: string) => bytes.subarray(0, s.length).toString('latin1') === s;

  if (PDF_HEADER.test(bytes.subarray(0, 8).toString('latin1'))) {
    // No %%EOF: the file was cut short in transfer, and its signature (over the whole) cannot verify.
    if (!bytes.subarray(-PDF_EOF_WINDOW).includes('%%EOF', 0, 'latin1')) {
      return { kind: 'problem', problem: contentProblem('DAMAGED_FILE', 'tệp PDF bị cắt cụt (không có dấu kết thúc %%EOF)', 'PDF is truncated: no %%EOF marker near the end') };
    }
    return { kind: 'format', format: 'pdf' };
  }
  // SOI then the first segment's marker (APPn, DQT, SOF, DHT, COM…).
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[3] >= 0xc0 && bytes[3] <= 0xfe) {
    return { kind: 'format', format: 'jpeg' };
  }
  if (head('{\\rtf')) return { kind: 'format', format: 'rtf' };
  if (bytes.subarray(0, 8).equals(OLE_SIGNATURE)) return inspectOle(bytes);
  // Local file header, or the end record alone (an empty archive).
  if (head('PK\x03\x04') || head('PK\x05\x06')) return inspectZip(bytes, limits);
  if (isPortableExecutable(bytes)) return { kind: 'other', label: WINDOWS_EXECUTABLE };
  if (head('\x7fELF')) return { kind: 'other', label: label('tệp chạy Linux (ELF)', 'a Linux executable (ELF)') };
  return { kind: 'unrecognized' };
}

/** "MZ" alone is two letters a text may start with; a PE file also has "PE\0\0" where e_lfanew points. */
function isPortableExecutable(bytes: Buffer): boolean {
  if (bytes.length < 0x40 || bytes[0] !== 0x4d || bytes[1] !== 0x5a) return false;
  const peOffset = bytes.readUInt32LE(0x3c);
  return peOffset + 4 <= bytes.length && bytes.subarray(peOffset, peOffset + 4).toString('latin1') === 'PE\0\0';
}

const KINDS: ReadonlyArray<readonly [Label, readonly string[]]> = [
  [label('ảnh', 'an image'), ['png', 'apng', 'gif', 'bmp', 'tif', 'tiff', 'webp', 'heif', 'avif', 'ico', 'psd', 'cr2', 'exr', 'bpg', 'svg']],
  [label('tệp nén', 'an archive'), ['rar', '7z', 'gz', 'tar.gz', 'bz2', 'xz', 'tar.xz', 'tar', 'lz', 'z', 'tar.z', 'cab', 'xar', 'iso', 'dmg', 'deb', 'rpm']],
  [label('âm thanh', 'audio'), ['mp3', 'wav', 'flac', 'ogg', 'oga', 'aac', 'wma', 'aiff', 'mid', 'midi', 'mka']],
  [label('video', 'video'), ['mp4', 'mov', 'avi', 'mkv', 'webm', 'wmv', 'mpeg', 'mpg', '3gp', 'ogv', 'flv', 'asf']],
  [label('tệp chạy', 'an executable'), ['exe', 'elf', 'mach-o', 'class', 'dex', 'wasm', 'msi']],
  [label('phông chữ', 'a font'), ['ttf', 'otf', 'woff', 'woff2', 'eot']],
];
const KIND_OF = new Map(KINDS.flatMap(([kind, names]) => names.map((n) => [n, kind] as const)));

/**
 * A name for a type we refuse, when a signature gives one. magic-bytes also knows many
 * two-byte signatures that random data matches by chance, so only families we list are named.
 */
export function nameOtherType(bytes: Uint8Array): Label | null {
  const [guess] = filetypeinfo(bytes.subarray(0, 4096));
  const kind = guess && KIND_OF.get(guess.typename.toLowerCase());
  if (!kind) return null;
  const type = guess.typename.toUpperCase();
  return label(`${kind.vi} ${type}`, `${kind.en} (${type})`);
}
