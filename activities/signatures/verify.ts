/**
 * Verification of the digital signatures embedded in a PDF (R-REC-2 authenticity, R-DOC-4,
 * R-OUT-1): for every signature dictionary, the CMS over its byte range, the certificate chain to
 * the configured trust anchors, the certificate's validity at signing time, key usage, and whether
 * anything but further signatures was appended after it. Produces the report defined in
 * domain/signature.ts. Never throws on hostile input (R-SEC-4): what cannot be read is a MALFORMED
 * verdict. The signing time is taken from an RFC 3161 signature time-stamp when there is one
 * (verified, its TSA chained to the same anchors), else from the signer's own signingTime or /M.
 * Not checked: revocation (CRL/OCSP), document time-stamps (/DocTimeStamp), and what a signature
 * widget's appearance draws.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PDFArray, PDFContext, PDFDict, PDFHexString, PDFName, PDFNumber, PDFObject, PDFParser, PDFRef, PDFString } from 'pdf-lib';
import {
  CHECK_OF_FAILURE,
  SignatureError,
  buildSignatureReport,
  signatureIssue,
  type PdfSignatureReport,
  type PdfSignatureResult,
  type SignatureCheck,
  type SignatureFailureCode,
  type SignatureIssue,
  type SignatureIssueCode,
  type SigningTimeSource,
} from '../../domain/signature';
import { toVietnamIso } from '../../domain/time';
import {
  cryptoEngine,
  hasExtendedKeyUsage,
  keyUsageAllowsSigning,
  parseCertificates,
  rsaKeyBits,
  sameCertificate,
  summarizeCertificate,
  type CertificateInput,
} from './certificates';
import { analyzeChangesAfter, type ChangeAnalysis } from './pdf-revisions';

export interface TrustOptions {
  /** Certificates a signer's chain must end in (R-REC-2): PEM text or DER. */
  anchors: CertificateInput[];
  /** Extra CA certificates for building chains when a signature does not embed them. */
  intermediates?: CertificateInput[];
  /** Verification time (expiry "now", future signing times); defaults to the clock. */
  now?: Date;
}

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  signingTime: '1.2.840.113549.1.9.5',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
};

const DIGESTS: Record<string, { name: string; node: string; weak?: true }> = {
  '1.2.840.113549.2.5': { name: 'MD5', node: 'md5', weak: true },
  '1.3.14.3.2.26': { name: 'SHA-1', node: 'sha1', weak: true },
  '2.16.840.1.101.3.4.2.4': { name: 'SHA-224', node: 'sha224' },
  '2.16.840.1.101.3.4.2.1': { name: 'SHA-256', node: 'sha256' },
  '2.16.840.1.101.3.4.2.2': { name: 'SHA-384', node: 'sha384' },
  '2.16.840.1.101.3.4.2.3': { name: 'SHA-512', node: 'sha512' },
};

const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.113549.1.1.5': 'RSA with SHA-1',
  '1.2.840.113549.1.1.11': 'RSA with SHA-256',
  '1.2.840.113549.1.1.12': 'RSA with SHA-384',
  '1.2.840.113549.1.1.13': 'RSA with SHA-512',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.4.3.2': 'ECDSA with SHA-256',
  '1.2.840.10045.4.3.3': 'ECDSA with SHA-384',
  '1.2.840.10045.4.3.4': 'ECDSA with SHA-512',
};

/** Sub-filters whose /Contents is a detached CMS over the byte range. */
const DETACHED = new Set(['adbe.pkcs7.detached', 'ETSI.CAdES.detached']);

/** Far above any real document (a handful of approvals); see verifyDocument. */
const MAX_SIGNATURES = 50;

/** Clocks of signers' computers drift; a few minutes ahead is not "in the future". */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

const N = (s: string) => PDFName.of(s);

