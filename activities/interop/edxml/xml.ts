/**
 * XML plumbing of the edXML codec on @xmldom/xmldom (the DOM xml-crypto uses): the hostile-input
 * gate (size, encoding, DTD refusal, strict parsing), a reader that collects field issues while
 * walking known element paths, a small builder, and strict base64. Imports domain/ and xmldom.
 */
import { DOMImplementation, DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { EDXML_NS, fromEdxmlDate } from '../../../domain/edxml';
import type { FieldIssue } from '../../../domain/errors';
import { fail } from './errors';

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

/** Legit packages nest about 8 deep; the limit keeps recursive walkers (c14n) off the stack edge. */
const MAX_DEPTH = 48;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

// Not allowed anywhere in XML 1.0: C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, lone surrogates.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u;

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Size first (before any decoding), then UTF-8 (R-FMT-2) and the refusal of every markup
 * declaration: a DOCTYPE or ENTITY never reaches the parser, which closes entity expansion
 * (billion laughs) and external entities (file://, http://) at once. A `<!` inside a comment or
 * CDATA section is refused too: legit packages have none, and telling them apart needs a parser.
 */
export function admitText(input: string | Uint8Array, maxBytes: number): string {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) fail('MALFORMED', '', 'Gói tin phải là văn bản XML (the package must be XML text)');
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) fail('OVERSIZE', '', `Gói tin ${size} byte vượt giới hạn ${maxBytes} byte (the package exceeds ${maxBytes} bytes)`);
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      fail('MALFORMED', '', 'Gói tin không phải UTF-8 hợp lệ (the package is not valid UTF-8)');
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const declaration = /<!(?!--|\[CDATA\[)\s*([A-Za-z]*)/.exec(text);
  if (declaration) {
    const what = declaration[1].toUpperCase() || '<!';
    fail(
      'DTD_FORBIDDEN',
      '',
      `Gói tin chứa khai báo ${what} ở dòng ${lineOf(text, declaration.index)}; không chấp nhận DOCTYPE, ENTITY hay khai báo DTD nào (DTD declarations are refused)`,
    );
  }
  return text;
}

/** A whole-document parse in which every warning and error of xmldom is fatal. */
export function parseStrict(text: string): Document {
  const bad = FORBIDDEN_CHAR.exec(text);
  if (bad) fail('MALFORMED', '', `Ký tự không hợp lệ trong XML (U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) ở dòng ${lineOf(text, bad.index)} (character not allowed in XML)`);
  const encoding = /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(text);
  if (encoding && !/^utf-?8$/i.test(encoding[1])) {
    fail('MALFORMED', '', `Chỉ chấp nhận mã hóa UTF-8, gói tin khai báo "${encoding[1]}" (only UTF-8 is accepted)`);
  }

  if (rootStart(text) < 0) fail('MALFORMED', '', 'Có nội dung không phải XML trước phần tử gốc, hoặc không có phần tử gốc (content before the root element, or no root element)');

  const problems: string[] = [];
  const raise = (level: string) => (msg: unknown) => {
    const raw = String(msg).replace(/\s+/g, ' ').replace(/^\[xmldom \w+\]\s*/, '');
    const at = /@#\[line:(\d+),col:(\d+)\]/.exec(raw);
    const text = `${at ? `dòng ${at[1]}, cột ${at[2]}: ` : ''}${raw.replace(/\s*@#\[[^\]]*\]/g, '').trim()}`;
    problems.push(text);
    throw new Error(`${level}: ${text}`);
  };
  let doc: Document;
  try {
    doc = new DOMParser({ locator: {}, errorHandler: { warning: raise('warning'), error: raise('error'), fatalError: raise('fatalError') } }).parseFromString(text, 'text/xml');
  } catch (err) {
    fail('MALFORMED', '', `XML không hợp lệ: ${problems[0] ?? (err as Error).message} (not well-formed XML)`);
  }
  // Belt and braces: a handler's throw caught inside xmldom must not turn into a recovered parse.
  if (problems.length) fail('MALFORMED', '', `XML không hợp lệ: ${problems[0]} (not well-formed XML)`);
  if (!doc.documentElement) fail('MALFORMED', '', 'Không có phần tử gốc; nội dung không phải XML (no root element)');

  for (let n = doc.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === TEXT_NODE && (n.nodeValue ?? '').trim() !== '') fail('MALFORMED', '', 'Có nội dung ngoài phần tử gốc (text outside the root element)');
  }
  checkTree(doc.documentElement);
  return doc;
}

/**
 * Where the root element starts after the prolog (whitespace, processing instructions, comments),
 * or -1. xmldom silently drops text before the root, so this is checked by hand; a scanner, not a
 * regular expression, so hostile input cannot make it backtrack.
 */
function rootStart(text: string): number {
  let i = 0;
  for (;;) {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
    const close = text.startsWith('<?', i) ? '?>' : text.startsWith('<!--', i) ? '-->' : null;
    if (!close) return text[i] === '<' ? i : -1;
    const end = text.indexOf(close, i + (close === '-->' ? 4 : 2));
    if (end < 0) return -1;
    i = end + close.length;
  }
}

/** Depth, unbound prefixes and characters that only character references could smuggle in. */
function checkTree(root: Element): void {
  const stack: Array<[Node, number]> = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) fail('MALFORMED', '', `Phần tử lồng nhau quá ${MAX_DEPTH} cấp (elements nested deeper than ${MAX_DEPTH})`);
    if (node.nodeType === ELEMENT_NODE) {
      const el = node as Element;
      if (el.prefix && !el.namespaceURI) fail('MALFORMED', '', `Tiền tố "${el.prefix}" của <${el.tagName}> chưa được khai báo (unbound namespace prefix)`);
      for (let i = 0; i < el.attributes.length; i++) {
        const attr = el.attributes.item(i)!;
        if (attr.prefix && attr.prefix !== 'xmlns' && !attr.namespaceURI) fail('MALFORMED', '', `Tiền tố "${attr.prefix}" của thuộc tính ${attr.name} chưa được khai báo (unbound namespace prefix)`);
        if (FORBIDDEN_CHAR.test(attr.value)) fail('MALFORMED', '', `Thuộc tính ${attr.name} chứa ký tự không hợp lệ (character not allowed in XML)`);
      }
      for (let c = el.firstChild; c; c = c.nextSibling) stack.push([c, depth + 1]);
    } else if (FORBIDDEN_CHAR.test(node.nodeValue ?? '')) {
      fail('MALFORMED', '', 'Nội dung chứa ký tự không hợp lệ (character not allowed in XML)');
    }
  }
}

