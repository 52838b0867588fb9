/**
 * edXML codec (activities/interop/edxml-codec.ts; R-EDX-1..4, R-SEC-1) against a PKI generated at
 * test time: round trips, a hand-written package signed here with xml-crypto directly (as another
 * system would), and every refusal with its precise code. No database or Temporal needed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import forge from 'node-forge';
import { SignedXml } from 'xml-crypto';
import { EDXML_NS, type EdxmlPackage } from '../../domain/edxml';
import { EdxmlError, buildPackage, buildStatus, parsePackage, parseStatus, type EdxmlSigner, type EdxmlTrustedSigner } from '../../activities/interop/edxml-codec';
import { decodeBase64Strict } from '../../activities/interop/edxml/xml';
import { binarySample, samplePackage, sampleStatus } from '../fixtures/edxml/sample';
import { testPki, type Identity, type TestPki } from '../support/pki';

const FIXTURES = path.join(__dirname, '../fixtures/edxml');
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const RSA_SHA1 = 'http://www.w3.org/2000/09/xmldsig#rsa-sha1';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const HEADER = "//*[local-name(.)='edXMLHeader']";

let pki: TestPki;
let signer: EdxmlSigner;
let trusted: EdxmlTrustedSigner[];
beforeAll(() => {
  pki = testPki();
  signer = { keyPem: keyPem(pki.organization), certPem: pki.organization.pem };
  trusted = [
    { id: 'ubnd-son-la', certPem: pki.organization.pem },
    { id: 'so-noi-vu', certPem: pki.person.pem },
  ];
});

const opts = () => ({ maxBytes: 2_000_000, trusted });
const keyPem = (who: Identity) => forge.pki.privateKeyToPem(who.key);
const certBase64 = (who: Identity) => Buffer.from(who.der).toString('base64');

/** Signs as another system would, with xml-crypto directly: enveloped, whole document, in edXMLHeader. */
function signAsPeer(xml: string, who: Identity, o: { signatureAlgorithm?: string; prefix?: string } = {}): string {
  const sig = new SignedXml({ privateKey: keyPem(who), publicCert: who.pem, signatureAlgorithm: o.signatureAlgorithm ?? RSA_SHA256, canonicalizationAlgorithm: EXC_C14N });
  sig.addReference({ xpath: '/*', transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256, isEmptyUri: true });
  sig.computeSignature(xml, { prefix: o.prefix, location: { reference: HEADER, action: 'append' } });
  return sig.getSignedXml();
}

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');
const serialize = (doc: Document) => new XMLSerializer().serializeToString(doc);

function unsign(xml: string): string {
  const doc = parse(xml);
  for (const sig of Array.from(doc.getElementsByTagNameNS(DS, 'Signature'))) sig.parentNode!.removeChild(sig);
  return serialize(doc);
}

/** A valid package, changed before it is signed again by the trusted sender: only the change is wrong. */
function signedWith(change: (unsignedXml: string) => string, pkg: EdxmlPackage = samplePackage()): string {
  const unsigned = unsign(buildPackage(pkg, signer));
  const changed = change(unsigned);
  if (changed === unsigned) throw new Error('the change did not apply');
  return signAsPeer(changed, pki.organization);
}

function refusal(run: () => unknown): EdxmlError {
  try {
    run();
  } catch (err) {
    if (err instanceof EdxmlError) return err;
    throw err;
  }
  throw new Error('expected an EdxmlError');
}

const refusePackage = (xml: string | Uint8Array, o = opts()) => refusal(() => parsePackage(xml, o));

/** Replaces the text of the first element named `name` (with a changed value from `f`). */
function replaceText(xml: string, name: string, f: (text: string) => string): string {
  const re = new RegExp(`(<(?:\\w+:)?${name}>)([^<]*)(</(?:\\w+:)?${name}>)`);
  const m = re.exec(xml);
  if (!m) throw new Error(`no <${name}>`);
  return xml.slice(0, m.index) + m[1] + f(m[2]) + m[3] + xml.slice(m.index + m[0].length);
}

