/**
 * DEMO ONLY — a throw-away PKI so that a fresh `npm start` with demo data can issue documents
 * (R-OUT-1 requires a signature that chains to a trust anchor):
 *   TRUST_ANCHORS_DIR/demo-root.pem           the demo root CA "DEMO Sơn La Root CA — chỉ dùng thử nghiệm"
 *   SIGNING_KEYS_DIR/<orgCode>.p12 + .pass    a keystore per demo organization, for "Ký số bằng
 *                                             chứng thư của cơ quan" (server-side signing)
 *   DATA_DIR/demo-signer/demo-signer.p12 + .pass
 *                                             a person's certificate, to sign a PDF outside the system
 * Generated only when the trust anchors folder holds no certificate at all: as soon as an operator
 * puts real CA certificates there, nothing is generated. Existing files are never overwritten, so
 * a second run changes nothing. The root's private key is not kept anywhere: to start over, delete
 * the files above. None of this has any legal value; never use it outside a demo.
 *
 * Certificates are built with node-forge the way test/support/pki.ts builds them (RSA 2048, names
 * in UTF8String with their diacritics, 3DES PKCS#12 that node-forge and @signpdf read); keys come
 * from Node's crypto, which is much faster than node-forge's.
 */
import { generateKeyPair, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';

export const DEMO_ROOT_FILE = 'demo-root.pem';
export const DEMO_ROOT_NAME = 'DEMO Sơn La Root CA — chỉ dùng thử nghiệm';
export const DEMO_SIGNER_DIR = 'demo-signer';
export const DEMO_SIGNER_FILE = 'demo-signer';
const DEMO_MARK = 'DEMO — chỉ dùng thử nghiệm, không có giá trị pháp lý';

export interface DemoPkiOptions {
  dataDir: string;
  trustAnchorsDir: string;
  signingKeysDir: string;
  /** Organizations that get a server-signing keystore. */
  orgCodes: string[];
  /** Names for the organizations' certificates (the signer name viewers show); the code when absent. */
  orgNames?: Record<string, string>;
  log?: (message: string) => void;
}

export interface DemoPkiResult {
  /** Whether this call generated the demo PKI (false: the trust anchors folder already had certificates). */
  generated: boolean;
  /** The demo root's file when it is among the trust anchors (generated now or by an earlier start), else null. */
  rootFile: string | null;
  /** Organizations whose keystore this call wrote. */
  organizations: string[];
  /** Where the demo person keystore is. */
  signerDir: string;
}

const CERT_FILE = /\.(pem|crt|cer)$/i; // what loadTrustAnchors reads
const DAY = 24 * 60 * 60 * 1000;
const YEAR = 365 * DAY;

/** Creates the demo PKI when the trust anchors folder has no certificates yet; see the module comment. */
export async function ensureDemoPki(opts: DemoPkiOptions): Promise<DemoPkiResult> {
  const log = opts.log ?? (() => undefined);
  const signerDir = path.join(opts.dataDir, DEMO_SIGNER_DIR);
  const rootPath = path.join(opts.trustAnchorsDir, DEMO_ROOT_FILE);
  await fs.mkdir(opts.trustAnchorsDir, { recursive: true });
  const existing = (await fs.readdir(opts.trustAnchorsDir)).filter((f) => CERT_FILE.test(f));
  if (existing.length) {
    return { generated: false, rootFile: existing.includes(DEMO_ROOT_FILE) ? rootPath : null, organizations: [], signerDir };
  }

  // DEMO ONLY: one key pair shared by every organization certificate (each organization still has
  // its own certificate and keystore). Real organizations each have their own key, usually in a token.
  const [rootKey, orgKey, personKey] = await Promise.all([rsaKey(), rsaKey(), rsaKey()]);
  const now = Date.now();
  const root = issue({
    subject: { CN: DEMO_ROOT_NAME, O: 'DEMO — hệ thống quản lý văn bản Sơn La', OU: DEMO_MARK, C: 'VN' },
    key: rootKey,
    ca: true,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 20 * YEAR),
  });
  const eeValidity = { notBefore: new Date(now - DAY), notAfter: new Date(now + 10 * YEAR) };

  await fs.mkdir(opts.signingKeysDir, { recursive: true });
  const organizations: string[] = [];
  for (const code of [...new Set(opts.orgCodes)].sort()) {
    const files = [path.join(opts.signingKeysDir, `${code}.p12`), path.join(opts.signingKeysDir, `${code}.pass`)];
    if (await anyExists(files)) {
      log(`demo PKI: kept the existing keystore files of ${code} (not issued by the new demo root)`);
      continue;
    }
    const name = opts.orgNames?.[code] ?? code;
    const organization = issue({ subject: { CN: name, O: name, OU: DEMO_MARK, L: 'Sơn La', C: 'VN' }, key: orgKey, issuer: root, ...eeValidity });
    await writeKeystore(files, orgKey, organization.cert, root.cert);
    organizations.push(code);
  }

  await fs.mkdir(signerDir, { recursive: true });
  const signerFiles = [path.join(signerDir, `${DEMO_SIGNER_FILE}.p12`), path.join(signerDir, `${DEMO_SIGNER_FILE}.pass`)];
  if (await anyExists(signerFiles)) {
    log(`demo PKI: kept the existing ${signerFiles[0]} (not issued by the new demo root)`);
  } else {
    const person = issue({
      subject: { CN: 'Nguyễn Văn Thử (DEMO)', O: 'Ủy ban nhân dân tỉnh Sơn La', OU: DEMO_MARK, E: 'demo-signer@sonla.invalid', L: 'Sơn La', C: 'VN' },
      key: personKey,
      issuer: root,
      ...eeValidity,
    });
    await writeKeystore(signerFiles, personKey, person.cert, root.cert);
  }

  // The anchor last: should anything above fail, the next start tries again from scratch.
  await fs.writeFile(rootPath, forge.pki.certificateToPem(root.cert), { flag: 'wx' });
  log(`demo PKI: ${rootPath} (trust anchor), ${organizations.length} organization keystores in ${opts.signingKeysDir}, a person keystore in ${signerDir} — DEMO ONLY`);
  return { generated: true, rootFile: rootPath, organizations, signerDir };
}

