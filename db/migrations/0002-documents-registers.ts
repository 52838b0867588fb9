/**
 * Tables the document processes build on (designed ahead; later migrations may refine them):
 * document types, immutable files (R-FMT-3), documents with receivers (R-OUT-5), gap-free
 * registers (R-DOC-1..2, R-ORG-3), append-only history (R-DOC-3), tasks, versioned routing rules
 * (R-ROUTE-1), holidays (R-CAL-2), policies (R-DL-1) and the hash-chained audit log (R-SEC-3).
 */
import type { Migration } from '../migrate';

export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    CREATE TABLE document_types (
      code varchar(20) PRIMARY KEY,
      name text NOT NULL UNIQUE,
      -- NULL for Công văn, whose notation carries no type abbreviation
      abbreviation varchar(10),
      active boolean NOT NULL DEFAULT true,
      sort_order int NOT NULL DEFAULT 0
    );

    CREATE TABLE files (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      size_bytes bigint NOT NULL CHECK (size_bytes > 0),
      media_type text NOT NULL,
      original_name text NOT NULL,
      storage_key text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE documents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      direction varchar(10) NOT NULL CHECK (direction IN ('outgoing','incoming')),
      organization_code varchar(13) NOT NULL REFERENCES organizations(code),
      document_identifier text,
      source_document_id uuid REFERENCES documents(id),
      number int,
      notation text,
      number_and_notation text,
      document_date date,
      type_code varchar(20) REFERENCES document_types(code),
      field text,
      summary text NOT NULL,
      signer_position text,
      signer_name text,
      urgency varchar(20) NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal','urgent','very_urgent','express')),
      sender_code varchar(13),
      sender_name text,
      sent_at timestamptz,
      received_at timestamptz,
      due_at timestamptz,
      copies int CHECK (copies >= 0),
      page_count int CHECK (page_count >= 0),
      storage_place text,
      notes text,
      status varchar(30) NOT NULL,
      legal_validity varchar(20) CHECK (legal_validity IN ('legally_valid','information_only')),
      workflow_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX documents_identifier_key ON documents(document_identifier) WHERE direction = 'outgoing';
    -- one incoming document per receiver and source: a duplicate delivery stays one document
    CREATE UNIQUE INDEX documents_incoming_source_key ON documents(organization_code, source_document_id) WHERE direction = 'incoming';
    CREATE INDEX documents_org_status_idx ON documents(organization_code, direction, status);

    CREATE TABLE document_files (
      document_id uuid NOT NULL REFERENCES documents(id),
      position int NOT NULL CHECK (position >= 0),
      file_id uuid NOT NULL REFERENCES files(id),
      role varchar(12) NOT NULL CHECK (role IN ('main','attachment')),
      PRIMARY KEY (document_id, position)
    );

    CREATE TABLE document_receivers (
      document_id uuid NOT NULL REFERENCES documents(id),
      receiver_code varchar(13) NOT NULL,
      channel varchar(10) NOT NULL CHECK (channel IN ('internal','edxml','paper','both')),
      status varchar(30) NOT NULL,
      status_code char(2),
      status_at timestamptz NOT NULL,
      reason text,
      PRIMARY KEY (document_id, receiver_code)
    );

    CREATE TABLE register_counters (
      organization_code varchar(13) NOT NULL REFERENCES organizations(code),
      register varchar(10) NOT NULL CHECK (register IN ('incoming','outgoing','identifier')),
      year int NOT NULL CHECK (year BETWEEN 1900 AND 9999),
      next_number int NOT NULL CHECK (next_number >= 1),
      PRIMARY KEY (organization_code, register, year)
    );

    CREATE TABLE register_entries (
      organization_code varchar(13) NOT NULL REFERENCES organizations(code),
      register varchar(10) NOT NULL CHECK (register IN ('incoming','outgoing')),
      year int NOT NULL,
      number int NOT NULL CHECK (number >= 1),
      document_id uuid REFERENCES documents(id),
      idempotency_key text NOT NULL UNIQUE,
      registered_at timestamptz NOT NULL DEFAULT now(),
      voided_at timestamptz,
      void_reason text,
      voided_by uuid REFERENCES users(id),
      PRIMARY KEY (organization_code, register, year, number),
      CHECK ((voided_at IS NULL) = (void_reason IS NULL))
    );

    CREATE TABLE document_history (
      id bigserial PRIMARY KEY,
      document_id uuid NOT NULL REFERENCES documents(id),
      at timestamptz NOT NULL,
      actor_id uuid REFERENCES users(id),
      actor_label text NOT NULL,
      action varchar(40) NOT NULL,
      status varchar(30),
      status_code char(2),
      reason text,
      details jsonb,
      dedupe_key text NOT NULL UNIQUE
    );
    CREATE INDEX document_history_doc_idx ON document_history(document_id, id);

    CREATE TABLE tasks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      document_id uuid NOT NULL REFERENCES documents(id),
      organization_code varchar(13) NOT NULL REFERENCES organizations(code),
      kind varchar(20) NOT NULL,
      assignee_user_id uuid REFERENCES users(id),
      assignee_department_id uuid REFERENCES departments(id),
      handler_role varchar(10) CHECK (handler_role IN ('main','co')),
      status varchar(12) NOT NULL CHECK (status IN ('open','done','cancelled')),
      urgency varchar(20) NOT NULL DEFAULT 'normal',
      due_at timestamptz,
      overdue boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      result text,
      dedupe_key text NOT NULL UNIQUE
    );
    CREATE INDEX tasks_assignee_open_idx ON tasks(assignee_user_id, due_at) WHERE status = 'open';

    CREATE TABLE routing_rules (
      id uuid NOT NULL,
      version int NOT NULL CHECK (version >= 1),
      organization_code varchar(13) NOT NULL REFERENCES organizations(code),
      name text NOT NULL,
      priority int NOT NULL DEFAULT 100,
      is_default boolean NOT NULL DEFAULT false,
      match jsonb NOT NULL DEFAULT '{}',
      target jsonb NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (id, version)
    );

    CREATE TABLE holidays (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      date date NOT NULL,
      kind varchar(12) NOT NULL CHECK (kind IN ('holiday','day_off','working_day')),
      name text NOT NULL,
      source varchar(12) NOT NULL CHECK (source IN ('library','statutory','admin')),
      UNIQUE (date)
    );

    CREATE TABLE policies (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id)
    );

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid,
      actor_label text NOT NULL,
      action text NOT NULL,
      target_type text,
      target_id text,
      source_ip text,
      details jsonb,
      prev_hash char(64),
      hash char(64) NOT NULL UNIQUE
    );

    -- History and audit are append-only (R-DOC-3, R-SEC-3).
    CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
    END $$;
    CREATE TRIGGER document_history_append_only BEFORE UPDATE OR DELETE ON document_history
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
    CREATE TRIGGER connection_events_append_only BEFORE UPDATE OR DELETE ON connection_events
      FOR EACH ROW EXECUTE FUNCTION forbid_change();
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`
    DROP TRIGGER connection_events_append_only ON connection_events;
    DROP TABLE audit_log, policies, holidays, routing_rules, tasks, document_history, register_entries,
      register_counters, document_receivers, document_files, documents, files, document_types;
    DROP FUNCTION forbid_change();
  `);
};
