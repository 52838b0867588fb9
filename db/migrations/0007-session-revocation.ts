/**
 * Session revocation: deactivating an account voids every token issued before it, so that a
 * later reactivation does not bring old (possibly stolen) sessions back (R-SEC-2).
 */
import type { Migration } from '../migrate';

export const up: Migration = async ({ context: sql }) => {
  await sql.query('ALTER TABLE users ADD COLUMN sessions_revoked_at timestamptz');
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query('ALTER TABLE users DROP COLUMN sessions_revoked_at');
};
