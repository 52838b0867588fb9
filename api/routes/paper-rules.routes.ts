/**
 * `paper-rules` resource (QĐ 2588 Article 5.3, 7.2; R-OUT-4): when a paper copy accompanies an
 * electronic document. Admin data, admin CRUD; the outgoing process reads them when it plans
 * the receivers of an issued document.
 */
import { Router } from 'express';
import type { DocumentsRepository } from '../../db/repositories/documents.repository';
import { PAPER_RULE_SORTABLE, type PaperRuleInput, type PaperRulesRepository } from '../../db/repositories/paper-rules.repository';
import { requireRole } from '../auth';
import { paperRuleCreateSchema, paperRuleFilterSchema, paperRuleUpdateSchema } from '../documents.schemas';
import { problems } from '../problem';
import { parseListParams, sendList } from '../simple-rest';
import { errors, idParam, json, listParams, ok } from './openapi-helpers';

export function paperRulesRoutes(deps: { repo: PaperRulesRepository; documents: DocumentsRepository }): Router {
  const { repo, documents } = deps;
  const r = Router();
  r.use('/paper-rules', requireRole('admin'));

  async function checked(input: PaperRuleInput): Promise<PaperRuleInput> {
    if (input.senderCode && !(await documents.organizationNames([input.senderCode])).size) {
      throw problems.unprocessable(`Tổ chức gửi ${input.senderCode} chưa được đăng ký (organization not registered)`, [{ path: 'senderCode', message: 'không tồn tại (not found)' }]);
    }
    const known = await documents.knownTypeCodes(input.typeCodes);
    const unknown = input.typeCodes.map((c, i) => ({ c, i })).filter(({ c }) => !known.has(c));
    if (unknown.length) {
      throw problems.unprocessable(
        `Loại văn bản không có: ${unknown.map((u) => u.c).join(', ')} (unknown document types)`,
        unknown.map((u) => ({ path: `typeCodes.${u.i}`, message: 'không có (unknown)' })),
      );
    }
    return { ...input, typeCodes: [...new Set(input.typeCodes)] };
  }

  const pick = (b: PaperRuleInput): PaperRuleInput => ({
    name: b.name,
    senderCode: b.senderCode,
    receiverCode: b.receiverCode,
    receiverSubtree: b.receiverSubtree,
    typeCodes: b.typeCodes,
    active: b.active,
  });

  r.get('/paper-rules', async (req, res) => {
    const p = parseListParams(req, paperRuleFilterSchema, PAPER_RULE_SORTABLE, ['name', 'ASC']);
    const { id, ...filter } = p.filter;
    const { rows, total } = await repo.list({ ...filter, ids: id === undefined ? undefined : [id].flat() }, p);
    sendList(res, 'paper-rules', rows, p.offset, total);
  });

  r.get('/paper-rules/:id', async (req, res) => {
    const rule = await repo.get(String(req.params.id));
    if (!rule) throw problems.notFound('Quy tắc gửi kèm bản giấy');
    res.json(rule);
  });

  r.post('/paper-rules', async (req, res) => {
    const created = await repo.create(await checked(pick(paperRuleCreateSchema.parse(req.body))));
    res.status(201).location(`/api/paper-rules/${created.id}`).json(created);
  });

  r.put('/paper-rules/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!(await repo.get(id))) throw problems.notFound('Quy tắc gửi kèm bản giấy');
    const updated = await repo.update(id, await checked(pick(paperRuleUpdateSchema.parse(req.body))));
    if (!updated) throw problems.notFound('Quy tắc gửi kèm bản giấy');
    res.json(updated);
  });

  r.delete('/paper-rules/:id', async (req, res) => {
    const removed = await repo.remove(String(req.params.id));
    if (!removed) throw problems.notFound('Quy tắc gửi kèm bản giấy');
    res.json(removed);
  });

  return r;
}

/** OpenAPI paths of this module, merged into /api/openapi.json. */
export const paperRulesOpenApiPaths: Record<string, unknown> = {
  '/paper-rules': {
    get: { summary: '"Paper accompanies" rules (admin; R-OUT-4)', parameters: listParams(paperRuleFilterSchema, PAPER_RULE_SORTABLE), responses: { 200: ok('array + Content-Range'), ...errors } },
    post: { summary: 'Create a rule (admin): a receiver (optionally its subtree) and/or document types, optionally one sender', requestBody: json(paperRuleCreateSchema), responses: { 201: ok('rule'), ...errors } },
  },
  '/paper-rules/{id}': {
    parameters: idParam,
    get: { summary: 'One rule', responses: { 200: ok('rule'), ...errors } },
    put: { summary: 'Replace a rule (admin)', requestBody: json(paperRuleUpdateSchema), responses: { 200: ok('rule'), ...errors } },
    delete: { summary: 'Delete a rule (admin); documents already issued keep their planned channels', responses: { 200: ok('the deleted rule'), ...errors } },
  },
};
