/**
 * `routing-rules` resource (R-ROUTE-1): admins manage the rules of every organization, leaders
 * read their own organization's. Versioned: PUT writes a new version, DELETE writes an inactive
 * one, `/versions` lists them all; `POST /routing-rules/test` says which rule would fire for a
 * document and why.
 */
import { Router } from 'express';
import { ROUTING_RULE_SORTABLE } from '../../db/repositories/routing-rules.repository';
import { callerOf, requireRole } from '../auth';
import { routingRuleCreateSchema, routingRuleFilterSchema, routingRuleUpdateSchema, routingTestSchema } from '../documents.schemas';
import { parseListParams, sendList } from '../simple-rest';
import type { RoutingRulesService } from '../services/routing-rules.service';
import { errors, idParam, json, listParams, ok } from './openapi-helpers';

export function routingRulesRoutes(deps: { rules: RoutingRulesService }): Router {
  const { rules } = deps;
  const r = Router();
  const readers = requireRole('admin', 'leader');
  const admins = requireRole('admin');

  r.get('/routing-rules', readers, async (req, res) => {
    const p = parseListParams(req, routingRuleFilterSchema, ROUTING_RULE_SORTABLE, ['priority', 'ASC']);
    const { id, ...filter } = p.filter;
    const { rows, total } = await rules.list(callerOf(req), { ...filter, ids: id === undefined ? undefined : [id].flat() }, p);
    sendList(res, 'routing-rules', rows, p.offset, total);
  });

  r.post('/routing-rules/test', readers, async (req, res) => {
    res.json(await rules.test(callerOf(req), routingTestSchema.parse(req.body)));
  });

  r.post('/routing-rules', admins, async (req, res) => {
    const created = await rules.create(callerOf(req), routingRuleCreateSchema.parse(req.body));
    res.status(201).location(`/api/routing-rules/${created.id}`).json(created);
  });

  r.get('/routing-rules/:id', readers, async (req, res) => {
    res.json(await rules.get(callerOf(req), String(req.params.id)));
  });

  r.get('/routing-rules/:id/versions', readers, async (req, res) => {
    const versions = await rules.versions(callerOf(req), String(req.params.id));
    sendList(res, 'routing-rule-versions', versions, 0, versions.length);
  });

  r.put('/routing-rules/:id', admins, async (req, res) => {
    const patch = routingRuleUpdateSchema.parse(req.body);
    res.json(await rules.revise(callerOf(req), String(req.params.id), patch));
  });

  r.delete('/routing-rules/:id', admins, async (req, res) => {
    res.json(await rules.deactivate(callerOf(req), String(req.params.id)));
  });

  return r;
}

/** OpenAPI paths of this module, merged into /api/openapi.json. */
export const routingRulesOpenApiPaths: Record<string, unknown> = {
  '/routing-rules': {
    get: {
      summary: 'Routing rules, latest version of each (admin: all; leader: own organization; R-ROUTE-1)',
      parameters: listParams(routingRuleFilterSchema, ROUTING_RULE_SORTABLE),
      responses: { 200: ok('array + Content-Range'), ...errors },
    },
    post: {
      summary: 'Create a rule, version 1 (admin). The target must belong to the organization; one active default rule per organization (409)',
      requestBody: json(routingRuleCreateSchema),
      responses: { 201: ok('rule'), ...errors },
    },
  },
  '/routing-rules/{id}': {
    parameters: idParam,
    get: { summary: 'The latest version of a rule', responses: { 200: ok('rule'), ...errors } },
    put: { summary: 'Write a new version with the changes (admin); earlier versions stay', requestBody: json(routingRuleUpdateSchema), responses: { 200: ok('the new version'), ...errors } },
    delete: { summary: 'Deactivate (admin): a new version with active = false', responses: { 200: ok('the new, inactive version'), ...errors } },
  },
  '/routing-rules/{id}/versions': {
    parameters: idParam,
    get: { summary: 'Every version of a rule, oldest first', responses: { 200: ok('array + Content-Range'), ...errors } },
  },
  '/routing-rules/test': {
    post: {
      summary: "Which rule would route a document of the organization (an existing one by documentId, or metadata), with the reasons, and how every rule judged it (admin; leader for their organization)",
      requestBody: json(routingTestSchema),
      responses: { 200: ok('{decision, rules[]}'), ...errors },
    },
  },
};