export async function verifyPdfSignatures(pdf: Uint8Array, trust: TrustOptions): Promise<PdfSignatureReport> {
  const now = trust.now ?? new Date();
  let anchors: pkijs.Certificate[];
  let intermediates: pkijs.Certificate[];
  try {
    anchors = parseCertificates(trust.anchors);
    intermediates = parseCertificates(trust.intermediates);
  } catch (e) {
    // Our own configuration, not the document: a clear error, not a verdict.
    throw new SignatureError('TRUST_ANCHOR_INVALID', `Chứng thư tin cậy cấu hình không đọc được (invalid trust anchor): ${errorText(e)}`);
  }
  if (!anchors.length) throw new SignatureError('TRUST_ANCHORS_MISSING', 'Chưa cấu hình chứng thư tin cậy (no trust anchors configured)');
  try {
    return await verifyDocument(asBuffer(pdf), { anchors, intermediates, now });
  } catch (e) {
    // Last line of defence (R-SEC-4): whatever slipped past the checks below is still a verdict.
    return buildSignatureReport({ signatures: [], failures: [signatureIssue('MALFORMED', errorText(e))], verifiedAt: now });
  }
}

interface Trust {
  anchors: pkijs.Certificate[];
  intermediates: pkijs.Certificate[];
  now: Date;
}

interface FoundSignature {
  dict: PDFDict;
  fieldName: string | null;
}

async function verifyDocument(bytes: Buffer, trust: Trust): Promise<PdfSignatureReport> {
  const { now } = trust;
  if (!bytes.subarray(0, 1024).includes('%PDF-')) {
    return buildSignatureReport({ signatures: [], failures: [signatureIssue('MALFORMED', 'not a PDF file (no %PDF- header)')], verifiedAt: now });
  }
  let context: PDFContext;
  try {
    context = await PDFParser.forBytesWithOptions(bytes, Infinity, false, true).parseDocument();
  } catch (e) {
    return buildSignatureReport({ signatures: [], failures: [signatureIssue('MALFORMED', `unreadable PDF: ${errorText(e)}`)], verifiedAt: now });
  }
  const { signatures: found, documentTimestamps } = findSignatures(context);
  if (found.length > MAX_SIGNATURES) {
    // Each signature hashes up to the whole file: a cap keeps a crafted file from costing minutes.
    return buildSignatureReport({ signatures: [], failures: [signatureIssue('MALFORMED', `${found.length} signatures, more than the ${MAX_SIGNATURES} verified`)], verifiedAt: now });
  }
  // Revision order: a signature over fewer bytes was applied earlier.
  const ordered = found
    .map((f) => ({ ...f, range: byteRangeOf(f.dict) }))
    .sort((x, y) => (x.range ? x.range[2] + x.range[3] : 0) - (y.range ? y.range[2] + y.range[3] : 0));
  const analyses = new Map<number, Promise<ChangeAnalysis>>();
  const results: PdfSignatureResult[] = [];
  for (const [index, f] of ordered.entries()) {
    try {
      results.push(await verifySignature(bytes, f, index, trust, analyses));
    } catch (e) {
      // One unreadable signature must not hide the verdicts on the others.
      const draft = new Draft(index, f, f.range);
      draft.fail('MALFORMED', errorText(e));
      results.push(draft.done());
    }
  }

  const notes: SignatureIssue[] = [];
  if (results.length) notes.push(signatureIssue('REVOCATION_NOT_CHECKED'));
  if (documentTimestamps) notes.push(signatureIssue('DOCUMENT_TIMESTAMP_NOT_VERIFIED'));
  return buildSignatureReport({ signatures: results, notes, verifiedAt: now });
}

/** Signature dictionaries: `/Type /Sig` (the type is optional, so also every signature field's value). */
function findSignatures(context: PDFContext): { signatures: FoundSignature[]; documentTimestamps: number } {
  const names = new Map<PDFDict, string | null>();
  const sigs = new Set<PDFDict>();
  const docTimestamps = new Set<PDFDict>();
  const classify = (d: PDFDict) => {
    if (d.get(N('Type')) === N('DocTimeStamp') || d.get(N('SubFilter')) === N('ETSI.RFC3161')) docTimestamps.add(d);
    else sigs.add(d);
  };
  for (const [, obj] of context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    if (obj.get(N('Type')) === N('Sig') || obj.get(N('Type')) === N('DocTimeStamp')) classify(obj);
    if (obj.get(N('FT')) === N('Sig')) {
      const v = obj.get(N('V'));
      const value = v instanceof PDFRef ? context.lookup(v) : v;
      if (value instanceof PDFDict) {
        classify(value);
        names.set(value, fieldName(context, obj));
      }
    }
  }
  return { signatures: [...sigs].map((dict) => ({ dict, fieldName: names.get(dict) ?? null })), documentTimestamps: docTimestamps.size };
}

