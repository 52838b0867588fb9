/**
 * Digital-signature verdicts (R-REC-2 authenticity, R-DOC-4 legal value, R-OUT-1): the shape of a
 * verification report, the stable failure codes with their Vietnamese-first messages, and the
 * rules that turn per-signature results into a document verdict. Pure: the cryptography and the
 * PDF parsing live in activities/signatures; this module imports only domain/.
 */
import { toVietnamIso } from './time';
import { DomainError } from './errors';

/** Something that makes a signature invalid. Codes are stable: the API, the UI and tests key on them. */
export type SignatureFailureCode =
  | 'MALFORMED'
  | 'UNSUPPORTED'
  | 'INTEGRITY'
  | 'MODIFIED_AFTER_SIGNING'
  | 'CHAIN_UNTRUSTED'
  | 'CHAIN_INVALID'
  | 'CERT_EXPIRED_AT_SIGNING'
  | 'CERT_NOT_YET_VALID_AT_SIGNING'
  | 'KEY_USAGE'
  | 'SIGNING_TIME_IN_FUTURE'
  | 'TIMESTAMP_INVALID';

/** Worth telling the clerk, but does not make a signature invalid. */
export type SignatureNoteCode =
  | 'CERT_EXPIRED_NOW'
  | 'SIGNING_TIME_CLAIMED'
  | 'NO_SIGNING_TIME'
  | 'LATER_SIGNATURES_ONLY'
  | 'WEAK_ALGORITHM'
  | 'DOCUMENT_TIMESTAMP_NOT_VERIFIED'
  | 'REVOCATION_NOT_CHECKED';

export type SignatureIssueCode = SignatureFailureCode | SignatureNoteCode;

export interface SignatureIssue {
  code: SignatureIssueCode;
  /** Vietnamese first, English in parentheses: shown as is to clerks and API clients. */
  message: string;
  /** Technical detail for operators (which object changed, what the library said); may be English. */
  detail?: string;
}

const MESSAGES: Record<SignatureIssueCode, string> = {
  MALFORMED: 'Chữ ký số hoặc tệp PDF bị lỗi cấu trúc, không đọc được (malformed signature or PDF)',
  UNSUPPORTED: 'Định dạng chữ ký số không được hỗ trợ (unsupported signature format)',
  INTEGRITY: 'Nội dung văn bản không khớp với chữ ký số: văn bản đã bị thay đổi hoặc chữ ký bị giả mạo (integrity check failed)',
  MODIFIED_AFTER_SIGNING: 'Văn bản đã bị sửa đổi sau khi ký (document modified after signing)',
  CHAIN_UNTRUSTED: 'Chứng thư số không do tổ chức chứng thực tin cậy cấp (untrusted issuer)',
  CHAIN_INVALID: 'Chuỗi chứng thư số không hợp lệ (invalid certificate chain)',
  CERT_EXPIRED_AT_SIGNING: 'Chứng thư số đã hết hạn tại thời điểm ký (certificate expired at signing time)',
  CERT_NOT_YET_VALID_AT_SIGNING: 'Chứng thư số chưa có hiệu lực tại thời điểm ký (certificate not yet valid at signing time)',
  KEY_USAGE: 'Chứng thư số không được phép dùng để ký số (certificate key usage does not allow signing)',
  SIGNING_TIME_IN_FUTURE: 'Thời điểm ký nằm ở tương lai (signing time is in the future)',
  TIMESTAMP_INVALID: 'Dấu thời gian của chữ ký không hợp lệ (invalid signature time-stamp)',
  CERT_EXPIRED_NOW: 'Chứng thư số nay đã hết hạn; chữ ký vẫn có giá trị vì chứng thư còn hiệu lực khi ký (certificate has expired since signing)',
  SIGNING_TIME_CLAIMED:
    'Thời điểm ký do người ký tự ghi, không có dấu thời gian của tổ chức cấp dấu thời gian (signing time is claimed by the signer, not time-stamped)',
  NO_SIGNING_TIME: 'Chữ ký không ghi thời điểm ký; đã kiểm tra theo thời điểm hiện tại (no signing time; checked at verification time)',
  LATER_SIGNATURES_ONLY: 'Sau chữ ký này văn bản chỉ được bổ sung chữ ký số khác (later revisions only add signatures)',
  WEAK_ALGORITHM: 'Thuật toán mật mã yếu, không còn được khuyến nghị (weak cryptographic algorithm)',
  DOCUMENT_TIMESTAMP_NOT_VERIFIED: 'Văn bản có dấu thời gian tài liệu chưa được kiểm tra (document time-stamp present but not verified)',
  REVOCATION_NOT_CHECKED: 'Chưa kiểm tra tình trạng thu hồi chứng thư số (CRL/OCSP) (certificate revocation not checked)',
};

