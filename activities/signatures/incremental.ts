/**
 * Incremental updates: edit a PDF with pdf-lib and append only the objects that changed, with a
 * cross-reference section chained to the previous one. The original bytes stay untouched, so
 * earlier signatures keep verifying and the original SHA-256 (R-FMT-3) remains a prefix of the
 * result. pdf-lib's own save() rewrites the whole file, which would break every earlier signature.
 */
import { randomBytes } from 'node:crypto';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFObject, PDFRef, PDFStream, ParseSpeeds } from 'pdf-lib';
import { SignatureError } from '../../domain/signature';
import { findStartxref, readXrefChain } from './pdf-revisions';

type Fingerprint = string | { dict: string; contents: Uint8Array };

function fingerprint(obj: PDFObject): Fingerprint {
  // Streams by the identity of their bytes: unchanged streams keep the buffer pdf-lib parsed them into.
  if (obj instanceof PDFStream) return { dict: obj.dict.toString(), contents: obj.getContents() };
  return obj.toString();
}

function unchanged(a: Fingerprint | undefined, b: Fingerprint): boolean {
  if (a === undefined) return false;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.dict === b.dict && a.contents === b.contents;
}

function serialize(obj: PDFObject): Uint8Array {
  const buf = new Uint8Array(obj.sizeInBytes());
  obj.copyBytesInto(buf, 0);
  return buf;
}

/**
 * Loads `pdf`, lets `edit` change the document, and returns `pdf` followed by one update section
 * holding every object `edit` created or modified. The new cross-reference section has the form
 * of the previous one (table or stream), as ISO 32000 asks of updates.
 */
export async function appendIncrementalUpdate(pdf: Uint8Array, edit: (doc: PDFDocument) => void | Promise<void>): Promise<Uint8Array> {
  const prevXref = findStartxref(pdf);
  if (prevXref === null) throw new SignatureError('PDF_NOT_SIGNABLE', 'Tệp PDF không có bảng tham chiếu chéo (no startxref: not a complete PDF)');
  let head;
  try {
    head = readXrefChain(pdf, prevXref)[0];
  } catch (e) {
    throw new SignatureError('PDF_NOT_SIGNABLE', `Cấu trúc tệp PDF bị lỗi (broken cross-reference): ${(e as Error).message}`);
  }
  if (!(head.trailer.get(PDFName.of('Root')) instanceof PDFRef)) throw new SignatureError('PDF_NOT_SIGNABLE', 'Tệp PDF không có danh mục gốc (no /Root in the trailer)');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (e) {
    throw new SignatureError('PDF_NOT_SIGNABLE', `Không đọc được tệp PDF (unreadable or encrypted PDF): ${(e as Error).message}`);
  }
  const ctx = doc.context;
  // New objects get numbers the previous revision never allocated (verifiers distrust reused numbers).
  const prevSize = head.trailer.get(PDFName.of('Size'));
  ctx.largestObjectNumber = Math.max(ctx.largestObjectNumber, (prevSize instanceof PDFNumber ? prevSize.asNumber() : 0) - 1);

  const before = new Map<PDFRef, Fingerprint>();
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) before.set(ref, fingerprint(obj));
  await edit(doc);
  await doc.flush(); // embeds fonts and images the edit asked for

  const changed = ctx
    .enumerateIndirectObjects()
    .filter(([ref, obj]) => !unchanged(before.get(ref), fingerprint(obj)))
    .sort(([a], [b]) => a.objectNumber - b.objectNumber);

  const chunks: Uint8Array[] = [pdf];
  let offset = pdf.length;
  const push = (chunk: Uint8Array | string) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    chunks.push(bytes);
    offset += bytes.length;
  };
  if (pdf[pdf.length - 1] !== 0x0a && pdf[pdf.length - 1] !== 0x0d) push('\n');
  const offsets = new Map<PDFRef, number>();
  for (const [ref, obj] of changed) {
    offsets.set(ref, offset);
    push(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    push(serialize(obj));
    push('\nendobj\n');
  }

  // The trailer keeps the previous revision's catalog and info, with a fresh second file identifier.
  const prevId = head.trailer.get(PDFName.of('ID'));
  const id = prevId instanceof PDFArray && prevId.size() === 2 ? `[${prevId.get(0).toString()} ${PDFHexString.of(randomBytes(16).toString('hex')).toString()}]` : null;
  const trailerEntries = [
    `/Root ${String(head.trailer.get(PDFName.of('Root')))}`,
    head.trailer.get(PDFName.of('Info')) ? `/Info ${String(head.trailer.get(PDFName.of('Info')))}` : '',
    id ? `/ID ${id}` : '',
    `/Prev ${prevXref}`,
  ].filter(Boolean);

  const xrefOffset = offset;
  if (head.kind === 'table') {
    const size = ctx.largestObjectNumber + 1;
    push(`xref\n${xrefSubsections([...offsets]).map(([first, rows]) => `${first} ${rows.length}\n${rows.map(([ref, at]) => `${pad(at, 10)} ${pad(ref.generationNumber, 5)} n\r\n`).join('')}`).join('')}`);
    push(`trailer\n<< /Size ${size} ${trailerEntries.join(' ')} >>\nstartxref\n${xrefOffset}\n%%EOF\n`);
  } else {
    const self = ctx.nextRef();
    offsets.set(self, xrefOffset);
    const subsections = xrefSubsections([...offsets]);
    const rows: number[] = [];
    for (const [, entries] of subsections) for (const [ref, at] of entries) rows.push(1, (at >>> 24) & 0xff, (at >>> 16) & 0xff, (at >>> 8) & 0xff, at & 0xff, (ref.generationNumber >>> 8) & 0xff, ref.generationNumber & 0xff);
    const index = subsections.map(([first, entries]) => `${first} ${entries.length}`).join(' ');
    push(`${self.objectNumber} 0 obj\n<< /Type /XRef /Size ${ctx.largestObjectNumber + 1} /W [1 4 2] /Index [${index}] ${trailerEntries.join(' ')} /Length ${rows.length} >>\nstream\n`);
    push(Uint8Array.from(rows));
    push(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`);
  }
  return Buffer.concat(chunks);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Groups entries into runs of consecutive object numbers, as both cross-reference forms want. */
function xrefSubsections(entries: Array<[PDFRef, number]>): Array<[number, Array<[PDFRef, number]>]> {
  const sorted = [...entries].sort(([a], [b]) => a.objectNumber - b.objectNumber);
  const out: Array<[number, Array<[PDFRef, number]>]> = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1].length === e[0].objectNumber) last[1].push(e);
    else out.push([e[0].objectNumber, [e]]);
  }
  return out;
}
