/**
 * The XML signature of an edXML message (R-EDX-1, R-SEC-1): one enveloped XML-DSig in
 * edXMLHeader, RSA-SHA256 over exclusive c14n, a single Reference with URI="" (the whole
 * document, so every attachment byte is covered) and the signer's X509Certificate in KeyInfo.
 *
 * Verification accepts exactly that shape and nothing looser: whatever else XML-DSig allows
 * (references by Id, XPath transforms, ds:Object, several signatures) is how signature-wrapping
 * attacks make a verifier check one part of a document while the application reads another.
 * The signer is trusted only if its certificate is, byte for byte, one of the registered peers'.
 * Imports xml-crypto, node:crypto and the sibling modules.
 */
import { X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { EDXML_NS } from '../../../domain/edxml';
import { fail, type EdxmlSender } from './errors';
import { DSIG_NS, decodeBase64Strict, elementChildren, findElements } from './xml';

export interface EdxmlSigner {
  keyPem: string;
  certPem: string;
}

/** A registered peer system (R-SEC-1): its id and the certificate it signs with. */
export interface EdxmlTrustedSigner {
  id: string;
  certPem: string;
}

const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const HEADER_XPATH = `/*[local-name(.)='edXML' and namespace-uri(.)='${EDXML_NS}']/*[local-name(.)='edXMLEnvelope']/*[local-name(.)='edXMLHeader']`;

function firstPem(certPem: string): string {
  const m = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(certPem);
  if (!m) throw new Error('certPem holds no PEM certificate');
  return m[0];
}

/** Adds the enveloped signature as the last element of edXMLHeader of an unsigned edXML document. */
export function signEdxml(xml: string, signer: EdxmlSigner): string {
  const sig = new SignedXml({
    privateKey: signer.keyPem,
    // Only the signer's own certificate: a verifier pins exactly one.
    publicCert: firstPem(signer.certPem),
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
  });
  sig.addReference({ xpath: '/*', transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256, isEmptyUri: true });
  // After the last header element, so the indentation text stays where it was.
  sig.computeSignature(xml, { location: { reference: `${HEADER_XPATH}/*[last()]`, action: 'after' } });
  return sig.getSignedXml();
}

const isDs = (el: Element, name: string) => el.namespaceURI === DSIG_NS && el.localName === name;

/** The children of `el` must be exactly `names`, in that order, all in the XML-DSig namespace. */
function expectChildren(el: Element, names: string[], sender: EdxmlSender | undefined): Element[] {
  const kids = elementChildren(el);
  const got = kids.map((k) => (k.namespaceURI === DSIG_NS ? k.localName : `{${k.namespaceURI ?? ''}}${k.localName}`));
  if (got.length !== names.length || got.some((n, i) => n !== names[i])) {
    fail(
      'SIGNATURE_INVALID',
      `Signature/${el.localName}`,
      `<${el.localName}> phải gồm đúng ${names.join(', ') || '(không gì)'}, nhận được ${got.join(', ') || '(không gì)'} (unexpected signature structure)`,
      sender,
    );
  }
  return kids;
}

function expectAlgorithm(el: Element, algorithm: string, sender: EdxmlSender | undefined): void {
  expectChildren(el, [], sender);
  if (el.getAttribute('Algorithm') !== algorithm) {
    fail('SIGNATURE_INVALID', `Signature/${el.localName}`, `${el.localName} phải là ${algorithm}, nhận được "${el.getAttribute('Algorithm') ?? ''}" (algorithm not accepted)`, sender);
  }
}

/** The one accepted shape; returns the signer certificate's DER, or null when KeyInfo has none. */
function checkShape(signature: Element, sender: EdxmlSender | undefined): Uint8Array | null {
  const kids = elementChildren(signature);
  const names = kids.map((k) => k.localName);
  const expected = names.length === 3 ? ['SignedInfo', 'SignatureValue', 'KeyInfo'] : ['SignedInfo', 'SignatureValue'];
  const [signedInfo, signatureValue, keyInfo] = expectChildren(signature, expected, sender);

  const [c14n, method, reference] = expectChildren(signedInfo, ['CanonicalizationMethod', 'SignatureMethod', 'Reference'], sender);
  expectAlgorithm(c14n, EXC_C14N, sender);
  expectAlgorithm(method, RSA_SHA256, sender);
  if (!reference.hasAttribute('URI') || reference.getAttribute('URI') !== '') {
    fail(
      'SIGNATURE_INVALID',
      'Signature/SignedInfo/Reference',
      `Chữ ký phải phủ toàn bộ gói tin (Reference URI=""), nhận được URI="${reference.getAttribute('URI') ?? ''}" (the signature must cover the whole document)`,
      sender,
    );
  }
  const [transforms, digestMethod, digestValue] = expectChildren(reference, ['Transforms', 'DigestMethod', 'DigestValue'], sender);
  const steps = expectChildren(transforms, ['Transform', 'Transform'], sender);
  expectAlgorithm(steps[0], ENVELOPED, sender);
  expectAlgorithm(steps[1], EXC_C14N, sender);
  expectAlgorithm(digestMethod, SHA256, sender);
  if (decodeBase64Strict(digestValue.textContent ?? '')?.length !== 32) {
    fail('SIGNATURE_INVALID', 'Signature/SignedInfo/Reference/DigestValue', 'DigestValue không phải giá trị băm SHA-256 dạng base64 (not a base64 SHA-256 digest)', sender);
  }
  expectChildren(signatureValue, [], sender);
  if (!decodeBase64Strict(signatureValue.textContent ?? '')?.length) {
    fail('SIGNATURE_INVALID', 'Signature/SignatureValue', 'SignatureValue không phải base64 hợp lệ (SignatureValue is not valid base64)', sender);
  }

  if (!keyInfo) return null;
  const [x509Data] = expectChildren(keyInfo, ['X509Data'], sender);
  const certs = elementChildren(x509Data).filter((e) => isDs(e, 'X509Certificate'));
  const others = elementChildren(x509Data).filter((e) => !isDs(e, 'X509Certificate') && !['X509IssuerSerial', 'X509SubjectName', 'X509SKI'].some((n) => isDs(e, n)));
  if (certs.length !== 1 || others.length) {
    fail('SIGNATURE_INVALID', 'Signature/KeyInfo/X509Data', `X509Data phải chứa đúng một X509Certificate, có ${certs.length} (exactly one X509Certificate)`, sender);
  }
  const der = decodeBase64Strict(certs[0].textContent ?? '');
  if (!der?.length) fail('SIGNATURE_INVALID', 'Signature/KeyInfo/X509Data/X509Certificate', 'X509Certificate không phải base64 hợp lệ (not valid base64)', sender);
  return der;
}

function describe(der: Uint8Array): string {
  try {
    const cert = new X509Certificate(der);
    return `"${cert.subject.replace(/\n/g, ', ')}" (serial ${cert.serialNumber})`;
  } catch {
    return '(không đọc được chứng thư số — unreadable certificate)';
  }
}

/**
 * Verifies the signature of a parsed edXML message whose text is `xml` (the same string the
 * strict parser read) and returns the trusted signer. Throws EdxmlError UNSIGNED,
 * SIGNATURE_INVALID, UNTRUSTED_SIGNER or DIGEST_MISMATCH.
 */
export function verifyEdxml(
  xml: string,
  doc: Document,
  header: Element,
  trusted: readonly EdxmlTrustedSigner[],
  sender?: EdxmlSender,
): { signedBy: string; certPem: string } {
  const signatures = findElements(doc.documentElement, (el) => isDs(el, 'Signature'));
  if (signatures.length === 0) fail('UNSIGNED', 'Signature', 'Gói tin không có chữ ký số XML (the message is not signed)', sender);
  if (signatures.length > 1) {
    fail('SIGNATURE_INVALID', 'Signature', `Gói tin có ${signatures.length} chữ ký; chỉ chấp nhận đúng một (exactly one Signature is accepted)`, sender);
  }
  const [signature] = signatures;
  if (signature.parentNode !== header) {
    fail('SIGNATURE_INVALID', 'Signature', 'Chữ ký phải nằm ngay trong edXMLHeader (the Signature must be a child of edXMLHeader)', sender);
  }
  const der = checkShape(signature, sender);
  if (!der) fail('UNTRUSTED_SIGNER', 'Signature/KeyInfo', 'Chữ ký không kèm chứng thư số của bên ký (no signer certificate in KeyInfo)', sender);

  const peer = trusted.find((t) => Buffer.from(new X509Certificate(t.certPem).raw).equals(der));
  if (!peer) {
    fail('UNTRUSTED_SIGNER', 'Signature/KeyInfo', `Chứng thư số ${describe(der)} không thuộc hệ thống nào đã đăng ký (the signer is not a registered peer)`, sender);
  }

  // The key comes from the pinned certificate, never from the message.
  const verifier = new SignedXml({ publicCert: peer.certPem, getCertFromKeyInfo: () => null });
  let valid: boolean;
  try {
    verifier.loadSignature(signature);
    valid = verifier.checkSignature(xml);
  } catch {
    fail('SIGNATURE_INVALID', 'Signature/SignatureValue', `Giá trị chữ ký (SignatureValue) không khớp với chứng thư số của ${peer.id} (the signature value does not verify)`, sender);
  }
  if (!valid) {
    fail('DIGEST_MISMATCH', 'Signature/SignedInfo/Reference/DigestValue', 'Nội dung gói tin đã bị thay đổi sau khi ký: giá trị băm không khớp (digest mismatch: the content changed after signing)', sender);
  }
  return { signedBy: peer.id, certPem: peer.certPem };
}
