/**
 * Connection-deadline process of one organization (QĐ 2588 Article 19.2; R-CONN-1, R-CONN-2).
 *
 * not connected → infrastructure ready → test exchange passed → connected, advanced by
 * `advanceConnectionUpdate` (its validator refuses skipped or backward steps). Before the deadline
 * it reminds the organization N days ahead; at the deadline an unconnected organization is
 * recorded as non-compliant and escalated; afterwards it reminds periodically until connected.
 * A process started after the deadline starts overdue. Every side effect is an activity.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { connectionTransitionProblem, isConnectionState, remindersAhead } from '../domain/connection';
import { isOrgCode } from '../domain/org-code';
import { DAY_MS } from '../domain/time';
import {
  advanceConnectionUpdate,
  connectionStatusQuery,
  type ConnectionWorkflowInput,
} from './definitions';

type Activities = ReturnType<typeof createActivities>;

const { recordConnectionStep, sendConnectionReminder, recordConnectionOverdue } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Continue-as-new well before the history grows large: reminders may go on for years. */
const MAX_REPEATS_PER_RUN = 200;

function validateInput(input: ConnectionWorkflowInput): void {
  const problems: string[] = [];
  if (!isOrgCode(input?.orgCode)) problems.push('orgCode');
  if (!isConnectionState(input?.initialState)) problems.push('initialState');
  if (Number.isNaN(Date.parse(input?.deadline))) problems.push('deadline');
  if (!Array.isArray(input?.reminderDaysBefore) || input.reminderDaysBefore.some((d) => !(d > 0))) problems.push('reminderDaysBefore');
  if (!(input?.repeatEveryDays > 0)) problems.push('repeatEveryDays');
  if (!Array.isArray(input?.escalateToOrgCodes) || !input.escalateToOrgCodes.every(isOrgCode)) problems.push('escalateToOrgCodes');
  if (problems.length) {
    throw ApplicationFailure.nonRetryable(`invalid connection workflow input: ${problems.join(', ')}`, 'INVALID_INPUT');
  }
}

/** Waits until connected or until `atMs`; true when connected. */
async function connectedBy(isConnected: () => boolean, atMs: number): Promise<boolean> {
  const wait = atMs - Date.now();
  if (wait <= 0) return isConnected();
  return condition(isConnected, wait);
}

export async function connectionWorkflow(input: ConnectionWorkflowInput): Promise<{ state: 'connected'; connectedAt: string }> {
  validateInput(input);
  const { workflowId } = workflowInfo();
  const deadlineMs = Date.parse(input.deadline);
  let state = input.initialState;
  let connectedAt: string | null = null;
  let overdue = input.carried?.overdueRecorded ?? false;
  let repeatCount = input.carried?.repeatCount ?? 0;
  const remindersSent: number[] = [];
  let nextWakeAt: number | null = null;
  const isConnected = () => state === 'connected';

  setHandler(
    advanceConnectionUpdate,
    async ({ to, actor, note }) => {
      const from = state;
      // Change state before awaiting so a second, concurrent update is validated against it.
      state = to;
      const at = new Date().toISOString();
      if (to === 'connected') connectedAt = at;
      await recordConnectionStep({ orgCode: input.orgCode, from, to, at, actor, note: note ?? null, key: `${workflowId}:state:${to}` });
      return { state: to, at };
    },
    {
      validator: ({ to, actor }) => {
        const problem = connectionTransitionProblem(state, to);
        if (problem) throw new Error(problem);
        if (typeof actor !== 'string' || actor.length === 0) throw new Error('actor is required');
      },
    },
  );

  setHandler(connectionStatusQuery, () => ({
    orgCode: input.orgCode,
    state,
    deadline: input.deadline,
    overdue,
    remindersSent: [...remindersSent],
    repeatCount,
    nextWakeAt: nextWakeAt === null ? null : new Date(nextWakeAt).toISOString(),
  }));

  if (!overdue && !isConnected()) {
    for (const reminder of remindersAhead(Date.now(), deadlineMs, input.reminderDaysBefore)) {
      nextWakeAt = reminder.at;
      if (await connectedBy(isConnected, reminder.at)) break;
      await sendConnectionReminder({
        orgCode: input.orgCode,
        phase: 'before_deadline',
        daysBefore: reminder.daysBefore,
        state,
        deadline: input.deadline,
        at: new Date().toISOString(),
        key: `${workflowId}:reminder:${reminder.daysBefore}`,
      });
      remindersSent.push(reminder.daysBefore);
    }
    nextWakeAt = deadlineMs;
    if (!(await connectedBy(isConnected, deadlineMs))) {
      await recordConnectionOverdue({
        orgCode: input.orgCode,
        state,
        deadline: input.deadline,
        startedAfterDeadline: workflowInfo().startTime.getTime() >= deadlineMs,
        escalateToOrgCodes: input.escalateToOrgCodes,
        at: new Date().toISOString(),
        key: `${workflowId}:overdue`,
      });
      overdue = true;
    }
  }

  let repeatsThisRun = 0;
  while (!isConnected()) {
    nextWakeAt = Date.now() + input.repeatEveryDays * DAY_MS;
    if (await connectedBy(isConnected, nextWakeAt)) break;
    repeatCount += 1;
    repeatsThisRun += 1;
    await sendConnectionReminder({
      orgCode: input.orgCode,
      phase: 'after_deadline',
      daysBefore: null,
      state,
      deadline: input.deadline,
      at: new Date().toISOString(),
      key: `${workflowId}:repeat:${repeatCount}`,
    });
    if (repeatsThisRun >= MAX_REPEATS_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof connectionWorkflow>({ ...input, initialState: state, carried: { overdueRecorded: overdue, repeatCount } });
    }
  }

  nextWakeAt = null;
  await condition(allHandlersFinished);
  return { state: 'connected', connectedAt: connectedAt ?? new Date().toISOString() };
}
