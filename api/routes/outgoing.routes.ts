/**
 * `outgoing` resource (R-OUT-1..5, R-RCL-1..3): list and detail for everyone of the organization
 * (supervisors their subtree, admins all); drafts, issuing, recall, update and paper dispatch
 * for its clerks and leaders. The list is the outgoing register (R-DOC-2): searched
 * accent-insensitively (receivers' names too) and exported as CSV / XLSX. Thin: parse,
 * authorize by role, call the service.
 */
import { Router, type RequestHandler } from 'express';
import { DOCUMENT_SORTABLE } from '../../db/repositories/documents.repository';
import { callerOf, requireRole } from '../auth';
import { issueSchema, outgoingMetadataSchema, paperDispatchSchema, paperRecallSchema, printableQuerySchema, recallSchema, updateSchema } from '../documents.schemas';
import { documentUpload, uploadedParts, type UploadLimits } from '../middleware/uploads';
import { exportQuerySchema, outgoingRegisterFilterSchema } from '../register-search.schemas';
import { parseListParams, sendList } from '../simple-rest';
import type { DocumentsService } from '../services/documents.service';
import type { OutgoingService } from '../services/outgoing.service';
import { MAX_EXPORT_ROWS, type RegisterExportService } from '../services/register-export.service';
import { errors, idempotencyKeyParam, idParam, json, jsonSchema, listParams, multipart, ok } from './openapi-helpers';
import { registerExportHandler } from './register-export.handler';

export function outgoingRoutes(deps: { documents: DocumentsService; outgoing: OutgoingService; upload: UploadLimits; exports: RegisterExportService }): Router {
  const { documents, outgoing } = deps;
  const r = Router();
  const senders = requireRole('clerk', 'leader');
  // R-SEC-2: whether the caller may act on this document (404 outside what they may read, 403
  // for another organization's) is decided before the body is read, so no answer depends on it.
  const owned: RequestHandler = async (req, _res, next) => {
    await documents.actable(callerOf(req), String(req.params.id), 'outgoing');
    next();
  };

  r.get('/outgoing', async (req, res) => {
    const p = parseListParams(req, outgoingRegisterFilterSchema, DOCUMENT_SORTABLE, ['urgency', 'DESC']);
    const { id, ...filter } = p.filter;
    const { rows, total, estimated } = await documents.list(callerOf(req), 'outgoing', { ...filter, ids: id === undefined ? undefined : [id].flat() }, p);
    sendList(res, 'outgoing', rows, p.offset, total, estimated);
  });

  // Before /outgoing/:id, which would take "export" for an id.
  r.get('/outgoing/export', registerExportHandler('outgoing', outgoingRegisterFilterSchema, deps.exports));

  r.post('/outgoing', senders, documentUpload(deps.upload), async (req, res) => {
    const { metadata, files } = uploadedParts(req);
    const created = await outgoing.createDraft(callerOf(req), metadata, files);
    res.status(201).location(`/api/outgoing/${created.id}`).json(created);
  });

  r.get('/outgoing/:id', async (req, res) => {
    res.json(await documents.outgoing(callerOf(req), String(req.params.id)));
  });

  r.get('/outgoing/:id/deliveries', async (req, res) => {
    res.json(await documents.deliveries(callerOf(req), String(req.params.id)));
  });

  r.get('/outgoing/:id/printable', async (req, res) => {
    await documents.visible(callerOf(req), String(req.params.id), 'outgoing');
    const { to } = printableQuerySchema.parse(req.query);
    const { pdf, name } = await documents.printableOutgoing(callerOf(req), String(req.params.id), to);
    res.type('application/pdf').attachment(name).send(Buffer.from(pdf));
  });

  r.post('/outgoing/:id/issue', senders, owned, async (req, res) => {
    const { signOnServer } = issueSchema.parse(req.body ?? {});
    res.json(await outgoing.issue(callerOf(req), String(req.params.id), signOnServer ?? false));
  });

  r.post('/outgoing/:id/recall', senders, owned, async (req, res) => {
    const { reason } = recallSchema.parse(req.body ?? {});
    res.status(202).json(await outgoing.recall(callerOf(req), String(req.params.id), reason));
  });

  r.post('/outgoing/:id/update', senders, owned, async (req, res) => {
    const body = updateSchema.parse(req.body ?? {});
    res.status(202).json(await outgoing.update(callerOf(req), String(req.params.id), body));
  });

  r.post('/outgoing/:id/paper-dispatched', senders, owned, async (req, res) => {
    const body = paperDispatchSchema.parse(req.body ?? {});
    res.json(await outgoing.paperDispatched(callerOf(req), String(req.params.id), body));
  });

  r.post('/outgoing/:id/paper-recalled', senders, owned, async (req, res) => {
    const body = paperRecallSchema.parse(req.body ?? {});
    res.json(await outgoing.paperRecalled(callerOf(req), String(req.params.id), body));
  });

  return r;
}

