/**
 * Digital signatures (R-REC-2 authenticity, R-DOC-4, R-OUT-1) against a PKI generated at test time
 * (test/support/pki.ts): verification verdicts and their failure codes, server-side signing with a
 * PKCS#12, and loading of trust anchors and keystores. No database or Temporal needed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFHexString, PDFName, PDFRef, StandardFonts, drawObject } from 'pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { appendIncrementalUpdate, loadOrganizationSigner, loadTrustAnchors, signPdf, signatureDirs, verifyPdfSignatures } from '../../activities/signatures';
import { RepairedP12Signer } from '../../activities/signatures/sign';
import { legalValidity, type PdfSignatureReport, type SignatureError } from '../../domain/signature';
import { toVietnamIso } from '../../domain/time';
import { PASSPHRASE, makePdf, signAs, testPki, toP12, type TestPki } from '../support/pki';

let pki: TestPki;
let anchors: string[];
let tmp: string;
beforeAll(() => {
  pki = testPki();
  anchors = [pki.root.pem];
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edoc-signatures-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});
afterEach(() => jest.restoreAllMocks());

const verify = (pdf: Uint8Array, extra: { intermediates?: string[]; now?: Date } = {}) => verifyPdfSignatures(pdf, { anchors, ...extra });
const codes = (report: PdfSignatureReport, i = 0) => report.signatures[i].failures.map((f) => f.code);
const notes = (report: PdfSignatureReport, i = 0) => report.signatures[i].notes.map((n) => n.code);
const YEAR = 365 * 24 * 60 * 60 * 1000;

/** The same bytes with one byte replaced (the file length, and so every offset, unchanged). */
function withByte(pdf: Uint8Array, at: number, value: number): Uint8Array {
  const copy = new Uint8Array(pdf);
  copy[at] = value;
  return copy;
}

function indexOfText(pdf: Uint8Array, text: string, from = 0): number {
  const at = Buffer.from(pdf).indexOf(text, from, 'latin1');
  if (at < 0) throw new Error(`"${text}" not in the PDF`);
  return at;
}

async function signedByPerson(opts: Parameters<typeof makePdf>[0] = {}): Promise<Uint8Array> {
  return signAs(await makePdf(opts), pki.person);
}

async function signerError(p: Promise<unknown>): Promise<SignatureError> {
  try {
    await p;
  } catch (e) {
    return e as SignatureError;
  }
  throw new Error('expected a SignatureError');
}

