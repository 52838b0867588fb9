/**
 * Request schemas of the calendar API (R-CAL-1..4, R-DL-1..2): holidays, the value schema of every
 * policy key, and the deadline query. As in api/schemas.ts, one zod schema gives the type, the
 * runtime check and the OpenAPI description.
 */
import { z } from 'zod';
import { DAY_KINDS, isDateKey, officeHoursProblem, type DeadlineRule, type OfficeHoursPolicy } from '../domain/calendar';
import { DEADLINE_URGENCIES, officeHoursKeyOrg, POLICY_KEYS } from '../domain/calendar-policy';
import { orgCode, text } from './schemas';

export const HOLIDAY_SOURCES = ['library', 'statutory', 'admin'] as const;

const dateKey = z.string().refine(isDateKey, 'ngày dạng YYYY-MM-DD (date must be YYYY-MM-DD)');
const optionalText = (max: number) => text(max).nullable().optional();
const uuid = z.uuid();

export const holidayCreateSchema = z
  .object({
    date: dateKey,
    kind: z.enum(DAY_KINDS),
    name: text(200),
    note: optionalText(1000),
  })
  .strict();

export const holidayUpdateSchema = z
  .object({
    kind: z.enum(DAY_KINDS).optional(),
    name: text(200).optional(),
    note: optionalText(1000),
    // A row is its date: to move a day off, delete it and create another (the seed keys on dates).
    date: dateKey.optional(),
  })
  // react-admin sends the whole record back on save; read-only fields are accepted and ignored.
  .passthrough();

export const holidayFilterSchema = z
  .object({
    q: z.string().max(200).optional(),
    year: z.number().int().min(1900).max(9999).optional(),
    kind: z.enum(DAY_KINDS).optional(),
    source: z.enum(HOLIDAY_SOURCES).optional(),
    from: dateKey.optional(),
    to: dateKey.optional(),
    /** Deleted rows are kept so that re-seeding does not bring them back; listed on request. */
    deleted: z.boolean().optional(),
    id: z.union([uuid, z.array(uuid).max(1000)]).optional(),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Policy values, one schema per key.

const clock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'giờ dạng HH:MM (time must be HH:MM)');
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'ngày-tháng dạng MM-DD (must be MM-DD)');
const weekdays = z
  .array(z.number().int().min(1).max(7))
  .max(7)
  .refine((d) => new Set(d).size === d.length, 'các ngày trong tuần không được trùng (weekdays must be distinct)');
const periods = z.array(z.object({ start: clock, end: clock }).strict()).min(1).max(6);

export const officeHoursPolicySchema = z
  .object({
    default: z.object({ weekdays, periods }).strict(),
    seasonal: z
      .array(z.object({ name: text(100), from: monthDay, to: monthDay, weekdays: weekdays.optional(), periods }).strict())
      .max(12)
      .default([]),
  })
  .strict()
  .superRefine((value, ctx) => {
    const problem = officeHoursProblem(value as OfficeHoursPolicy);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const deadlineRuleSchema: z.ZodType<DeadlineRule> = z.discriminatedUnion('unit', [
  z.object({ unit: z.literal('working_hours'), count: z.number().positive().max(2000) }).strict(),
  z.object({ unit: z.literal('working_days'), count: z.number().int().min(1).max(365) }).strict(),
  z.object({ unit: z.literal('end_of_working_day'), count: z.number().int().min(0).max(365) }).strict(),
]);

const stepPolicySchema = z.object(Object.fromEntries(DEADLINE_URGENCIES.map((u) => [u, deadlineRuleSchema])) as Record<(typeof DEADLINE_URGENCIES)[number], typeof deadlineRuleSchema>).strict();

export const POLICY_VALUE_SCHEMAS: Record<string, z.ZodTypeAny> = {
  [POLICY_KEYS.officeHours]: officeHoursPolicySchema,
  [POLICY_KEYS.routing]: stepPolicySchema,
  [POLICY_KEYS.processing]: stepPolicySchema,
  [POLICY_KEYS.assignment]: stepPolicySchema,
  [POLICY_KEYS.sending]: stepPolicySchema,
  [POLICY_KEYS.recallAnswer]: stepPolicySchema,
  [POLICY_KEYS.reminder]: z
    .object({
      workingDaysBefore: z.number().int().min(0).max(30),
      shortDeadlineFraction: z.number().gt(0).lt(1),
    })
    .strict(),
  [POLICY_KEYS.escalation]: z.object({ grace: deadlineRuleSchema }).strict(),
  [POLICY_KEYS.paperReminder]: z.object({ every: deadlineRuleSchema }).strict(),
};

/** The value schema of a policy key; per-organization office hours share the default's. */
export function policyValueSchema(key: string): z.ZodTypeAny | null {
  if (officeHoursKeyOrg(key)) return officeHoursPolicySchema;
  return POLICY_VALUE_SCHEMAS[key] ?? null;
}

export const policyUpdateSchema = z.object({ value: z.unknown() }).passthrough();

export const policyCreateSchema = z
  .object({
    /** Only organization overrides are created: `office_hours:<orgCode>`. */
    id: z.string().refine((k) => officeHoursKeyOrg(k) !== null, 'chỉ tạo được khóa office_hours:<mã định danh> (only office_hours:<orgCode> can be created)'),
    value: z.unknown(),
  })
  .strict();

export const policyFilterSchema = z
  .object({
    q: z.string().max(200).optional(),
    id: z.union([z.string().max(100), z.array(z.string().max(100)).max(1000)]).optional(),
  })
  .strict();

// ---------------------------------------------------------------------------------------------

const count = (schema: z.ZodNumber) => z.coerce.number().pipe(schema).optional();

export const deadlineQuerySchema = z
  .object({
    org: orgCode.optional(),
    from: z.iso.datetime({ offset: true }),
    workingHours: count(z.number().positive().max(2000)),
    workingDays: count(z.number().int().min(0).max(365)),
    endOfWorkingDay: count(z.number().int().min(0).max(365)),
    step: z.enum(['routing', 'processing']).optional(),
    urgency: z.enum(DEADLINE_URGENCIES).default('normal'),
  })
  .strict()
  .refine((q) => [q.workingHours, q.workingDays, q.endOfWorkingDay, q.step].filter((v) => v !== undefined).length === 1, {
    message: 'cần đúng một trong workingHours, workingDays, endOfWorkingDay, step (exactly one of them is required)',
  });
