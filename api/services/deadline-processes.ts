/**
 * R-CAL-4: when the calendar changes (a holiday added, edited or deleted, an office-hours or
 * deadline policy changed), every running process with a step whose deadline has not passed
 * yet is told (`calendarChangedSignal`) and recomputes it; a fixed due date is not moved (the
 * workflow decides). Deadlines already passed stay passed.
 *
 * This runs after the admin's request has been answered: the calendar change is committed
 * either way, and a Temporal outage must not turn it into an error. Failures are logged.
 */
import type { DocumentsRepository } from '../../db/repositories/documents.repository';
import type { Logger } from '../logger';
import type { DocumentProcesses } from './document-processes';

export interface CalendarChangeResult {
  workflows: number;
  signalled: number;
  ended: number;
}

export function createDeadlineProcesses(deps: { repo: Pick<DocumentsRepository, 'workflowsWithFutureDeadlines'>; processes: Pick<DocumentProcesses, 'calendarChanged'>; log: Logger; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  let last: Promise<CalendarChangeResult | null> = Promise.resolve(null);

  async function calendarChanged(): Promise<CalendarChangeResult> {
    const ids = await deps.repo.workflowsWithFutureDeadlines(now());
    const { signalled, ended } = await deps.processes.calendarChanged(ids);
    return { workflows: ids.length, signalled, ended };
  }

  return {
    calendarChanged,

    /** Fire and forget (never throws); `settled()` waits for the latest one (tests, shutdown). */
    notifyCalendarChanged(what: string): void {
      last = calendarChanged().then(
        (result) => {
          deps.log.info({ what, ...result }, 'calendar change sent to running processes');
          return result;
        },
        (err: unknown) => {
          deps.log.warn({ what, err }, 'calendar change not sent to running processes (Temporal unavailable?); deadlines are recomputed at their next step');
          return null;
        },
      );
    },

    settled(): Promise<CalendarChangeResult | null> {
      return last;
    },
  };
}

export type DeadlineProcesses = ReturnType<typeof createDeadlineProcesses>;