describe('verifying PDF signatures (R-REC-2)', () => {
  test('R-REC-2 when a PDF is signed with a certificate from a trust anchor, then the signature and the document are valid', async () => {
    const report = await verify(await signedByPerson());
    expect(report).toMatchObject({ verdict: 'valid', legalValidity: 'legally_valid', mainSignatureIndex: 0, failures: [] });
    expect(report.signatures[0]).toMatchObject({
      status: 'valid',
      coversWholeDocument: true,
      checks: { structure: 'passed', integrity: 'passed', coverage: 'passed', chain: 'passed', validityAtSigning: 'passed', keyUsage: 'passed' },
    });
  });

  test('R-REC-2 when a PDF is signed, then the report names the signer and the organization with their Vietnamese diacritics', async () => {
    const { signatures } = await verify(await signedByPerson());
    expect(signatures[0].signer).toMatchObject({
      commonName: 'Nguyễn Văn A',
      organization: 'Ủy ban nhân dân tỉnh Sơn La',
      organizationalUnit: 'Văn phòng Ủy ban nhân dân tỉnh',
      email: 'nguyenvana@sonla.gov.vn',
      serialNumber: pki.person.cert.serialNumber.toUpperCase(),
      issuer: 'CN=CA Thử nghiệm Gốc Sơn La, O=Ban Cơ yếu Chính phủ (thử nghiệm), C=VN',
    });
    expect(signatures[0].signer?.commonName).toBe('Nguyễn Văn A'.normalize('NFC'));
    expect(signatures[0].reason).toBe('Ký ban hành văn bản');
    expect(signatures[0].location).toBe('Sơn La');
  });

  test('R-REC-2 when a PDF is signed, then the report gives the signing time (Vietnam time) and the digest algorithm', async () => {
    const at = new Date('2026-03-02T02:30:00Z');
    const report = await verify(await signAs(await makePdf(), pki.person, { signingTime: at }), { now: new Date('2026-03-02T03:00:00Z') });
    expect(report.signatures[0]).toMatchObject({
      signingTime: '2026-03-02T09:30:00.000+07:00',
      signingTimeSource: 'signed_attribute',
      digestAlgorithm: 'SHA-256',
      signatureAlgorithm: 'RSA with SHA-256',
    });
  });

  test('R-REC-2 when the certificate had expired before the document was signed, then the signature is invalid with CERT_EXPIRED_AT_SIGNING', async () => {
    const report = await verify(await signAs(await makePdf(), pki.expired));
    expect(report.verdict).toBe('invalid');
    expect(codes(report)).toEqual(['CERT_EXPIRED_AT_SIGNING']);
    expect(report.signatures[0].checks.chain).toBe('passed');
  });

  test('R-REC-2 when the certificate was not yet valid at signing time, then CERT_NOT_YET_VALID_AT_SIGNING', async () => {
    const report = await verify(await signAs(await makePdf(), pki.notYetValid));
    expect(codes(report)).toEqual(['CERT_NOT_YET_VALID_AT_SIGNING']);
  });

  test('R-REC-2 when the certificate was valid at signing time and has expired since, then the signature stays valid and the expiry is reported separately', async () => {
    const report = await verify(await signAs(await makePdf(), pki.expiredSince, { signingTime: new Date(Date.now() - 2 * YEAR) }));
    expect(report.verdict).toBe('valid');
    expect(report.signatures[0].certificateExpiredNow).toBe(true);
    expect(notes(report)).toEqual(['CERT_EXPIRED_NOW', 'SIGNING_TIME_CLAIMED']);
  });

  test('R-REC-2 when the signature carries a time-stamp from a trusted authority, then the time-stamp, not the signer\'s clock, decides validity at signing time', async () => {
    // Claimed "now", after the certificate expired; the authority vouches for two years ago, when it was valid.
    const stampedAt = new Date(Date.now() - 2 * YEAR);
    const report = await verify(await signAs(await makePdf(), pki.expiredSince, { timestamp: { by: pki.tsa, at: stampedAt } }));
    expect(report.verdict).toBe('valid');
    expect(report.signatures[0]).toMatchObject({ signingTimeSource: 'timestamp', signingTime: toVietnamIso(stampedAt) });
    expect(notes(report)).toEqual(['CERT_EXPIRED_NOW']);
  });

  test('R-REC-2 when the time-stamp was made over other data, then TIMESTAMP_INVALID', async () => {
    const report = await verify(await signAs(await makePdf(), pki.person, { timestamp: { by: pki.tsa, at: new Date(), overOtherData: true } }));
    expect(report.signatures[0].failures).toEqual([expect.objectContaining({ code: 'TIMESTAMP_INVALID', detail: expect.stringMatching(/TSTInfo verification is failed/) })]);
    expect(report.signatures[0].signingTimeSource).toBe('signed_attribute');
  });

  test('R-REC-2 when the time-stamp comes from a certificate that is not a time-stamping authority, then TIMESTAMP_INVALID', async () => {
    const report = await verify(await signAs(await makePdf(), pki.person, { timestamp: { by: pki.organization, at: new Date() } }));
    expect(report.signatures[0].failures).toEqual([expect.objectContaining({ code: 'TIMESTAMP_INVALID', detail: expect.stringMatching(/not a time-stamping certificate/) })]);
  });

  test('R-REC-2 when the signing time lies in the future, then SIGNING_TIME_IN_FUTURE', async () => {
    const report = await verify(await signAs(await makePdf(), pki.person, { signingTime: new Date(Date.now() + 24 * 60 * 60 * 1000) }));
    expect(codes(report)).toEqual(['SIGNING_TIME_IN_FUTURE']);
  });

  test('R-REC-2 when the certificate comes from a CA that is not a trust anchor, then CHAIN_UNTRUSTED', async () => {
    const report = await verify(await signAs(await makePdf(), pki.untrusted));
    expect(report).toMatchObject({ verdict: 'invalid', legalValidity: 'information_only' });
    expect(report.signatures[0].failures).toEqual([expect.objectContaining({ code: 'CHAIN_UNTRUSTED', message: expect.stringMatching(/^Chứng thư số không do tổ chức chứng thực tin cậy cấp/) })]);
  });

  test('R-REC-2 when the chain runs through an intermediate CA embedded in the signature, then it is valid and the chain is reported', async () => {
    const report = await verify(await signAs(await makePdf(), pki.personViaIntermediate));
    expect(report.verdict).toBe('valid');
    expect(report.signatures[0].chain.map((s) => s.match(/CN=([^,]+)/)?.[1])).toEqual([
      'Trần Thị Bích Ngọc',
      'CA Thử nghiệm phục vụ các cơ quan Nhà nước',
      'CA Thử nghiệm Gốc Sơn La',
    ]);
  });

  test('R-REC-2 when the signature does not embed the intermediate CA but it is configured, then it is valid', async () => {
    const pdf = await signAs(await makePdf(), pki.personViaIntermediate, { withChain: false });
    expect((await verify(pdf, { intermediates: [pki.intermediate.pem] })).verdict).toBe('valid');
  });

  test('R-REC-2 when the intermediate CA is neither embedded nor configured, then CHAIN_UNTRUSTED', async () => {
    const pdf = await signAs(await makePdf(), pki.personViaIntermediate, { withChain: false });
    expect(codes(await verify(pdf))).toEqual(['CHAIN_UNTRUSTED']);
  });

  test('R-REC-2 when the certificate key usage does not allow signing, then KEY_USAGE', async () => {
    expect(codes(await verify(await signAs(await makePdf(), pki.encryptionOnly)))).toEqual(['KEY_USAGE']);
  });

  test('R-REC-2 when one byte inside the signed range is changed, then INTEGRITY and the rest of the report is still produced', async () => {
    const signed = await signedByPerson();
    const at = indexOfText(signed, '595'); // the page width in /MediaBox: 595 → 695
    const report = await verify(withByte(signed, at, '6'.charCodeAt(0)));
    expect(report).toMatchObject({ verdict: 'invalid', legalValidity: 'information_only' });
    expect(codes(report)).toEqual(['INTEGRITY']);
    expect(report.signatures[0]).toMatchObject({
      signer: { commonName: 'Nguyễn Văn A' },
      signingTimeSource: 'signed_attribute',
      checks: { integrity: 'failed', chain: 'passed', validityAtSigning: 'passed' },
    });
  });

  test('R-REC-2 when an incremental update that changes the page content is appended after signing, then MODIFIED_AFTER_SIGNING', async () => {
    const edited = await appendIncrementalUpdate(await signedByPerson(), async (doc) => {
      const font = await doc.embedFont(StandardFonts.Helvetica);
      doc.getPage(0).drawText('DA SUA SAU KHI KY', { x: 50, y: 700, size: 14, font });
    });
    const report = await verify(edited);
    expect(report).toMatchObject({ verdict: 'invalid', legalValidity: 'information_only' });
    expect(report.signatures[0]).toMatchObject({ coversWholeDocument: false, checks: { integrity: 'passed', coverage: 'failed' } });
    expect(report.signatures[0].failures).toEqual([expect.objectContaining({ code: 'MODIFIED_AFTER_SIGNING', detail: expect.stringMatching(/page \d+: \/(Contents|Resources) changed/) })]);
  });

  test('R-REC-2 when an update fills in an object the signed page already referred to, then MODIFIED_AFTER_SIGNING', async () => {
    // A "shadow" prepared before signing: the page draws /Hidden, which points at an object that does not exist yet.
    const doc = await PDFDocument.load(await makePdf());
    const hidden = PDFRef.of(900);
    doc.getPage(0).node.setXObject(PDFName.of('Hidden'), hidden);
    doc.getPage(0).pushOperators(drawObject('Hidden'));
    const signed = await signAs(await doc.save({ useObjectStreams: false }), pki.person);
    const revealed = await appendIncrementalUpdate(signed, (d) => {
      d.context.assign(hidden, d.context.formXObject([], { BBox: [0, 0, 595, 842] }));
    });
    const report = await verify(revealed);
    expect(report.signatures[0].failures).toEqual([expect.objectContaining({ code: 'MODIFIED_AFTER_SIGNING', detail: expect.stringMatching(/object 900 .*missing object/) })]);
  });

  test('R-REC-2 when an annotation other than a signature is added to a page after signing, then MODIFIED_AFTER_SIGNING', async () => {
    const annotated = await appendIncrementalUpdate(await signedByPerson(), (doc) => {
      const note = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'FreeText', Rect: [50, 600, 400, 650], Contents: PDFHexString.fromText('Đã hủy'), DA: '/Helv 12 Tf 0 g' }));
      const page = doc.getPage(0).node;
      page.set(PDFName.of('Annots'), doc.context.obj([...(page.Annots()?.asArray() ?? []), note]));
    });
    const report = await verify(annotated);
    expect(report.signatures[0].failures).toEqual([expect.objectContaining({ code: 'MODIFIED_AFTER_SIGNING', detail: expect.stringMatching(/\/Annots: .* added, not a signature/) })]);
  });

  test('R-REC-2 when a document certified with no changes permitted (DocMDP P=1) is signed again, then MODIFIED_AFTER_SIGNING', async () => {
    const placeholder = PDFName.of('**********');
    const prepared = await appendIncrementalUpdate(await makePdf(), (doc) => {
      const ctx = doc.context;
      const sig = ctx.register(
        ctx.obj({
          Type: 'Sig',
          Filter: 'Adobe.PPKLite',
          SubFilter: 'adbe.pkcs7.detached',
          ByteRange: [0, placeholder, placeholder, placeholder],
          Contents: PDFHexString.of('0'.repeat(16384)),
          Reference: [{ Type: 'SigRef', TransformMethod: 'DocMDP', TransformParams: { Type: 'TransformParams', P: 1, V: '1.2' } }],
        }),
      );
      const widget = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', Rect: [0, 0, 0, 0], V: sig, T: PDFHexString.fromText('Certification'), P: doc.getPage(0).ref }));
      doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [widget], SigFlags: 3 }));
      doc.catalog.set(PDFName.of('Perms'), ctx.obj({ DocMDP: sig }));
      doc.getPage(0).node.set(PDFName.of('Annots'), ctx.obj([widget]));
    });
    const certified = await new SignPdf().sign(Buffer.from(prepared), new RepairedP12Signer(toP12(pki.organization), PASSPHRASE, pki.organization.der));
    expect((await verify(certified)).verdict).toBe('valid');
    const report = await verify(await signAs(certified, pki.person));
    expect(report.signatures[0].failures).toEqual([expect.objectContaining({ code: 'MODIFIED_AFTER_SIGNING', detail: expect.stringMatching(/DocMDP P=1/) })]);
  });

  test('R-REC-2 when the /ByteRange leaves out more than the signature value, then MALFORMED', async () => {
    const signed = await signedByPerson();
    const at = indexOfText(signed, '/ByteRange [0 ');
    const original = Buffer.from(signed.subarray(at, indexOfText(signed, ']', at) + 1)).toString('latin1');
    const [, b, c, d] = original.match(/\d+/g)!.map(Number);
    const widened = `/ByteRange [0 ${b - 20} ${c} ${d}]`.padEnd(original.length, ' ');
    const forged = new Uint8Array(signed);
    forged.set(Buffer.from(widened, 'latin1'), at);
    const report = await verify(forged);
    expect(codes(report)).toEqual(['MALFORMED']);
  });

  test('R-SEC-4 when the CMS in /Contents is truncated, then MALFORMED without throwing', async () => {
    const signed = await signedByPerson();
    const start = indexOfText(signed, '/Contents <') + '/Contents <'.length;
    const truncated = new Uint8Array(signed);
    truncated.fill('0'.charCodeAt(0), start + 300, indexOfText(signed, '>', start));
    const report = await verify(truncated);
    expect(report.verdict).toBe('invalid');
    expect(codes(report)).toEqual(['MALFORMED']);
    expect(report.signatures[0].checks).toMatchObject({ structure: 'failed', integrity: 'skipped', chain: 'skipped' });
  });

  test('R-SEC-4 when the input is not a PDF at all, then the verdict is MALFORMED without throwing', async () => {
    const report = await verify(new Uint8Array(Buffer.from('garbage \x00\xff not a pdf %%EOF')));
    expect(report).toMatchObject({ verdict: 'invalid', legalValidity: 'information_only', signatures: [] });
    expect(report.failures.map((f) => f.code)).toEqual(['MALFORMED']);
  });

  test('R-SEC-4 when a PDF is cut off in the middle of its signature, then the verdict is MALFORMED without throwing', async () => {
    const signed = await signedByPerson();
    jest.spyOn(console, 'warn').mockImplementation(() => undefined); // pdf-lib narrates its recovery attempts
    const report = await verify(signed.subarray(0, indexOfText(signed, '/Contents <') + 2000));
    expect(report.verdict).toBe('invalid');
    expect([...report.failures, ...(report.signatures[0]?.failures ?? [])].map((f) => f.code)).toContain('MALFORMED');
  });
});