function fieldName(context: PDFContext, field: PDFDict): string | null {
  const parts: string[] = [];
  let d: PDFDict | undefined = field;
  for (let depth = 0; d && depth < 16; depth++) {
    const t = text(d.get(N('T')));
    if (t) parts.unshift(t);
    const parent: PDFObject | undefined = d.get(N('Parent'));
    const next: PDFObject | undefined = parent instanceof PDFRef ? context.lookup(parent) : parent;
    d = next instanceof PDFDict ? next : undefined;
  }
  return parts.length ? parts.join('.') : null;
}

type Range = [number, number, number, number];

function byteRangeOf(dict: PDFDict): Range | null {
  const br = dict.get(N('ByteRange'));
  if (!(br instanceof PDFArray) || br.size() !== 4) return null;
  const xs = br.asArray().map((x) => (x instanceof PDFNumber ? x.asNumber() : NaN));
  return xs.every((x) => Number.isSafeInteger(x) && x >= 0) ? (xs as Range) : null;
}

function text(o: PDFObject | undefined): string | null {
  if (!(o instanceof PDFString) && !(o instanceof PDFHexString)) return null;
  try {
    return o.decodeText().normalize('NFC');
  } catch {
    return null;
  }
}

function date(o: PDFObject | undefined): Date | null {
  if (!(o instanceof PDFString) && !(o instanceof PDFHexString)) return null;
  try {
    const d = o.decodeDate();
    return Number.isNaN(d.getTime()) ? null : d;
  } catch {
    return null;
  }
}

class Draft {
  readonly result: PdfSignatureResult;
  constructor(index: number, found: FoundSignature, range: Range | null) {
    const d = found.dict;
    const subFilter = d.get(N('SubFilter'));
    this.result = {
      index,
      fieldName: found.fieldName,
      subFilter: subFilter instanceof PDFName ? subFilter.decodeText() : null,
      status: 'invalid',
      signer: null,
      chain: [],
      signingTime: null,
      signingTimeSource: null,
      digestAlgorithm: null,
      signatureAlgorithm: null,
      reason: text(d.get(N('Reason'))),
      location: text(d.get(N('Location'))),
      contactInfo: text(d.get(N('ContactInfo'))),
      byteRange: range,
      coversWholeDocument: false,
      certificateExpiredNow: null,
      checks: { structure: 'skipped', integrity: 'skipped', coverage: 'skipped', chain: 'skipped', validityAtSigning: 'skipped', keyUsage: 'skipped' },
      failures: [],
      notes: [],
    };
  }
  fail(code: SignatureFailureCode, detail?: string): void {
    this.result.failures.push(signatureIssue(code, detail));
    this.result.checks[CHECK_OF_FAILURE[code]] = 'failed';
  }
  note(code: SignatureIssueCode, detail?: string): void {
    this.result.notes.push(signatureIssue(code, detail));
  }
  pass(check: SignatureCheck): void {
    if (this.result.checks[check] !== 'failed') this.result.checks[check] = 'passed';
  }
  done(): PdfSignatureResult {
    this.result.status = this.result.failures.length ? 'invalid' : 'valid';
    return this.result;
  }
}

