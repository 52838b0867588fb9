/**
 * `incoming` resource (R-REC-1..5, R-ROUTE-1..2, R-DL-1..3, R-RCL-1..2): list and detail for
 * everyone of the organization (supervisors their subtree, admins all); paper intake and the
 * decisions of the clerk (accept, refuse, paper received, answer a recall), the leader (assign,
 * extend), both (route) and the handler (complete). The list is the incoming register (R-DOC-1):
 * searched accent-insensitively, exported as CSV / XLSX, and accepted several at a time.
 */
import { Router, type RequestHandler } from 'express';
import { DOCUMENT_SORTABLE } from '../../db/repositories/documents.repository';
import { callerOf, requireRole } from '../auth';
import {
  acceptSchema,
  acknowledgeRecallSchema,
  assignSchema,
  completeSchema,
  emptySchema,
  extendSchema,
  paperIncomingMetadataSchema,
  refuseSchema,
  routeSchema,
} from '../documents.schemas';
import { documentUpload, uploadedParts, type UploadLimits } from '../middleware/uploads';
import { bulkAcceptSchema, exportQuerySchema, incomingRegisterFilterSchema, MAX_BULK_ACCEPT } from '../register-search.schemas';
import { parseListParams, sendList } from '../simple-rest';
import { createBulkAcceptService } from '../services/bulk-accept.service';
import type { DocumentsService } from '../services/documents.service';
import { checkMayComplete, type IncomingService } from '../services/incoming.service';
import { MAX_EXPORT_ROWS, type RegisterExportService } from '../services/register-export.service';
import { errors, idempotencyKeyParam, idParam, json, jsonSchema, listParams, multipart, ok } from './openapi-helpers';
import { registerExportHandler } from './register-export.handler';

export function incomingRoutes(deps: { documents: DocumentsService; incoming: IncomingService; upload: UploadLimits; exports: RegisterExportService }): Router {
  const { documents, incoming } = deps;
  const bulk = createBulkAcceptService({ incoming });
  const r = Router();
  const clerks = requireRole('clerk');
  const leaders = requireRole('leader');
  const id = (req: { params: Record<string, unknown> }) => String(req.params.id);
  // R-SEC-2: whether the caller may act on this document (404 outside what they may read, 403
  // for another organization's) is decided before the body is read, so no answer depends on it.
  const owned =
    (check?: typeof checkMayComplete): RequestHandler =>
    async (req, _res, next) => {
      const caller = callerOf(req);
      const doc = await documents.actable(caller, id(req), 'incoming');
      check?.(caller, doc);
      next();
    };

  r.get('/incoming', async (req, res) => {
    const p = parseListParams(req, incomingRegisterFilterSchema, DOCUMENT_SORTABLE, ['urgency', 'DESC']);
    const { id: ids, ...filter } = p.filter;
    const { rows, total, estimated } = await documents.list(callerOf(req), 'incoming', { ...filter, ids: ids === undefined ? undefined : [ids].flat() }, p);
    sendList(res, 'incoming', rows, p.offset, total, estimated);
  });

  // Before /incoming/:id, which would take "export" for an id.
  r.get('/incoming/export', registerExportHandler('incoming', incomingRegisterFilterSchema, deps.exports));

  r.post('/incoming/bulk-accept', clerks, async (req, res) => {
    const { ids } = bulkAcceptSchema.parse(req.body ?? {});
    res.json(await bulk.accept(callerOf(req), ids));
  });

  r.post('/incoming', clerks, documentUpload(deps.upload), async (req, res) => {
    const { metadata, files } = uploadedParts(req);
    const created = await incoming.createPaper(callerOf(req), metadata, files);
    res.status(201).location(`/api/incoming/${created.id}`).json(created);
  });

  r.get('/incoming/:id', async (req, res) => {
    res.json(await documents.incoming(callerOf(req), id(req)));
  });

  r.get('/incoming/:id/checks', async (req, res) => {
    res.json(await documents.checks(callerOf(req), id(req)));
  });

  r.get('/incoming/:id/printable', async (req, res) => {
    const { pdf, name } = await documents.printableIncoming(callerOf(req), id(req));
    res.type('application/pdf').attachment(name).send(Buffer.from(pdf));
  });

  r.post('/incoming/:id/accept', clerks, owned(), async (req, res) => {
    const { note } = acceptSchema.parse(req.body ?? {});
    res.json(await incoming.accept(callerOf(req), id(req), note ?? null));
  });

  r.post('/incoming/:id/refuse', clerks, owned(), async (req, res) => {
    const { reason } = refuseSchema.parse(req.body ?? {});
    res.json(await incoming.refuse(callerOf(req), id(req), reason));
  });

  r.post('/incoming/:id/route', requireRole('clerk', 'leader'), owned(), async (req, res) => {
    const { target } = routeSchema.parse(req.body ?? {});
    res.json(await incoming.route(callerOf(req), id(req), target));
  });

  r.post('/incoming/:id/assign', leaders, owned(), async (req, res) => {
    const body = assignSchema.parse(req.body ?? {});
    res.json(await incoming.assign(callerOf(req), id(req), body));
  });

  // The main handler may be a specialist: checkMayComplete decides who may complete.
  r.post('/incoming/:id/complete', owned(checkMayComplete), async (req, res) => {
    const { result } = completeSchema.parse(req.body ?? {});
    res.json(await incoming.complete(callerOf(req), id(req), result));
  });

  r.post('/incoming/:id/extend', leaders, owned(), async (req, res) => {
    const { dueAt, reason } = extendSchema.parse(req.body ?? {});
    res.json(await incoming.extend(callerOf(req), id(req), dueAt, reason));
  });

  r.post('/incoming/:id/paper-received', clerks, owned(), async (req, res) => {
    emptySchema.parse(req.body ?? {});
    res.json(await incoming.paperReceived(callerOf(req), id(req)));
  });

  r.post('/incoming/:id/acknowledge-recall', clerks, owned(), async (req, res) => {
    const { agree, reason } = acknowledgeRecallSchema.parse(req.body ?? {});
    res.json(await incoming.acknowledgeRecall(callerOf(req), id(req), agree, reason ?? null));
  });

  return r;
}

