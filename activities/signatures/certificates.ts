/**
 * X.509 certificates for signature work: reading PEM/DER, the readable summary shown to clerks
 * (names with Vietnamese diacritics intact), key usage, and the pkijs crypto engine all signature
 * modules share.
 */
import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CertificateSummary } from '../../domain/signature';
import { toVietnamIso } from '../../domain/time';

/** A certificate as configuration gives it: PEM text (one or more certificates) or DER bytes. */
export type CertificateInput = string | Uint8Array;

/** Node's WebCrypto, passed explicitly so no module depends on pkijs's global engine detection. */
export const cryptoEngine = new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto: webcrypto as unknown as pkijs.ICryptoEngine['crypto'] });

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  email: '1.2.840.113549.1.9.1',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
} as const;

/** Short names for RFC 4514 rendering; anything else is shown by OID as the RFC says. */
const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.42': 'GN',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'E',
};

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/** Splits configuration input into DER certificates: PEM may hold several, bytes may be PEM text too. */
export function certificateDers(input: CertificateInput): Uint8Array[] {
  const text = typeof input === 'string' ? input : looksLikePem(input) ? Buffer.from(input).toString('latin1') : null;
  if (text === null) return [input as Uint8Array];
  return [...text.matchAll(PEM_BLOCK)].map((m) => new Uint8Array(Buffer.from(m[1].replace(/\s+/g, ''), 'base64')));
}

function looksLikePem(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 4096)).toString('latin1').includes('-----BEGIN CERTIFICATE-----');
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new Uint8Array(der));
}

export function parseCertificates(inputs: CertificateInput[] = []): pkijs.Certificate[] {
  return inputs.flatMap(certificateDers).map(parseCertificate);
}

function attributeText(value: unknown): string | null {
  const block = (value as { valueBlock?: { value?: unknown } })?.valueBlock;
  return typeof block?.value === 'string' ? block.value.normalize('NFC') : null;
}

function firstAttribute(name: pkijs.RelativeDistinguishedNames, oid: string): string | null {
  const tv = name.typesAndValues.find((t) => t.type === oid);
  return tv ? attributeText(tv.value) : null;
}

/** RFC 4514: most specific RDN first, special characters escaped. */
export function distinguishedName(name: pkijs.RelativeDistinguishedNames): string {
  return [...name.typesAndValues]
    .reverse()
    .map((tv) => {
      const text = attributeText(tv.value) ?? `#${Buffer.from(tv.value.toBER()).toString('hex')}`;
      const escaped = text.replace(/([,+"\\<>;])/g, '\\$1').replace(/^([ #])/, '\\$1').replace(/ $/, '\\ ');
      return `${SHORT_NAMES[tv.type] ?? tv.type}=${escaped}`;
    })
    .join(', ');
}

function extension(cert: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return cert.extensions?.find((e) => e.extnID === oid);
}

function subjectAltEmail(cert: pkijs.Certificate): string | null {
  const parsed = extension(cert, OID.subjectAltName)?.parsedValue as pkijs.AltName | undefined;
  const rfc822 = parsed?.altNames?.find((n) => n.type === 1);
  return typeof rfc822?.value === 'string' ? rfc822.value : null;
}

export function serialHex(cert: pkijs.Certificate): string {
  return Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase();
}

export function summarizeCertificate(cert: pkijs.Certificate): CertificateSummary {
  return {
    commonName: firstAttribute(cert.subject, OID.commonName),
    organization: firstAttribute(cert.subject, OID.organization),
    organizationalUnit: firstAttribute(cert.subject, OID.organizationalUnit),
    email: firstAttribute(cert.subject, OID.email) ?? subjectAltEmail(cert),
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    serialNumber: serialHex(cert),
    notBefore: toVietnamIso(cert.notBefore.value),
    notAfter: toVietnamIso(cert.notAfter.value),
  };
}

/**
 * RFC 5280 keyUsage: a signing certificate needs digitalSignature or nonRepudiation
 * (contentCommitment). No extension means no restriction.
 */
export function keyUsageAllowsSigning(cert: pkijs.Certificate): boolean | 'absent' {
  const ext = extension(cert, OID.keyUsage);
  if (!ext) return 'absent';
  const bits = ext.parsedValue instanceof asn1js.BitString ? ext.parsedValue.valueBlock.valueHexView : null;
  if (!bits?.length) return false;
  return (bits[0] & 0x80) !== 0 || (bits[0] & 0x40) !== 0;
}

/** Whether the certificate's extendedKeyUsage lists `purpose` (e.g. time-stamping for a TSA). */
export function hasExtendedKeyUsage(cert: pkijs.Certificate, purpose: string): boolean {
  const parsed = extension(cert, OID.extKeyUsage)?.parsedValue as pkijs.ExtKeyUsage | undefined;
  return !!parsed?.keyPurposes?.includes(purpose);
}

/** Public key size in bits for RSA, null otherwise (used only to flag weak keys). */
export function rsaKeyBits(cert: pkijs.Certificate): number | null {
  if (cert.subjectPublicKeyInfo.algorithm.algorithmId !== '1.2.840.113549.1.1.1') return null;
  const key = cert.subjectPublicKeyInfo.parsedKey as pkijs.RSAPublicKey | undefined;
  const modulus = key?.modulus?.valueBlock.valueHexView;
  if (!modulus) return null;
  const leadingZero = modulus[0] === 0 ? 1 : 0;
  return (modulus.length - leadingZero) * 8;
}

export function sameCertificate(a: pkijs.Certificate, b: pkijs.Certificate): boolean {
  return Buffer.compare(Buffer.from(a.tbsView), Buffer.from(b.tbsView)) === 0;
}
