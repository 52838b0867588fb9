/**
 * Vocabulary of the document processes (SPEC §7.1–7.5): outgoing statuses, delivery channels and
 * per-receiver delivery states (R-OUT-5), the steps that carry a deadline (R-DL-1), change
 * requests (recall / update / replace, R-RCL-1..3) and priority mode (R-DL-4). Pure; imports only
 * domain/.
 */
import type { Urgency } from './routing';
import { isInSubtree } from './org-code';

export type { Urgency } from './routing';
export const URGENCIES = ['normal', 'urgent', 'very_urgent', 'express'] as const;

export const URGENCY_LABELS_VI: Record<Urgency, string> = {
  normal: 'Thường',
  urgent: 'Khẩn',
  very_urgent: 'Thượng khẩn',
  express: 'Hỏa tốc',
};

/** R-DL-4 priority mode: higher first in every list. */
export const URGENCY_RANK: Record<Urgency, number> = { normal: 0, urgent: 1, very_urgent: 2, express: 3 };

/**
 * R-DL-4 "scheduled ahead": the Temporal priority key of a document's processes (1 is served
 * first, 3 is the default): express and very urgent 1, urgent 2, normal 3.
 */
export function priorityKeyOf(u: Urgency): number {
  return 3 - Math.min(2, URGENCY_RANK[u]);
}

export function isUrgent(u: Urgency): boolean {
  return u !== 'normal';
}

export const OUTGOING_STATUSES = ['draft', 'issued', 'recalled', 'replaced'] as const;
export type OutgoingStatus = (typeof OUTGOING_STATUSES)[number];

export const OUTGOING_STATUS_LABELS_VI: Record<OutgoingStatus, string> = {
  draft: 'Dự thảo (chưa phát hành)',
  issued: 'Đã phát hành',
  recalled: 'Đã thu hồi',
  replaced: 'Đã được thay thế',
};

/**
 * How a document reaches one receiver (R-OUT-2, R-OUT-4): `internal` to a connected organization
 * of this installation, `paper` to one that is not connected, `both` when a "paper accompanies"
 * rule holds for a connected one, `edxml` to a system outside.
 */
export const DELIVERY_CHANNELS = ['internal', 'edxml', 'paper', 'both'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export function deliveryChannel(p: { inInstallation: boolean; connected: boolean; paperAccompanies: boolean }): DeliveryChannel {
  if (!p.inInstallation) return 'edxml';
  if (!p.connected) return 'paper';
  return p.paperAccompanies ? 'both' : 'internal';
}

export function isElectronic(channel: DeliveryChannel): boolean {
  return channel !== 'paper';
}

export function needsPaper(channel: DeliveryChannel): boolean {
  return channel === 'paper' || channel === 'both';
}

/**
 * What the sender sees per receiver (R-OUT-5): before arrival `pending`/`sent`; then the
 * receiver's own status (arrived … completed, refused, recalled); `paper_sent` for a paper-only
 * receiver once the clerk confirmed dispatch.
 */
export const DELIVERY_STATUSES = ['pending', 'sent', 'arrived', 'refused', 'accepted', 'routed', 'processing', 'completed', 'recalled', 'paper_pending', 'paper_sent', 'send_failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_STATUS_LABELS_VI: Record<DeliveryStatus, string> = {
  pending: 'Chờ gửi',
  sent: 'Đã gửi',
  arrived: 'Đã đến',
  refused: 'Bị từ chối (trả lại)',
  accepted: 'Đã tiếp nhận',
  routed: 'Đã chuyển xử lý',
  processing: 'Đang xử lý',
  completed: 'Đã hoàn thành',
  recalled: 'Đã thu hồi',
  paper_pending: 'Chờ gửi bản giấy',
  paper_sent: 'Đã gửi bản giấy',
  send_failed: 'Gửi liên thông không thành công',
};

/** Steps that run a durable deadline (R-DL-1), and the extra human steps of R-REC-5, R-OUT-4, R-RCL-1. */
export const STEPS = ['reception', 'routing', 'assignment', 'processing', 'sending', 'paper_dispatch', 'paper_receipt', 'recall_answer', 'paper_recall', 'interop_send'] as const;
export type Step = (typeof STEPS)[number];

/** The steps of a document's own process, one at a time; the others run beside them (paper, recall answers, failed sends). */
export const PROCESS_STEPS: readonly Step[] = ['reception', 'routing', 'assignment', 'processing', 'sending'];

/**
 * The open task whose deadline a document shows (R-DL-1): its process's step, else the side step
 * with a deadline that falls due first, else any open one. A side step (a paper copy to confirm, a
 * recall to answer…) never stands in for the process's step only because it falls due sooner.
 */
export function deadlineTask<T extends { status: string; step: string; dueAt: Date | null }>(tasks: readonly T[]): T | null {
  const open = tasks.filter((t) => t.status === 'open');
  const soonest = (xs: T[]) => [...xs].sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity))[0];
  return soonest(open.filter((t) => (PROCESS_STEPS as readonly string[]).includes(t.step))) ?? soonest(open) ?? null;
}