/** base64 → bytes → one byte flipped → base64, still valid base64. */
const flipByte = (b64: string, at: number) => {
  const bytes = Buffer.from(b64.replace(/\s+/g, ''), 'base64');
  bytes[at] ^= 0x01;
  return bytes.toString('base64');
};

const childNames = (el: Element) => Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1).map((e) => e.localName);
const child = (el: Element, name: string) => Array.from(el.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).localName === name)!;

describe('edXML round trip (R-EDX-4)', () => {
  test('R-EDX-4 when a package is exported and imported again, then the metadata is equal and every attachment byte-identical', () => {
    const pkg = samplePackage();
    const large = new Uint8Array(300_000).map((_, i) => (i * 7919) % 256);
    pkg.attachments.push({ contentId: 'phu-luc.bin', contentType: 'application/octet-stream', name: 'Phụ lục.bin', data: large });

    const { pkg: back, signedBy, certPem } = parsePackage(buildPackage(pkg, signer), opts());

    expect(signedBy).toBe('ubnd-son-la');
    expect(certPem).toBe(pki.organization.pem);
    expect({ ...back, attachments: back.attachments.map(({ data: _, ...meta }) => meta) }).toEqual({ ...pkg, attachments: pkg.attachments.map(({ data: _, ...meta }) => meta) });
    back.attachments.forEach((a, i) => expect(Buffer.from(a.data).equals(Buffer.from(pkg.attachments[i].data))).toBe(true));
    expect(Buffer.from(back.attachments[0].data).equals(Buffer.from(binarySample()))).toBe(true);
  });

  test('R-EDX-4 when a replacement with its trace, receivers and ResponseFor is exported and imported as bytes, then it comes back equal', () => {
    const pkg = samplePackage();
    pkg.code.number = '2601';
    pkg.documentId = '000.00.00.H52,2018/10/09,2601/QĐ-UBND';
    pkg.dueDate = null;
    pkg.other = { priority: 3 };
    pkg.content = 'Dòng thứ nhất\r\nDòng thứ hai\tcột & <thẻ> "trích dẫn"';
    pkg.responseFor = { organId: '000.00.05.H52', code: '120/TTr-SNV', promulgationDate: '2018-10-01', documentId: '000.00.05.H52,2018/10/01,120/TTr-SNV' };
    pkg.trace = {
      businessDocType: 'replace',
      reason: 'Thay thế do sai sót về thể thức',
      targetDocumentId: '000.00.00.H52,2018/10/09,2588/QĐ-UBND',
      receivers: ['000.00.05.H52', '000.00.07.H52'],
      replacements: ['000.00.00.H52,2018/10/09,2588/QĐ-UBND'],
      staff: { fullName: 'Trần Thị Bích Ngọc' },
      paper: true,
    };

    const { pkg: back } = parsePackage(new TextEncoder().encode(buildPackage(pkg, signer)), opts());

    expect(back).toEqual(pkg);
  });
});

