/**
 * A throw-away PKI for signature tests, generated at test time: a root CA, an intermediate CA, a
 * CA nobody trusts, and end-entity certificates for people and organizations of Sơn La (names in
 * UTF8String with their diacritics), including expired, not-yet-valid and wrong-key-usage ones;
 * a time-stamp authority issuing RFC 3161 tokens; PKCS#12 export and signed test PDFs. Keys are RSA 2048 from Node's crypto (fast) and cached per
 * test file; certificates are built with node-forge.
 */
import { createHash, generateKeyPairSync, randomBytes, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import * as pkijs from 'pkijs';
import { Signer } from '@signpdf/signpdf';
import { signPdfWith, type SignatureAppearance } from '../../activities/signatures';
import { cryptoEngine } from '../../activities/signatures/certificates';
import { RepairedP12Signer } from '../../activities/signatures/sign';

export interface Identity {
  name: string;
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  /** PEM of the certificate, as trust anchor files hold it. */
  pem: string;
  der: Uint8Array;
  /** CA certificates between this one and its root, nearest first. */
  chain: Identity[];
}

export interface Subject {
  CN: string;
  O?: string;
  OU?: string;
  E?: string;
  L?: string;
  C?: string;
}

interface IssueOptions {
  subject: Subject;
  issuer?: Identity;
  key?: forge.pki.rsa.PrivateKey;
  ca?: { pathLen?: number };
  notBefore: Date;
  notAfter: Date;
  keyUsage?: Partial<Record<'digitalSignature' | 'nonRepudiation' | 'keyCertSign' | 'cRLSign' | 'keyEncipherment', boolean>>;
  /** extendedKeyUsage id-kp-timeStamping, critical, as RFC 3161 requires of a TSA. */
  timeStamping?: boolean;
}

const DAY = 24 * 60 * 60 * 1000;
const YEAR = 365 * DAY;
export const PASSPHRASE = 'Mật-khẩu-thử 2018';

export function rsaKey(): forge.pki.rsa.PrivateKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  return forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
}

function attributes(s: Subject): forge.pki.CertificateField[] {
  // @types/node-forge types valueTagClass as a class; forge reads it as the universal tag (UTF8String).
  const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
  const out: forge.pki.CertificateField[] = [];
  if (s.C) out.push({ shortName: 'C', value: s.C });
  if (s.L) out.push({ shortName: 'L', value: s.L, valueTagClass: utf8 });
  if (s.O) out.push({ shortName: 'O', value: s.O, valueTagClass: utf8 });
  if (s.OU) out.push({ shortName: 'OU', value: s.OU, valueTagClass: utf8 });
  out.push({ shortName: 'CN', value: s.CN, valueTagClass: utf8 });
  if (s.E) out.push({ name: 'emailAddress', value: s.E });
  return out;
}