describe('documents with several signatures (R-REC-2, R-DOC-4)', () => {
  test('R-REC-2 when the organization signs after the leader, then both signatures are valid and the first only gained a later signature', async () => {
    const report = await verify(await signAs(await signedByPerson(), pki.organization));
    expect(report).toMatchObject({ verdict: 'valid', legalValidity: 'legally_valid', mainSignatureIndex: 1 });
    expect(report.signatures.map((s) => [s.fieldName, s.signer?.commonName, s.status, s.coversWholeDocument])).toEqual([
      ['Signature1', 'Nguyễn Văn A', 'valid', false],
      ['Signature2', 'Ủy ban nhân dân tỉnh Sơn La', 'valid', true],
    ]);
    expect(notes(report, 0)).toEqual(['LATER_SIGNATURES_ONLY']);
  });

  test('R-DOC-4 when an earlier signature is invalid although the last one is valid, then the document is for information only', async () => {
    const report = await verify(await signAs(await signAs(await makePdf(), pki.untrusted), pki.organization));
    expect(report.signatures.map((s) => s.status)).toEqual(['invalid', 'valid']);
    expect(report).toMatchObject({ verdict: 'invalid', legalValidity: 'information_only' });
  });

  test('R-REC-2 when the PDF uses cross-reference streams, then both signatures appended to it verify', async () => {
    const pdf = await signAs(await signAs(await makePdf({ objectStreams: true }), pki.person), pki.organization);
    const report = await verify(pdf);
    expect(report.signatures.map((s) => s.status)).toEqual(['valid', 'valid']);
  });
});

