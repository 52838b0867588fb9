/**
 * A self-signed interop certificate for a system (R-SEC-1): the key and certificate it signs
 * edXML messages with and presents over mutual TLS. `npm start` makes one on first start (peers
 * register it by its fingerprint); the federation test makes one per province at test time. A
 * production installation may instead put a certificate issued by its CA in the same files.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

export interface InteropIdentityPem {
  keyPem: string;
  certPem: string;
}

export function makeInteropIdentity(opts: { commonName: string; organization?: string; hosts?: string[]; years?: number }): InteropIdentityPem {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + (opts.years ?? 5) * 365 * 24 * 60 * 60 * 1000);
  // @types/node-forge types valueTagClass as a class; forge reads it as the universal tag (UTF8String).
  const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
  const subject: forge.pki.CertificateField[] = [
    { shortName: 'C', value: 'VN' },
    ...(opts.organization ? [{ shortName: 'O', value: opts.organization, valueTagClass: utf8 }] : []),
    { shortName: 'CN', value: opts.commonName, valueTagClass: utf8 },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  const hosts = opts.hosts ?? ['localhost', '127.0.0.1'];
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    { name: 'subjectAltName', altNames: hosts.map((h) => (/^[\d.]+$/.test(h) ? { type: 7, ip: h } : { type: 2, value: h })) },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return { keyPem: privateKey, certPem: forge.pki.certificateToPem(cert) };
}

/** Makes the pair at these paths unless both exist (never overwrites one that does). */
export function ensureInteropIdentity(files: { keyFile: string; certFile: string }, opts: Parameters<typeof makeInteropIdentity>[0]): { created: boolean } {
  if (fs.existsSync(files.keyFile) && fs.existsSync(files.certFile)) return { created: false };
  if (fs.existsSync(files.keyFile) || fs.existsSync(files.certFile)) throw new Error(`only one of ${files.keyFile} and ${files.certFile} exists: restore the other or remove both`);
  const pair = makeInteropIdentity(opts);
  fs.mkdirSync(path.dirname(files.keyFile), { recursive: true });
  fs.mkdirSync(path.dirname(files.certFile), { recursive: true });
  fs.writeFileSync(files.keyFile, pair.keyPem, { mode: 0o600, flag: 'wx' });
  fs.writeFileSync(files.certFile, pair.certPem, { mode: 0o644, flag: 'wx' });
  return { created: true };
}
