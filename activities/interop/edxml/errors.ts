/**
 * The one error of the edXML codec: a stable code the caller maps to a refusal with status 02
 * (R-EDX-3), the field issues to put in that status' Description, and whatever could be read of
 * the sender so the 02 can be addressed. Imports only domain/.
 */
import type { FieldIssue } from '../../../domain/errors';

export type EdxmlErrorCode =
  | 'OVERSIZE'
  | 'MALFORMED'
  | 'DTD_FORBIDDEN'
  | 'NAMESPACE'
  | 'SCHEMA'
  | 'UNSIGNED'
  | 'DIGEST_MISMATCH'
  | 'SIGNATURE_INVALID'
  | 'UNTRUSTED_SIGNER';

export interface EdxmlSender {
  /** Only a well-formed organization code (R-ORG-1), so it is safe to address a status to. */
  organId?: string;
  documentId?: string;
}

export class EdxmlError extends Error {
  constructor(
    readonly code: EdxmlErrorCode,
    readonly issues: FieldIssue[],
    readonly sender?: EdxmlSender,
  ) {
    super(`${code}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`);
    this.name = 'EdxmlError';
  }
}

/** Throws an EdxmlError with one issue. */
export function fail(code: EdxmlErrorCode, path: string, message: string, sender?: EdxmlSender): never {
  throw new EdxmlError(code, [{ path, message }], sender);
}