describe('edXML package layout (R-EDX-1)', () => {
  test('R-EDX-1 when a package is built, then it has the standard elements in order and one enveloped RSA-SHA256 signature over the whole document in edXMLHeader', () => {
    const doc = parse(buildPackage(samplePackage(), signer));
    const root = doc.documentElement;
    expect([root.localName, root.namespaceURI]).toEqual(['edXML', EDXML_NS]);
    expect(childNames(root)).toEqual(['edXMLEnvelope', 'AttachmentEncoded']);
    const envelope = child(root, 'edXMLEnvelope');
    expect(childNames(envelope)).toEqual(['edXMLHeader', 'edXMLBody']);
    const header = child(envelope, 'edXMLHeader');
    expect(childNames(header)).toEqual(['MessageHeader', 'TraceHeaderList', 'Signature']);
    expect(childNames(child(header, 'MessageHeader'))).toEqual([
      'From', 'To', 'To', 'Code', 'PromulgationInfo', 'DocumentType', 'Subject', 'Content', 'SignerInfo', 'DueDate', 'ToPlaces', 'OtherInfo', 'SteeringType', 'DocumentId',
    ]);
    expect(childNames(child(child(header, 'MessageHeader'), 'OtherInfo'))).toEqual(['Priority', 'SphereOfPromulgation', 'TyperNotation', 'PromulgationAmount', 'PageAmount', 'Appendixes']);
    expect(childNames(child(child(header, 'TraceHeaderList'), 'Bussiness'))).toEqual(['BussinessDocType', 'StaffInfo', 'Paper']);
    expect(child(child(child(header, 'MessageHeader'), 'PromulgationInfo'), 'PromulgationDate').textContent).toBe('2018/10/09');
    expect(childNames(child(child(envelope, 'edXMLBody'), 'edXMLManifest'))).toEqual(['Reference', 'Reference']);
    expect(childNames(child(child(child(envelope, 'edXMLBody'), 'edXMLManifest'), 'Reference'))).toEqual(['ContentId', 'ContentType', 'AttachmentName', 'Description']);
    expect(childNames(child(child(root, 'AttachmentEncoded'), 'Attachment'))).toEqual(['ContentId', 'ContentTransferEncoded']);

    const signature = child(header, 'Signature');
    expect(signature.namespaceURI).toBe(DS);
    const reference = signature.getElementsByTagNameNS(DS, 'Reference')[0];
    expect(reference.getAttribute('URI')).toBe('');
    expect(Array.from(reference.getElementsByTagNameNS(DS, 'Transform')).map((t) => t.getAttribute('Algorithm'))).toEqual([ENVELOPED, EXC_C14N]);
    expect(signature.getElementsByTagNameNS(DS, 'SignatureMethod')[0].getAttribute('Algorithm')).toBe(RSA_SHA256);
    expect(signature.getElementsByTagNameNS(DS, 'X509Certificate')[0].textContent).toBe(certBase64(pki.organization));
  });

  test('R-EDX-1 when a package breaks the model rules, then building it is refused with the field issues', () => {
    const pkg = samplePackage();
    pkg.to = [];
    pkg.documentId = '000.00.00.H52,2018/10/09,2589/QĐ-UBND';
    const err = refusal(() => buildPackage(pkg, signer));
    expect(err.code).toBe('SCHEMA');
    expect(err.issues.map((i) => i.path)).toEqual(['to', 'documentId']);
  });

  test('R-EDX-1 when a hand-written package from another system (edXML: prefix, two receivers, two attachments) is signed with xml-crypto and imported, then every field reads as written', () => {
    const xml = signAsPeer(fs.readFileSync(path.join(FIXTURES, 'hand-written-package.xml'), 'utf8'), pki.person, { prefix: 'ds' });

    const { pkg, signedBy } = parsePackage(xml, opts());

    expect(signedBy).toBe('so-noi-vu');
    const { attachments, ...meta } = pkg;
    expect(meta).toEqual({
      from: {
        organId: '000.00.07.H52',
        organizationInCharge: 'Ủy ban nhân dân tỉnh Sơn La',
        organName: 'Sở Thông tin và Truyền thông tỉnh Sơn La',
        organAdd: 'Số 8, đường Tô Hiệu, phường Tô Hiệu, thành phố Sơn La',
        email: 'stttt@sonla.gov.vn',
        telephone: '0212 3856 888',
        fax: '0212 3856 889',
        website: 'https://stttt.sonla.gov.vn',
      },
      to: [
        { organId: '000.00.21.H52', organName: 'Ủy ban nhân dân thành phố Sơn La' },
        { organId: '000.00.27.H52', organName: 'Ủy ban nhân dân huyện Mộc Châu', email: 'ubndmocchau@sonla.gov.vn' },
      ],
      code: { number: '215', notation: 'STTTT-BCVT' },
      promulgation: { place: 'Sơn La', date: '2018-10-15' },
      documentType: { type: 1, typeName: 'Công văn' },
      subject: 'V/v triển khai kết nối liên thông văn bản điện tử qua Trục liên thông văn bản quốc gia',
      content: 'Đề nghị Ủy ban nhân dân các huyện, thành phố hoàn thành kết nối trước ngày 31/10/2018.',
      signer: { competence: 'KT. GIÁM ĐỐC', position: 'PHÓ GIÁM ĐỐC', fullName: 'Nguyễn Văn Bình' },
      dueDate: '2018-10-31',
      toPlaces: ['Như trên', 'Lưu: VT, BCVT'],
      other: { priority: 2, sphereOfPromulgation: 'Lưu hành nội bộ', typerNotation: 'LTH', promulgationAmount: 5, pageAmount: 2, appendixes: ['Phụ lục I: Danh sách đơn vị kết nối'] },
      responseFor: { organId: '000.00.00.H52', code: '2588/QĐ-UBND', promulgationDate: '2018-10-09', documentId: '000.00.00.H52,2018/10/09,2588/QĐ-UBND' },
      steeringType: 1,
      documentId: '000.00.07.H52,2018/10/15,215/STTTT-BCVT',
      trace: { businessDocType: 'new', staff: { fullName: 'Lò Thị Hương', email: 'lothihuong@sonla.gov.vn', mobile: '0912345678' }, paper: true },
    });
    expect(attachments.map(({ data: _, ...a }) => a)).toEqual([
      { contentId: 'cv-215-stttt.txt', contentType: 'text/plain', name: 'Công văn 215-STTTT-BCVT.txt', description: 'Văn bản chính' },
      { contentId: 'phu-luc-1.pdf', contentType: 'application/pdf', name: 'Phụ lục I.pdf' },
    ]);
    expect(new TextDecoder().decode(attachments[0].data)).toBe(
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nCông văn số 215/STTTT-BCVT về việc kết nối liên thông văn bản điện tử.\n',
    );
    expect(Array.from(attachments[1].data)).toEqual([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a, 0x00, 0xff, 0x80, 0x7f]);
  });
});

