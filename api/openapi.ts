/**
 * The OpenAPI 3.1 document served at /api/openapi.json, generated from the same zod schemas the
 * handlers validate with, so the contract and the checks cannot drift apart.
 */
import { z } from 'zod';
import { auditOpenApiPaths } from './routes/audit.routes';
import { calendarOpenApiPaths } from './routes/calendar.routes';
import { departmentsOpenApiPaths } from './routes/departments.routes';
import { documentTypesOpenApiPaths } from './routes/document-types.routes';
import { documentsOpenApiPaths } from './routes/documents.routes';
import { homeOpenApiPaths } from './routes/home.routes';
import { incomingOpenApiPaths } from './routes/incoming.routes';
import { interopOpenApiPaths } from './routes/interop.routes';
import { outgoingOpenApiPaths } from './routes/outgoing.routes';
import { paperRulesOpenApiPaths } from './routes/paper-rules.routes';
import { peersOpenApiPaths } from './routes/peers.routes';
import { registersOpenApiPaths } from './routes/registers.routes';
import { reportsOpenApiPaths } from './routes/reports.routes';
import { routingRulesOpenApiPaths } from './routes/routing-rules.routes';
import { tasksOpenApiPaths } from './routes/tasks.routes';
import { usersOpenApiPaths } from './routes/users.routes';
import * as s from './schemas';

const json = (schema: z.ZodTypeAny) => ({ 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } });
const problem = { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const listParams = (filter: z.ZodTypeAny) => [
  { name: 'filter', in: 'query', description: `JSON: ${JSON.stringify(z.toJSONSchema(filter, { io: 'input', unrepresentable: 'any' }))}`, schema: { type: 'string' } },
  { name: 'range', in: 'query', description: 'JSON [start, end], inclusive; answer carries Content-Range', schema: { type: 'string', example: '[0,24]' } },
  { name: 'sort', in: 'query', description: 'JSON [field, "ASC"|"DESC"]', schema: { type: 'string', example: '["code","ASC"]' } },
];
const ok = (description: string) => ({ description });
const errors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem, 422: problem };

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sơn La — hệ thống quản lý văn bản và điều hành (API)',
      version: '0.1.0',
      description: 'REST API in react-admin simple-REST conventions. Times are ISO 8601 with +07:00. Errors are application/problem+json.',
    },
    servers: [{ url: '/api' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/auth/login': { post: { security: [], summary: 'Đăng nhập (log in)', requestBody: { content: json(s.loginSchema) }, responses: { 200: ok('{token, expiresAt, user}'), 401: problem, 429: problem } } },
      '/me': { get: { summary: 'Current user', responses: { 200: ok('user profile'), 401: problem } } },
      '/organizations': {
        get: { summary: 'List organizations (R-ORG-2)', parameters: listParams(s.organizationFilterSchema), responses: { 200: ok('array + Content-Range'), ...errors } },
        post: { summary: 'Register an organization under an existing parent (admin; R-ORG-1, R-ORG-2)', requestBody: { content: json(s.organizationCreateSchema) }, responses: { 201: ok('created'), ...errors } },
      },
      '/organizations/{code}': {
        parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
        get: { summary: 'One organization', responses: { 200: ok('organization'), ...errors } },
        put: { summary: 'Edit name and contact data (admin)', requestBody: { content: json(s.organizationUpdateSchema) }, responses: { 200: ok('updated'), ...errors } },
        delete: { summary: 'Refused: codes are never reused', responses: { 409: problem } },
      },
      '/connections': { get: { summary: 'Connection compliance (R-CONN-4), scoped to the caller', parameters: listParams(s.connectionFilterSchema), responses: { 200: ok('array + Content-Range'), ...errors } } },
      '/connections/{code}': {
        parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
        get: { summary: 'Connection process of one organization, with steps, reminders and escalations', responses: { 200: ok('connection'), ...errors } },
      },
      '/connections/{code}/advance': {
        parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
        post: { summary: 'Advance to the next state (R-CONN-1); skipping a state is refused with 409', requestBody: { content: json(s.advanceConnectionSchema) }, responses: { 200: ok('connection'), ...errors } },
      },
      '/notifications': { get: { summary: "The caller's notifications", parameters: listParams(s.notificationFilterSchema), responses: { 200: ok('array + Content-Range'), ...errors } } },
      '/notifications/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: { summary: 'One notification', responses: { 200: ok('notification'), ...errors } },
        put: { summary: 'Mark read/unread', requestBody: { content: json(s.notificationUpdateSchema) }, responses: { 200: ok('notification'), ...errors } },
      },
      '/notifications/read-all': { post: { summary: 'Mark all read', responses: { 200: ok('{updated}') } } },
      '/health': { get: { security: [], summary: 'Liveness', responses: { 200: ok('ok') } } },
      '/ready': { get: { security: [], summary: 'Readiness: database and Temporal reachable', responses: { 200: ok('ready'), 503: problem } } },
      '/openapi.json': { get: { security: [], summary: 'This document', responses: { 200: ok('OpenAPI 3.1') } } },
      ...calendarOpenApiPaths,
      ...registersOpenApiPaths,
      ...usersOpenApiPaths,
      ...documentTypesOpenApiPaths,
      ...departmentsOpenApiPaths,
      ...outgoingOpenApiPaths,
      ...incomingOpenApiPaths,
      ...documentsOpenApiPaths,
      ...tasksOpenApiPaths,
      ...homeOpenApiPaths,
      ...routingRulesOpenApiPaths,
      ...paperRulesOpenApiPaths,
      ...peersOpenApiPaths,
      ...interopOpenApiPaths,
      ...reportsOpenApiPaths,
      ...auditOpenApiPaths,
    },
  };
}
