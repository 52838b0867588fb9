/**
 * Peer certificates (R-SEC-1): the PEM a peer is registered with — its own certificate first,
 * then any issuing certificates — and the SHA-256 fingerprint of its DER bytes, which is how a
 * TLS client or a package signature is matched to a registered peer.
 */
import crypto from 'node:crypto';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g;

export interface PeerCertificate {
  /** Lower-case hex SHA-256 of the leaf certificate's DER bytes. */
  fingerprint: string;
  subject: string;
  issuer: string;
  validFrom: Date;
  validTo: Date;
  /** Every certificate of the PEM, leaf first, normalized. */
  chainPem: string[];
}

export function fingerprintOfDer(der: Uint8Array): string {
  return crypto.createHash('sha256').update(der).digest('hex');
}

/** Parses a registered peer's PEM; throws an Error with a Vietnamese message when it is not one. */
export function parsePeerCertificate(pem: string): PeerCertificate {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (!blocks.length) throw new Error('Không có chứng thư số dạng PEM (no PEM certificate found)');
  if (blocks.length > 10) throw new Error('Quá nhiều chứng thư trong chuỗi (at most 10 certificates)');
  const certs = blocks.map((b) => {
    try {
      return new crypto.X509Certificate(b);
    } catch {
      throw new Error('Chứng thư số không đọc được (certificate cannot be parsed)');
    }
  });
  const leaf = certs[0];
  return {
    fingerprint: fingerprintOfDer(leaf.raw),
    subject: leaf.subject,
    issuer: leaf.issuer,
    validFrom: new Date(leaf.validFrom),
    validTo: new Date(leaf.validTo),
    chainPem: certs.map((c) => c.toString()),
  };
}