export function issue(opts: IssueOptions): Identity {
  const key = opts.key ?? rsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`; // positive, unique
  cert.validity.notBefore = opts.notBefore;
  cert.validity.notAfter = opts.notAfter;
  cert.setSubject(attributes(opts.subject));
  cert.setIssuer(opts.issuer ? opts.issuer.cert.subject.attributes : attributes(opts.subject));
  const ku = opts.keyUsage ?? (opts.ca ? { keyCertSign: true, cRLSign: true } : { digitalSignature: true, nonRepudiation: true });
  cert.setExtensions([
    opts.ca ? { name: 'basicConstraints', cA: true, critical: true, ...(opts.ca.pathLen !== undefined ? { pathLenConstraint: opts.ca.pathLen } : {}) } : { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', critical: true, ...ku },
    { name: 'subjectKeyIdentifier' },
    ...(opts.subject.E ? [{ name: 'subjectAltName', altNames: [{ type: 1, value: opts.subject.E }] }] : []),
    ...(opts.timeStamping ? [{ name: 'extKeyUsage', critical: true, timeStamping: true }] : []),
  ]);
  cert.sign(opts.issuer?.key ?? key, forge.md.sha256.create());
  const der = new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'));
  return { name: opts.subject.CN, cert, key, pem: forge.pki.certificateToPem(cert), der, chain: opts.issuer ? [opts.issuer, ...opts.issuer.chain] : [] };
}

/**
 * PKCS#12 of an identity. `withChain` puts its CA certificates in too (so signatures embed them);
 * 3DES keeps it readable by every tool, node-forge included.
 */
export function toP12(identity: Identity, opts: { passphrase?: string; withChain?: boolean } = {}): Uint8Array {
  const key = `${identity.cert.serialNumber}/${opts.passphrase ?? PASSPHRASE}/${opts.withChain !== false}`;
  let p12 = p12Cache.get(key);
  if (!p12) {
    const certs = [identity.cert, ...(opts.withChain === false ? [] : identity.chain.map((c) => c.cert))];
    const asn1 = forge.pkcs12.toPkcs12Asn1(identity.key, certs, opts.passphrase ?? PASSPHRASE, { algorithm: '3des' });
    p12 = new Uint8Array(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
    p12Cache.set(key, p12);
  }
  return p12;
}
const p12Cache = new Map<string, Uint8Array>();

export interface TestPki {
  root: Identity;
  intermediate: Identity;
  /** A CA that is never configured as a trust anchor. */
  rogueRoot: Identity;
  /** Nguyễn Văn A at Ủy ban nhân dân tỉnh Sơn La, issued by the root. */
  person: Identity;
  /** The same kind of person, issued by the intermediate CA. */
  personViaIntermediate: Identity;
  /** The organization's own certificate, for server-side signing (R-OUT-1). */
  organization: Identity;
  expired: Identity;
  notYetValid: Identity;
  /** Valid from three years ago to one year ago: fine for a signature made two years ago. */
  expiredSince: Identity;
  untrusted: Identity;
  /** keyUsage without digitalSignature/nonRepudiation. */
  encryptionOnly: Identity;
  /** A time-stamp authority under the root. */
  tsa: Identity;
}

export const PERSON: Subject = {
  CN: 'Nguyễn Văn A',
  O: 'Ủy ban nhân dân tỉnh Sơn La',
  OU: 'Văn phòng Ủy ban nhân dân tỉnh',
  E: 'nguyenvana@sonla.gov.vn',
  L: 'Sơn La',
  C: 'VN',
};

let cached: TestPki | undefined;

/** Built once per test file (jest gives each file its own module registry). */
export function testPki(): TestPki {
  if (cached) return cached;
  const now = Date.now();
  const long = { notBefore: new Date(now - 10 * YEAR), notAfter: new Date(now + 10 * YEAR) };
  const eeValidity = { notBefore: new Date(now - YEAR), notAfter: new Date(now + 2 * YEAR) };
  const root = issue({ subject: { CN: 'CA Thử nghiệm Gốc Sơn La', O: 'Ban Cơ yếu Chính phủ (thử nghiệm)', C: 'VN' }, ca: {}, ...long });
  const intermediate = issue({ subject: { CN: 'CA Thử nghiệm phục vụ các cơ quan Nhà nước', O: 'Ban Cơ yếu Chính phủ (thử nghiệm)', C: 'VN' }, issuer: root, ca: { pathLen: 0 }, ...long });
  const rogueRoot = issue({ subject: { CN: 'CA Không tin cậy', O: 'Tổ chức lạ', C: 'VN' }, ca: {}, ...long });
  const eeKey = rsaKey();
  const person = issue({ subject: PERSON, issuer: root, key: eeKey, ...eeValidity });
  const personViaIntermediate = issue({ subject: { ...PERSON, CN: 'Trần Thị Bích Ngọc', OU: 'Sở Nội vụ' }, issuer: intermediate, key: eeKey, ...eeValidity });
  const organization = issue({ subject: { CN: 'Ủy ban nhân dân tỉnh Sơn La', O: 'Ủy ban nhân dân tỉnh Sơn La', L: 'Sơn La', C: 'VN' }, issuer: root, ...eeValidity });
  const expired = issue({ subject: { ...PERSON, CN: 'Lò Văn Hết Hạn' }, issuer: root, key: eeKey, notBefore: new Date(now - 3 * YEAR), notAfter: new Date(now - YEAR) });
  const notYetValid = issue({ subject: { ...PERSON, CN: 'Lường Thị Chưa Đến' }, issuer: root, key: eeKey, notBefore: new Date(now + YEAR), notAfter: new Date(now + 3 * YEAR) });
  const expiredSince = issue({ subject: { ...PERSON, CN: 'Cầm Văn Đã Ký' }, issuer: root, key: eeKey, notBefore: new Date(now - 3 * YEAR), notAfter: new Date(now - YEAR) });
  const untrusted = issue({ subject: { ...PERSON, CN: 'Người Lạ' }, issuer: rogueRoot, key: eeKey, ...eeValidity });
  const encryptionOnly = issue({ subject: { ...PERSON, CN: 'Chỉ Mã Hóa' }, issuer: root, key: eeKey, keyUsage: { keyEncipherment: true }, ...eeValidity });
  const tsa = issue({ subject: { CN: 'Dịch vụ cấp dấu thời gian thử nghiệm', O: 'Ban Cơ yếu Chính phủ (thử nghiệm)', C: 'VN' }, issuer: root, timeStamping: true, ...long });
  cached = { root, intermediate, rogueRoot, person, personViaIntermediate, organization, expired, notYetValid, expiredSince, untrusted, encryptionOnly, tsa };
  return cached;
}

/** A small official-looking PDF; `objectStreams` picks the cross-reference form (stream vs table). */
export async function makePdf(opts: { pages?: number; objectStreams?: boolean; title?: string } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.setTitle(opts.title ?? 'Quyết định số 2588/QĐ-UBND');
  for (let i = 0; i < (opts.pages ?? 1); i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`QUYET DINH 2588/QD-UBND - trang ${i + 1}`, { x: 50, y: 780, size: 14, font });
  }
  return doc.save({ useObjectStreams: opts.objectStreams ?? false });
}

const sha256 = (data: ArrayBuffer | Uint8Array) => createHash('sha256').update(new Uint8Array(data)).digest();

/** An RFC 3161 time-stamp token from `tsa` over `imprint` (the SHA-256 of what is stamped). */
export async function timestampToken(imprint: Uint8Array, tsa: Identity, genTime: Date): Promise<pkijs.ContentInfo> {
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: '1.3.6.1.4.1.99999.1.1',
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
    }),
    serialNumber: new asn1js.Integer({ value: randomBytes(4).readUInt32BE() }),
    genTime,
  });
  const content = tstInfo.toSchema().toBER();
  const cert = pkijs.Certificate.fromBER(new Uint8Array(tsa.der));
  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.9.16.1.4' }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.9.16.1.4' })] }),
            new pkijs.Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: sha256(content) })] }),
          ],
        }),
      }),
    ],
    certificates: [cert],
  });
  // Set after construction: pkijs's constructor would turn it into a constructed (BER) OCTET STRING; TSAs send DER.
  signedData.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: content });
  const pkcs8 = Buffer.from(forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(tsa.key))).getBytes(), 'binary');
  const key = await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  await signedData.sign(key as unknown as Parameters<pkijs.SignedData['sign']>[0], 0, 'SHA-256', undefined, cryptoEngine);
  return new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: signedData.toSchema(true) });
}

/** Adds a signature time-stamp (unsigned attribute) to what `inner` signs, like a PAdES signer with a TSA. */
class TimestampingSigner extends Signer {
  constructor(
    private readonly inner: Signer,
    private readonly stamp: { by: Identity; at: Date; overOtherData?: boolean },
  ) {
    super();
  }

  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    const info = pkijs.ContentInfo.fromBER(new Uint8Array(await this.inner.sign(pdf, signingTime)));
    const signedData = new pkijs.SignedData({ schema: info.content });
    const signer = signedData.signerInfos[0];
    const imprint = this.stamp.overOtherData ? sha256(randomBytes(32)) : sha256(signer.signature.valueBlock.valueHexView);
    const token = await timestampToken(imprint, this.stamp.by, this.stamp.at);
    signer.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: '1.2.840.113549.1.9.16.2.14', values: [token.toSchema()] })],
    });
    return Buffer.from(new pkijs.ContentInfo({ contentType: info.contentType, content: signedData.toSchema(true) }).toSchema().toBER());
  }
}

/**
 * Signs as `who` without the server's own checks (signPdf refuses bad certificates): this is how an
 * externally signed document with any certificate reaches us.
 */
export async function signAs(
  pdf: Uint8Array,
  who: Identity,
  options: SignatureAppearance & { withChain?: boolean; timestamp?: { by: Identity; at: Date; overOtherData?: boolean } } = {},
): Promise<Uint8Array> {
  const { withChain, timestamp, ...appearance } = options;
  const p12Signer = new RepairedP12Signer(toP12(who, { withChain }), PASSPHRASE, who.der);
  const signer = timestamp ? new TimestampingSigner(p12Signer, timestamp) : p12Signer;
  return signPdfWith(pdf, signer, { name: who.name, reason: 'Ký ban hành văn bản', location: 'Sơn La', ...appearance });
}
