/**
 * `incoming` resource (R-REC-1..5, R-ROUTE-1..2, R-DL-1..3, R-RCL-1..2): list and detail for
 * everyone of the organization (supervisors their subtree, admins all); paper intake and the
 * decisions of the clerk (accept, refuse, paper received, answer a recall), the leader (assign,
 * extend), both (route) and the handler (complete).
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
  incomingFilterSchema,
  paperIncomingMetadataSchema,
  refuseSchema,
  routeSchema,
} from '../documents.schemas';
import { documentUpload, uploadedParts, type UploadLimits } from '../middleware/uploads';
import { parseListParams, sendList } from '../simple-rest';
import type { DocumentsService } from '../services/documents.service';
import { checkMayComplete, type IncomingService } from '../services/incoming.service';
import { errors, idParam, json, listParams, multipart, ok } from './openapi-helpers';

export function incomingRoutes(deps: { documents: DocumentsService; incoming: IncomingService; upload: UploadLimits }): Router {
  const { documents, incoming } = deps;
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
    const p = parseListParams(req, incomingFilterSchema, DOCUMENT_SORTABLE, ['urgency', 'DESC']);
    const { id: ids, ...filter } = p.filter;
    const { rows, total } = await documents.list(callerOf(req), 'incoming', { ...filter, ids: ids === undefined ? undefined : [ids].flat() }, p);
    sendList(res, 'incoming', rows, p.offset, total);
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

const action = (summary: string, body: Parameters<typeof json>[0]) => ({ parameters: idParam, post: { summary, requestBody: json(body), responses: { 200: ok('{…result, document}'), ...errors } } });

/** OpenAPI paths of this module, merged into /api/openapi.json. */
export const incomingOpenApiPaths: Record<string, unknown> = {
  '/incoming': {
    get: {
      summary: 'Incoming documents in the caller\'s scope (R-SEC-2); default order: urgency first (R-DL-4), newest first; `q` is accent-insensitive',
      parameters: listParams(incomingFilterSchema, DOCUMENT_SORTABLE),
      responses: { 200: ok('array + Content-Range'), ...errors },
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
};
