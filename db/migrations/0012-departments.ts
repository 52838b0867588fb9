/**
 * Departments (phòng, ban) become admin data with their own resource. The rules the API checks
 * are also constraints here (STYLE rule 5):
 * - a name is 1–200 characters, and two departments of one organization never share a name up
 *   to case and accents ("Văn phòng" and "van phong" are the same department), so the pickers
 *   of the routing-rule and user forms never offer two look-alikes;
 * - `active`: a department that documents, tasks or old rule versions still name is retired,
 *   not deleted (the history keeps its name); retired departments are no longer offered as a
 *   target or a user's department.
 */
import type { Migration } from '../migrate';

export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    ALTER TABLE departments
      ADD COLUMN active boolean NOT NULL DEFAULT true,
      ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
      ADD CONSTRAINT departments_name_length CHECK (char_length(name) BETWEEN 1 AND 200);
    CREATE UNIQUE INDEX departments_organization_folded_name_key ON departments (organization_code, fold_vi(name));
    -- "Is this department still in use, or named by the history?" without scanning documents.
    CREATE INDEX users_department_idx ON users(department_id) WHERE department_id IS NOT NULL;
    CREATE INDEX tasks_department_idx ON tasks(assignee_department_id) WHERE assignee_department_id IS NOT NULL;
    CREATE INDEX documents_department_idx ON documents(department_id) WHERE department_id IS NOT NULL;
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`
    DROP INDEX documents_department_idx, tasks_department_idx, users_department_idx, departments_organization_folded_name_key;
    ALTER TABLE departments
      DROP CONSTRAINT departments_name_length,
      DROP COLUMN updated_at,
      DROP COLUMN created_at,
      DROP COLUMN active;
  `);
};
