/**
 * Connection to the provincial document system (QĐ 2588 Article 19.2; R-CONN-1..2):
 * the states an organization passes through and the reminder schedule around the deadline.
 * Pure; imports only domain/. Used by the connection workflow and the API.
 */
import { DAY_MS } from './time';

export const CONNECTION_STATES = ['not_connected', 'infrastructure_ready', 'test_passed', 'connected'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export const CONNECTION_STATE_LABELS_VI: Record<ConnectionState, string> = {
  not_connected: 'Chưa kết nối',
  infrastructure_ready: 'Sẵn sàng hạ tầng',
  test_passed: 'Đã kết nối thử nghiệm',
  connected: 'Đã kết nối',
};

export function isConnectionState(value: unknown): value is ConnectionState {
  return typeof value === 'string' && (CONNECTION_STATES as readonly string[]).includes(value);
}

export function nextConnectionState(state: ConnectionState): ConnectionState | null {
  const i = CONNECTION_STATES.indexOf(state);
  return i < CONNECTION_STATES.length - 1 ? CONNECTION_STATES[i + 1] : null;
}

/** Why `from → to` is not allowed (states advance one step at a time, never back), or null. */
export function connectionTransitionProblem(from: ConnectionState, to: unknown): string | null {
  if (!isConnectionState(to)) return `Trạng thái không hợp lệ: ${String(to)} (unknown state)`;
  if (from === 'connected') return 'Tổ chức đã kết nối; không thể chuyển trạng thái (already connected)';
  const expected = nextConnectionState(from)!;
  if (to !== expected) {
    return `Không thể chuyển từ "${CONNECTION_STATE_LABELS_VI[from]}" sang "${CONNECTION_STATE_LABELS_VI[to]}": bước tiếp theo là "${CONNECTION_STATE_LABELS_VI[expected]}" (from ${from} the next state is ${expected}, not ${to})`;
  }
  return null;
}

export interface PlannedReminder {
  daysBefore: number;
  at: number;
}

/**
 * Reminders still ahead at `nowMs`, earliest first. A reminder whose moment has already passed
 * is skipped rather than sent late: the next one (or the deadline) is more useful to the reader.
 */
export function remindersAhead(nowMs: number, deadlineMs: number, daysBefore: readonly number[]): PlannedReminder[] {
  return [...new Set(daysBefore)]
    .map((d) => ({ daysBefore: d, at: deadlineMs - d * DAY_MS }))
    .filter((r) => r.at > nowMs)
    .sort((a, b) => a.at - b.at);
}
