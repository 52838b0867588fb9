/**
 * What every document shares (R-DOC-3, R-FMT-3, R-SEC-2): its append-only history and the
 * download of its files, for anyone who may read a document referring to the file.
 */
import { Router } from 'express';
import { callerOf } from '../auth';
import type { DocumentsService } from '../services/documents.service';
import { errors, idParam, ok } from './openapi-helpers';

export function documentsRoutes(deps: { documents: DocumentsService }): Router {
  const { documents } = deps;
  const r = Router();

  r.get('/documents/:id/history', async (req, res) => {
    res.json(await documents.history(callerOf(req), String(req.params.id)));
  });

  r.get('/files/:id', async (req, res) => {
    const file = await documents.file(callerOf(req), String(req.params.id));
    res
      .type(file.mediaType)
      .attachment(file.originalName)
      .set('ETag', `"${file.sha256}"`)
      .set('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`)
      .set('Cache-Control', 'private, max-age=3600, immutable')
      .send(file.bytes);
  });

  return r;
}

/** OpenAPI paths of this module, merged into /api/openapi.json. */
export const documentsOpenApiPaths: Record<string, unknown> = {
  '/documents/{id}/history': {
    parameters: idParam,
    get: { summary: 'History of an incoming or outgoing document, oldest first: actor, time, action, status and edXML code, reason (R-DOC-3; append-only)', responses: { 200: ok('array'), ...errors } },
  },
  '/files/{id}': {
    parameters: idParam,
    get: {
      summary: 'Download a file (R-FMT-3): only when a document the caller may read refers to it; the SHA-256 recorded at intake is re-verified and sent as ETag and Repr-Digest',
      responses: { 200: { description: 'the bytes, with the media type recognized at intake' }, ...errors },
    },
  },
};
