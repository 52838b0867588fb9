/**
 * PDF revisions as a viewer sees them: the cross-reference chain (tables and streams, `/Prev`,
 * hybrid `/XRefStm`), objects resolved through it, and the check that an incremental update
 * appended after a signature only added further signatures (R-REC-2 "not modified after signing").
 *
 * Why our own xref reading: pdf-lib parses a file front to back and lets the last definition of
 * an object win, ignoring the cross-reference tables. Viewers follow the tables. A change check
 * built on pdf-lib alone could be fooled by an update whose xref points somewhere pdf-lib does not
 * look, so everything here resolves objects the way a viewer does. pdf-lib is still used for its
 * object parser and data types.
 */
import zlib from 'node:zlib';
import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFObject,
  PDFObjectParser,
  PDFParser,
  PDFRawStream,
  PDFRef,
  PDFStream,
} from 'pdf-lib';
// pdf-lib 1.17 is the library's final release; its byte cursor is not re-exported but will not move.
import ByteStream from 'pdf-lib/cjs/core/parser/ByteStream';

type XrefEntry = { kind: 'free' } | { kind: 'offset'; offset: number; gen: number } | { kind: 'compressed'; stream: number; index: number };

export interface XrefSection {
  offset: number;
  kind: 'table' | 'stream';
  entries: Map<number, XrefEntry>;
  trailer: PDFDict;
}

/** Anything that makes the structure unreadable; callers turn it into a verdict, never a crash. */
export class PdfStructureError extends Error {
  override name = 'PdfStructureError';
}

const MAX_SECTIONS = 1_000;
const MAX_DEPTH = 64;
const INFLATE_LIMIT = 64 * 1024 * 1024;

const codes = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const KW = { xref: codes('xref'), trailer: codes('trailer'), obj: codes('obj') };

/** pdf-lib's lexer with the few cursor operations this module needs made public. */
class Lexer extends PDFObjectParser {
  constructor(bytes: Uint8Array, context: PDFContext) {
    super(ByteStream.of(bytes), context, true);
  }
  seek(offset: number): this {
    this.bytes.moveTo(offset);
    return this;
  }
  int(): number {
    this.skipWhitespaceAndComments();
    return this.parseRawInt();
  }
  keyword(k: number[]): boolean {
    this.skipWhitespaceAndComments();
    return this.matchKeyword(k);
  }
  peekByte(): number {
    this.skipWhitespaceAndComments();
    return this.bytes.done() ? -1 : this.bytes.peek();
  }
  nextByte(): number {
    return this.bytes.next();
  }
  object(): PDFObject {
    this.skipWhitespaceAndComments();
    return this.parseObject();
  }
  /** `N G obj <object>`; checks the header names the object we were sent to. */
  indirectObject(expect?: { num: number; gen?: number }): { num: number; gen: number; object: PDFObject } {
    const num = this.int();
    const gen = this.int();
    if (!this.keyword(KW.obj)) throw new PdfStructureError('expected "obj"');
    if (expect && (expect.num !== num || (expect.gen !== undefined && expect.gen !== gen))) {
      throw new PdfStructureError(`cross-reference points at object ${num} ${gen}, expected ${expect.num}`);
    }
    return { num, gen, object: this.object() };
  }
}

/** Offset of the last `startxref` value before `end` (a revision ends with `startxref N %%EOF`). */
export function findStartxref(bytes: Uint8Array, end = bytes.length): number | null {
  const from = Math.max(0, end - 4096);
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset + from, end - from).toString('latin1');
  const at = tail.lastIndexOf('startxref');
  if (at < 0) return null;
  const m = /^startxref\s+(\d{1,12})/.exec(tail.slice(at));
  return m ? Number(m[1]) : null;
}

