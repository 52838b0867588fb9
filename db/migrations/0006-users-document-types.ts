/**
 * Accounts and document types become admin-editable (R-SEC-2, SPEC §4). The rules the API
 * checks are also constraints here (STYLE rule 5):
 * - a user's department belongs to the user's organization (composite foreign key);
 * - only supervisors watch a subtree (`supervises_code`);
 * - `password_changed_at` records every password set by an admin or the user (NULL: set before
 *   this migration, e.g. by the seed);
 * - document-type codes are `[A-Z0-9_]{1,20}`; an abbreviation is 1–10 characters without
 *   spaces or punctuation (it sits between `/` and `-` in a notation such as `15/QĐ-UBND`) or
 *   NULL (Công văn), and two types never share one, so a notation names one type. The check is
 *   written as "no space, no punctuation" rather than "letters": in a libc C locale PostgreSQL
 *   does not count Đ as a letter, but never counts it as punctuation either.
 */
import type { Migration } from '../migrate';

export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE users ADD COLUMN password_changed_at timestamptz;
    ALTER TABLE users ADD CONSTRAINT users_supervises_only_supervisors
      CHECK (supervises_code IS NULL OR roles @> ARRAY['supervisor']::text[]);
    ALTER TABLE departments ADD CONSTRAINT departments_id_organization_key UNIQUE (id, organization_code);
    ALTER TABLE users ADD CONSTRAINT users_department_in_organization
      FOREIGN KEY (department_id, organization_code) REFERENCES departments(id, organization_code);
    CREATE INDEX users_roles_idx ON users USING gin (roles);

    ALTER TABLE document_types
      ADD CONSTRAINT document_types_code_format CHECK (code ~ '^[A-Z0-9_]{1,20}$'),
      ADD CONSTRAINT document_types_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
      ADD CONSTRAINT document_types_abbreviation_format CHECK (abbreviation IS NULL OR abbreviation ~ '^[^[:space:][:punct:]]{1,10}$'),
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
    CREATE UNIQUE INDEX document_types_abbreviation_key ON document_types(abbreviation) WHERE abbreviation IS NOT NULL;
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`
    DROP INDEX document_types_abbreviation_key;
    ALTER TABLE document_types
      DROP COLUMN updated_at,
      DROP CONSTRAINT document_types_abbreviation_format,
      DROP CONSTRAINT document_types_name_length,
      DROP CONSTRAINT document_types_code_format;
    DROP INDEX users_roles_idx;
    ALTER TABLE users DROP CONSTRAINT users_department_in_organization;
    ALTER TABLE departments DROP CONSTRAINT departments_id_organization_key;
    ALTER TABLE users DROP CONSTRAINT users_supervises_only_supervisors;
    ALTER TABLE users DROP COLUMN password_changed_at;
  `);
};