describe('legal value (R-DOC-4)', () => {
  test('R-DOC-4 when a PDF carries no signature, then it is unsigned and for information only', async () => {
    const report = await verify(await makePdf());
    expect(report).toMatchObject({ verdict: 'unsigned', legalValidity: 'information_only', signatures: [], mainSignatureIndex: null, failures: [] });
  });

  test('R-DOC-4 when the verdict is valid, then legally valid; otherwise information only', () => {
    expect([legalValidity('valid'), legalValidity('invalid'), legalValidity('unsigned')]).toEqual(['legally_valid', 'information_only', 'information_only']);
  });
});

describe('server-side signing (R-OUT-1)', () => {
  test('R-OUT-1 when an organization signs on the server with its PKCS#12, then the PDF verifies as legally valid', async () => {
    const signed = await signPdf(await makePdf(), { p12: toP12(pki.organization), passphrase: PASSPHRASE, reason: 'Phát hành văn bản', location: 'Thành phố Sơn La' });
    const report = await verify(signed);
    expect(report).toMatchObject({ verdict: 'valid', legalValidity: 'legally_valid' });
    expect(report.signatures[0]).toMatchObject({ reason: 'Phát hành văn bản', location: 'Thành phố Sơn La', signer: { commonName: 'Ủy ban nhân dân tỉnh Sơn La' } });
  });

  test('R-OUT-1 when signing on the server, then the original file is kept byte for byte as the start of the signed one', async () => {
    const original = await makePdf();
    const signed = await signPdf(original, { p12: toP12(pki.organization), passphrase: PASSPHRASE });
    expect(Buffer.from(signed.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
  });

  test('R-OUT-1 when the passphrase is wrong, then signing fails with a clear SIGNER_PASSPHRASE error', async () => {
    const error = await signerError(signPdf(await makePdf(), { p12: toP12(pki.organization), passphrase: 'sai mật khẩu' }));
    expect(error).toMatchObject({ name: 'SignatureError', code: 'SIGNER_PASSPHRASE' });
    expect(error.message).toMatch(/^Mật khẩu của kho khóa .* không đúng \(wrong PKCS#12 passphrase\)$/);
  });

  test('R-OUT-1 when the organization certificate has expired, then the server refuses to sign', async () => {
    const error = await signerError(signPdf(await makePdf(), { p12: toP12(pki.expired), passphrase: PASSPHRASE }));
    expect(error.code).toBe('SIGNER_CERTIFICATE_NOT_VALID');
  });
});

describe('trust anchors and keystores from the data directory (R-REC-2, R-OUT-1)', () => {
  test('R-REC-2 when the trust anchor folder holds PEM and DER certificates, then every certificate is loaded and other files are ignored', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'anchors-'));
    fs.writeFileSync(path.join(dir, 'roots.pem'), pki.root.pem + pki.intermediate.pem);
    fs.writeFileSync(path.join(dir, 'other.cer'), pki.rogueRoot.der);
    fs.writeFileSync(path.join(dir, 'README.txt'), 'not a certificate');
    const loaded = await loadTrustAnchors(dir);
    expect(loaded.loaded.map((l) => [l.file, l.certificate.commonName])).toEqual([
      ['other.cer', 'CA Không tin cậy'],
      ['roots.pem', 'CA Thử nghiệm Gốc Sơn La'],
      ['roots.pem', 'CA Thử nghiệm phục vụ các cơ quan Nhà nước'],
    ]);
    const report = await verifyPdfSignatures(await signedByPerson(), { anchors: loaded.anchors });
    expect(report.verdict).toBe('valid');
  });

  test('R-REC-2 when the trust anchor folder is missing or has no certificates, then TRUST_ANCHORS_MISSING', async () => {
    const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
    await expect(loadTrustAnchors(path.join(tmp, 'does-not-exist'))).rejects.toMatchObject({ code: 'TRUST_ANCHORS_MISSING' });
    await expect(loadTrustAnchors(empty)).rejects.toMatchObject({ code: 'TRUST_ANCHORS_MISSING' });
  });

  test('R-REC-2 when a configured trust anchor is not a certificate, then verification fails loudly with TRUST_ANCHOR_INVALID', async () => {
    await expect(verifyPdfSignatures(await makePdf(), { anchors: ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'] })).rejects.toMatchObject({ code: 'TRUST_ANCHOR_INVALID' });
  });

  test('R-REC-2 when the folders are configured relative, then they are resolved under DATA_DIR, and absolute ones are kept', () => {
    expect(signatureDirs({ DATA_DIR: '/srv/edoc', TRUST_ANCHORS_DIR: 'trust-anchors', SIGNING_KEYS_DIR: '/etc/edoc/keys' })).toEqual({
      trustAnchorsDir: '/srv/edoc/trust-anchors',
      signingKeysDir: '/etc/edoc/keys',
    });
  });

  test('R-OUT-1 when an organization has <orgCode>.p12 and <orgCode>.pass, then its signer is loaded with the certificate summary', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'keys-'));
    fs.writeFileSync(path.join(dir, '000.00.00.H52.p12'), toP12(pki.organization));
    fs.writeFileSync(path.join(dir, '000.00.00.H52.pass'), `${PASSPHRASE}\n`);
    const signer = await loadOrganizationSigner(dir, '000.00.00.H52');
    expect(signer).toMatchObject({ orgCode: '000.00.00.H52', passphrase: PASSPHRASE, certificate: { commonName: 'Ủy ban nhân dân tỉnh Sơn La' } });
  });

  test('R-OUT-1 when the keystore files are missing, then SIGNER_NOT_CONFIGURED names the missing file', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'nokeys-'));
    const error = await signerError(loadOrganizationSigner(dir, '000.00.03.H52'));
    expect(error.code).toBe('SIGNER_NOT_CONFIGURED');
    expect(error.message).toContain('000.00.03.H52.p12');
  });

  test('R-OUT-1 when the passphrase file is wrong, then loading the signer fails with SIGNER_PASSPHRASE', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'badpass-'));
    fs.writeFileSync(path.join(dir, '000.00.01.H52.p12'), toP12(pki.organization));
    fs.writeFileSync(path.join(dir, '000.00.01.H52.pass'), 'not the passphrase');
    await expect(loadOrganizationSigner(dir, '000.00.01.H52')).rejects.toMatchObject({ code: 'SIGNER_PASSPHRASE' });
  });

  test('R-OUT-1 when the organization code is not a valid code, then no file outside the folder is read', async () => {
    await expect(loadOrganizationSigner(tmp, '../../etc/passwd')).rejects.toMatchObject({ code: 'SIGNER_NOT_CONFIGURED' });
  });
});