export function elementChildren(el: Element): Element[] {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === ELEMENT_NODE) out.push(c as Element);
  return out;
}

/** Every element below `root` (itself included) that `match` accepts; iterative. */
export function findElements(root: Element, match: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    if (match(el)) out.push(el);
    stack.push(...elementChildren(el).reverse());
  }
  return out;
}

export function isEdxml(el: Element | null | undefined, name: string): el is Element {
  return !!el && el.namespaceURI === EDXML_NS && el.localName === name;
}

/** Text of a leaf as the clerk meant it: trimmed and in NFC (R-FMT-2). */
function leafText(el: Element): string {
  return (el.textContent ?? '').trim().normalize('NFC');
}

/**
 * Reads known paths of an edXML tree and collects what is missing or unreadable as field issues
 * (model paths, element names in the message). Unknown elements are ignored: only these paths
 * are ever read, so nothing outside them can influence the result.
 */
export class Reader {
  readonly issues: FieldIssue[] = [];

  issue(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  all(parent: Element | null, name: string): Element[] {
    return parent ? elementChildren(parent).filter((c) => isEdxml(c, name)) : [];
  }

  one(parent: Element | null, name: string, path: string, required = false): Element | null {
    if (!parent) return null;
    const found = this.all(parent, name);
    if (found.length > 1) {
      this.issue(path, `<${name}> xuất hiện ${found.length} lần, chỉ được một (<${name}> must appear once)`);
      return null;
    }
    if (found.length === 0 && required) this.issue(path, `thiếu <${name}> (missing <${name}>)`);
    return found[0] ?? null;
  }

  leaf(el: Element, name: string, path: string): string | undefined {
    if (elementChildren(el).length) {
      this.issue(path, `<${name}> chỉ được chứa văn bản (<${name}> must hold text only)`);
      return undefined;
    }
    return leafText(el);
  }

  /** Text of a single child; an empty element reads as absent. */
  text(parent: Element | null, name: string, path: string, required = false): string | undefined {
    const el = this.one(parent, name, path, required);
    const value = el ? this.leaf(el, name, path) : undefined;
    if (value !== '') return value;
    if (required) this.issue(path, `<${name}> không được để trống (<${name}> must not be empty)`);
    return undefined;
  }

  texts(parent: Element | null, name: string, path: string): string[] {
    return this.all(parent, name).map((el, i) => this.leaf(el, name, `${path}[${i}]`) ?? '');
  }

  integer(parent: Element | null, name: string, path: string, required = false): number | undefined {
    const text = this.text(parent, name, path, required);
    if (text === undefined) return undefined;
    if (!/^-?\d{1,9}$/.test(text)) {
      this.issue(path, `<${name}> "${clip(text)}" phải là số nguyên (must be an integer)`);
      return undefined;
    }
    return Number(text);
  }

  /** yyyy/MM/dd in the XML, yyyy-MM-dd in the model. */
  date(parent: Element | null, name: string, path: string, required = false): string | undefined {
    const text = this.text(parent, name, path, required);
    if (text === undefined) return undefined;
    const date = fromEdxmlDate(text);
    if (!date) this.issue(path, `<${name}> "${clip(text)}" không phải ngày hợp lệ dạng yyyy/MM/dd (not a valid yyyy/MM/dd date)`);
    return date ?? undefined;
  }
}

export function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Builds an edXML document with the default namespace; empty values produce no element. */
export class Builder {
  readonly doc: Document;

