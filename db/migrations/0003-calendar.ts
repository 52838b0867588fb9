/**
 * Business calendar (R-CAL-2): holidays become admin-editable and seed-safe. Holidays are national,
 * so they carry no organization. `updated_by` is the admin who last touched a row: NULL means only
 * the seed has written it, and only such rows does the seed ever change or remove. A deleted row
 * is kept as a tombstone (`deleted_at`) so that re-seeding does not bring the day back.
 * Office hours and deadline policies are rows of `policies` (key → jsonb), see
 * domain/calendar-policy.ts.
 */
import type { Migration } from '../migrate';

export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE holidays
      ADD COLUMN year int GENERATED ALWAYS AS (extract(year FROM date)::int) STORED,
      ADD COLUMN note text,
      ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN updated_by uuid REFERENCES users(id),
      ADD COLUMN deleted_at timestamptz,
      ADD CONSTRAINT holidays_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
      -- what an admin entered or deleted always says who did it
      ADD CONSTRAINT holidays_admin_author CHECK ((source <> 'admin' AND deleted_at IS NULL) OR updated_by IS NOT NULL);
    CREATE INDEX holidays_year_idx ON holidays(year);
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`
    DROP INDEX holidays_year_idx;
    ALTER TABLE holidays
      DROP CONSTRAINT holidays_admin_author,
      DROP CONSTRAINT holidays_name_length,
      DROP COLUMN deleted_at,
      DROP COLUMN updated_by,
      DROP COLUMN updated_at,
      DROP COLUMN created_at,
      DROP COLUMN note,
      DROP COLUMN year;
  `);
};
