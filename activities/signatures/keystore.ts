/**
 * Key material from the data directory: trust anchors (TRUST_ANCHORS_DIR, R-REC-2) and the
 * PKCS#12 keystores of organizations that sign on the server (SIGNING_KEYS_DIR, R-OUT-1). Every
 * misconfiguration is a SignatureError naming the file, never the passphrase.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';
import type { Config } from '../../config';
import { orgCodeProblem } from '../../domain/org-code';
import { SignatureError, type CertificateSummary } from '../../domain/signature';
import { certificateDers, parseCertificate, summarizeCertificate } from './certificates';

export interface TrustAnchors {
  /** DER certificates, ready for `verifyPdfSignatures(pdf, { anchors })`. */
  anchors: Uint8Array[];
  /** What was loaded from where, for the start-up log and the admin screen. */
  loaded: Array<{ file: string; certificate: CertificateSummary }>;
}

export interface OrganizationSigner {
  orgCode: string;
  p12: Uint8Array;
  passphrase: string;
  certificate: CertificateSummary;
}

/** Opened keystore: the private key, its certificate and the rest of the chain it carries. */
export interface Keystore {
  key: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate;
  certificateDer: Uint8Array;
  chain: forge.pki.Certificate[];
  summary: CertificateSummary;
}

/** The two folders from configuration, relative to DATA_DIR unless absolute. */
export function signatureDirs(config: Pick<Config, 'DATA_DIR' | 'TRUST_ANCHORS_DIR' | 'SIGNING_KEYS_DIR'>): { trustAnchorsDir: string; signingKeysDir: string } {
  return {
    trustAnchorsDir: path.resolve(config.DATA_DIR, config.TRUST_ANCHORS_DIR),
    signingKeysDir: path.resolve(config.DATA_DIR, config.SIGNING_KEYS_DIR),
  };
}

const CERT_FILE = /\.(pem|crt|cer)$/i;

/** Every certificate in `*.pem`, `*.crt` and `*.cer` files of `dir` (PEM, possibly several per file, or DER). */
export async function loadTrustAnchors(dir: string): Promise<TrustAnchors> {
  let files: string[];
  try {
    files = (await fs.readdir(dir)).filter((f) => CERT_FILE.test(f)).sort();
  } catch {
    throw new SignatureError('TRUST_ANCHORS_MISSING', `Không tìm thấy thư mục chứng thư tin cậy ${dir} (trust anchors directory not found; set TRUST_ANCHORS_DIR)`);
  }
  const result: TrustAnchors = { anchors: [], loaded: [] };
  for (const file of files) {
    const bytes = new Uint8Array(await fs.readFile(path.join(dir, file)));
    try {
      const ders = certificateDers(bytes);
      if (!ders.length) throw new Error('no certificate in the file');
      for (const der of ders) {
        result.loaded.push({ file, certificate: summarizeCertificate(parseCertificate(der)) });
        result.anchors.push(der);
      }
    } catch (e) {
      throw new SignatureError('TRUST_ANCHOR_INVALID', `Tệp chứng thư tin cậy ${file} không đọc được (invalid certificate file): ${(e as Error).message}`);
    }
  }
  if (!result.anchors.length) {
    throw new SignatureError('TRUST_ANCHORS_MISSING', `Thư mục ${dir} không có chứng thư tin cậy nào (no .pem/.crt/.cer certificates in the trust anchors directory)`);
  }
  return result;
}

/**
 * `<orgCode>.p12` and `<orgCode>.pass` (the passphrase; a trailing newline is ignored). The
 * keystore is opened here so a wrong passphrase or an unusable key shows at load, not at the
 * first document.
 */
export async function loadOrganizationSigner(dir: string, orgCode: string): Promise<OrganizationSigner> {
  // The code becomes a file name: only well-formed codes, so nothing can point outside the folder.
  const problem = orgCodeProblem(orgCode);
  if (problem) throw new SignatureError('SIGNER_NOT_CONFIGURED', `Mã định danh cơ quan không hợp lệ (invalid organization code): ${problem}`);
  const read = async (file: string) => {
    try {
      return await fs.readFile(path.join(dir, file));
    } catch {
      throw new SignatureError(
        'SIGNER_NOT_CONFIGURED',
        `Cơ quan ${orgCode} chưa được cấu hình ký số trên máy chủ: thiếu ${file} trong ${dir} (server-side signing not configured: ${file} missing)`,
      );
    }
  };
  const p12 = new Uint8Array(await read(`${orgCode}.p12`));
  const passphrase = (await read(`${orgCode}.pass`)).toString('utf8').replace(/\r?\n$/, '');
  const { summary } = openKeystore(p12, passphrase, `${orgCode}.p12`);
  return { orgCode, p12, passphrase, certificate: summary };
}

/** Decrypts a PKCS#12 the way the signer will (node-forge), and finds the key and its certificate. */
export function openKeystore(p12: Uint8Array, passphrase: string, label = 'PKCS#12'): Keystore {
  let store: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString('binary')));
    store = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  } catch (e) {
    const message = (e as Error).message ?? '';
    if (/MAC could not be verified|invalid password/i.test(message)) {
      throw new SignatureError('SIGNER_PASSPHRASE', `Mật khẩu của kho khóa ${label} không đúng (wrong PKCS#12 passphrase)`);
    }
    throw new SignatureError('SIGNER_KEYSTORE_INVALID', `Không mở được kho khóa ${label} (unreadable PKCS#12: wrong passphrase or unsupported format)`);
  }
  // @signpdf/signer-p12 reads only encrypted key bags and only RSA keys (node-forge has no EC).
  const keyBag = store.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0];
  const key = keyBag?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key?.n) throw new SignatureError('SIGNER_KEYSTORE_INVALID', `Kho khóa ${label} không chứa khóa bí mật RSA được mã hóa (no encrypted RSA private key)`);
  const certs = (store.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).flatMap((b) => (b.cert ? [b.cert] : []));
  const certificate = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.equals(key.n) && pub.e?.equals(key.e);
  });
  if (!certificate) throw new SignatureError('SIGNER_KEYSTORE_INVALID', `Kho khóa ${label} không có chứng thư khớp với khóa bí mật (no certificate for the private key)`);
  const certificateDer = new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary'));
  return {
    key,
    certificate,
    certificateDer,
    chain: certs.filter((c) => c !== certificate),
    summary: summarizeCertificate(parseCertificate(certificateDer)),
  };
}
