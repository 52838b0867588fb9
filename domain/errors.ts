/**
 * Domain errors: a stable machine code plus a human message. The API maps them to
 * problem+json; workflows wrap them in non-retryable ApplicationFailures.
 * Imports nothing.
 */
export type DomainErrorCode =
  | 'INVALID_ORG_CODE'
  | 'PARENT_NOT_FOUND'
  | 'PARENT_MISMATCH'
  | 'DUPLICATE_ORG'
  | 'INVALID_TRANSITION'
  | 'ALREADY_CONNECTED';

export interface FieldIssue {
  path: string;
  message: string;
}

/** Base of every rule violation in domain/; subclasses narrow `code` (RegisterError, CalendarError). */
export class DomainError<C extends string = DomainErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
