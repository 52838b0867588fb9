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
  assignment: 'deadline.assignment',
  sending: 'deadline.sending',
  recallAnswer: 'deadline.recall_answer',
  reminder: 'deadline.reminder',
  escalation: 'deadline.escalation',
  paperReminder: 'paper.reminder',
} as const;

/** How often to remind a clerk of an expected paper copy not yet confirmed (R-REC-5). */
export interface PaperReminderPolicy {
  every: DeadlineRule;
}

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
  'deadline.assignment': StepDeadlinePolicy;
  'deadline.sending': StepDeadlinePolicy;
  'deadline.recall_answer': StepDeadlinePolicy;
  'deadline.reminder': ReminderRule;
  'deadline.escalation': EscalationPolicy;
  'paper.reminder': PaperReminderPolicy;
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
  // The leader assigns on the same short deadlines as routing (QĐ 2588 Article 9).
  'deadline.assignment': {
    normal: { unit: 'end_of_working_day', count: 1 },
    urgent: { unit: 'working_hours', count: 4 },
    very_urgent: { unit: 'working_hours', count: 2 },
    express: { unit: 'working_hours', count: 1 },
  },
  // R-OUT-3: the same day it is signed, at the latest the next working day's morning (07:30–11:30
  // is 4 working hours from the end of the signing day); urgent documents immediately.
  'deadline.sending': {
    normal: { unit: 'end_of_working_day', count: 0 },
    urgent: { unit: 'working_hours', count: 1 },
    very_urgent: { unit: 'working_hours', count: 1 },
    express: { unit: 'working_hours', count: 1 },
  },
  'deadline.recall_answer': {
    normal: { unit: 'end_of_working_day', count: 1 },
    urgent: { unit: 'working_hours', count: 4 },
    very_urgent: { unit: 'working_hours', count: 2 },
    express: { unit: 'working_hours', count: 1 },
  },
  'deadline.reminder': { workingDaysBefore: 1, shortDeadlineFraction: 0.25 },
  'deadline.escalation': { grace: { unit: 'working_days', count: 1 } },
  'paper.reminder': { every: { unit: 'working_days', count: 2 } },
};

export const POLICY_DESCRIPTIONS_VI: Record<keyof PolicyValues, string> = {
  office_hours: 'Giờ hành chính mặc định (thứ Hai–thứ Sáu, 07:30–11:30 và 13:30–17:00) và các biến thể theo mùa',
  'deadline.routing': 'Thời hạn chuyển xử lý sau khi tiếp nhận, theo mức độ khẩn',
  'deadline.processing': 'Thời hạn xử lý văn bản, theo mức độ khẩn',
  'deadline.assignment': 'Thời hạn lãnh đạo phân công xử lý sau khi văn bản được chuyển, theo mức độ khẩn',
  'deadline.sending': 'Thời hạn phát hành, gửi văn bản đã ký số (trong ngày; chậm nhất sáng ngày làm việc tiếp theo; văn bản khẩn gửi ngay)',
  'deadline.recall_answer': 'Thời hạn bên nhận trả lời yêu cầu thu hồi văn bản',
  'deadline.reminder': 'Nhắc việc trước hạn: số ngày làm việc, hoặc tỷ lệ thời gian còn lại với hạn ngắn',
  'deadline.escalation': 'Thời gian gia hạn trước khi chuyển cấp trên khi quá hạn',
  'paper.reminder': 'Chu kỳ nhắc văn thư xác nhận đã nhận bản giấy gửi kèm văn bản điện tử',
};
