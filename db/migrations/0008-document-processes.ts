/**
 * Read model of the document processes (SPEC §7.1–7.5): what the incoming, outgoing and recall
 * workflows record for the back office and reports. The workflows own where a process stands;
 * these columns are written only by their activities (and drafts by the API).
 */
import type { Migration } from '../migrate';

export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    ALTER TABLE documents
      -- electronic: signed electronic document; paper_accompanies: electronic + paper copy
      -- (R-REC-5, R-OUT-4); paper: scan of a paper document entered by the clerk
      ADD COLUMN intake varchar(20) NOT NULL DEFAULT 'electronic'
        CHECK (intake IN ('electronic','paper_accompanies','paper')),
      ADD COLUMN checks jsonb,
      ADD COLUMN signature jsonb,
      ADD COLUMN signed_at timestamptz,
      ADD COLUMN issued_at timestamptz,
      ADD COLUMN register_number int,
      ADD COLUMN created_by uuid REFERENCES users(id),
      ADD COLUMN main_handler_id uuid REFERENCES users(id),
      ADD COLUMN department_id uuid REFERENCES departments(id),
      ADD COLUMN routed_rule jsonb,
      ADD COLUMN completed_at timestamptz,
      ADD COLUMN result text,
      ADD COLUMN overdue boolean NOT NULL DEFAULT false,
      ADD COLUMN recall_reason text,
      ADD COLUMN recalled_at timestamptz,
      ADD COLUMN replaces_id uuid REFERENCES documents(id),
      ADD COLUMN replaced_by_id uuid REFERENCES documents(id),
      ADD COLUMN revision int NOT NULL DEFAULT 0,
      -- pending change request from the sender (recall / update / replace) awaiting an answer
      ADD COLUMN pending_change jsonb,
      ADD COLUMN paper_received_at timestamptz,
      ADD COLUMN search_text text;
    CREATE INDEX documents_list_idx ON documents(organization_code, direction, created_at DESC);
    CREATE INDEX documents_search_idx ON documents USING gin (search_text gin_trgm_ops);

    ALTER TABLE document_receivers
      ADD COLUMN receiver_name text,
      ADD COLUMN incoming_document_id uuid REFERENCES documents(id),
      ADD COLUMN sent_at timestamptz,
      -- paper copy (R-OUT-4): needed / dispatched by the sender's clerk
      ADD COLUMN paper_status varchar(12) CHECK (paper_status IN ('pending','dispatched','cancelled')),
      ADD COLUMN paper_dispatched_at timestamptz,
      -- answer to the latest recall / update / replace (13 requested, 15 agreed, 16 refused)
      ADD COLUMN change_kind varchar(10) CHECK (change_kind IN ('recall','update','replace')),
      ADD COLUMN change_code char(2),
      ADD COLUMN change_reason text,
      ADD COLUMN change_at timestamptz;

    ALTER TABLE tasks
      -- which step of which process the task belongs to (R-DL-1)
      ADD COLUMN step varchar(20) NOT NULL DEFAULT 'processing'
        CHECK (step IN ('reception','routing','assignment','processing','sending','paper_dispatch','paper_receipt','recall_answer','paper_recall')),
      -- an organization-level task (no named assignee) goes to everyone with this role there
      ADD COLUMN assignee_role varchar(12) CHECK (assignee_role IN ('clerk','leader','specialist')),
      ADD COLUMN receiver_code varchar(13),
      ADD COLUMN title text,
      ADD COLUMN workflow_id text,
      ADD COLUMN reminded_at timestamptz,
      ADD COLUMN overdue_at timestamptz,
      ADD COLUMN escalation_level int NOT NULL DEFAULT 0,
      ADD COLUMN escalated_to varchar(13),
      ADD COLUMN completed_by uuid REFERENCES users(id),
      ADD CONSTRAINT tasks_has_assignee CHECK (assignee_user_id IS NOT NULL OR assignee_role IS NOT NULL OR assignee_department_id IS NOT NULL);
    CREATE INDEX tasks_org_open_idx ON tasks(organization_code, assignee_role, due_at) WHERE status = 'open';
    CREATE INDEX tasks_document_idx ON tasks(document_id);
    CREATE INDEX tasks_overdue_idx ON tasks(organization_code) WHERE status = 'open' AND overdue;

    -- "Paper accompanies" rules (QĐ 2588 Article 5.3, 7.2; R-OUT-4): admin data. A rule matches
    -- when every given condition holds; sender_code NULL = any sender.
    CREATE TABLE paper_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      sender_code varchar(13) REFERENCES organizations(code),
      receiver_code varchar(13),
      receiver_subtree boolean NOT NULL DEFAULT false,
      type_codes text[] NOT NULL DEFAULT '{}',
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (receiver_code IS NOT NULL OR cardinality(type_codes) > 0)
    );

    CREATE INDEX routing_rules_org_idx ON routing_rules(organization_code, active);
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`
    DROP INDEX routing_rules_org_idx;
    DROP TABLE paper_rules;
    DROP INDEX tasks_org_open_idx, tasks_document_idx, tasks_overdue_idx;
    ALTER TABLE tasks DROP CONSTRAINT tasks_has_assignee,
      DROP COLUMN step, DROP COLUMN assignee_role, DROP COLUMN receiver_code, DROP COLUMN title, DROP COLUMN workflow_id,
      DROP COLUMN reminded_at, DROP COLUMN overdue_at, DROP COLUMN escalation_level, DROP COLUMN escalated_to, DROP COLUMN completed_by;
    ALTER TABLE document_receivers DROP COLUMN receiver_name, DROP COLUMN incoming_document_id, DROP COLUMN sent_at,
      DROP COLUMN paper_status, DROP COLUMN paper_dispatched_at, DROP COLUMN change_kind, DROP COLUMN change_code,
      DROP COLUMN change_reason, DROP COLUMN change_at;
    DROP INDEX documents_list_idx, documents_search_idx;
    ALTER TABLE documents DROP COLUMN intake, DROP COLUMN checks, DROP COLUMN signature, DROP COLUMN signed_at,
      DROP COLUMN issued_at, DROP COLUMN register_number, DROP COLUMN created_by, DROP COLUMN main_handler_id,
      DROP COLUMN department_id, DROP COLUMN routed_rule, DROP COLUMN completed_at, DROP COLUMN result, DROP COLUMN overdue,
      DROP COLUMN recall_reason, DROP COLUMN recalled_at, DROP COLUMN replaces_id, DROP COLUMN replaced_by_id,
      DROP COLUMN revision, DROP COLUMN pending_change, DROP COLUMN paper_received_at, DROP COLUMN search_text;
  `);
};
