/**
 * Server-side signing of a PDF with an organization's PKCS#12 (R-OUT-1): a signature field and
 * placeholder appended as an incremental update, then the CMS from @signpdf/signer-p12 placed by
 * @signpdf/signpdf. Signing appends, so a document the leader already signed keeps that signature
 * and gains the organization's — the usual pair on an official document.
 *
 * The placeholder is built here rather than with @signpdf/placeholder-pdf-lib, which writes
 * /Reason, /Name and /Location as byte strings (Vietnamese comes out as mojibake: "Sơn La" →
 * "S¡n La"), names every field "Signature1" (a second signature would merge into the first field)
 * and drops an AcroForm's /Fields held by reference. And the P12 signer's CMS names the signer by an
 * issuer name that node-forge encodes twice when it holds Vietnamese (UTF8String) text; we put the
 * certificate's own issuer name back.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import * as pkijs from 'pkijs';
import { SignPdf, Signer } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { SignatureError } from '../../domain/signature';
import { toVietnamIso } from '../../domain/time';
import { appendIncrementalUpdate } from './incremental';
import { openKeystore } from './keystore';

export interface SignatureAppearance {
  reason?: string;
  location?: string;
  /** Signer's name as shown by viewers; defaults to the certificate's common name. */
  name?: string;
  contactInfo?: string;
  /** Defaults to now; the same instant goes into the CMS signingTime and /M. */
  signingTime?: Date;
}

export interface SignPdfOptions extends SignatureAppearance {
  p12: Uint8Array;
  passphrase: string;
}

/** What @signpdf/signpdf looks for to fill in the real byte range (its default placeholder). */
const BYTE_RANGE_PLACEHOLDER = '**********';
/** Room for the CMS: signature, attributes and a certificate chain of a few RSA certificates. */
const MIN_SIGNATURE_BYTES = 8192;
const SIG_FLAGS_SIGNATURES_EXIST_APPEND_ONLY = 3;
const ANNOTATION_PRINT = 4;

/**
 * Signs with a PKCS#12 keystore. Refuses a certificate that is not valid at signing time: the
 * result would be a signature that R-OUT-1 does not accept.
 */
export async function signPdf(pdf: Uint8Array, options: SignPdfOptions): Promise<Uint8Array> {
  const { p12, passphrase, ...appearance } = options;
  const keystore = openKeystore(p12, passphrase);
  const at = appearance.signingTime ?? new Date();
  const { notBefore, notAfter } = keystore.certificate.validity;
  if (at < notBefore || at > notAfter) {
    throw new SignatureError(
      'SIGNER_CERTIFICATE_NOT_VALID',
      `Chứng thư số của cơ quan không có hiệu lực tại thời điểm ký (certificate valid only ${toVietnamIso(notBefore)} – ${toVietnamIso(notAfter)})`,
    );
  }
  const signer = new RepairedP12Signer(p12, passphrase, keystore.certificateDer);
  // A PKCS#12 holds roughly what the CMS will embed (the chain), plus the signature and attributes.
  const room = Math.max(MIN_SIGNATURE_BYTES, p12.length + 4096);
  return signPdfWith(pdf, signer, { ...appearance, signingTime: at, name: appearance.name ?? keystore.summary.commonName ?? undefined }, room);
}

/**
 * Signs with any @signpdf Signer (an HSM or a remote signing service later). Does not judge the
 * certificate; verifyPdfSignatures does.
 */
export async function signPdfWith(pdf: Uint8Array, signer: Signer, appearance: SignatureAppearance = {}, signatureBytes = MIN_SIGNATURE_BYTES): Promise<Uint8Array> {
  const at = appearance.signingTime ?? new Date();
  const prepared = await appendIncrementalUpdate(pdf, (doc) => addSignaturePlaceholder(doc, { ...appearance, signingTime: at }, signatureBytes));
  const signed = await new SignPdf().sign(Buffer.from(prepared.buffer, prepared.byteOffset, prepared.byteLength), signer, at);
  return new Uint8Array(signed.buffer, signed.byteOffset, signed.byteLength);
}