/** OpenAPI paths of this module, merged into /api/openapi.json. */
export const outgoingOpenApiPaths: Record<string, unknown> = {
  '/outgoing': {
    get: {
      summary:
        'Outgoing documents — the outgoing register (R-DOC-2) — in the caller\'s scope (R-SEC-2); default order: urgency first (R-DL-4), newest first. ' +
        '`q` is accent-insensitive on number and notation, summary, signer and receivers\' names; digits alone also match the register number. ' +
        '`from`/`to` filter the issue date, `documentDateFrom`/`documentDateTo` the document date. The Content-Range total is exact up to 10 000 matches; ' +
        'beyond — or for a text search the database expects to match 1 000 or more — it is the database\'s estimate and `X-Total-Estimated: true` is set.',
      parameters: listParams(outgoingRegisterFilterSchema, DOCUMENT_SORTABLE),
      responses: { 200: ok('array + Content-Range (+ X-Total-Estimated when the total is an estimate)'), ...errors },
    },
    post: {
      summary:
        'Create a draft (clerk or leader; R-OUT-1): multipart `metadata` + `files`, the main PDF first. Files are checked by content (422 lists every problem); the main PDF\'s signature is verified (an unsigned draft can only be issued with signOnServer). Starts the outgoing process.',
      requestBody: multipart(outgoingMetadataSchema, 'main PDF first, then attachments (R-FMT-1)'),
      responses: { 201: ok('the draft with receivers[] and files[]'), 413: errors[400], 415: errors[400], ...errors },
    },
  },
  '/outgoing/{id}': {
    parameters: idParam,
    get: { summary: 'One outgoing document with receivers[], files[] and the open step\'s deadline', responses: { 200: ok('document'), ...errors } },
  },
  '/outgoing/{id}/deliveries': {
    parameters: idParam,
    get: { summary: 'Delivery tracking per receiver (R-OUT-5): channel, status and edXML code, times, reason, paper status, answer to a change', responses: { 200: ok('array'), ...errors } },
  },
  '/outgoing/{id}/printable': {
    parameters: [...idParam, { name: 'to', in: 'query', required: true, schema: { type: 'string', example: '000.00.41.H52' } }],
    get: { summary: 'Printable PDF of the issued document for a paper receiver (R-OUT-4), with the incoming stamp left for the receiver to number', responses: { 200: { description: 'application/pdf' }, ...errors } },
  },
  '/outgoing/{id}/issue': {
    parameters: [...idParam, idempotencyKeyParam],
    post: {
      summary: 'Issue (clerk or leader; R-OUT-1..2): number, identifier, register, send. 422 when the main PDF is not validly signed and signOnServer is not set or not configured; 409 when not a draft',
      requestBody: json(issueSchema),
      responses: { 200: ok('{identifier, numberAndNotation, issuedAt, document}'), ...errors },
    },
  },
  '/outgoing/{id}/recall': {
    parameters: idParam,
    post: { summary: 'Recall an issued document (clerk or leader; R-RCL-1..2): starts the change process', requestBody: json(recallSchema), responses: { 202: ok('{workflowId}'), ...errors } },
  },
  '/outgoing/{id}/update': {
    parameters: idParam,
    post: { summary: 'Correct metadata and/or receivers of an issued document (clerk or leader; R-RCL-3)', requestBody: json(updateSchema), responses: { 202: ok('{workflowId}'), ...errors } },
  },
  '/outgoing/{id}/paper-dispatched': {
    parameters: [...idParam, idempotencyKeyParam],
    post: { summary: 'Confirm the paper copy left for a receiver (clerk or leader; R-OUT-4)', requestBody: json(paperDispatchSchema), responses: { 200: ok('{document}'), ...errors } },
  },
  '/outgoing/{id}/paper-recalled': {
    parameters: [...idParam, idempotencyKeyParam],
    post: { summary: 'Confirm the paper copy was taken back from a receiver during a recall (clerk or leader; R-RCL-1)', requestBody: json(paperRecallSchema), responses: { 200: ok('{document}'), ...errors } },
  },
  '/outgoing/export': {
    get: {
      summary:
        `The outgoing register as a file (R-DOC-2; QĐ 2588 Article 10.1.c): số đi, ngày gửi, số và ký hiệu, ngày văn bản, nơi nhận, trích yếu, loại, độ khẩn, người ký, hạn xử lý, trạng thái — ` +
        `the list's filter and scope, in register order. CSV is UTF-8 with BOM; XLSX has a bold frozen header and dates in +07:00. More than ${MAX_EXPORT_ROWS} matching rows: 422.`,
      parameters: Object.entries((jsonSchema(exportQuerySchema(outgoingRegisterFilterSchema)) as { properties: Record<string, unknown> }).properties).map(([name, schema]) => ({
        name,
        in: 'query',
        required: name === 'format',
        schema: name === 'filter' ? { type: 'string', description: `JSON: ${JSON.stringify(jsonSchema(outgoingRegisterFilterSchema))}` } : schema,
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
};
