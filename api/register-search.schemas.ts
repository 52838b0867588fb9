/**
 * Request schemas of the registers as the clerk uses them (R-DOC-1, R-DOC-2; QĐ 2588 Article 3.8
 * "để quản lý và tra cứu văn bản"): the incoming and outgoing list filters with the register's
 * own criteria (document date, register number), the export query and the bulk acceptance body.
 * The list filters extend those of documents.schemas.ts, so a list and its export accept exactly
 * the same filter.
 */
import { z } from 'zod';
import { incomingFilterSchema, outgoingFilterSchema } from './documents.schemas';
import { jsonParam } from './simple-rest';

const dateKey = z.iso.date('ngày dạng YYYY-MM-DD (date must be YYYY-MM-DD)');

/** What both registers are searched by besides the lists' text, status, urgency, type and register-time range. */
const registerFilterFields = {
  /** Ngày văn bản, inclusive. */
  documentDateFrom: dateKey.optional(),
  documentDateTo: dateKey.optional(),
  /** Số đến / số đi. */
  registerNumber: z.coerce.number().int().min(1).max(999_999_999).optional(),
};

export const incomingRegisterFilterSchema = incomingFilterSchema.extend(registerFilterFields);
export const outgoingRegisterFilterSchema = outgoingFilterSchema.extend(registerFilterFields);

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `GET /api/<incoming|outgoing>/export?format=…&filter=…`: the list's filter, as JSON. */
export const exportQuerySchema = <F extends z.ZodType>(filter: F) =>
  z
    .object({
      format: z.enum(EXPORT_FORMATS, 'format là csv hoặc xlsx (format must be csv or xlsx)'),
      filter: jsonParam('filter', filter),
    })
    .strict();

export const MAX_BULK_ACCEPT = 100;

export const bulkAcceptSchema = z
  .object({
    ids: z
      .array(z.string().min(1).max(40))
      .min(1, 'cần ít nhất một văn bản (at least one document)')
      .max(MAX_BULK_ACCEPT, `tối đa ${MAX_BULK_ACCEPT} văn bản mỗi lần (at most ${MAX_BULK_ACCEPT} documents at a time)`),
  })
  .strict();