const action = (summary: string, body: Parameters<typeof json>[0]) => ({ parameters: [...idParam, idempotencyKeyParam], post: { summary, requestBody: json(body), responses: { 200: ok('{…result, document}'), ...errors } } });

/** OpenAPI paths of this module, merged into /api/openapi.json. */
export const incomingOpenApiPaths: Record<string, unknown> = {
  '/incoming': {
    get: {
      summary:
        'Incoming documents — the incoming register (R-DOC-1) — in the caller\'s scope (R-SEC-2); default order: urgency first (R-DL-4), newest first. ' +
        '`q` is accent-insensitive on number and notation, summary, sender and signer ("so noi vu" finds "Sở Nội vụ"); digits alone also match the register number. ' +
        '`from`/`to` filter the receipt date, `documentDateFrom`/`documentDateTo` the document date. The Content-Range total is exact up to 10 000 matches; ' +
        'beyond — or for a text search the database expects to match 1 000 or more — it is the database\'s estimate and `X-Total-Estimated: true` is set.',
      parameters: listParams(incomingRegisterFilterSchema, DOCUMENT_SORTABLE),
      responses: { 200: ok('array + Content-Range (+ X-Total-Estimated when the total is an estimate)'), ...errors },
    },
    post: {
      summary: 'Enter a plain paper document (clerk; R-REC-5): multipart `metadata` + scan `files` (main scan PDF or JPEG first). Starts the receipt process.',
      requestBody: multipart(paperIncomingMetadataSchema, 'scans: the main one (PDF or JPEG) first, then attachments'),
      responses: { 201: ok('the document'), 413: errors[400], 415: errors[400], ...errors },
    },
  },
  '/incoming/{id}': {
    parameters: idParam,
    get: { summary: 'One incoming document with files[], checks, deadline of the open step, handlers and pendingChange', responses: { 200: ok('document'), ...errors } },
  },
  '/incoming/{id}/checks': {
    parameters: idParam,
    get: { summary: 'Receipt checks (R-REC-2) and the signature report (R-DOC-4)', responses: { 200: ok('{legalValidity, checks, signature}'), ...errors } },
  },
  '/incoming/{id}/printable': {
    parameters: idParam,
    get: { summary: 'The main PDF with the incoming stamp (organization, register number, time of receipt; R-CONN-3)', responses: { 200: { description: 'application/pdf' }, ...errors } },
  },
  '/incoming/{id}/accept': action('Accept and register (clerk; R-REC-3..4) → {registerNumber}', acceptSchema),
  '/incoming/{id}/refuse': action('Refuse with a reason, fed back to the sender (clerk; R-REC-3)', refuseSchema),
  '/incoming/{id}/route': action('Route to a department, leader or person when no rule did (clerk or leader; R-ROUTE-1)', routeSchema),
  '/incoming/{id}/assign': action('Assign the main handler and co-handlers with a deadline (leader; R-ROUTE-2); people must be active users of the organization (422)', assignSchema),
  '/incoming/{id}/complete': action('Complete with a result (main handler or leader)', completeSchema),
  '/incoming/{id}/extend': action('Extend the deadline with a reason (leader; R-DL-3); the new deadline must lie ahead (422)', extendSchema),
  '/incoming/{id}/paper-received': action('The accompanying paper copy was handed over (clerk; R-REC-5)', emptySchema),
  '/incoming/{id}/acknowledge-recall': action('Answer the sender\'s recall or update: agree (15) or refuse with a reason (16) (clerk; R-RCL-1..2)', acknowledgeRecallSchema),
  '/incoming/export': {
    get: {
      summary:
        `The incoming register as a file (R-DOC-1; QĐ 2588 Article 8.3.d): số đến, ngày đến, số và ký hiệu, ngày văn bản, nơi gửi, trích yếu, loại, độ khẩn, người xử lý, hạn xử lý, trạng thái — ` +
        `the list's filter and scope, in register order. CSV is UTF-8 with BOM; XLSX has a bold frozen header and dates in +07:00. More than ${MAX_EXPORT_ROWS} matching rows: 422.`,
      parameters: Object.entries((jsonSchema(exportQuerySchema(incomingRegisterFilterSchema)) as { properties: Record<string, unknown> }).properties).map(([name, schema]) => ({
        name,
        in: 'query',
        required: name === 'format',
        schema: name === 'filter' ? { type: 'string', description: `JSON: ${JSON.stringify(jsonSchema(incomingRegisterFilterSchema))}` } : schema,
      })),
      responses: {
        200: {
          description: 'the file (Content-Disposition: attachment with an ASCII filename and a UTF-8 filename*)',
          content: {
            'text/csv': { schema: { type: 'string' } },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
          },
        },
        ...errors,
      },
    },
  },
  '/incoming/bulk-accept': {
    post: {
      summary: `Accept and register several arrived documents at once (clerk; R-REC-3, R-DOC-1), at most ${MAX_BULK_ACCEPT}: each goes through the same accept as one at a time. Answers one outcome per id, in order: {id, ok: true, registerNumber} or {id, ok: false, problem}; another organization's id fails with 404 like an unknown one.`,
      requestBody: json(bulkAcceptSchema),
      responses: { 200: ok('[{id, ok, registerNumber | problem}]'), ...errors },
    },
  },
};
