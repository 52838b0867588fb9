/**
 * Request schemas of the document processes API (SPEC §7.1–7.5, §11): list filters, draft and
 * paper-intake metadata, the bodies of every workflow action, routing rules and paper rules. As
 * in api/schemas.ts, one zod schema gives the type, the runtime check and the OpenAPI text;
 * text is trimmed NFC and legacy TCVN3/VNI text is refused (R-FMT-2).
 */
import { z } from 'zod';
import { INCOMING_STATUSES } from '../domain/document-status';
import { OUTGOING_STATUSES, STEPS, URGENCIES, type DocumentChanges } from '../domain/documents';
import { orgCode, text } from './schemas';

export const MAX_RECEIVERS = 200;
/** Optional text: absent, null, or blank (a cleared form field) all mean "none". */
const optionalText = (max: number) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), text(max).nullable().optional());
const uuid = z.uuid('phải là UUID (must be a UUID)');
const ids = z.union([z.string().max(40), z.array(z.string().max(40)).max(1000)]);
const dateKey = z.iso.date('ngày dạng YYYY-MM-DD (date must be YYYY-MM-DD)');
/** An instant with its offset (R-TIME-1), e.g. 2026-05-04T17:00:00+07:00. */
export const instant = z.iso.datetime({ offset: true, message: 'thời điểm ISO 8601 có múi giờ, ví dụ 2026-05-04T17:00:00+07:00 (ISO 8601 with offset)' });
const urgency = z.enum(URGENCIES);
const typeCode = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9_]{1,20}$/, 'mã loại văn bản gồm 1–20 ký tự A-Z, 0-9, _ (document type code)'));
const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema).max(20)]);

// ---------------------------------------------------------------------------------------------
// Lists

export const outgoingFilterSchema = z
  .object({
    q: z.string().max(200).optional(),
    status: oneOrMany(z.enum(OUTGOING_STATUSES)).optional(),
    urgency: oneOrMany(urgency).optional(),
    typeCode: typeCode.optional(),
    from: dateKey.optional(),
    to: dateKey.optional(),
    organizationCode: orgCode.optional(),
    id: ids.optional(),
  })
  .strict();

export const incomingFilterSchema = z
  .object({
    q: z.string().max(200).optional(),
    status: oneOrMany(z.enum(INCOMING_STATUSES)).optional(),
    urgency: oneOrMany(urgency).optional(),
    typeCode: typeCode.optional(),
    senderCode: orgCode.optional(),
    overdue: z.boolean().optional(),
    intake: z.enum(['electronic', 'paper_accompanies', 'paper']).optional(),
    from: dateKey.optional(),
    to: dateKey.optional(),
    organizationCode: orgCode.optional(),
    id: ids.optional(),
  })
  .strict();

export const taskFilterSchema = z
  .object({
    status: z.enum(['open', 'done', 'cancelled']).optional(),
    step: z.enum(STEPS).optional(),
    overdue: z.boolean().optional(),
    urgency: urgency.optional(),
    documentId: z.string().max(40).optional(),
    q: z.string().max(200).optional(),
    id: ids.optional(),
  })
  .strict();

export const overdueFilterSchema = z
  .object({
    step: z.enum(STEPS).optional(),
    urgency: urgency.optional(),
    organizationCode: orgCode.optional(),
    q: z.string().max(200).optional(),
    id: ids.optional(),
  })
  .strict();

