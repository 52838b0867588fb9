/**
 * `document-types` resource (SPEC §4) in react-admin simple-REST conventions: everyone reads the
 * list (in its sort order), admins add and edit types. Types are never deleted — documents refer
 * to them — so DELETE answers 409 and a type is retired with `active: false`.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { createDocumentTypesRepository, DOCUMENT_TYPE_SORTABLE, type DocumentTypeConflict } from '../../db/repositories/document-types.repository';
import { requireRole } from '../auth';
import { problems } from '../problem';
import { text } from '../schemas';
import { parseListParams, sendList } from '../simple-rest';

export const DOCUMENT_TYPE_CODE = /^[A-Z0-9_]{1,20}$/;

const code = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(DOCUMENT_TYPE_CODE, 'mã gồm 1–20 ký tự A-Z, 0-9 hoặc gạch dưới (1–20 of A-Z 0-9 _)'));

/** Sits between `/` and `-` in a notation (15/QĐ-UBND): letters and digits, no separators. */
const abbreviation = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().regex(/^[\p{L}\p{N}]{1,10}$/u, 'viết tắt gồm 1–10 chữ cái hoặc chữ số, không dấu cách, "/" hay "-" (1–10 letters or digits)'))
  .nullable();

const sortOrder = z.number().int().min(0).max(100_000);

export const documentTypeCreateSchema = z
  .object({
    code,
    name: text(100),
    /** null or absent: the notation carries no type abbreviation (Công văn). */
    abbreviation: abbreviation.default(null),
    active: z.boolean().default(true),
    sortOrder: sortOrder.optional(),
  })
  .strict();

export const documentTypeUpdateSchema = z
  .object({
    name: text(100).optional(),
    abbreviation: abbreviation.optional(),
    active: z.boolean().optional(),
    sortOrder: sortOrder.optional(),
    // The code is the type's identity: accepted when unchanged (react-admin sends the whole
    // record back), refused otherwise.
    code: z.string().optional(),
  })
  // Other read-only fields (id, updatedAt) are ignored.
  .passthrough();

export const documentTypeFilterSchema = z
  .object({
    q: z.string().max(200).optional(),
    active: z.boolean().optional(),
    id: z.union([z.string().max(20), z.array(z.string().max(20)).max(1000)]).optional(),
  })
  .strict();

const CONFLICT_VI: Record<DocumentTypeConflict, string> = {
  code: 'Mã loại văn bản đã tồn tại (code already exists)',
  name: 'Tên loại văn bản đã tồn tại (name already exists)',
  abbreviation: 'Chữ viết tắt đã được loại văn bản khác dùng; số, ký hiệu văn bản phải chỉ ra đúng một loại (abbreviation already used by another type)',
};
const conflict = (field: DocumentTypeConflict) => problems.conflict(CONFLICT_VI[field], [{ path: field, message: 'đã tồn tại (already exists)' }]);

export function documentTypesRoutes(db: Database): Router {
  const repo = createDocumentTypesRepository(db);
  const r = Router();

  r.get('/document-types', async (req, res) => {
    const p = parseListParams(req, documentTypeFilterSchema, DOCUMENT_TYPE_SORTABLE, ['sortOrder', 'ASC']);
    const { rows, total } = await repo.list(p.filter, p);
    sendList(res, 'document-types', rows, p.offset, total);
  });

  r.get('/document-types/:code', async (req, res) => {
    const row = await repo.get(String(req.params.code));
    if (!row) throw problems.notFound('Loại văn bản');
    res.json(row);
  });

  r.post('/document-types', requireRole('admin'), async (req, res) => {
    const input = documentTypeCreateSchema.parse(req.body);
    const result = await repo.insert(input);
    if ('conflict' in result) throw conflict(result.conflict);
    res.status(201).location(`/api/document-types/${result.created.code}`).json(result.created);
  });

  r.put('/document-types/:code', requireRole('admin'), async (req, res) => {
    const typeCode = String(req.params.code);
    const patch = documentTypeUpdateSchema.parse(req.body);
    if (!(await repo.get(typeCode))) throw problems.notFound('Loại văn bản');
    if (patch.code !== undefined && patch.code.trim().toUpperCase() !== typeCode) {
      throw problems.unprocessable('Không đổi được mã loại văn bản; văn bản tham chiếu loại theo mã (the code cannot change)', [{ path: 'code', message: 'không đổi được (read-only)' }]);
    }
    const result = await repo.update(typeCode, { name: patch.name, abbreviation: patch.abbreviation, active: patch.active, sortOrder: patch.sortOrder });
    if ('conflict' in result) throw conflict(result.conflict);
    if (!result.updated) throw problems.notFound('Loại văn bản');
    res.json(result.updated);
  });

  r.delete('/document-types/:code', requireRole('admin'), async (req) => {
    if (!(await repo.get(String(req.params.code)))) throw problems.notFound('Loại văn bản');
    throw problems.conflict(
      'Không xóa loại văn bản: văn bản đã và sẽ tham chiếu loại này. Hãy ngừng sử dụng (active: false) để loại không còn được chọn cho văn bản mới (document types are never deleted; set active: false)',
    );
  });

  return r;
}

// ------------------------------------------------------------------------------- OpenAPI

const schemaOf = (schema: z.ZodTypeAny) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const json = (schema: z.ZodTypeAny) => ({ 'application/json': { schema: schemaOf(schema) } });
const problem = { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const errors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem, 422: problem };
const ok = (description: string) => ({ description });

/** OpenAPI paths of this module, merged into /api/openapi.json. */
export const documentTypesOpenApiPaths: Record<string, unknown> = {
  '/document-types': {
    get: {
      summary: 'Document types (SPEC §4), every user; sorted by sortOrder; id = code; abbreviation null for Công văn',
      parameters: [
        { name: 'filter', in: 'query', description: `JSON: ${JSON.stringify(schemaOf(documentTypeFilterSchema))}`, schema: { type: 'string' } },
        { name: 'range', in: 'query', description: 'JSON [start, end], inclusive; answer carries Content-Range', schema: { type: 'string', example: '[0,49]' } },
        { name: 'sort', in: 'query', description: `JSON [field, "ASC"|"DESC"], field one of ${DOCUMENT_TYPE_SORTABLE.join(', ')}`, schema: { type: 'string', example: '["sortOrder","ASC"]' } },
      ],
      responses: { 200: ok('array + Content-Range'), ...errors },
    },
    post: {
      summary: 'Add a type (admin); code, name and abbreviation are unique (409); without sortOrder it goes last',
      requestBody: { content: json(documentTypeCreateSchema) },
      responses: { 201: ok('created'), ...errors },
    },
  },
  '/document-types/{code}': {
    parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
    get: { summary: 'One type', responses: { 200: ok('document type'), ...errors } },
    put: { summary: 'Edit name, abbreviation, active, sortOrder (admin); the code is read-only', requestBody: { content: json(documentTypeUpdateSchema) }, responses: { 200: ok('updated'), ...errors } },
    delete: { summary: 'Refused (409): documents refer to types; retire a type with active: false', responses: { 409: problem, 403: problem, 404: problem } },
  },
};
