/**
 * Processing status of a received document (QĐ 2588 Article 11.1.2.g; R-DOC-3) and the edXML
 * status codes reported back to its sender. Pure; imports only domain/.
 *
 * Every change is reported to a sender in another system, and none may be skipped: a document
 * assigned straight after acceptance still reports 04 (routed) before 05 (processing).
 */

export const INCOMING_STATUSES = ['arrived', 'refused', 'accepted', 'routed', 'processing', 'completed', 'recalled', 'deleted'] as const;
export type IncomingStatus = (typeof INCOMING_STATUSES)[number];

/** edXML StatusCode of each reportable status (QCVN 102:2016; SPEC R-DOC-3). */
export const EDXML_STATUS_CODES = {
  arrived: '01',
  refused: '02',
  accepted: '03',
  routed: '04',
  processing: '05',
  completed: '06',
} as const satisfies Partial<Record<IncomingStatus, string>>;
export type EdxmlStatusCode = (typeof EDXML_STATUS_CODES)[keyof typeof EDXML_STATUS_CODES];

/** Answers about a recall or an update/replace request (edXML 13 / 15 / 16). */
export const RECALL_STATUS_CODES = { requested: '13', agreed: '15', refused: '16' } as const;

export const INCOMING_STATUS_LABELS_VI: Record<IncomingStatus, string> = {
  arrived: 'Đã đến',
  refused: 'Từ chối nhận (trả lại)',
  accepted: 'Đã tiếp nhận',
  routed: 'Đã chuyển xử lý, chờ phân công',
  processing: 'Đang xử lý',
  completed: 'Đã hoàn thành',
  recalled: 'Đã thu hồi',
  deleted: 'Đã xóa',
};

/** The forward path of a document; refusal, recall and deletion leave it. */
const PATH: IncomingStatus[] = ['arrived', 'accepted', 'routed', 'processing', 'completed'];

const EXTRA: Partial<Record<IncomingStatus, IncomingStatus[]>> = {
  arrived: ['refused'],
  // a handler can be replaced: processing → processing is a change of who, recorded in history
  processing: ['processing'],
  refused: ['deleted'],
  recalled: ['deleted'],
};

/** Why `from → to` is not a valid change, or null. Recall is possible wherever the document stands. */
export function statusTransitionProblem(from: IncomingStatus, to: IncomingStatus): string | null {
  if (to === 'recalled') {
    return from === 'recalled' || from === 'deleted' || from === 'refused' ? `Không thể thu hồi văn bản ở trạng thái "${INCOMING_STATUS_LABELS_VI[from]}"` : null;
  }
  const i = PATH.indexOf(from);
  const j = PATH.indexOf(to);
  // Nothing is processed before the clerk accepts (and so registers) it.
  if (from === 'arrived' && j > 1) return `Văn bản phải được tiếp nhận trước khi "${INCOMING_STATUS_LABELS_VI[to]}" (accept it first)`;
  if (i >= 0 && j > i) return null;
  if (EXTRA[from]?.includes(to)) return null;
  return `Không thể chuyển từ "${INCOMING_STATUS_LABELS_VI[from]}" sang "${INCOMING_STATUS_LABELS_VI[to]}" (${from} → ${to} is not allowed)`;
}

/**
 * The status codes to report to the sender, in order, for a change `from → to`: every forward
 * step in between (R-DOC-3 "no status is skipped, 06 included"); none for local-only states.
 */
export function statusCodesToReport(from: IncomingStatus, to: IncomingStatus): EdxmlStatusCode[] {
  if (statusTransitionProblem(from, to)) return [];
  const i = PATH.indexOf(from);
  const j = PATH.indexOf(to);
  if (i >= 0 && j > i) return PATH.slice(i + 1, j + 1).map((s) => EDXML_STATUS_CODES[s as keyof typeof EDXML_STATUS_CODES]);
  if (to === 'refused') return [EDXML_STATUS_CODES.refused];
  if (from === 'processing' && to === 'processing') return [EDXML_STATUS_CODES.processing];
  return [];
}
