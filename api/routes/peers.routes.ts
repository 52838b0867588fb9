/**
 * `peers` resource (R-SEC-1, SPEC §8): the systems outside this installation we exchange edXML
 * with — the organization codes each serves, its endpoint and its certificate. Admin only. A
 * code belongs to one active peer and never to an organization of this installation; creating
 * or re-activating a peer starts its outbox process; deleting deactivates (documents refer to it).
 */
import { Router } from 'express';
import { parsePeerCertificate } from '../../activities/interop/certificates';
import { PEER_SORTABLE, type PeerInput, type PeerRecord, type PeersRepository } from '../../db/repositories/peers.repository';
import type { DocumentsRepository } from '../../db/repositories/documents.repository';
import { requireRole } from '../auth';
import { peerCreateSchema, peerFilterSchema, peerUpdateSchema } from '../peers.schemas';
import { problems } from '../problem';
import { parseListParams, sendList } from '../simple-rest';
import type { InteropService } from '../services/interop.service';
import { errors, idParam, json, listParams, ok } from './openapi-helpers';

/** What the back office shows of a peer: its certificate summarized, not only the PEM. */
function view(p: PeerRecord) {
  const cert = parsePeerCertificate(p.certificatePem);
  return { ...p, certificate: { subject: cert.subject, issuer: cert.issuer, validFrom: cert.validFrom, validTo: cert.validTo } };
}

export function peersRoutes(deps: { repo: PeersRepository; documents: DocumentsRepository; interop: InteropService }): Router {
  const { repo, documents, interop } = deps;
  const r = Router();
  r.use('/peers', requireRole('admin'));

  async function checked(body: { name: string; endpointUrl: string; organizationCodes: string[]; certificatePem: string; active: boolean }, exceptId: string | null): Promise<PeerInput> {
    let fingerprint: string;
    try {
      fingerprint = parsePeerCertificate(body.certificatePem).fingerprint;
    } catch (err) {
      throw problems.unprocessable((err as Error).message, [{ path: 'certificatePem', message: (err as Error).message }]);
    }
    const codes = [...new Set(body.organizationCodes)];
    const local = await documents.organizationNames(codes);
    if (local.size) {
      const own = [...local.keys()];
      throw problems.unprocessable(`Mã ${own.join(', ')} là cơ quan của hệ thống này, không thuộc hệ thống liên thông (own organizations)`, own.map((c) => ({ path: `organizationCodes.${codes.indexOf(c)}`, message: 'cơ quan của hệ thống này (own organization)' })));
    }
    if (body.active) {
      const taken = await repo.codesTaken(codes, exceptId);
      if (taken.length) {
        throw problems.conflict(`Mã ${taken.join(', ')} đã thuộc hệ thống liên thông khác (served by another peer)`, taken.map((c) => ({ path: `organizationCodes.${codes.indexOf(c)}`, message: 'đã thuộc hệ thống khác (taken)' })));
      }
    }
    return { name: body.name, endpointUrl: body.endpointUrl, organizationCodes: codes, certificatePem: body.certificatePem, fingerprint, active: body.active };
  }

  r.get('/peers', async (req, res) => {
    const p = parseListParams(req, peerFilterSchema, PEER_SORTABLE, ['name', 'ASC']);
    const { id, ...filter } = p.filter;
    const { rows, total } = await repo.list({ ...filter, ids: id === undefined ? undefined : [id].flat() }, p);
    sendList(res, 'peers', rows.map(view), p.offset, total);
  });

  r.get('/peers/:id', async (req, res) => {
    const peer = await repo.get(String(req.params.id));
    if (!peer) throw problems.notFound('Hệ thống liên thông');
    res.json(view(peer));
  });

  r.post('/peers', async (req, res) => {
    const input = await checked(peerCreateSchema.parse(req.body), null);
    const created = await repo.create(input).catch((err: { name?: string }) => {
      if (err?.name === 'SequelizeUniqueConstraintError') throw problems.conflict('Chứng thư này đã được đăng ký cho hệ thống khác (certificate already registered)', [{ path: 'certificatePem', message: 'đã đăng ký (taken)' }]);
      throw err;
    });
    if (created.active) await interop.ensureOutbox(created.id);
    res.status(201).location(`/api/peers/${created.id}`).json(view(created));
  });

  r.put('/peers/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!(await repo.get(id))) throw problems.notFound('Hệ thống liên thông');
    const input = await checked(peerUpdateSchema.parse(req.body), id);
    const updated = await repo.update(id, input).catch((err: { name?: string }) => {
      if (err?.name === 'SequelizeUniqueConstraintError') throw problems.conflict('Chứng thư này đã được đăng ký cho hệ thống khác (certificate already registered)', [{ path: 'certificatePem', message: 'đã đăng ký (taken)' }]);
      throw err;
    });
    if (!updated) throw problems.notFound('Hệ thống liên thông');
    if (updated.active) await interop.ensureOutbox(updated.id);
    res.json(view(updated));
  });

  r.delete('/peers/:id', async (req, res) => {
    const removed = await repo.deactivate(String(req.params.id));
    if (!removed) throw problems.notFound('Hệ thống liên thông');
    res.json(view(removed));
  });

  return r;
}

export const peersOpenApiPaths: Record<string, unknown> = {
  '/peers': {
    get: { summary: 'Registered peer systems (admin; R-SEC-1)', parameters: listParams(peerFilterSchema, PEER_SORTABLE), responses: { 200: ok('array + Content-Range'), ...errors } },
    post: {
      summary: 'Register a peer system: organization codes it serves, endpoint, certificate (PEM; its SHA-256 fingerprint identifies the peer)',
      requestBody: json(peerCreateSchema),
      responses: { 201: ok('created; its outbox process starts'), ...errors },
    },
  },
  '/peers/{id}': {
    parameters: idParam,
    get: { summary: 'One peer system', responses: { 200: ok('peer'), ...errors } },
    put: { summary: 'Change a peer system', requestBody: json(peerUpdateSchema), responses: { 200: ok('updated'), ...errors } },
    delete: { summary: 'Deactivate a peer system (it stays referenced by documents)', responses: { 200: ok('deactivated'), ...errors } },
  },
};