export const STEP_LABELS_VI: Record<Step, string> = {
  reception: 'Tiếp nhận văn bản đến',
  routing: 'Chuyển xử lý',
  assignment: 'Phân công xử lý',
  processing: 'Xử lý văn bản',
  sending: 'Phát hành, gửi văn bản đã ký',
  paper_dispatch: 'Gửi bản giấy',
  paper_receipt: 'Nhận bản giấy kèm theo',
  recall_answer: 'Trả lời yêu cầu thu hồi',
  paper_recall: 'Thu hồi bản giấy',
  interop_send: 'Xử lý văn bản gửi liên thông không thành công',
};

export const CHANGE_KINDS = ['recall', 'update', 'replace'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** edXML BussinessDocType of a change (R-EDX-1): 1 recall, 2 update, 3 replace. */
export const CHANGE_BUSINESS_DOC_TYPE: Record<ChangeKind, 1 | 2 | 3> = { recall: 1, update: 2, replace: 3 };

export const CHANGE_LABELS_VI: Record<ChangeKind, string> = {
  recall: 'Thu hồi',
  update: 'Cập nhật',
  replace: 'Thay thế',
};

/** Metadata a sender may correct with an update (R-RCL-3); files change only by replacement. */
export const UPDATABLE_FIELDS = ['summary', 'field', 'urgency', 'dueAt', 'signerPosition', 'signerName', 'pageCount', 'copies', 'notes', 'documentDate'] as const;
export type UpdatableField = (typeof UPDATABLE_FIELDS)[number];

export interface DocumentChanges {
  summary?: string;
  field?: string | null;
  urgency?: Urgency;
  dueAt?: string | null;
  signerPosition?: string | null;
  signerName?: string | null;
  pageCount?: number | null;
  copies?: number | null;
  notes?: string | null;
  documentDate?: string | null;
}

export interface PaperRule {
  id: string;
  name: string;
  senderCode: string | null;
  receiverCode: string | null;
  receiverSubtree: boolean;
  typeCodes: string[];
  active: boolean;
}

/** R-OUT-4: the first active rule under which a paper copy accompanies the electronic one, or null. */
export function paperRuleFor(rules: readonly PaperRule[], p: { senderCode: string; receiverCode: string; typeCode: string | null }): PaperRule | null {
  return (
    rules.find((r) => {
      if (!r.active) return false;
      if (r.senderCode && r.senderCode !== p.senderCode) return false;
      if (r.receiverCode) {
        const hit = r.receiverCode === p.receiverCode || (r.receiverSubtree && safeInSubtree(p.receiverCode, r.receiverCode));
        if (!hit) return false;
      }
      if (r.typeCodes.length && (!p.typeCode || !r.typeCodes.includes(p.typeCode))) return false;
      return true;
    }) ?? null
  );
}

function safeInSubtree(code: string, root: string): boolean {
  try {
    return isInSubtree(code, root);
  } catch {
    return false;
  }
}
