/**
 * Accepting several arrived documents in one action (R-REC-3, R-DOC-1): the clerk selects the
 * documents whose receipt checks passed, and each is accepted exactly as one at a time would be —
 * through IncomingService.accept, an update of its own process that registers it (số đến). A few
 * run at once (each is a Temporal update and a register allocation; the register's counter row
 * makes allocations of one organization take turns anyway), and every id gets its own answer:
 * the register number, or the problem that one document met. A document outside the clerk's
 * organization fails like an unknown id (404, R-SEC-2), never saying whether it exists.
 */
import type { Caller } from '../auth';
import type { Logger } from '../logger';
import { toProblem } from '../problem';
import type { IncomingService } from './incoming.service';

export const BULK_ACCEPT_CONCURRENCY = 4;

export type BulkAcceptOutcome =
  | { id: string; ok: true; registerNumber: number }
  | { id: string; ok: false; problem: { type: string; title: string; status: number; detail?: string } };

/** Runs `fn` over `items`, at most `limit` at a time, answers in the order of `items`. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next;
      next += 1;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function createBulkAcceptService(deps: { incoming: Pick<IncomingService, 'accept'>; log?: Logger; concurrency?: number }) {
  const { incoming, log } = deps;
  return {
    async accept(caller: Caller, ids: readonly string[]): Promise<BulkAcceptOutcome[]> {
      const unique = [...new Set(ids)];
      return mapLimited(unique, deps.concurrency ?? BULK_ACCEPT_CONCURRENCY, async (id): Promise<BulkAcceptOutcome> => {
        try {
          const accepted = await incoming.accept(caller, id, null);
          // The process answers the number it registered; the document read after it carries it too.
          const registerNumber = (accepted as { registerNumber?: number }).registerNumber ?? accepted.document.registerNumber;
          return { id, ok: true, registerNumber: registerNumber! };
        } catch (err) {
          const p = toProblem(err);
          if (p.status >= 500) log?.error({ err, documentId: id }, 'bulk accept: one document failed');
          return { id, ok: false, problem: { type: p.type, title: p.title, status: p.status, detail: p.detail } };
        }
      });
    },
  };
}

export type BulkAcceptService = ReturnType<typeof createBulkAcceptService>;
