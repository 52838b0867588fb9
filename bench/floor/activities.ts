/**
 * No-op activities of the floor benchmark (bench/floor.bench.ts): one per activity that one
 * document lifecycle runs, under the same names, each returning at once with a small result of
 * the shape the real one returns. What is measured is Temporal's own cost of running them.
 */

interface KeyInput {
  documentId: string;
  key: string;
}

const later = (hours: number): string => new Date(Date.now() + hours * 3_600_000).toISOString();

export const floorActivities = {
  // sender (activities/documents/outgoing.activities.ts)
  async openSendingStep(_: KeyInput): Promise<void> {},
  async issueOutgoing(input: KeyInput): Promise<{ identifier: string; numberAndNotation: string; issuedAt: string }> {
    return { identifier: input.documentId, numberAndNotation: '1/CV-FLOOR', issuedAt: new Date().toISOString() };
  },
  async recordSent(_: KeyInput): Promise<void> {},
  // deadlines (activities/documents/deadlines.activities.ts)
  async scheduleStep(_: KeyInput): Promise<{ dueAt: string; remindAt: string }> {
    return { dueAt: later(8), remindAt: later(4) };
  },
  // receiver (activities/documents/incoming.activities.ts)
  async recordArrival(input: KeyInput): Promise<{ documentId: string; receivedAt: string }> {
    return { documentId: input.documentId, receivedAt: new Date().toISOString() };
  },
  async runReceiptChecks(_: KeyInput): Promise<{ ok: boolean }> {
    return { ok: true };
  },
  async acceptIncoming(_: KeyInput): Promise<{ registerNumber: number }> {
    return { registerNumber: 1 };
  },
  async routeIncoming(_: KeyInput): Promise<{ routed: boolean; autoHandlerId: string | null }> {
    return { routed: true, autoHandlerId: null };
  },
  async assignHandlers(_: KeyInput): Promise<void> {},
  async completeIncoming(_: KeyInput): Promise<void> {},
};

export type FloorActivities = typeof floorActivities;