export const colleagueFilterSchema = z
  .object({
    q: z.string().max(200).optional(),
    role: z.enum(['clerk', 'leader', 'specialist', 'supervisor', 'admin']).optional(),
    id: ids.optional(),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Outgoing draft (R-OUT-1) and paper intake (R-REC-5): the `metadata` part of the multipart body

const receivers = z
  .array(orgCode)
  .min(1, 'cần ít nhất một nơi nhận (at least one receiver)')
  .max(MAX_RECEIVERS, `tối đa ${MAX_RECEIVERS} nơi nhận (at most ${MAX_RECEIVERS} receivers)`)
  .superRefine((codes, ctx) => {
    const seen = new Set<string>();
    codes.forEach((c, i) => {
      if (seen.has(c)) ctx.addIssue({ code: 'custom', path: [i], message: `nơi nhận ${c} bị trùng (duplicate receiver)` });
      seen.add(c);
    });
  });

export const outgoingMetadataSchema = z
  .object({
    typeCode,
    documentDate: dateKey,
    field: optionalText(200),
    summary: text(2000),
    signerPosition: text(200),
    signerName: text(200),
    urgency: urgency.default('normal'),
    dueAt: instant.nullable().optional(),
    copies: z.number().int().min(0).max(100_000).nullable().optional(),
    pageCount: z.number().int().min(0).max(100_000).nullable().optional(),
    notes: optionalText(2000),
    /** Ký hiệu without the number (e.g. "QĐ-UBND"); the number comes from the register at issue. */
    notation: optionalText(60),
    receivers,
    /** Replace (R-RCL-3): the issued document this one replaces once issued. */
    replacesId: uuid.nullable().optional(),
  })
  .strict();
export type OutgoingMetadata = z.infer<typeof outgoingMetadataSchema>;

export const paperIncomingMetadataSchema = z
  .object({
    senderName: text(300),
    /** The sender's identifier code when it has one (inside the province or not). */
    senderCode: orgCode.nullable().optional(),
    numberAndNotation: text(100),
    documentDate: dateKey,
    typeCode,
    field: optionalText(200),
    summary: text(2000),
    signerPosition: optionalText(200),
    signerName: optionalText(200),
    urgency: urgency.default('normal'),
    dueAt: instant.nullable().optional(),
    pageCount: z.number().int().min(0).max(100_000).nullable().optional(),
    copies: z.number().int().min(0).max(100_000).nullable().optional(),
    notes: optionalText(2000),
  })
  .strict();
export type PaperIncomingMetadata = z.infer<typeof paperIncomingMetadataSchema>;

// ---------------------------------------------------------------------------------------------
// Outgoing actions

export const issueSchema = z.object({ signOnServer: z.boolean().optional() }).strict();
export const recallSchema = z.object({ reason: text(2000) }).strict();

/** The metadata an update may correct: UPDATABLE_FIELDS of domain/documents.ts (files change only by replacement). */
const changesSchema = z
  .object({
    summary: text(2000).optional(),
    field: optionalText(200),
    urgency: urgency.optional(),
    dueAt: instant.nullable().optional(),
    signerPosition: optionalText(200),
    signerName: optionalText(200),
    pageCount: z.number().int().min(0).max(100_000).nullable().optional(),
    copies: z.number().int().min(0).max(100_000).nullable().optional(),
    notes: optionalText(2000),
    documentDate: dateKey.nullable().optional(),
  })
  .strict() satisfies z.ZodType<DocumentChanges>;

export const updateSchema = z
  .object({
    reason: text(2000),
    changes: changesSchema.optional(),
    addReceivers: z.array(orgCode).max(MAX_RECEIVERS).optional(),
    removeReceivers: z.array(orgCode).max(MAX_RECEIVERS).optional(),
  })
  .strict()
  .refine(
    (b) => Object.keys(b.changes ?? {}).length > 0 || (b.addReceivers?.length ?? 0) > 0 || (b.removeReceivers?.length ?? 0) > 0,
    { message: 'cần ít nhất một thay đổi: changes, addReceivers hoặc removeReceivers (nothing to change)', path: ['changes'] },
  );

export const paperDispatchSchema = z.object({ receiverCode: orgCode, note: optionalText(1000) }).strict();
export const paperRecallSchema = z.object({ receiverCode: orgCode, note: optionalText(1000) }).strict();
export const printableQuerySchema = z.object({ to: orgCode }).strict();

// ---------------------------------------------------------------------------------------------
// Incoming actions (R-REC-3, R-ROUTE-2, R-DL-3, R-RCL-1)

export const routingTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('department'), departmentId: uuid }).strict(),
  z.object({ kind: z.literal('leader'), userId: uuid }).strict(),
  z.object({ kind: z.literal('user'), userId: uuid }).strict(),
]);

export const acceptSchema = z.object({ note: optionalText(1000) }).strict();
export const refuseSchema = z.object({ reason: text(2000) }).strict();
export const routeSchema = z.object({ target: routingTargetSchema }).strict();
export const assignSchema = z
  .object({
    handlerId: uuid,
    coHandlerIds: z.array(uuid).max(50).optional(),
    dueAt: instant.nullable().optional(),
    reason: optionalText(1000),
  })
  .strict();