/** @signpdf's P12 signer, with the signer identifier repaired (see the module comment). */
export class RepairedP12Signer extends Signer {
  private readonly inner: P12Signer;
  constructor(
    p12: Uint8Array,
    passphrase: string,
    private readonly certificateDer: Uint8Array,
  ) {
    super();
    this.inner = new P12Signer(Buffer.from(p12), { passphrase });
  }

  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    const cms = await this.inner.sign(pdf, signingTime);
    const info = pkijs.ContentInfo.fromBER(new Uint8Array(cms));
    const signedData = new pkijs.SignedData({ schema: info.content });
    const cert = pkijs.Certificate.fromBER(new Uint8Array(this.certificateDer));
    // The identifier is outside the signed attributes: replacing it leaves the signature value intact.
    signedData.signerInfos[0].sid = new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber });
    return Buffer.from(new pkijs.ContentInfo({ contentType: info.contentType, content: signedData.toSchema(true) }).toSchema().toBER());
  }
}

function addSignaturePlaceholder(doc: PDFDocument, appearance: SignatureAppearance, signatureBytes: number): void {
  if (!doc.getPageCount()) throw new SignatureError('PDF_NOT_SIGNABLE', 'Tệp PDF không có trang nào (the PDF has no pages)');
  const ctx = doc.context;
  const page = doc.getPage(0);
  const optionalText = (value: string | undefined) => (value ? PDFHexString.fromText(value.normalize('NFC')) : undefined);

  const byteRange = ctx.obj([0, PDFName.of(BYTE_RANGE_PLACEHOLDER), PDFName.of(BYTE_RANGE_PLACEHOLDER), PDFName.of(BYTE_RANGE_PLACEHOLDER)]);
  const signature = ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    // adbe.pkcs7.detached, not ETSI.CAdES.detached: the P12 signer writes signingTime and no ESS signing-certificate attribute.
    SubFilter: 'adbe.pkcs7.detached',
    ByteRange: byteRange,
    Contents: PDFHexString.of('0'.repeat(signatureBytes * 2)),
    M: PDFString.fromDate(appearance.signingTime ?? new Date()),
    Name: optionalText(appearance.name),
    Reason: optionalText(appearance.reason),
    Location: optionalText(appearance.location),
    ContactInfo: optionalText(appearance.contactInfo),
    Prop_Build: { Filter: { Name: 'Adobe.PPKLite' }, App: { Name: 'sonla-edoc' } },
  });
  const signatureRef = ctx.register(signature);

  const acroForm = ensureAcroForm(doc);
  const fields = ensureArray(doc, acroForm, 'Fields');
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    V: signatureRef,
    T: PDFHexString.fromText(uniqueFieldName(doc, fields)),
    F: ANNOTATION_PRINT,
    P: page.ref,
    // An (empty) appearance is required for PDF/A and keeps Acrobat from regenerating one.
    AP: { N: ctx.register(ctx.formXObject([], { BBox: [0, 0, 0, 0], Resources: {} })) },
  });
  const widgetRef = ctx.register(widget);
  fields.push(widgetRef);
  ensureArray(doc, page.node, 'Annots').push(widgetRef);

  const flags = ctx.lookup(acroForm.get(PDFName.of('SigFlags')));
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of((flags instanceof PDFNumber ? flags.asNumber() : 0) | SIG_FLAGS_SIGNATURES_EXIST_APPEND_ONLY));
}

function ensureAcroForm(doc: PDFDocument): PDFDict {
  const existing = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  if (existing) return existing;
  const acroForm = doc.context.obj({ Fields: [] });
  doc.catalog.set(PDFName.of('AcroForm'), doc.context.register(acroForm));
  return acroForm;
}

/** The array under `key`, resolved through a reference if there is one, so it is extended in place. */
function ensureArray(doc: PDFDocument, dict: PDFDict, key: string): PDFArray {
  const value = dict.get(PDFName.of(key));
  const resolved = value instanceof PDFRef ? doc.context.lookup(value) : value;
  if (resolved instanceof PDFArray) return resolved;
  const fresh = doc.context.obj([]);
  dict.set(PDFName.of(key), fresh);
  return fresh;
}

function uniqueFieldName(doc: PDFDocument, fields: PDFArray): string {
  const taken = new Set<string>();
  for (const f of fields.asArray()) {
    const field = doc.context.lookup(f);
    const t = field instanceof PDFDict ? field.get(PDFName.of('T')) : undefined;
    if (t instanceof PDFString || t instanceof PDFHexString) taken.add(t.decodeText());
  }
  let n = 1;
  while (taken.has(`Signature${n}`)) n += 1;
  return `Signature${n}`;
}
