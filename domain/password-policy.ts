/**
 * Password policy of the accounts (R-SEC-2), shared by the API (which enforces it) and the back
 * office (which checks it early, with its own translated messages per violation code). Length is
 * counted in Unicode code points, so a Vietnamese letter counts as one character. Passwords are
 * opaque: never trimmed or normalized, because login compares them byte for byte. Pure.
 */

export const PASSWORD_MIN_LENGTH = 10;
/** Below the login schema's limit (200), so every password that can be set can also be typed at login. */
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordViolation = 'too_short' | 'too_long' | 'equals_username';

/** Vietnamese first, English in parentheses, like every message of the API. */
export const PASSWORD_VIOLATION_MESSAGES: Record<PasswordViolation, string> = {
  too_short: `Mật khẩu phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự (password must be at least ${PASSWORD_MIN_LENGTH} characters)`,
  too_long: `Mật khẩu dài tối đa ${PASSWORD_MAX_LENGTH} ký tự (password must be at most ${PASSWORD_MAX_LENGTH} characters)`,
  equals_username: 'Mật khẩu không được trùng với tên đăng nhập (password must not equal the username)',
};

/** What is wrong with `password` for the account `username`; empty when it is acceptable. */
export function passwordViolations(password: string, username: string | null | undefined): PasswordViolation[] {
  const violations: PasswordViolation[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) violations.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) violations.push('too_long');
  // Case and surrounding spaces do not make a user name a secret.
  if (username && password.trim().toLowerCase() === username.trim().toLowerCase()) violations.push('equals_username');
  return violations;
}