  constructor(rootName: string) {
    this.doc = new DOMImplementation().createDocument(EDXML_NS, rootName, null);
  }

  get root(): Element {
    return this.doc.documentElement;
  }

  el(parent: Element, name: string): Element {
    const el = this.doc.createElementNS(EDXML_NS, name);
    parent.appendChild(el);
    return el;
  }

  leaf(parent: Element, name: string, value: string | number | null | undefined): void {
    if (value === undefined || value === null || value === '') return;
    this.el(parent, name).appendChild(this.doc.createTextNode(String(value)));
  }

  /** Indented for the people who read packages; whitespace between elements is signed like the rest. */
  serialize(): string {
    indent(this.doc, this.root, 0);
    // xmldom writes CR raw and every parser turns it into LF; a reference keeps it (R-EDX-4).
    const xml = new XMLSerializer().serializeToString(this.doc).replace(/\r/g, '&#13;');
    return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`;
  }
}

function indent(doc: Document, el: Element, depth: number): void {
  const kids = elementChildren(el);
  if (!kids.length) return;
  for (const kid of kids) {
    el.insertBefore(doc.createTextNode(`\n${'  '.repeat(depth + 1)}`), kid);
    indent(doc, kid, depth + 1);
  }
  el.appendChild(doc.createTextNode(`\n${'  '.repeat(depth)}`));
}


/** Standard base64 in 76-character lines (RFC 2045), as mail and most edXML tools write it. */
export function encodeBase64(data: Uint8Array): string {
  const b64 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join('\n');
}

/**
 * Strict base64: whitespace between characters is allowed (line breaks), anything else outside
 * the alphabet, misplaced padding or non-zero padding bits makes it null. Node's own decoder
 * silently skips bad characters, hence the checks.
 */
export function decodeBase64Strict(text: string): Uint8Array | null {
  const compact = text.replace(/[ \t\r\n]+/g, '');
  // Plain scans, no quantified groups: a regular expression over megabytes of base64 would
  // exhaust the stack.
  if (compact.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(compact)) return null;
  const pad = compact.indexOf('=');
  if (pad >= 0 && (pad < compact.length - 2 || compact.slice(pad) !== '='.repeat(compact.length - pad))) return null;
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.toString('base64') !== compact) return null;
  return new Uint8Array(bytes);
}
