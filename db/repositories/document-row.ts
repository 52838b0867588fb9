/**
 * The columns of a `documents` row (migrations 0002, 0008) as node-postgres returns them, shared
 * by the activities that write the read model and the repository the API reads it with. Each
 * adds the joined or JSON columns it selects. Types only.
 */
import type { Urgency } from '../../domain/documents';

export interface DocumentColumns {
  id: string;
  direction: 'incoming' | 'outgoing';
  organization_code: string;
  document_identifier: string | null;
  source_document_id: string | null;
  number: number | null;
  notation: string | null;
  number_and_notation: string | null;
  /** 'YYYY-MM-DD' (read as text, never a Date). */
  document_date: string | null;
  type_code: string | null;
  field: string | null;
  summary: string;
  signer_position: string | null;
  signer_name: string | null;
  urgency: Urgency;
  sender_code: string | null;
  sender_name: string | null;
  sent_at: Date | null;
  received_at: Date | null;
  due_at: Date | null;
  copies: number | null;
  page_count: number | null;
  storage_place: string | null;
  notes: string | null;
  status: string;
  legal_validity: 'legally_valid' | 'information_only' | null;
  intake: 'electronic' | 'paper_accompanies' | 'paper';
  signed_at: Date | null;
  issued_at: Date | null;
  register_number: number | null;
  main_handler_id: string | null;
  department_id: string | null;
  recalled_at: Date | null;
  replaced_by_id: string | null;
  revision: number;
  paper_received_at: Date | null;
  workflow_id: string | null;
  /** edXML DocumentId (SPEC §8): of an issued outgoing document, or of one imported from a peer. */
  edxml_document_id: string | null;
  /** The peer system an incoming document came from. */
  source_peer_id: string | null;
}
