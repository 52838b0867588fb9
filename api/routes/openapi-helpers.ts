/** Small builders shared by the OpenAPI paths of the document modules (api/openapi.ts merges them). */
import { z } from 'zod';

export const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
export const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema: jsonSchema(schema) } } });
export const problem = { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
export const errors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem, 422: problem, 503: problem };
export const ok = (description: string) => ({ description });
export const listParams = (filter: z.ZodType, sortable: readonly string[]) => [
  { name: 'filter', in: 'query', description: `JSON: ${JSON.stringify(jsonSchema(filter))}`, schema: { type: 'string' } },
  { name: 'range', in: 'query', description: 'JSON [start, end], inclusive; answer carries Content-Range', schema: { type: 'string', example: '[0,24]' } },
  { name: 'sort', in: 'query', description: `JSON [field, "ASC"|"DESC"]; fields: ${sortable.join(', ')}`, schema: { type: 'string', example: '["urgency","DESC"]' } },
];
/** Decisions: a repeat with the same key is carried out once and answered the same (api/auth.ts, updateIdOf). */
export const idempotencyKeyParam = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Optional. A decision repeated with the same key (per user) is carried out once and answered with the first answer; malformed: 400',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' },
};
export const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }];

/** A multipart body: `metadata` (JSON text of `metadata`) and `files`, the main document first. */
export function multipart(metadata: z.ZodType, filesDescription: string) {
  return {
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: ['metadata', 'files'],
          properties: {
            metadata: { type: 'string', description: `JSON: ${JSON.stringify(jsonSchema(metadata))}` },
            files: { type: 'array', items: { type: 'string', format: 'binary' }, description: filesDescription },
          },
        },
        encoding: { metadata: { contentType: 'application/json' } },
      },
    },
  };
}
