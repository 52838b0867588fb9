/**
 * Organizations (R-ORG-1..2), departments, users and roles, the connection process read model
 * (R-CONN) and in-app notifications. Constraints live here, not only in code (STYLE rule 5).
 */
import type { Migration } from '../migrate';

export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    -- Accent-insensitive search ("van ban" finds "văn bản"; đ → d): unaccent is STABLE, so an
    -- IMMUTABLE wrapper with a fixed dictionary lets indexes use it.
    CREATE EXTENSION IF NOT EXISTS unaccent;
    CREATE FUNCTION fold_vi(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      RETURN lower(public.unaccent('public.unaccent'::regdictionary, $1));

    CREATE TABLE organizations (
      code varchar(13) PRIMARY KEY
        CHECK (code ~ '^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$'),
      parent_code varchar(13) REFERENCES organizations(code) ON DELETE RESTRICT,
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 300),
      short_name varchar(40) NOT NULL CHECK (char_length(short_name) >= 1),
      kind varchar(20) NOT NULL CHECK (kind IN ('province','department','district','commune','other')),
      address text, email text, phone text, fax text, website text,
      connection_state varchar(30) NOT NULL DEFAULT 'not_connected'
        CHECK (connection_state IN ('not_connected','infrastructure_ready','test_passed','connected')),
      connected_at timestamptz,
      deadline_missed boolean NOT NULL DEFAULT false,
      non_compliant_since timestamptz,
      last_reminder_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((parent_code IS NULL) = (code LIKE '000.00.00.%')),
      CHECK ((connection_state = 'connected') = (connected_at IS NOT NULL))
    );
    CREATE INDEX organizations_parent_idx ON organizations(parent_code);

    CREATE TABLE departments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_code varchar(13) NOT NULL REFERENCES organizations(code),
      name text NOT NULL,
      UNIQUE (organization_code, name)
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username varchar(64) NOT NULL CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
      password_hash text NOT NULL,
      full_name text NOT NULL,
      position text,
      email text,
      phone text,
      organization_code varchar(13) NOT NULL REFERENCES organizations(code),
      department_id uuid REFERENCES departments(id),
      -- root of the subtree a supervisor watches (e.g. Văn phòng UBND tỉnh watches the province)
      supervises_code varchar(13) REFERENCES organizations(code),
      roles text[] NOT NULL
        CHECK (cardinality(roles) >= 1 AND roles <@ ARRAY['admin','clerk','leader','specialist','supervisor']::text[]),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_username_key ON users(username);
    CREATE INDEX users_org_idx ON users(organization_code);

    -- Every state change, reminder and escalation of a connection process: visible, never edited.
    CREATE TABLE connection_events (
      id bigserial PRIMARY KEY,
      organization_code varchar(13) NOT NULL REFERENCES organizations(code),
      kind varchar(20) NOT NULL CHECK (kind IN ('state','reminder','overdue','escalation')),
      state varchar(30),
      at timestamptz NOT NULL,
      actor text NOT NULL,
      note text,
      -- workflow id + step: a retried activity writes nothing twice
      dedupe_key text NOT NULL UNIQUE
    );
    CREATE INDEX connection_events_org_idx ON connection_events(organization_code, at);

    CREATE TABLE notifications (
      id bigserial PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      kind varchar(40) NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      subject_type varchar(30),
      subject_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      dedupe_key text NOT NULL,
      UNIQUE (user_id, dedupe_key)
    );
    CREATE INDEX notifications_user_idx ON notifications(user_id, created_at DESC);
    CREATE INDEX notifications_unread_idx ON notifications(user_id) WHERE read_at IS NULL;
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query('DROP TABLE notifications, connection_events, users, departments, organizations; DROP FUNCTION fold_vi(text)');
};
