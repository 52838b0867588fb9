/**
 * Admin-editable policies of the business calendar and the deadlines computed on it (R-CAL-1,
 * R-DL-1..2): their keys in the `policies` table, value types and the defaults the seed writes.
 * Pure data; imports only domain/. Values are validated at the API edge (api/calendar.schemas.ts).
 */
import { DEFAULT_OFFICE_HOURS, type DeadlineRule, type OfficeHoursPolicy, type ReminderRule } from './calendar';

export const DEADLINE_URGENCIES = ['normal', 'urgent', 'very_urgent', 'express'] as const;
export type DeadlineUrgency = (typeof DEADLINE_URGENCIES)[number];

/** One deadline rule per urgency (R-DL-4: urgent documents use the short deadlines). */
export type StepDeadlinePolicy = Record<DeadlineUrgency, DeadlineRule>;

export interface EscalationPolicy {
  /** How long an overdue item stays with the assignee's leader before going up the tree. */
  grace: DeadlineRule;
}

export const POLICY_KEYS = {
  officeHours: 'office_hours',
  routing: 'deadline.routing',
  processing: 'deadline.processing',
  reminder: 'deadline.reminder',
  escalation: 'deadline.escalation',
} as const;

/**
 * An organization's own office hours live under `office_hours:<orgCode>` and replace the default
 * for it and its subtree (a commune inherits its district's), see `officeHoursKeysFor`.
 */
const ORG_OFFICE_HOURS = /^office_hours:(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})$/;

export function officeHoursKey(orgCode?: string | null): string {
  return orgCode ? `${POLICY_KEYS.officeHours}:${orgCode}` : POLICY_KEYS.officeHours;
}

/** The organization code of an `office_hours:<orgCode>` key, else null. */
export function officeHoursKeyOrg(key: string): string | null {
  return ORG_OFFICE_HOURS.exec(key)?.[1] ?? null;
}

export interface PolicyValues {
  office_hours: OfficeHoursPolicy;
  'deadline.routing': StepDeadlinePolicy;
  'deadline.processing': StepDeadlinePolicy;
  'deadline.reminder': ReminderRule;
  'deadline.escalation': EscalationPolicy;
}

/** R-DL-1 defaults; R-DL-2 reminder; escalation after one more working day overdue. */
export const DEFAULT_POLICIES: PolicyValues = {
  office_hours: DEFAULT_OFFICE_HOURS,
  'deadline.routing': {
    normal: { unit: 'end_of_working_day', count: 1 },
    urgent: { unit: 'working_hours', count: 4 },
    very_urgent: { unit: 'working_hours', count: 2 },
    express: { unit: 'working_hours', count: 1 },
  },
  'deadline.processing': {
    normal: { unit: 'working_days', count: 10 },
    urgent: { unit: 'working_days', count: 10 },
    very_urgent: { unit: 'working_days', count: 10 },
    express: { unit: 'working_days', count: 10 },
  },
  'deadline.reminder': { workingDaysBefore: 1, shortDeadlineFraction: 0.25 },
  'deadline.escalation': { grace: { unit: 'working_days', count: 1 } },
};

export const POLICY_DESCRIPTIONS_VI: Record<keyof PolicyValues, string> = {
  office_hours: 'Giờ hành chính mặc định (thứ Hai–thứ Sáu, 07:30–11:30 và 13:30–17:00) và các biến thể theo mùa',
  'deadline.routing': 'Thời hạn chuyển xử lý sau khi tiếp nhận, theo mức độ khẩn',
  'deadline.processing': 'Thời hạn xử lý văn bản, theo mức độ khẩn',
  'deadline.reminder': 'Nhắc việc trước hạn: số ngày làm việc, hoặc tỷ lệ thời gian còn lại với hạn ngắn',
  'deadline.escalation': 'Thời gian gia hạn trước khi chuyển cấp trên khi quá hạn',
};