async function verifySignature(
  bytes: Buffer,
  found: FoundSignature & { range: Range | null },
  index: number,
  trust: Trust,
  analyses: Map<number, Promise<ChangeAnalysis>>,
): Promise<PdfSignatureResult> {
  const draft = new Draft(index, found, found.range);
  const r = draft.result;
  const stop = (code: SignatureFailureCode, detail: string) => {
    draft.fail(code, detail);
    return draft.done();
  };

  // Structure: the byte range must leave out exactly this signature's /Contents and nothing else.
  const range = found.range;
  if (!range) return stop('MALFORMED', '/ByteRange is missing or not four non-negative integers');
  const [a, b, c, d] = range;
  r.coversWholeDocument = c + d === bytes.length;
  if (a !== 0 || b <= 0 || c <= b || c + d > bytes.length) {
    return stop('MALFORMED', `/ByteRange [${range.join(' ')}] does not fit a file of ${bytes.length} bytes`);
  }
  const contents = found.dict.get(N('Contents'));
  if (!(contents instanceof PDFHexString)) return stop('MALFORMED', '/Contents is missing or not a hexadecimal string');
  const hole = bytes.subarray(b, c).toString('latin1');
  const hex = hole.slice(1, -1).replace(/\s+/g, '').toLowerCase();
  if (!/^<[0-9A-Fa-f\s]*>$/.test(hole) || hex !== contents.asString().replace(/\s+/g, '').toLowerCase()) {
    return stop('MALFORMED', "the bytes left out of /ByteRange are not this signature's /Contents");
  }
  // Decoded here rather than by pdf-lib, which turns whitespace inside a hex string into zero bytes.
  const cms = Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
  if (r.subFilter !== null && !DETACHED.has(r.subFilter)) return stop('UNSUPPORTED', `/SubFilter ${r.subFilter}`);

  let signedData: pkijs.SignedData;
  let signer: pkijs.SignerInfo;
  try {
    const asn1 = asn1js.fromBER(cms);
    if (asn1.offset === -1) throw new Error(asn1.result.error || 'not DER');
    const info = new pkijs.ContentInfo({ schema: asn1.result });
    if (info.contentType !== OID.signedData) throw new Error(`content type ${info.contentType}, expected signedData`);
    signedData = new pkijs.SignedData({ schema: info.content });
    if (signedData.signerInfos.length !== 1) throw new Error(`${signedData.signerInfos.length} signer infos, expected exactly one`);
    signer = signedData.signerInfos[0];
  } catch (e) {
    return stop('MALFORMED', `unreadable CMS signature: ${errorText(e)}`);
  }
  if (signedData.encapContentInfo.eContent) return stop('UNSUPPORTED', 'CMS with encapsulated content: not a detached signature');
  const signerCert = findSignerCertificate(signedData, signer);
  if (!signerCert) return stop('MALFORMED', 'the signer certificate is not embedded in the signature');
  draft.pass('structure');

  r.signer = summarizeCertificate(signerCert);
  const digest = DIGESTS[signer.digestAlgorithm.algorithmId];
  r.digestAlgorithm = digest?.name ?? signer.digestAlgorithm.algorithmId;
  const algorithm = SIGNATURE_ALGORITHMS[signer.signatureAlgorithm.algorithmId] ?? signer.signatureAlgorithm.algorithmId;
  // Plain rsaEncryption (what most PDF signers write) takes its hash from the digest algorithm.
  r.signatureAlgorithm = algorithm === 'RSA' && digest ? `RSA with ${digest.name}` : algorithm;
  if (digest?.weak) draft.note('WEAK_ALGORITHM', `digest ${digest.name}`);
  const bits = rsaKeyBits(signerCert);
  if (bits !== null && bits < 2048) draft.note('WEAK_ALGORITHM', `RSA key of ${bits} bits`);

  // (a) Integrity: the message digest over the byte range and the signature value over the attributes.
  const signedBytes = new Uint8Array(b + d);
  signedBytes.set(bytes.subarray(0, b), 0);
  signedBytes.set(bytes.subarray(c, c + d), b);
  await checkIntegrity(draft, signedData, signedBytes, signerCert, digest);

  // (d) Validity at signing time, by the best time the signature offers: a verified time-stamp, else the signer's claim.
  const stamp = await verifyTimestamp(signer, trust);
  if (stamp && 'problem' in stamp) draft.fail('TIMESTAMP_INVALID', stamp.problem);
  const { time, source } = stamp && 'time' in stamp ? { time: stamp.time, source: 'timestamp' as const } : claimedSigningTime(signer, found.dict);
  const checkTime = time ?? trust.now;
  r.signingTime = time ? toVietnamIso(time) : null;
  r.signingTimeSource = source;
  if (!time) draft.note('NO_SIGNING_TIME');
  const notBefore = signerCert.notBefore.value;
  const notAfter = signerCert.notAfter.value;
  if (checkTime.getTime() > trust.now.getTime() + CLOCK_SKEW_MS) draft.fail('SIGNING_TIME_IN_FUTURE', `signed ${toVietnamIso(checkTime)}`);
  if (checkTime < notBefore) draft.fail('CERT_NOT_YET_VALID_AT_SIGNING', `signed ${toVietnamIso(checkTime)}, valid from ${toVietnamIso(notBefore)}`);
  if (checkTime > notAfter) draft.fail('CERT_EXPIRED_AT_SIGNING', `signed ${toVietnamIso(checkTime)}, valid until ${toVietnamIso(notAfter)}`);
  draft.pass('validityAtSigning');
  r.certificateExpiredNow = trust.now > notAfter;
  if (r.certificateExpiredNow && r.checks.validityAtSigning === 'passed') {
    draft.note('CERT_EXPIRED_NOW', `valid until ${toVietnamIso(notAfter)}`);
    // The verdict then rests on the signer's own clock; say so, so a clerk can ask for a time-stamped copy.
    if (source !== 'timestamp') draft.note('SIGNING_TIME_CLAIMED');
  }

  // (c) Chain to a trust anchor. Checked at the signing time clamped into the signer certificate's
  // validity, so an expired signer certificate is reported once (above), not again as a broken chain.
  const chainTime = new Date(Math.min(Math.max(checkTime.getTime(), notBefore.getTime()), notAfter.getTime()));
  await checkChain(draft, signedData, signerCert, trust, chainTime);

  // (e) Key usage.
  if (keyUsageAllowsSigning(signerCert) === false) draft.fail('KEY_USAGE', 'keyUsage has neither digitalSignature nor nonRepudiation');
  draft.pass('keyUsage');

  // (b) Coverage: nothing but further signatures appended after this one.
  if (r.coversWholeDocument) draft.pass('coverage');
  else await checkLaterChanges(draft, bytes, c + d, found.dict, analyses);
  return draft.done();
}

