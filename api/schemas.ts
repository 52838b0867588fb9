/**
 * Request schemas of the public API: one zod schema gives the TypeScript type, the runtime
 * check (400/422 problem+json) and the OpenAPI description (api/openapi.ts). Text is stored NFC.
 */
import { z } from 'zod';
import { CONNECTION_STATES } from '../domain/connection';
import { orgCodeProblem } from '../domain/org-code';
import { describeLegacyEncoding, detectLegacyVietnamese } from '../domain/vietnamese-text';

// Vietnamese first: zod's own messages (too small, wrong type, …) come in Vietnamese too.
z.config(z.locales.vi());

/**
 * Trimmed, NFC-normalized text (R-FMT-2); text typed with a legacy TCVN3/VNI font is refused with
 * a message naming the encoding.
 */
export const text = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1, 'không được để trống (required)').max(max, `tối đa ${max} ký tự (at most ${max} characters)`))
    .superRefine((value, ctx) => {
      const legacy = detectLegacyVietnamese(value);
      if (legacy) {
        const { vi, en } = describeLegacyEncoding(legacy);
        ctx.addIssue({ code: 'custom', message: `${vi[0].toUpperCase()}${vi.slice(1)} (${en})` });
      }
    });

const optionalText = (max: number) => text(max).nullable().optional();

export const orgCode = z.string().superRefine((value, ctx) => {
  const problem = orgCodeProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const ORGANIZATION_KINDS = ['province', 'department', 'district', 'commune', 'other'] as const;

export const loginSchema = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(200),
  })
  .strict();

export const organizationCreateSchema = z
  .object({
    code: orgCode,
    parentCode: orgCode.nullable().optional(),
    name: text(300),
    shortName: text(40),
    kind: z.enum(ORGANIZATION_KINDS),
    address: optionalText(500),
    email: z.email('email không hợp lệ (invalid e-mail)').nullable().optional(),
    phone: optionalText(40),
    fax: optionalText(40),
    website: z.url('địa chỉ website không hợp lệ (invalid URL)').nullable().optional(),
  })
  .strict();

export const organizationUpdateSchema = organizationCreateSchema
  .omit({ code: true, parentCode: true })
  .partial()
  // react-admin sends the whole record back on save; read-only fields are accepted and ignored.
  .extend({
    id: z.string().optional(),
    code: z.string().optional(),
    parentCode: z.string().nullable().optional(),
  })
  .passthrough();

export const organizationFilterSchema = z
  .object({
    q: z.string().max(200).optional(),
    kind: z.enum(ORGANIZATION_KINDS).optional(),
    parentCode: orgCode.nullable().optional(),
    subtree: orgCode.optional(),
    id: z.union([z.string().max(13), z.array(z.string().max(13)).max(1000)]).optional(),
    connectionState: z.enum(CONNECTION_STATES).optional(),
  })
  .strict();

export const connectionFilterSchema = z
  .object({
    q: z.string().max(200).optional(),
    subtree: orgCode.optional(),
    state: z.enum(CONNECTION_STATES).optional(),
    overdue: z.boolean().optional(),
    deadlineMissed: z.boolean().optional(),
    kind: z.enum(ORGANIZATION_KINDS).optional(),
    id: z.union([z.string().max(13), z.array(z.string().max(13)).max(1000)]).optional(),
  })
  .strict();

export const advanceConnectionSchema = z
  .object({
    to: z.enum(CONNECTION_STATES),
    note: optionalText(1000),
  })
  .strict();

export const notificationFilterSchema = z
  .object({
    unread: z.boolean().optional(),
    kind: z.string().max(40).optional(),
  })
  .strict();

export const notificationUpdateSchema = z.object({ read: z.boolean() }).passthrough();
