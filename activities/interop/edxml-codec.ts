/**
 * edXML codec (QCVN 102:2016/BTTTT; SPEC §8 R-EDX-1..4, R-SEC-1): builds signed document packages
 * and status messages, and reads them back from other systems as hostile input. Pure functions
 * of their arguments (no I/O, no clock), so activities, the API and tests share them.
 *
 * Reading refuses, in this order and each with its own EdxmlError code: too large (before
 * decoding), any DTD (before parsing), XML that is not well-formed, a wrong root or namespace,
 * fields the model rules refuse (SCHEMA), then the signature: missing, untrusted signer, changed
 * content (digest), wrong signature value. Nothing is returned unless all of it holds.
 */
import { EDXML_NS, validatePackage, validateStatus, type EdxmlPackage, type EdxmlStatus } from '../../domain/edxml';
import { EdxmlError, fail, type EdxmlSender } from './edxml/errors';
import { readPackage, renderPackage } from './edxml/package';
import { mergeIssues, readSender } from './edxml/parts';
import { signEdxml, verifyEdxml, type EdxmlSigner, type EdxmlTrustedSigner } from './edxml/signature';
import { readStatus, renderStatus } from './edxml/status';
import { admitText, parseStrict } from './edxml/xml';

export { EdxmlError, type EdxmlErrorCode, type EdxmlSender } from './edxml/errors';
export type { EdxmlSigner, EdxmlTrustedSigner } from './edxml/signature';

export interface EdxmlParseOptions {
  /** Largest accepted message in bytes (UTF-8), checked before anything is decoded. */
  maxBytes: number;
  /** Certificates of the registered peer systems (R-SEC-1); the signer must be one of them. */
  trusted: ReadonlyArray<EdxmlTrustedSigner>;
}

/** A signed package; throws EdxmlError SCHEMA when the package breaks the model rules. */
export function buildPackage(pkg: EdxmlPackage, signer: EdxmlSigner): string {
  const issues = validatePackage(pkg);
  if (issues.length) throw new EdxmlError('SCHEMA', issues);
  return signEdxml(renderPackage(pkg), signer);
}

export function parsePackage(xml: string | Uint8Array, opts: EdxmlParseOptions): { pkg: EdxmlPackage; signedBy: string; certPem: string } {
  const { text, doc, sender } = admit(xml, opts, 'package');
  const read = readPackage(doc.documentElement);
  if (!read.pkg) throw new EdxmlError('SCHEMA', read.issues, sender);
  const issues = mergeIssues(read.issues, validatePackage(read.pkg));
  if (issues.length) throw new EdxmlError('SCHEMA', issues, sender);
  return { pkg: read.pkg, ...verifyEdxml(text, doc, read.header, opts.trusted, sender) };
}

/** A signed status message; throws EdxmlError SCHEMA when the status breaks the model rules. */
export function buildStatus(status: EdxmlStatus, signer: EdxmlSigner): string {
  const issues = validateStatus(status);
  if (issues.length) throw new EdxmlError('SCHEMA', issues);
  return signEdxml(renderStatus(status), signer);
}

export function parseStatus(xml: string | Uint8Array, opts: EdxmlParseOptions): { status: EdxmlStatus; signedBy: string } {
  const { text, doc, sender } = admit(xml, opts, 'status');
  const read = readStatus(doc.documentElement);
  if (!read.status) throw new EdxmlError('SCHEMA', read.issues, sender);
  const issues = mergeIssues(read.issues, validateStatus(read.status));
  if (issues.length) throw new EdxmlError('SCHEMA', issues, sender);
  return { status: read.status, signedBy: verifyEdxml(text, doc, read.header, opts.trusted, sender).signedBy };
}

/** Size, DTD refusal, strict parse and the root element; the sender is read as soon as it can be. */
function admit(xml: string | Uint8Array, opts: EdxmlParseOptions, kind: 'package' | 'status'): { text: string; doc: Document; sender?: EdxmlSender } {
  if (!(opts?.maxBytes > 0) || !Array.isArray(opts.trusted)) throw new TypeError('parse options need maxBytes > 0 and a trusted list');
  const text = admitText(xml, opts.maxBytes);
  const doc = parseStrict(text);
  const root = doc.documentElement;
  const sender = readSender(root, kind);
  if (root.localName !== 'edXML' || root.namespaceURI !== EDXML_NS) {
    fail(
      'NAMESPACE',
      '',
      `Phần tử gốc phải là <edXML> trong không gian tên ${EDXML_NS}, nhận được <${root.localName}> trong "${root.namespaceURI ?? ''}" (root must be edXML in the QCVN 102:2016 namespace)`,
      sender,
    );
  }
  return { text, doc, sender };
}
