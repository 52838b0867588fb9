/**
 * The business calendar and deadline policies as the activities need them (R-CAL-1..4, R-DL-1):
 * an organization's calendar covering the instants at hand, and a policy from the `policies`
 * table with the defaults as fallback. Read through the pool: call these before opening a
 * transaction.
 */
import type { BusinessCalendar } from '../../domain/calendar';
import { DEFAULT_POLICIES, POLICY_KEYS, type PolicyValues, type StepDeadlinePolicy } from '../../domain/calendar-policy';
import type { Step } from '../../domain/documents';
import { vietnamParts } from '../../domain/time';
import { loadCalendar } from '../../db/repositories/calendar.repository';
import type { Ctx } from './context';

/** Which deadline policy a step runs on. */
export const STEP_POLICY: Record<Step, keyof PolicyValues> = {
  reception: POLICY_KEYS.routing,
  routing: POLICY_KEYS.routing,
  assignment: POLICY_KEYS.assignment,
  processing: POLICY_KEYS.processing,
  sending: POLICY_KEYS.sending,
  paper_dispatch: POLICY_KEYS.sending,
  paper_recall: POLICY_KEYS.sending,
  interop_send: POLICY_KEYS.sending,
  recall_answer: POLICY_KEYS.recallAnswer,
  paper_receipt: POLICY_KEYS.recallAnswer,
};

/** The organization's calendar for the year before the earliest instant to the year after the latest. */
export async function calendarFor(ctx: Ctx, orgCode: string, ...instants: Array<Date | string | number>): Promise<BusinessCalendar> {
  const years = instants.map((i) => vietnamParts(new Date(i).getTime()).year);
  return loadCalendar(ctx.db, orgCode, Math.min(...years) - 1, Math.max(...years) + 1);
}

export async function policy<K extends keyof PolicyValues>(ctx: Ctx, key: K): Promise<PolicyValues[K]> {
  const [row] = await ctx.select<{ value: PolicyValues[K] }>(null, 'SELECT value FROM policies WHERE key = :key', { key });
  return row?.value ?? DEFAULT_POLICIES[key];
}

/** A step's deadline policy; an urgency missing from an edited policy falls back to the default. */
export async function stepPolicy(ctx: Ctx, step: Step): Promise<StepDeadlinePolicy> {
  const key = STEP_POLICY[step] as Exclude<keyof PolicyValues, 'office_hours' | 'deadline.reminder' | 'deadline.escalation' | 'paper.reminder'>;
  const value = await policy(ctx, key);
  return { ...DEFAULT_POLICIES[key], ...value };
}