describe('edXML refusals (R-EDX-3, R-SEC-1)', () => {
  test.each<[string, () => string | Uint8Array]>([
    ['the input is not XML', () => 'Đây không phải là gói tin edXML'],
    ['the package is truncated', () => { const xml = buildPackage(samplePackage(), signer); return xml.slice(0, Math.floor(xml.length / 2)); }],
    ['the bytes are not UTF-8', () => Buffer.concat([Buffer.from('<edXML xmlns="' + EDXML_NS + '"><x>'), Buffer.from([0xc3, 0x28]), Buffer.from('</x></edXML>')])],
    ['an undefined entity is referenced', () => `<edXML xmlns="${EDXML_NS}"><x>&nbsp;</x></edXML>`],
    ['there are two root elements', () => `<edXML xmlns="${EDXML_NS}"/><edXML xmlns="${EDXML_NS}"/>`],
    ['a character reference smuggles in NUL', () => `<edXML xmlns="${EDXML_NS}"><x>&#0;</x></edXML>`],
    ['an element prefix is not declared', () => `<edXML xmlns="${EDXML_NS}"><q:x/></edXML>`],
    ['text stands before the root of a signed package', () => `rác${buildPackage(samplePackage(), signer).replace(/^<\?xml[^>]*>/, '')}`],
    ['text follows the root of a signed package', () => `${buildPackage(samplePackage(), signer)}rác`],
  ])('R-EDX-3 when %s, then it is refused as MALFORMED', (_what, input) => {
    const err = refusePackage(input());
    expect(err.code).toBe('MALFORMED');
    expect(err.issues[0].message).toMatch(/\(.+\)$/);
  });

  test('R-EDX-3 when a billion-laughs entity bomb arrives, then it is refused as DTD_FORBIDDEN before any expansion', () => {
    const err = refusePackage(fs.readFileSync(path.join(FIXTURES, 'billion-laughs.xml')));
    expect(err.code).toBe('DTD_FORBIDDEN');
    expect(err.issues[0].message).toContain('DOCTYPE');
  });

  test('R-EDX-3 when an external entity points at file:///etc/passwd, then it is refused as DTD_FORBIDDEN and nothing is read', () => {
    const err = refusePackage(fs.readFileSync(path.join(FIXTURES, 'external-entity.xml'), 'utf8'));
    expect(err.code).toBe('DTD_FORBIDDEN');
    expect(JSON.stringify(err)).not.toContain('root:');
  });

  test('R-EDX-3 when a signed package carries a bare DOCTYPE, then it is refused as DTD_FORBIDDEN', () => {
    const xml = buildPackage(samplePackage(), signer).replace('?>\n', '?>\n<!DOCTYPE edXML>\n');
    expect(refusePackage(xml).code).toBe('DTD_FORBIDDEN');
  });

  test('R-EDX-3 when the root is in another namespace, then it is refused as NAMESPACE and the sender is still named', () => {
    const err = refusePackage(signedWith((xml) => xml.replace(EDXML_NS, 'http://www.mic.gov.vn/TBT/QCVN_102_2011')));
    expect(err.code).toBe('NAMESPACE');
    expect(err.sender).toEqual({ organId: '000.00.00.H52', documentId: '000.00.00.H52,2018/10/09,2588/QĐ-UBND' });
  });

  test('R-EDX-3 when the root element is not edXML, then it is refused as NAMESPACE', () => {
    const err = refusePackage(signedWith((xml) => xml.replace(/<edXML(?=[\s>])/, '<edXMLPackage').replace('</edXML>', '</edXMLPackage>')));
    expect(err.code).toBe('NAMESPACE');
    expect(err.issues[0].message).toContain('edXMLPackage');
  });

  test('R-EDX-3 when the edXML root is empty, then it is refused as SCHEMA with one issue for the missing envelope', () => {
    const err = refusePackage(`<edXML xmlns="${EDXML_NS}"/>`);
    expect(err.code).toBe('SCHEMA');
    expect(err.issues).toEqual([{ path: 'edXMLEnvelope', message: 'thiếu <edXMLEnvelope> (missing <edXMLEnvelope>)' }]);
  });

  test('R-EDX-3 when the DocumentId is missing, then it is refused as SCHEMA at documentId, with the sender organization for the 02 status', () => {
    const err = refusePackage(signedWith((xml) => xml.replace(/\s*<DocumentId>[^<]*<\/DocumentId>/, '')));
    expect(err.code).toBe('SCHEMA');
    expect(err.issues).toEqual([{ path: 'documentId', message: expect.stringContaining('DocumentId') }]);
    expect(err.sender).toEqual({ organId: '000.00.00.H52' });
  });

  test('R-EDX-3 when the DocumentId does not agree with From, Code and PromulgationDate, then it is refused as SCHEMA at documentId', () => {
    const err = refusePackage(signedWith((xml) => replaceText(xml, 'DocumentId', () => '000.00.05.H52,2018/10/08,2589/QĐ-UBND')));
    expect(err.code).toBe('SCHEMA');
    expect(err.issues.map((i) => i.path)).toEqual(['documentId', 'documentId', 'documentId']);
    expect(err.sender?.documentId).toBe('000.00.05.H52,2018/10/08,2589/QĐ-UBND');
  });

  test('R-EDX-3 when the promulgation date does not exist, then it is refused as SCHEMA at promulgation.date', () => {
    const err = refusePackage(signedWith((xml) => replaceText(xml, 'PromulgationDate', () => '2018/02/30')));
    expect(err.code).toBe('SCHEMA');
    expect(err.issues[0]).toEqual({ path: 'promulgation.date', message: expect.stringContaining('2018/02/30') });
  });

  test('R-EDX-3 when the priority is 7, then it is refused as SCHEMA at other.priority', () => {
    const err = refusePackage(signedWith((xml) => replaceText(xml, 'Priority', () => '7')));
    expect(err.code).toBe('SCHEMA');
    expect(err.issues.map((i) => i.path)).toEqual(['other.priority']);
  });

  test('R-EDX-3 when two attachments share a ContentId, then it is refused as SCHEMA', () => {
    const err = refusePackage(signedWith((xml) => xml.split('quy-che.docx').join('qd-2588.pdf')));
    expect(err.code).toBe('SCHEMA');
    expect(err.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['AttachmentEncoded/Attachment[1]/ContentId', 'attachments[1].contentId']));
  });

  test('R-EDX-3 when an attachment is not valid base64, then it is refused as SCHEMA at that attachment', () => {
    const err = refusePackage(signedWith((xml) => xml.replace('UEsDBAD/', 'UEsD*AD/')));
    expect(err.code).toBe('SCHEMA');
    expect(err.issues).toEqual([{ path: 'attachments[1].data', message: expect.stringContaining('base64') }]);
  });

  test.each([
    ['a character outside the alphabet', 'UEsD*AD/'],
    ['a URL-safe character', 'UEsDBAD_'],
    ['a length that is not a multiple of 4', 'UEsDBAD'],
    ['padding in the middle', 'UE==BAD/'],
    ['three padding characters', 'U==='],
    ['non-zero bits under the padding', 'UR=='],
  ])('R-EDX-3 when attachment base64 has %s, then strict decoding refuses it', (_what, text) => {
    expect(decodeBase64Strict(text)).toBeNull();
  });

  test('R-EDX-3 when attachment base64 is wrapped in lines with indentation, then it decodes', () => {
    expect(Array.from(decodeBase64Strict('\n   UEsD\r\n   BAD/\n  ')!)).toEqual([80, 75, 3, 4, 0, 255]);
    expect(decodeBase64Strict('')).toEqual(new Uint8Array(0));
  });

  test('R-EDX-3 when the package is not signed, then it is refused as UNSIGNED', () => {
    const err = refusePackage(unsign(buildPackage(samplePackage(), signer)));
    expect(err.code).toBe('UNSIGNED');
    expect(err.sender?.organId).toBe('000.00.00.H52');
  });

  test('R-SEC-1 when the package is signed by a certificate no peer registered (even with a registered key), then it is refused as UNTRUSTED_SIGNER', () => {
    const unsigned = unsign(buildPackage(samplePackage(), signer));
    // pki.untrusted shares its key with pki.person, a registered peer: only the certificate differs.
    const err = refusePackage(signAsPeer(unsigned, pki.untrusted));
    expect(err.code).toBe('UNTRUSTED_SIGNER');
    expect(err.issues[0].message).toContain('Người Lạ');
  });

  test('R-EDX-3 when one attachment byte is changed after signing, then it is refused as DIGEST_MISMATCH', () => {
    const xml = replaceText(buildPackage(samplePackage(), signer), 'ContentTransferEncoded', (b64) => flipByte(b64, 100));
    expect(refusePackage(xml).code).toBe('DIGEST_MISMATCH');
  });

  test('R-EDX-3 when the SignatureValue is altered, then it is refused as SIGNATURE_INVALID', () => {
    const xml = replaceText(buildPackage(samplePackage(), signer), 'SignatureValue', (b64) => flipByte(b64, 10));
    expect(refusePackage(xml).code).toBe('SIGNATURE_INVALID');
  });

  test('R-EDX-3 when the signature uses RSA-SHA1, then it is refused as SIGNATURE_INVALID', () => {
    const xml = signAsPeer(unsign(buildPackage(samplePackage(), signer)), pki.organization, { signatureAlgorithm: RSA_SHA1 });
    const err = refusePackage(xml);
    expect(err.code).toBe('SIGNATURE_INVALID');
    expect(err.issues[0].path).toBe('Signature/SignatureMethod');
  });

  test('R-EDX-3 when a signed MessageHeader is wrapped into ds:Object and a forged one takes its place, then it is refused as SIGNATURE_INVALID although xml-crypto alone accepts it', () => {
    // What XML-DSig allows and edXML does not: a signature over MessageHeader only, by Id.
    const sig = new SignedXml({ privateKey: signer.keyPem, publicCert: signer.certPem, signatureAlgorithm: RSA_SHA256, canonicalizationAlgorithm: EXC_C14N });
    sig.addReference({ xpath: "//*[local-name(.)='MessageHeader']", transforms: [EXC_C14N], digestAlgorithm: SHA256 });
    sig.computeSignature(unsign(buildPackage(samplePackage(), signer)), { location: { reference: HEADER, action: 'append' } });
    const doc = parse(sig.getSignedXml());
    const original = doc.getElementsByTagNameNS(EDXML_NS, 'MessageHeader')[0];
    const forged = original.cloneNode(true) as Element;
    forged.removeAttribute('Id');
    forged.getElementsByTagNameNS(EDXML_NS, 'Subject')[0].textContent = 'Nội dung giả mạo';
    const signature = doc.getElementsByTagNameNS(DS, 'Signature')[0];
    original.parentNode!.replaceChild(forged, original);
    signature.appendChild(doc.createElementNS(DS, 'Object')).appendChild(original);
    const attacked = serialize(doc);

    const naive = new SignedXml({ publicCert: signer.certPem });
    naive.loadSignature(naive.findSignatures(parse(attacked))[0]);
    expect(naive.checkSignature(attacked)).toBe(true);

    const err = refusePackage(attacked);
    expect(err.code).toBe('SIGNATURE_INVALID');
  });

  test('R-EDX-3 when the signature covers only MessageHeader by Id and an attachment is swapped, then it is refused as SIGNATURE_INVALID at the Reference', () => {
    const sig = new SignedXml({ privateKey: signer.keyPem, publicCert: signer.certPem, signatureAlgorithm: RSA_SHA256, canonicalizationAlgorithm: EXC_C14N });
    sig.addReference({ xpath: "//*[local-name(.)='MessageHeader']", transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256 });
    sig.computeSignature(unsign(buildPackage(samplePackage(), signer)), { location: { reference: HEADER, action: 'append' } });
    const swapped = replaceText(sig.getSignedXml(), 'ContentTransferEncoded', () => Buffer.from('%PDF-1.4 giả mạo').toString('base64'));

    const err = refusePackage(swapped);
    expect(err.code).toBe('SIGNATURE_INVALID');
    expect(err.issues[0].path).toBe('Signature/SignedInfo/Reference');
  });

  test('R-EDX-3 when a second signature is added to a signed package, then it is refused as SIGNATURE_INVALID', () => {
    const doc = parse(buildPackage(samplePackage(), signer));
    const signature = doc.getElementsByTagNameNS(DS, 'Signature')[0];
    doc.getElementsByTagNameNS(EDXML_NS, 'edXMLBody')[0].appendChild(signature.cloneNode(true));
    const err = refusePackage(serialize(doc));
    expect(err.code).toBe('SIGNATURE_INVALID');
    expect(err.issues[0].message).toContain('2 chữ ký');
  });

  test('R-EDX-3 when the package is larger than the limit, then it is refused as OVERSIZE before it is parsed', () => {
    const xml = buildPackage(samplePackage(), signer);
    expect(refusePackage(xml, { maxBytes: 1000, trusted }).code).toBe('OVERSIZE');
    expect(refusePackage(`<<<${'x'.repeat(2000)}`, { maxBytes: 1000, trusted }).code).toBe('OVERSIZE');
  });
});