export const completeSchema = z.object({ result: text(4000) }).strict();
export const extendSchema = z.object({ dueAt: instant, reason: text(1000) }).strict();
export const acknowledgeRecallSchema = z
  .object({ agree: z.boolean().default(true), reason: optionalText(2000) })
  .strict()
  .refine((b) => b.agree || !!b.reason, { message: 'cần lý do khi không đồng ý thu hồi (a reason is required to refuse)', path: ['reason'] });
export const emptySchema = z.object({}).strict();

// ---------------------------------------------------------------------------------------------
// Routing rules (R-ROUTE-1) and paper rules (R-OUT-4)

const word = text(200);
export const routingMatchSchema = z
  .object({
    senderCodes: z.array(orgCode).max(200).optional(),
    senderSubtree: z.boolean().optional(),
    typeCodes: z.array(typeCode).max(100).optional(),
    fields: z.array(word).max(100).optional(),
    urgencies: z.array(urgency).max(4).optional(),
    keywords: z.array(word).max(100).optional(),
  })
  .strict();

export const routingRuleCreateSchema = z
  .object({
    organizationCode: orgCode,
    name: text(200),
    priority: z.number().int().min(0).max(1_000_000).default(100),
    isDefault: z.boolean().default(false),
    active: z.boolean().default(true),
    match: routingMatchSchema.default({}),
    target: routingTargetSchema,
  })
  .strict();

export const routingRuleUpdateSchema = z
  .object({
    name: text(200).optional(),
    priority: z.number().int().min(0).max(1_000_000).optional(),
    isDefault: z.boolean().optional(),
    active: z.boolean().optional(),
    match: routingMatchSchema.optional(),
    target: routingTargetSchema.optional(),
    // The organization is part of the rule's identity: accepted when unchanged (react-admin
    // sends the whole record back), refused otherwise.
    organizationCode: z.string().optional(),
  })
  // Other read-only fields (id, version, names, times) are ignored.
  .passthrough();

export const routingRuleFilterSchema = z
  .object({
    q: z.string().max(200).optional(),
    organizationCode: orgCode.optional(),
    active: z.boolean().optional(),
    isDefault: z.boolean().optional(),
    id: ids.optional(),
  })
  .strict();

/** Either a document of the organization (documentId) or the metadata to try (summary required). */
export const routingTestSchema = z
  .object({
    organizationCode: orgCode,
    documentId: uuid.optional(),
    senderCode: orgCode.nullable().optional(),
    typeCode: typeCode.nullable().optional(),
    field: optionalText(200),
    urgency: urgency.default('normal'),
    summary: text(2000).optional(),
  })
  .strict()
  .refine((b) => b.documentId !== undefined || b.summary !== undefined, { message: 'cần documentId hoặc trích yếu (give documentId or the summary)', path: ['summary'] });

const paperRuleFields = {
  name: text(200),
  senderCode: orgCode.nullable().default(null),
  receiverCode: orgCode.nullable().default(null),
  receiverSubtree: z.boolean().default(false),
  typeCodes: z.array(typeCode).max(100).default([]),
  active: z.boolean().default(true),
};
const paperRuleHasCondition = (r: { receiverCode: string | null; typeCodes: string[] }) => r.receiverCode !== null || r.typeCodes.length > 0;
const PAPER_RULE_CONDITION = { message: 'cần nơi nhận hoặc ít nhất một loại văn bản (a receiver or at least one document type is required)', path: ['receiverCode'] };

export const paperRuleCreateSchema = z.object(paperRuleFields).strict().refine(paperRuleHasCondition, PAPER_RULE_CONDITION);
export const paperRuleUpdateSchema = z
  .object(paperRuleFields)
  // react-admin sends the whole record back on save; read-only fields are accepted and ignored.
  .passthrough()
  .refine(paperRuleHasCondition, PAPER_RULE_CONDITION);

export const paperRuleFilterSchema = z
  .object({
    q: z.string().max(200).optional(),
    active: z.boolean().optional(),
    senderCode: orgCode.optional(),
    receiverCode: orgCode.optional(),
    id: ids.optional(),
  })
  .strict();