function findSignerCertificate(sd: pkijs.SignedData, signer: pkijs.SignerInfo): pkijs.Certificate | null {
  const certs = (sd.certificates ?? []).filter((x): x is pkijs.Certificate => x instanceof pkijs.Certificate);
  const sid = signer.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    const exact = certs.find((x) => x.issuer.isEqual(sid.issuer) && x.serialNumber.isEqual(sid.serialNumber));
    if (exact) return exact;
    // node-forge based signers (the @signpdf P12 signer among them) re-encode a UTF-8 issuer name twice,
    // so Vietnamese CA names never match. The identifier is not signed, and the signature must still
    // verify with the certificate's key, so falling back to a unique serial number costs no security.
    const bySerial = certs.filter((x) => x.serialNumber.isEqual(sid.serialNumber));
    return bySerial.length === 1 ? bySerial[0] : null;
  }
  // SubjectKeyIdentifier: [0] IMPLICIT OCTET STRING, compared with SHA-1 of the public key as RFC 5280 method 1.
  const keyId = Buffer.from((sid as asn1js.Primitive).valueBlock.valueHexView ?? []);
  return certs.find((x) => createHash('sha1').update(x.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest().equals(keyId)) ?? null;
}

async function checkIntegrity(
  draft: Draft,
  sd: pkijs.SignedData,
  signedBytes: Uint8Array,
  signerCert: pkijs.Certificate,
  digest: (typeof DIGESTS)[string] | undefined,
): Promise<void> {
  if (!digest) return draft.fail('UNSUPPORTED', `digest algorithm ${sd.signerInfos[0].digestAlgorithm.algorithmId}`);
  try {
    const res = await sd.verify({ signer: 0, data: signedBytes.buffer as ArrayBuffer, extendedMode: true, checkChain: false }, cryptoEngine);
    if (!res.signatureVerified) return draft.fail('INTEGRITY', "the signature value does not verify with the signer's public key");
  } catch (e) {
    const code = (e as { code?: number }).code;
    const message = errorText(e);
    if (/digest doesn't match/i.test(message)) return draft.fail('INTEGRITY', 'the signed bytes differ from what was signed (message digest mismatch)');
    if (code === 7) return draft.fail('UNSUPPORTED', message);
    if (code === 9 || code === 10 || code === 3) return draft.fail('MALFORMED', message);
    return draft.fail('INTEGRITY', message);
  }
  // ESS signing-certificate(-v2) binds the certificate into the signed attributes; when present it must match.
  const bound = essCertificateHash(sd.signerInfos[0]);
  if (bound) {
    const actual = createHash(bound.algorithm).update(Buffer.from(signerCert.toSchema().toBER())).digest();
    if (!actual.equals(bound.hash)) return draft.fail('INTEGRITY', 'the signing-certificate attribute names a different certificate');
  }
  draft.pass('integrity');
}

function essCertificateHash(signer: pkijs.SignerInfo): { algorithm: string; hash: Buffer } | null {
  for (const attr of signer.signedAttrs?.attributes ?? []) {
    if (attr.type !== OID.signingCertificateV2 && attr.type !== OID.signingCertificate) continue;
    // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), ... }; the first entry is the signer's.
    const first = (attr.values[0] as asn1js.Sequence)?.valueBlock.value[0] as asn1js.Sequence | undefined;
    const essCertId = first?.valueBlock.value[0] as asn1js.Sequence | undefined;
    const parts = essCertId?.valueBlock.value ?? [];
    if (attr.type === OID.signingCertificate) {
      return parts[0] instanceof asn1js.OctetString ? { algorithm: 'sha1', hash: Buffer.from(parts[0].valueBlock.valueHexView) } : null;
    }
    // ESSCertIDv2: hashAlgorithm DEFAULT sha256, certHash, issuerSerial OPTIONAL.
    const hasAlgorithm = parts[0] instanceof asn1js.Sequence;
    const algOid = hasAlgorithm ? ((parts[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString() : '2.16.840.1.101.3.4.2.1';
    const hash = parts[hasAlgorithm ? 1 : 0];
    const alg = DIGESTS[algOid];
    return alg && hash instanceof asn1js.OctetString ? { algorithm: alg.node, hash: Buffer.from(hash.valueBlock.valueHexView) } : null;
  }
  return null;
}

function claimedSigningTime(signer: pkijs.SignerInfo, dict: PDFDict): { time: Date | null; source: SigningTimeSource | null } {
  const attr = signer.signedAttrs?.attributes.find((x) => x.type === OID.signingTime);
  const value = attr?.values[0];
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) {
    const t = value.toDate();
    if (!Number.isNaN(t.getTime())) return { time: t, source: 'signed_attribute' };
  }
  // /M lies inside the byte range, so it is as integrity-protected as a signed attribute.
  const m = date(dict.get(N('M')));
  return m ? { time: m, source: 'pdf_dictionary' } : { time: null, source: null };
}

type ChainResult = { ok: true; path: pkijs.Certificate[] } | { ok: false; code: 'CHAIN_UNTRUSTED' | 'CHAIN_INVALID'; detail: string };

/** Path from `cert` to a trust anchor through embedded and configured CA certificates, checked at `at`. */
async function validateChain(cert: pkijs.Certificate, sd: pkijs.SignedData, trust: Trust, at: Date): Promise<ChainResult> {
  const embedded = (sd.certificates ?? []).filter((x): x is pkijs.Certificate => x instanceof pkijs.Certificate);
  // pkijs takes the last of `certs` as the end entity, and drops duplicates: keep it unique and last.
  const others: pkijs.Certificate[] = [];
  for (const c of [...embedded, ...trust.intermediates]) {
    if (!sameCertificate(c, cert) && !others.some((o) => sameCertificate(o, c))) others.push(c);
  }
  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: trust.anchors, certs: [...others, cert], checkDate: at });
  let res: Awaited<ReturnType<pkijs.CertificateChainValidationEngine['verify']>>;
  try {
    res = await engine.verify({}, cryptoEngine);
  } catch (e) {
    return { ok: false, code: 'CHAIN_INVALID', detail: errorText(e) };
  }
  if (res.result) return { ok: true, path: res.certificatePath ?? [] };
  if (res.resultCode === 60 || res.resultCode === 97 || /no valid certificate paths|unable to find certificate path/i.test(res.resultMessage)) {
    return { ok: false, code: 'CHAIN_UNTRUSTED', detail: `issuer: ${summarizeCertificate(cert).issuer}` };
  }
  if (res.resultCode === 8) return { ok: false, code: 'CHAIN_INVALID', detail: 'a CA certificate in the chain was not valid at that time' };
  return { ok: false, code: 'CHAIN_INVALID', detail: res.resultMessage };
}

async function checkChain(draft: Draft, sd: pkijs.SignedData, signerCert: pkijs.Certificate, trust: Trust, at: Date): Promise<void> {
  const chain = await validateChain(signerCert, sd, trust, at);
  if (!chain.ok) return draft.fail(chain.code, chain.detail);
  draft.result.chain = chain.path.map((x) => summarizeCertificate(x).subject);
  draft.pass('chain');
}

/**
 * RFC 3161 signature time-stamp (the unsigned attribute CAdES and PAdES use): a time-stamp
 * authority vouches that the signature value existed at genTime. Unsigned attributes sit in the
 * /Contents hole, outside the byte range, so the token is only worth its own verification: the
 * imprint must be the hash of this signature value, the TSA's signature must verify, and the TSA
 * certificate must be for time-stamping and chain to the trust anchors at genTime.
 */
async function verifyTimestamp(signer: pkijs.SignerInfo, trust: Trust): Promise<{ time: Date } | { problem: string } | null> {
  const attr = signer.unsignedAttrs?.attributes.find((x) => x.type === OID.timeStampToken);
  if (!attr) return null;
  try {
    const token = new pkijs.ContentInfo({ schema: attr.values[0] });
    if (token.contentType !== OID.signedData) return { problem: 'the time-stamp token is not CMS signed data' };
    const tsd = new pkijs.SignedData({ schema: token.content });
    const eContent = tsd.encapContentInfo.eContent;
    if (tsd.encapContentInfo.eContentType !== OID.tstInfo || !eContent) return { problem: 'the time-stamp token holds no TSTInfo' };
    const tstInfo = pkijs.TSTInfo.fromBER(eContent.getValue());
    // pkijs reads TSTInfo from a primitive OCTET STRING only; BER allows a constructed one.
    if (eContent.idBlock.isConstructed) tsd.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: eContent.getValue() });
    const imprinted = signer.signature.valueBlock.valueHexView;
    const res = await tsd.verify({ signer: 0, data: imprinted.slice().buffer as ArrayBuffer, extendedMode: true }, cryptoEngine);
    if (!res.signatureVerified || !res.signerCertificate) return { problem: "the time-stamp authority's signature does not verify" };
    if (!hasExtendedKeyUsage(res.signerCertificate, OID.timeStamping)) return { problem: 'the time-stamp certificate is not a time-stamping certificate' };
    const chain = await validateChain(res.signerCertificate, tsd, trust, tstInfo.genTime);
    if (!chain.ok) return { problem: `time-stamp authority: ${chain.code} ${chain.detail}` };
    return { time: tstInfo.genTime };
  } catch (e) {
    // pkijs reports an imprint that does not match this signature as "TSTInfo verification is failed".
    return { problem: errorText(e) };
  }
}