/** Decodes a FlateDecode stream (with the PNG predictors xref streams use); nothing else is needed here. */
function decodeStream(stream: PDFRawStream, expectedMax = INFLATE_LIMIT): Uint8Array {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const filterName = filter instanceof PDFArray ? (filter.size() === 1 ? filter.get(0) : undefined) : filter;
  let data: Uint8Array = stream.contents;
  if (filterName === PDFName.of('FlateDecode')) {
    data = zlib.inflateSync(data, { maxOutputLength: expectedMax, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } else if (filter !== undefined) {
    throw new PdfStructureError(`unsupported stream filter ${String(filter)}`);
  }
  const parms = stream.dict.get(PDFName.of('DecodeParms'));
  const predictor = parms instanceof PDFDict ? num(parms.get(PDFName.of('Predictor'))) : null;
  if (!predictor || predictor === 1) return data;
  if (predictor < 10 || !(parms instanceof PDFDict)) throw new PdfStructureError(`unsupported predictor ${predictor}`);
  const columns = num(parms.get(PDFName.of('Columns'))) ?? 1;
  return undoPngPredictor(data, columns);
}

function undoPngPredictor(data: Uint8Array, columns: number): Uint8Array {
  const rowLength = columns + 1;
  const rows = Math.floor(data.length / rowLength);
  const out = new Uint8Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const type = data[r * rowLength];
    for (let c = 0; c < columns; c++) {
      const raw = data[r * rowLength + 1 + c];
      const left = c > 0 ? out[r * columns + c - 1] : 0;
      const up = r > 0 ? out[(r - 1) * columns + c] : 0;
      const upLeft = r > 0 && c > 0 ? out[(r - 1) * columns + c - 1] : 0;
      out[r * columns + c] = (raw + pngPredicted(type, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

/** PNG filter types (RFC 2083 §6): None, Sub, Up, Average, Paeth. */
function pngPredicted(type: number, left: number, up: number, upLeft: number): number {
  switch (type) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      throw new PdfStructureError(`bad PNG predictor row type ${type}`);
  }
}

function num(o: PDFObject | undefined): number | null {
  return o instanceof PDFNumber ? o.asNumber() : null;
}

function readSection(bytes: Uint8Array, offset: number, context: PDFContext): XrefSection {
  if (!Number.isSafeInteger(offset) || offset < 0 || offset >= bytes.length) throw new PdfStructureError(`cross-reference offset ${offset} outside the file`);
  const lx = new Lexer(bytes, context).seek(offset);
  if (lx.keyword(KW.xref)) {
    const entries = new Map<number, XrefEntry>();
    while (lx.peekByte() >= 0x30 && lx.peekByte() <= 0x39) {
      const first = lx.int();
      const count = lx.int();
      if (count > bytes.length / 18) throw new PdfStructureError('cross-reference subsection larger than the file');
      for (let i = 0; i < count; i++) {
        const off = lx.int();
        const gen = lx.int();
        const type = lx.peekByte();
        lx.nextByte();
        if (type !== 0x6e && type !== 0x66) throw new PdfStructureError('cross-reference entry is neither "n" nor "f"');
        // Within one section the first entry for an object number is the one readers use.
        if (!entries.has(first + i)) entries.set(first + i, type === 0x6e ? { kind: 'offset', offset: off, gen } : { kind: 'free' });
      }
    }
    if (!lx.keyword(KW.trailer)) throw new PdfStructureError('expected "trailer"');
    const trailer = lx.object();
    if (!(trailer instanceof PDFDict)) throw new PdfStructureError('trailer is not a dictionary');
    return { offset, kind: 'table', entries, trailer };
  }
  const { object } = lx.seek(offset).indirectObject();
  if (!(object instanceof PDFRawStream) || object.dict.get(PDFName.of('Type')) !== PDFName.of('XRef')) {
    throw new PdfStructureError(`no cross-reference section at offset ${offset}`);
  }
  return { offset, kind: 'stream', entries: readXrefStream(object), trailer: object.dict };
}

function readXrefStream(stream: PDFRawStream): Map<number, XrefEntry> {
  const d = stream.dict;
  const w = d.get(PDFName.of('W'));
  const widths = w instanceof PDFArray ? w.asArray().map((x) => num(x) ?? -1) : [];
  if (widths.length !== 3 || widths.some((x) => x < 0 || x > 8)) throw new PdfStructureError('bad /W in cross-reference stream');
  const size = num(d.get(PDFName.of('Size'))) ?? 0;
  const index = d.get(PDFName.of('Index'));
  const ranges: Array<[number, number]> = [];
  if (index instanceof PDFArray) {
    const xs = index.asArray().map((x) => num(x) ?? -1);
    for (let i = 0; i + 1 < xs.length; i += 2) ranges.push([xs[i], xs[i + 1]]);
  } else ranges.push([0, size]);
  const rowLength = widths[0] + widths[1] + widths[2];
  const totalRows = ranges.reduce((n, [, c]) => n + c, 0);
  const data = decodeStream(stream, Math.min(INFLATE_LIMIT, totalRows * (rowLength + 1) + 1024));
  const field = (pos: number, width: number) => {
    let v = 0;
    for (let i = 0; i < width; i++) v = v * 256 + data[pos + i];
    return v;
  };
  const entries = new Map<number, XrefEntry>();
  let pos = 0;
  for (const [first, count] of ranges) {
    if (first < 0 || count < 0) throw new PdfStructureError('bad /Index in cross-reference stream');
    for (let i = 0; i < count; i++, pos += rowLength) {
      if (pos + rowLength > data.length) throw new PdfStructureError('cross-reference stream is truncated');
      const type = widths[0] ? field(pos, widths[0]) : 1;
      const a = field(pos + widths[0], widths[1]);
      const b = field(pos + widths[0] + widths[1], widths[2]);
      if (entries.has(first + i)) continue;
      if (type === 1) entries.set(first + i, { kind: 'offset', offset: a, gen: b });
      else if (type === 2) entries.set(first + i, { kind: 'compressed', stream: a, index: b });
      else if (type === 0) entries.set(first + i, { kind: 'free' });
      // Other types are reserved and mean "null object": ignored, as readers do.
    }
  }
  return entries;
}

/** The cross-reference chain from `startxref`, newest section first (a hybrid file's `/XRefStm` right after its table). */
export function readXrefChain(bytes: Uint8Array, startxref: number, context = PDFContext.create()): XrefSection[] {
  const chain: XrefSection[] = [];
  const seen = new Set<number>();
  let next: number | null = startxref;
  while (next !== null) {
    if (seen.has(next) || chain.length >= MAX_SECTIONS) throw new PdfStructureError('cross-reference chain loops');
    seen.add(next);
    const section = readSection(bytes, next, context);
    chain.push(section);
    const stm = num(section.trailer.get(PDFName.of('XRefStm')));
    if (section.kind === 'table' && stm !== null && !seen.has(stm)) {
      seen.add(stm);
      chain.push(readSection(bytes, stm, context));
    }
    next = num(section.trailer.get(PDFName.of('Prev')));
  }
  return chain;
}

function mergeEntries(sections: XrefSection[]): Map<number, XrefEntry> {
  const merged = new Map<number, XrefEntry>();
  for (const s of sections) for (const [n, e] of s.entries) if (!merged.has(n)) merged.set(n, e);
  return merged;
}

/** One revision of the document, objects resolved through its cross-reference chain. */
export class RevisionView {
  readonly entries: Map<number, XrefEntry>;
  readonly trailer: PDFDict;
  private readonly cache = new Map<number, PDFObject | null>();
  private readonly context = PDFContext.create();

  constructor(
    private readonly bytes: Uint8Array,
    sections: XrefSection[],
  ) {
    if (!sections.length) throw new PdfStructureError('no cross-reference section');
    this.entries = mergeEntries(sections);
    this.trailer = sections[0].trailer;
  }

  lookup(objNum: number): PDFObject | undefined {
    if (this.cache.has(objNum)) return this.cache.get(objNum) ?? undefined;
    this.cache.set(objNum, null); // breaks reference cycles through /Length or object streams
    const entry = this.entries.get(objNum);
    let value: PDFObject | undefined;
    if (entry?.kind === 'offset') {
      if (entry.offset >= this.bytes.length) throw new PdfStructureError(`object ${objNum} points outside the file`);
      value = new Lexer(this.bytes, this.context).seek(entry.offset).indirectObject({ num: objNum, gen: entry.gen }).object;
    } else if (entry?.kind === 'compressed') {
      value = this.fromObjectStream(entry.stream, entry.index, objNum);
    }
    this.cache.set(objNum, value ?? null);
    return value;
  }

  resolve(o: PDFObject | undefined, depth = 0): PDFObject | undefined {
    if (!(o instanceof PDFRef)) return o;
    if (depth > MAX_DEPTH) throw new PdfStructureError('reference chain too deep');
    return this.resolve(this.lookup(o.objectNumber), depth + 1);
  }

  dict(o: PDFObject | undefined): PDFDict | undefined {
    const r = this.resolve(o);
    if (r instanceof PDFDict) return r;
    if (r instanceof PDFStream) return r.dict;
    return undefined;
  }

  get size(): number {
    return num(this.trailer.get(PDFName.of('Size'))) ?? 0;
  }

  private fromObjectStream(streamNum: number, index: number, objNum: number): PDFObject | undefined {
    const stream = this.lookup(streamNum);
    if (!(stream instanceof PDFRawStream)) throw new PdfStructureError(`object stream ${streamNum} missing`);
    const data = decodeStream(stream);
    const n = num(stream.dict.get(PDFName.of('N'))) ?? 0;
    const first = num(stream.dict.get(PDFName.of('First'))) ?? 0;
    if (index >= n) throw new PdfStructureError(`object ${objNum} beyond object stream ${streamNum}`);
    const lx = new Lexer(data, this.context);
    let at = -1;
    for (let i = 0; i <= index; i++) {
      const no = lx.int();
      const off = lx.int();
      if (i === index) {
        if (no !== objNum) throw new PdfStructureError(`object stream ${streamNum} holds ${no}, not ${objNum}`);
        at = first + off;
      }
    }
    return lx.seek(at).object();
  }
}

/** The revision that ends at `end` (a signature's byte range end) and the final one, sharing history. */
export function openRevisions(bytes: Uint8Array, end: number): { signed: RevisionView; final: RevisionView; updates: XrefSection[]; signedSections: XrefSection[] } {
  const signedStart = findStartxref(bytes, end);
  const finalStart = findStartxref(bytes);
  if (signedStart === null || finalStart === null) throw new PdfStructureError('no startxref');
  const context = PDFContext.create();
  const finalChain = readXrefChain(bytes, finalStart, context);
  const at = finalChain.findIndex((s) => s.offset === signedStart);
  if (at < 0) throw new PdfStructureError('the later cross-reference chain does not lead back to the signed revision');
  const updates = finalChain.slice(0, at);
  if (updates.some((s) => s.offset < end)) throw new PdfStructureError('a later cross-reference section lies inside the signed bytes');
  const signedSections = finalChain.slice(at);
  return { signed: new RevisionView(bytes, signedSections), final: new RevisionView(bytes, finalChain), updates, signedSections };
}

export interface ChangeAnalysis {
  /** Human-readable, for operators: which object changed and why that is not allowed. */
  disallowed: string[];
  /** Signature dictionaries added after the signed revision. */
  addedSignatures: number;
}

const N = (s: string) => PDFName.of(s);

function sameObject(a: PDFObject | undefined, b: PDFObject | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a instanceof PDFRawStream || b instanceof PDFRawStream) {
    return a instanceof PDFRawStream && b instanceof PDFRawStream && a.dict.toString() === b.dict.toString() && Buffer.compare(a.contents, b.contents) === 0;
  }
  return a.toString() === b.toString();
}

function changedKeys(before: PDFDict | undefined, after: PDFDict | undefined): string[] {
  const keys = new Set<PDFName>([...(before?.keys() ?? []), ...(after?.keys() ?? [])]);
  return [...keys].filter((k) => !sameObject(before?.get(k), after?.get(k))).map((k) => k.asString());
}

function isType(d: PDFDict | undefined, type: string): boolean {
  return d?.get(N('Type')) === N(type);
}

function describe(objNum: number, d: PDFDict | undefined): string {
  const t = d?.get(N('Type')) ?? d?.get(N('Subtype'));
  return `object ${objNum}${t ? ` (${t.toString()})` : ''}`;
}

/**
 * What the updates after a signed revision changed, judged the way reviewers of signed PDFs do
 * (Acrobat's "signing" level of permitted changes): new signature fields with their widgets on
 * pages, the AcroForm's field list and flags, long-term-validation data (/DSS), the document
 * information and XMP metadata. Anything else that differs — page content, resources, fonts,
 * other annotations, pages added or removed, objects deleted, a reference that was empty at
 * signing time filled in — is reported. A signature widget's appearance could still be drawn over
 * page content; judging that needs rendering and is out of scope.
 */
export async function analyzeChangesAfter(bytes: Uint8Array, end: number): Promise<ChangeAnalysis> {
  const disallowed: string[] = [];
  const before = Buffer.from(bytes.buffer, bytes.byteOffset + Math.max(0, end - 32), Math.min(32, end)).toString('latin1');
  if (!/%%EOF\s*$/.test(before)) return { disallowed: ['the signed bytes do not end at a revision boundary (%%EOF)'], addedSignatures: 0 };

  const { signed, final, updates } = openRevisions(bytes, end);
  if (!updates.length) {
    const tail = Buffer.from(bytes.buffer, bytes.byteOffset + end, bytes.length - end).toString('latin1');
    if (tail.trim()) disallowed.push(`${bytes.length - end} bytes appended without a cross-reference section`);
    return { disallowed, addedSignatures: 0 };
  }
  if (!sameObject(final.trailer.get(N('Encrypt')), signed.trailer.get(N('Encrypt')))) disallowed.push('encryption changed after signing');

  // Objects whose cross-reference entry an update rewrote, plus objects living in rewritten object streams.
  const touched = new Set<number>();
  for (const s of updates) for (const n of s.entries.keys()) if (n !== 0) touched.add(n);
  for (const [n, e] of final.entries) if (e.kind === 'compressed' && touched.has(e.stream)) touched.add(n);

  const changed = new Map<number, { before: PDFObject | undefined; after: PDFObject | undefined }>();
  for (const n of touched) {
    const was = signed.lookup(n);
    const now = final.entries.get(n)?.kind === 'free' ? undefined : final.lookup(n);
    if (was !== undefined && now === undefined) disallowed.push(`${describe(n, signed.dict(was))} deleted`);
    else if (!sameObject(was, now)) changed.set(n, { before: was, after: now });
  }
  if (!changed.size) return { disallowed, addedSignatures: 0 };

  const explained = new Set<number>();
  const explain = (...xs: Array<PDFObject | undefined>) => {
    for (const x of xs) if (x instanceof PDFRef) explained.add(x.objectNumber);
  };
  const isSigField = (view: RevisionView, o: PDFObject | undefined, depth = 0): boolean => {
    const d = view.dict(o);
    if (!d || depth > 8) return false;
    return d.get(N('FT')) === N('Sig') || isSigField(view, d.get(N('Parent')), depth + 1);
  };
  const isSigWidget = (o: PDFObject) => final.dict(o)?.get(N('Subtype')) === N('Widget') && isSigField(final, o);
  const checkDict = (what: string, was: PDFDict | undefined, now: PDFDict | undefined, allowed: string[]) => {
    for (const k of changedKeys(was, now)) if (!allowed.includes(k)) disallowed.push(`${what}: ${k} changed`);
  };
  // An array (the AcroForm's /Fields, a page's /Annots) may only grow, and only by signatures.
  const checkGrowth = (what: string, was: PDFObject | undefined, now: PDFObject | undefined, allowedEntry: (o: PDFObject) => boolean) => {
    explain(was, now);
    const xs = signed.resolve(was);
    const ys = final.resolve(now);
    if ((xs !== undefined && !(xs instanceof PDFArray)) || (ys !== undefined && !(ys instanceof PDFArray))) {
      disallowed.push(`${what} is not an array`);
      return;
    }
    const remaining = (ys?.asArray() ?? []).map((y) => y.toString());
    for (const x of xs?.asArray() ?? []) {
      const i = remaining.indexOf(x.toString());
      if (i < 0) disallowed.push(`${what}: ${x.toString()} removed`);
      else remaining.splice(i, 1);
    }
    for (const y of ys?.asArray() ?? []) {
      if (remaining.includes(y.toString()) && !allowedEntry(y)) disallowed.push(`${what}: ${y.toString()} added, not a signature`);
    }
  };

  // Catalog and AcroForm are compared by role, so that one rewritten under a new object number is judged too.
  const catWas = signed.dict(signed.trailer.get(N('Root')));
  const catNow = final.dict(final.trailer.get(N('Root')));
  if (!catNow) throw new PdfStructureError('the final revision has no catalog');
  checkDict('catalog', catWas, catNow, ['/AcroForm', '/DSS', '/Extensions', '/Metadata']);
  explain(signed.trailer.get(N('Root')), final.trailer.get(N('Root')));

  const afWas = signed.dict(catWas?.get(N('AcroForm')));
  const afNow = final.dict(catNow.get(N('AcroForm')));
  if (afWas && !afNow) disallowed.push('AcroForm removed');
  if (afNow) {
    checkDict('AcroForm', afWas, afNow, ['/Fields', '/SigFlags', '/DR']);
    checkGrowth('AcroForm /Fields', afWas?.get(N('Fields')), afNow.get(N('Fields')), (o) => isSigField(final, o));
    explain(catWas?.get(N('AcroForm')), catNow.get(N('AcroForm')));
  }

  // Pages: the same page objects in the same tree; a page may only gain signature widgets.
  for (const [pageNum, now] of pageLeaves(final, catNow)) {
    const was = signed.dict(signed.lookup(pageNum));
    if (!was) continue; // a new page shows up as a changed page tree node below
    const annots = now.get(N('Annots'));
    const pageChanged = changed.has(pageNum);
    if (!pageChanged && !(annots instanceof PDFRef && changed.has(annots.objectNumber))) continue;
    if (pageChanged) checkDict(`page ${pageNum}`, was, now, ['/Annots']);
    checkGrowth(`page ${pageNum} /Annots`, was.get(N('Annots')), annots, isSigWidget);
    explained.add(pageNum);
  }

  // Long-term-validation data and metadata are not content.
  explain(final.trailer.get(N('Info')), signed.trailer.get(N('Info')), catNow.get(N('DSS')), final.dict(catNow.get(N('DSS')))?.get(N('VRI')));

  const referencedAtSigning = await collectReferences(bytes.subarray(0, end));
  let addedSignatures = 0;
  for (const [n, { before: was, after: now }] of changed) {
    const d = final.dict(now);
    if (was === undefined && (isType(d, 'Sig') || isType(d, 'DocTimeStamp'))) addedSignatures += 1;
    if (explained.has(n) || isType(d, 'Metadata')) continue;
    if (was === undefined) {
      // A new object is harmless unless something shows it: the allowed changes above only link signatures,
      // but a reference that already dangled in the signed revision would now show whatever was added.
      if (referencedAtSigning.has(n)) disallowed.push(`${describe(n, d)} added where the signed revision referred to a missing object`);
      continue;
    }
    if (isSigField(final, now) && isSigField(signed, was)) {
      // Signing a field that was still empty when the earlier signature was made.
      const w = signed.dict(was);
      if (w?.get(N('V'))) disallowed.push(`${describe(n, d)}: an existing signature replaced`);
      checkDict(`signature field ${n}`, w, d, ['/V', '/AP']);
      continue;
    }
    disallowed.push(`${describe(n, d)} changed`);
  }
  return { disallowed, addedSignatures };
}

function pageLeaves(view: RevisionView, catalog: PDFDict): Map<number, PDFDict> {
  const out = new Map<number, PDFDict>();
  const seen = new Set<number>();
  const walk = (o: PDFObject | undefined, depth: number) => {
    if (!(o instanceof PDFRef) || seen.has(o.objectNumber) || depth > MAX_DEPTH) return;
    seen.add(o.objectNumber);
    const d = view.dict(o);
    if (!d) return;
    if (isType(d, 'Page')) out.set(o.objectNumber, d);
    const kids = view.resolve(d.get(N('Kids')));
    if (kids instanceof PDFArray) for (const k of kids.asArray()) walk(k, depth + 1);
  };
  walk(catalog.get(N('Pages')), 0);
  return out;
}

/** Object numbers referenced anywhere in these bytes; a forgiving front-to-back parse is the right tool here. */
async function collectReferences(bytes: Uint8Array): Promise<Set<number>> {
  const refs = new Set<number>();
  const context = await PDFParser.forBytesWithOptions(bytes, Infinity, false, true).parseDocument();
  const visit = (o: PDFObject, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (o instanceof PDFRef) refs.add(o.objectNumber);
    else if (o instanceof PDFDict) for (const [, v] of o.entries()) visit(v, depth + 1);
    else if (o instanceof PDFArray) for (const v of o.asArray()) visit(v, depth + 1);
    else if (o instanceof PDFStream) visit(o.dict, depth + 1);
  };
  for (const [, o] of context.enumerateIndirectObjects()) visit(o, 0);
  return refs;
}
