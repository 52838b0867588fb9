/** The password policy shared by the API and the back office (R-SEC-2). */
import { PASSWORD_MAX_LENGTH, passwordViolations } from '../../domain/password-policy';

describe('password policy (R-SEC-2)', () => {
  test('R-SEC-2 when a password has 10 characters and is not the username, then it is accepted', () => {
    expect(passwordViolations('Sơn-La2018', 'vanthu.stc')).toEqual([]);
  });

  test('R-SEC-2 when a password has 9 characters, then it is too short', () => {
    expect(passwordViolations('Son-La201', 'vanthu.stc')).toEqual(['too_short']);
  });

  test('R-SEC-2 when a password has Vietnamese letters, then each letter counts as one character, not as its bytes', () => {
    expect(passwordViolations('ĐổiMậtKhẩu', 'x')).toEqual([]); // 10 letters, 16 bytes in UTF-8
    expect(passwordViolations('ĐổiMậtKhẩ', 'x')).toEqual(['too_short']); // 9 letters, 13 bytes
  });

  test('R-SEC-2 when the password is the username in other case or with spaces, then it is refused', () => {
    expect(passwordViolations(' VanThu.STC.2025 ', 'vanthu.stc.2025')).toEqual(['equals_username']);
  });

  test('R-SEC-2 when the password is longer than the maximum, then it is too long', () => {
    expect(passwordViolations('a'.repeat(PASSWORD_MAX_LENGTH + 1), 'x')).toEqual(['too_long']);
  });
});