const FAILURE_CODES = new Set<SignatureIssueCode>([
  'MALFORMED',
  'UNSUPPORTED',
  'INTEGRITY',
  'MODIFIED_AFTER_SIGNING',
  'CHAIN_UNTRUSTED',
  'CHAIN_INVALID',
  'CERT_EXPIRED_AT_SIGNING',
  'CERT_NOT_YET_VALID_AT_SIGNING',
  'KEY_USAGE',
  'SIGNING_TIME_IN_FUTURE',
  'TIMESTAMP_INVALID',
]);

export function isFailureCode(code: SignatureIssueCode): code is SignatureFailureCode {
  return FAILURE_CODES.has(code);
}

export function signatureIssue(code: SignatureIssueCode, detail?: string): SignatureIssue {
  return detail ? { code, message: MESSAGES[code], detail } : { code, message: MESSAGES[code] };
}

/** The checks R-REC-2 asks for, each shown to the clerk with its own outcome. */
export type SignatureCheck = 'structure' | 'integrity' | 'coverage' | 'chain' | 'validityAtSigning' | 'keyUsage';
/** `skipped`: could not be run because an earlier step failed (e.g. unreadable CMS → no chain). */
export type CheckOutcome = 'passed' | 'failed' | 'skipped';

export const CHECK_OF_FAILURE: Record<SignatureFailureCode, SignatureCheck> = {
  MALFORMED: 'structure',
  UNSUPPORTED: 'structure',
  INTEGRITY: 'integrity',
  MODIFIED_AFTER_SIGNING: 'coverage',
  CHAIN_UNTRUSTED: 'chain',
  CHAIN_INVALID: 'chain',
  CERT_EXPIRED_AT_SIGNING: 'validityAtSigning',
  CERT_NOT_YET_VALID_AT_SIGNING: 'validityAtSigning',
  SIGNING_TIME_IN_FUTURE: 'validityAtSigning',
  TIMESTAMP_INVALID: 'validityAtSigning',
  KEY_USAGE: 'keyUsage',
};

export interface CertificateSummary {
  /** Subject attributes, NFC-normalized (R-FMT-2); null when the certificate has none. */
  commonName: string | null;
  organization: string | null;
  organizationalUnit: string | null;
  email: string | null;
  /** RFC 4514 rendering, most specific attribute first (e.g. `CN=…, O=…, C=VN`). */
  subject: string;
  issuer: string;
  /** Upper-case hex, as CAs print it. */
  serialNumber: string;
  notBefore: string;
  notAfter: string;
}

/**
 * Where the signing time came from, most trustworthy first. Only `timestamp` is vouched for by a
 * third party; the others are the signer's own clock, integrity-protected by the signature.
 */
export type SigningTimeSource = 'timestamp' | 'signed_attribute' | 'pdf_dictionary';