interface Subject {
  CN: string;
  O?: string;
  OU?: string;
  E?: string;
  L?: string;
  C?: string;
}

interface Issued {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
}

const generateKeyPairAsync = promisify(generateKeyPair);

/** RSA 2048 from Node's crypto (off the main thread), as a node-forge key. */
async function rsaKey(): Promise<forge.pki.rsa.PrivateKey> {
  const { privateKey } = await generateKeyPairAsync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
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

/**
 * A CA certificate (self-signed when no issuer), or a document-signing certificate: keyUsage
 * digitalSignature + nonRepudiation (critical) and extendedKeyUsage emailProtection, Adobe
 * Authentic Documents and Microsoft Document Signing, which PDF viewers accept for signing.
 */
function issue(opts: { subject: Subject; key: forge.pki.rsa.PrivateKey; issuer?: Issued; ca?: boolean; notBefore: Date; notAfter: Date }): Issued {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(opts.key.n, opts.key.e);
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`; // positive, unique
  cert.validity.notBefore = opts.notBefore;
  cert.validity.notAfter = opts.notAfter;
  cert.setSubject(attributes(opts.subject));
  cert.setIssuer(opts.issuer ? opts.issuer.cert.subject.attributes : attributes(opts.subject));
  cert.setExtensions(
    opts.ca
      ? [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
          { name: 'subjectKeyIdentifier' },
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
          { name: 'extKeyUsage', emailProtection: true, '1.2.840.113583.1.1.5': true, '1.3.6.1.4.1.311.10.3.12': true },
          { name: 'subjectKeyIdentifier' },
          ...(opts.subject.E ? [{ name: 'subjectAltName', altNames: [{ type: 1, value: opts.subject.E }] }] : []),
        ],
  );
  cert.sign(opts.issuer?.key ?? opts.key, forge.md.sha256.create());
  return { cert, key: opts.key };
}

/** `<name>.p12` (key, certificate and the root; 3DES so every tool reads it) and `<name>.pass`, both 0600, never overwriting. */
async function writeKeystore([p12Path, passPath]: string[], key: forge.pki.rsa.PrivateKey, cert: forge.pki.Certificate, root: forge.pki.Certificate): Promise<void> {
  const passphrase = randomBytes(18).toString('base64url');
  const friendlyName = (cert.subject.getField('CN') as { value: string }).value;
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert, root], passphrase, { algorithm: '3des', friendlyName });
  const p12 = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
  await fs.writeFile(p12Path, p12, { flag: 'wx', mode: 0o600 });
  await fs.writeFile(passPath, `${passphrase}\n`, { flag: 'wx', mode: 0o600 });
}

async function anyExists(files: string[]): Promise<boolean> {
  for (const file of files) {
    if (await fs.stat(file).then(() => true, () => false)) return true;
  }
  return false;
}
