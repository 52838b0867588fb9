/**
 * What the interconnection activities offer the workflows (imported by them as types only).
 * Keyed by workflow id + step like the document activities: a retried call changes nothing twice.
 */
import type { ChangeKind, DocumentChanges } from '../../domain/documents';

export type InteropBusiness = 'new' | ChangeKind;

export interface QueuePackageInput {
  /** Our outgoing document. */
  documentId: string;
  receiverCode: string;
  business: InteropBusiness;
  /** Recall / update / replace: the sender's reason, the changed metadata, the replacing document. */
  reason?: string | null;
  changes?: DocumentChanges | null;
  replacementId?: string | null;
  at: string;
  key: string;
}

export interface FlushResult {
  /** False when the peer was deactivated or deleted: its outbox ends. */
  peerActive: boolean;
  /** The peer could not be reached (network, 5xx): back off and keep the order. */
  blocked: boolean;
  /** More is pending than one round sends. */
  more: boolean;
  sent: number;
  failed: number;
}

export interface InteropActivities {
  /**
   * Queues an edXML package for a receiver outside this installation. No peer serves the code →
   * the delivery is marked failed and the clerk gets a task (peerId null).
   */
  queueInteropPackage(input: QueuePackageInput): Promise<{ peerId: string | null }>;
  /** Sends what is pending for one peer, in order (see interop-outbox.workflow.ts). */
  flushInteropOutbox(input: { peerId: string }): Promise<FlushResult>;
}