async function checkLaterChanges(draft: Draft, bytes: Buffer, end: number, dict: PDFDict, analyses: Map<number, Promise<ChangeAnalysis>>): Promise<void> {
  if (!bytes.subarray(end).toString('latin1').trim()) return draft.pass('coverage'); // trailing end-of-line only
  if (docMdpPermission(dict) === 1) return draft.fail('MODIFIED_AFTER_SIGNING', 'certified with no changes permitted (DocMDP P=1)');
  let analysis = analyses.get(end);
  if (!analysis) analyses.set(end, (analysis = analyzeChangesAfter(bytes, end)));
  try {
    const { disallowed, addedSignatures } = await analysis;
    if (disallowed.length) return draft.fail('MODIFIED_AFTER_SIGNING', disallowed.slice(0, 5).join('; '));
    if (addedSignatures) draft.note('LATER_SIGNATURES_ONLY', `${addedSignatures} signature(s) added later`);
    draft.pass('coverage');
  } catch (e) {
    // Updates that cannot be read cannot be shown harmless.
    draft.fail('MODIFIED_AFTER_SIGNING', `later revisions unreadable: ${errorText(e)}`);
  }
}

/** The /P of a certification signature's DocMDP transform, if this is one. */
function docMdpPermission(dict: PDFDict): number | null {
  const refs = dict.get(N('Reference'));
  if (!(refs instanceof PDFArray)) return null;
  for (const x of refs.asArray()) {
    const ref = x instanceof PDFDict ? x : null;
    if (ref?.get(N('TransformMethod')) !== N('DocMDP')) continue;
    const params = ref.get(N('TransformParams'));
    const p = params instanceof PDFDict ? params.get(N('P')) : undefined;
    return p instanceof PDFNumber ? p.asNumber() : 2; // the default permission is 2
  }
  return null;
}

function asBuffer(pdf: Uint8Array): Buffer {
  return Buffer.isBuffer(pdf) ? pdf : Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