export interface PdfSignatureResult {
  /** Position in the report (revision order: 0 is the first signature applied). */
  index: number;
  fieldName: string | null;
  subFilter: string | null;
  status: 'valid' | 'invalid';
  signer: CertificateSummary | null;
  /** Subjects from the signer certificate up to the trust anchor, when a chain was found. */
  chain: string[];
  signingTime: string | null;
  signingTimeSource: SigningTimeSource | null;
  digestAlgorithm: string | null;
  signatureAlgorithm: string | null;
  /** Free texts of the signature dictionary (claimed by the signing software, shown as is). */
  reason: string | null;
  location: string | null;
  contactInfo: string | null;
  byteRange: [number, number, number, number] | null;
  /** The byte range runs to the end of the file: nothing was appended after this signature. */
  coversWholeDocument: boolean;
  /** Null when no certificate could be read. */
  certificateExpiredNow: boolean | null;
  checks: Record<SignatureCheck, CheckOutcome>;
  failures: SignatureIssue[];
  notes: SignatureIssue[];
}

export type SignatureVerdict = 'valid' | 'invalid' | 'unsigned';
export type LegalValidity = 'legally_valid' | 'information_only';

export interface PdfSignatureReport {
  verdict: SignatureVerdict;
  legalValidity: LegalValidity;
  /** In revision order; the last one is the main signature (the one over the final document). */
  signatures: PdfSignatureResult[];
  mainSignatureIndex: number | null;
  /** Document-level problems (not a PDF, unreadable structure). */
  failures: SignatureIssue[];
  notes: SignatureIssue[];
  verifiedAt: string;
}

/**
 * Valid only when there is at least one signature and every signature is valid. An invalid earlier
 * signature is not outweighed by a valid later one: an official document carries the signature of
 * the competent person and then the organization's, and both must hold.
 */
export function signatureVerdict(signatures: Pick<PdfSignatureResult, 'status'>[], documentFailures: SignatureIssue[]): SignatureVerdict {
  if (documentFailures.length) return 'invalid';
  if (!signatures.length) return 'unsigned';
  return signatures.every((s) => s.status === 'valid') ? 'valid' : 'invalid';
}

/**
 * R-DOC-4: "legally valid, replaces paper" only for a valid signature verdict — which implies the
 * main (last) signature is valid and nothing but further signatures was added after any signature.
 * Everything else, unsigned included, is "for information only" (a clerk may still accept it, R-REC-3).
 */
export function legalValidity(verdict: SignatureVerdict): LegalValidity {
  return verdict === 'valid' ? 'legally_valid' : 'information_only';
}

export const LEGAL_VALIDITY_LABELS_VI: Record<LegalValidity, string> = {
  legally_valid: 'Có giá trị pháp lý, thay thế văn bản giấy',
  information_only: 'Chỉ có giá trị tham khảo',
};

/** Assembles the report so that verdict, legal value and main signature can never disagree. */
export function buildSignatureReport(input: {
  signatures: PdfSignatureResult[];
  failures?: SignatureIssue[];
  notes?: SignatureIssue[];
  verifiedAt: Date;
}): PdfSignatureReport {
  const failures = input.failures ?? [];
  const verdict = signatureVerdict(input.signatures, failures);
  return {
    verdict,
    legalValidity: legalValidity(verdict),
    signatures: input.signatures,
    mainSignatureIndex: input.signatures.length ? input.signatures.length - 1 : null,
    failures,
    notes: input.notes ?? [],
    verifiedAt: toVietnamIso(input.verifiedAt),
  };
}

/** Errors of configuration and signing (not of verification, which never throws on bad input). */
export type SignatureErrorCode =
  | 'TRUST_ANCHORS_MISSING'
  | 'TRUST_ANCHOR_INVALID'
  | 'SIGNER_NOT_CONFIGURED'
  | 'SIGNER_PASSPHRASE'
  | 'SIGNER_KEYSTORE_INVALID'
  | 'SIGNER_CERTIFICATE_NOT_VALID'
  | 'PDF_NOT_SIGNABLE';

export class SignatureError extends DomainError<SignatureErrorCode> {
  constructor(code: SignatureErrorCode, message: string) {
    super(code, message);
    this.name = 'SignatureError';
  }
}
