/**
 * Interconnection with systems outside this installation (SPEC §8, R-EDX-1..4, R-SEC-1):
 * registered peer systems, the transactional outbox of edXML packages and status messages they
 * are sent, and the edXML identity of documents exchanged with them.
 */
import type { Migration } from '../migrate';

export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    -- A peer system (another province's or a ministry's document system): the organizations it
    -- serves, where its interop endpoint is, and the certificate it authenticates with (mutual
    -- TLS) and signs packages with. Only registered, active peers are heard.
    CREATE TABLE peers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
      endpoint_url text NOT NULL CHECK (endpoint_url ~ '^https?://'),
      organization_codes varchar(13)[] NOT NULL CHECK (cardinality(organization_codes) >= 1),
      certificate_pem text NOT NULL,
      -- SHA-256 of the certificate's DER bytes, hex: how a TLS client or a signature is matched
      fingerprint char(64) NOT NULL UNIQUE,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX peers_codes_idx ON peers USING gin (organization_codes);

    ALTER TABLE documents
      -- edXML DocumentId (<OrganId>,<yyyy/MM/dd>,<Number>/<Notation>): of an issued outgoing
      -- document, and of an incoming one that came from a peer
      ADD COLUMN edxml_document_id text,
      ADD COLUMN source_peer_id uuid REFERENCES peers(id);
    -- A package delivered twice to the same receiver is one document (R-REC-4 over edXML).
    CREATE UNIQUE INDEX documents_incoming_edxml_key ON documents(organization_code, edxml_document_id)
      WHERE direction = 'incoming' AND edxml_document_id IS NOT NULL;
    CREATE INDEX documents_outgoing_edxml_idx ON documents(edxml_document_id) WHERE direction = 'outgoing' AND edxml_document_id IS NOT NULL;

    -- What is to be sent to a peer, written in the same transaction as the change it reports, and
    -- sent in id order per peer by that peer's outbox process (retried with back-off; a message
    -- that fails for good is escalated to the clerk and skipped).
    CREATE TABLE interop_outbox (
      id bigserial PRIMARY KEY,
      peer_id uuid NOT NULL REFERENCES peers(id),
      kind varchar(10) NOT NULL CHECK (kind IN ('package','status')),
      -- our document the message is about (outgoing for packages, incoming for statuses; none
      -- for the 02 answer to a package refused at import)
      document_id uuid REFERENCES documents(id),
      receiver_code varchar(13),
      business varchar(10) CHECK (business IN ('new','recall','update','replace')),
      status_code char(2),
      payload jsonb NOT NULL,
      dedupe_key text NOT NULL UNIQUE,
      state varchar(10) NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sent','failed')),
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      failed_at timestamptz
    );
    CREATE INDEX interop_outbox_pending_idx ON interop_outbox(peer_id, id) WHERE state = 'pending';
    CREATE INDEX interop_outbox_document_idx ON interop_outbox(document_id);

    -- Status messages received from peers, once each (a peer retries until it hears 2xx).
    CREATE TABLE interop_inbox (
      id bigserial PRIMARY KEY,
      peer_id uuid NOT NULL REFERENCES peers(id),
      kind varchar(10) NOT NULL CHECK (kind IN ('package','status')),
      edxml_document_id text NOT NULL,
      organ_id varchar(13) NOT NULL,
      code text NOT NULL,
      payload_sha256 char(64) NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (peer_id, kind, edxml_document_id, organ_id, code)
    );

    -- A message the outbox could not deliver is the sender's clerk's to resolve.
    ALTER TABLE tasks DROP CONSTRAINT IF EXISTS tasks_step_check;
    ALTER TABLE tasks ADD CONSTRAINT tasks_step_check
      CHECK (step IN ('reception','routing','assignment','processing','sending','paper_dispatch','paper_receipt','recall_answer','paper_recall','interop_send'));
  `);
};

export const down: Migration = async ({ context: sql }) => {
  await sql.query(`
    DROP TABLE interop_inbox;
    DROP TABLE interop_outbox;
    DROP INDEX documents_outgoing_edxml_idx;
    DROP INDEX documents_incoming_edxml_key;
    ALTER TABLE documents DROP COLUMN source_peer_id, DROP COLUMN edxml_document_id;
    DROP TABLE peers;
  `);
};