describe('edXML status messages (R-EDX-2)', () => {
  test('R-EDX-2 when a status is exported and imported again, then it comes back equal with its signer', () => {
    const status = sampleStatus();
    const xml = buildStatus(status, signer);
    expect(xml).toContain('<StatusCode>03</StatusCode>');
    expect(parseStatus(xml, opts())).toEqual({ status, signedBy: 'ubnd-son-la' });
  });

  test('R-EDX-2 when a status carries an unknown StatusCode, then it is refused as SCHEMA at statusCode, naming the sender', () => {
    const unsigned = unsign(buildStatus(sampleStatus(), signer)).replace('<StatusCode>03</StatusCode>', '<StatusCode>99</StatusCode>');
    const err = refusal(() => parseStatus(signAsPeer(unsigned, pki.organization), opts()));
    expect(err.code).toBe('SCHEMA');
    expect(err.issues.map((i) => i.path)).toEqual(['statusCode']);
    expect(err.sender).toEqual({ organId: '000.00.05.H52', documentId: '000.00.00.H52,2018/10/09,2588/QĐ-UBND' });
  });

  test('R-EDX-2 when a status is changed after signing, then it is refused as DIGEST_MISMATCH', () => {
    const xml = buildStatus(sampleStatus(), signer).replace('<StatusCode>03</StatusCode>', '<StatusCode>06</StatusCode>');
    expect(refusal(() => parseStatus(xml, opts())).code).toBe('DIGEST_MISMATCH');
  });

  test('R-EDX-2 when a status message is offered as a package, then it is refused as SCHEMA', () => {
    const err = refusePackage(buildStatus(sampleStatus(), signer));
    expect(err.code).toBe('SCHEMA');
    expect(err.issues[0].path).toBe('MessageHeader');
  });
});
