/**
 * Interconnection endpoints (SPEC §8, R-EDX-1..3, R-SEC-1). `/interop/edxml` and
 * `/interop/status` take an edXML document as the body and are for registered peer systems, not
 * for users: they are mounted before the token check and authenticate the peer by its TLS client
 * certificate (on the mutual-TLS listener) and by the package's XML signature. The edXML export
 * of an issued document is a user action (token, read access to the document).
 */
import type { TLSSocket } from 'node:tls';
import express, { Router, type Request } from 'express';
import { fingerprintOfDer } from '../../activities/interop/certificates';
import { callerOf } from '../auth';
import { edxmlExportQuerySchema } from '../peers.schemas';
import { HttpProblem, problems } from '../problem';
import type { InteropCaller, InteropService } from '../services/interop.service';
import { errors, idParam, ok, problem } from './openapi-helpers';

const XML_TYPES = ['application/xml', 'text/xml', 'application/edxml+xml', 'application/octet-stream'];

/** The peer's side of the connection: its TLS client certificate, when it came over mutual TLS. */
function interopCaller(req: Request): InteropCaller {
  const socket = req.socket as Partial<TLSSocket>;
  const der = socket.encrypted && typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate()?.raw : undefined;
  if (socket.encrypted && !der) throw problems.unauthorized('Cần chứng thư TLS của hệ thống gửi (mutual TLS client certificate required)');
  return { tlsFingerprint: der ? fingerprintOfDer(der) : null, sourceAddress: req.ip ?? null };
}

export function interopRoutes(deps: { interop: InteropService; maxBytes: number }): { public: Router; private: Router } {
  const { interop } = deps;
  const pub = Router();
  const body = express.raw({ type: XML_TYPES, limit: deps.maxBytes });
  const requireXml = (req: Request) => {
    if (!req.is(XML_TYPES)) throw new HttpProblem(415, 'Kiểu nội dung không hỗ trợ (unsupported media type)', 'Nội dung phải là tài liệu edXML (Content-Type: application/xml)');
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw problems.badRequest('Thiếu gói tin edXML (empty body)', [{ path: 'body', message: 'rỗng (empty)' }]);
  };

  pub.post('/interop/edxml', body, async (req, res) => {
    requireXml(req);
    const r = await interop.receivePackage(req.body as Buffer, interopCaller(req));
    res.status(r.status).json(r.body);
  });

  pub.post('/interop/status', body, async (req, res) => {
    requireXml(req);
    const r = await interop.receiveStatus(req.body as Buffer, interopCaller(req));
    res.status(r.status).json(r.body);
  });

  const priv = Router();
  priv.get('/outgoing/:id/edxml', async (req, res) => {
    const { xml, fileName } = await interop.exportPackage(callerOf(req), String(req.params.id), () => edxmlExportQuerySchema.parse(req.query).to);
    res.type('application/xml; charset=utf-8').attachment(fileName).send(xml);
  });
  return { public: pub, private: priv };
}

const xmlBody = (description: string) => ({ required: true, description, content: { 'application/xml': { schema: { type: 'string' } } } });

export const interopOpenApiPaths: Record<string, unknown> = {
  '/interop/edxml': {
    post: {
      security: [],
      summary: 'Receive an edXML package from a registered peer system (R-EDX-1, R-EDX-3, R-SEC-1): mutual TLS and/or a valid XML signature by the peer certificate',
      requestBody: xmlBody('edXML package (QCVN 102:2016), signed'),
      responses: { 201: ok('imported: one incoming document per receiver of this system'), 200: ok('already received (duplicate DocumentId)'), 413: problem, ...errors },
    },
  },
  '/interop/status': {
    post: {
      security: [],
      summary: 'Receive an edXML status message about a document we sent (R-EDX-2)',
      requestBody: xmlBody('edXML Status message, signed'),
      responses: { 201: ok('applied to the delivery tracking'), 200: ok('already received'), ...errors },
    },
  },
  '/outgoing/{id}/edxml': {
    parameters: [...idParam, { name: 'to', in: 'query', required: true, schema: { type: 'string' }, description: 'receiver organization code' }],
    get: { summary: 'The signed edXML package of an issued document for one receiver (R-EDX-1)', responses: { 200: { description: 'application/xml' }, ...errors } },
  },
};
