/**
 * Routing rules (R-ROUTE-1): versioned admin data, read by admins (all) and by the leaders of
 * the organization the rules route for. Every write is checked against the organization: a
 * target must be one of its departments, leaders or active users; its document types must
 * exist; it has at most one active default rule. The tester answers which rule would fire for
 * a document and why, with the same function the routing activity uses (domain/routing.ts).
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { DocumentsRepository } from '../../db/repositories/documents.repository';
import { toRoutingRule, type Page, type RoutingRuleFilter, type RoutingRuleInput, type RoutingRuleRecord, type RoutingRulesRepository, type RuleScope } from '../../db/repositories/routing-rules.repository';
import { matchRule, selectRoute, type RoutableDocument, type RoutingMatch, type RoutingTarget } from '../../domain/routing';
import type { Caller } from '../auth';
import type { routingRuleCreateSchema, routingRuleUpdateSchema, routingTestSchema } from '../documents.schemas';
import { problems } from '../problem';
import { documentScope } from './documents.service';

export function ruleScope(caller: Caller): RuleScope {
  if (caller.roles.includes('admin')) return { kind: 'all' };
  if (caller.roles.includes('leader')) return { kind: 'organization', code: caller.organizationCode };
  throw problems.forbidden('Cần vai trò quản trị hoặc lãnh đạo (requires role admin or leader)');
}

export function createRoutingRulesService(deps: { rules: RoutingRulesRepository; documents: DocumentsRepository }) {
  const { rules, documents } = deps;

  async function checkRule(input: RoutingRuleInput): Promise<void> {
    if (!(await documents.organizationNames([input.organizationCode])).size) {
      throw problems.unprocessable(`Tổ chức ${input.organizationCode} chưa được đăng ký (organization not registered)`, [{ path: 'organizationCode', message: 'không tồn tại (not found)' }]);
    }
    await checkTarget(input.organizationCode, input.target);
    await checkMatch(input.match);
  }

  async function checkTarget(organizationCode: string, target: RoutingTarget): Promise<void> {
    if (target.kind === 'department') {
      if (!(await documents.departmentOf(organizationCode, target.departmentId))) {
        throw problems.unprocessable('Phòng ban đích không thuộc cơ quan của quy tắc (target department not in the organization)', [{ path: 'target.departmentId', message: 'không thuộc cơ quan (not in this organization)' }]);
      }
      return;
    }
    const member = (await documents.activeMembers(organizationCode, [target.userId])).get(target.userId);
    if (!member) {
      throw problems.unprocessable('Người nhận của quy tắc phải là cán bộ đang làm việc của cơ quan (target must be an active user of the organization)', [{ path: 'target.userId', message: 'không thuộc cơ quan (not in this organization)' }]);
    }
    if (target.kind === 'leader' && !member.roles.includes('leader')) {
      throw problems.unprocessable(`${member.fullName} không có vai trò lãnh đạo (target is not a leader)`, [{ path: 'target.userId', message: 'không phải lãnh đạo (not a leader)' }]);
    }
  }

  async function checkMatch(match: RoutingMatch): Promise<void> {
    const codes = match.typeCodes ?? [];
    if (!codes.length) return;
    const known = await documents.knownTypeCodes(codes);
    const unknown = codes.map((c, i) => ({ c, i })).filter(({ c }) => !known.has(c));
    if (unknown.length) {
      throw problems.unprocessable(
        `Loại văn bản không có: ${unknown.map((u) => u.c).join(', ')} (unknown document types)`,
        unknown.map((u) => ({ path: `match.typeCodes.${u.i}`, message: 'không có (unknown)' })),
      );
    }
  }

  function conflictWith(other: RoutingRuleRecord) {
    return problems.conflict(`Cơ quan đã có quy tắc mặc định đang dùng: "${other.name}"; hãy tắt nó trước (the organization already has an active default rule)`, [
      { path: 'isDefault', message: 'đã có quy tắc mặc định (a default rule exists)' },
    ]);
  }

  return {
    list(caller: Caller, filter: RoutingRuleFilter, page: Page) {
      return rules.list(filter, page, ruleScope(caller));
    },

    async get(caller: Caller, id: string) {
      const rule = await rules.get(id, ruleScope(caller));
      if (!rule) throw problems.notFound('Quy tắc chuyển xử lý');
      return rule;
    },

    async versions(caller: Caller, id: string) {
      await this.get(caller, id);
      return rules.versions(id);
    },

    async create(caller: Caller, body: z.infer<typeof routingRuleCreateSchema>) {
      const input: RoutingRuleInput = { ...body, match: body.match as RoutingMatch };
      await checkRule(input);
      const result = await rules.create(crypto.randomUUID(), input, caller.id);
      if ('conflict' in result) throw conflictWith(result.conflict);
      return result.rule;
    },

    /** PUT: a new version with the changes; the organization never changes. */
    async revise(caller: Caller, id: string, patch: z.infer<typeof routingRuleUpdateSchema>) {
      const current = await rules.get(id);
      if (!current) throw problems.notFound('Quy tắc chuyển xử lý');
      if (patch.organizationCode !== undefined && patch.organizationCode !== current.organizationCode) {
        throw problems.unprocessable('Không đổi được cơ quan của quy tắc; hãy tạo quy tắc mới (the organization of a rule cannot change)', [{ path: 'organizationCode', message: 'không đổi được (read-only)' }]);
      }
      const next = (c: RoutingRuleRecord): RoutingRuleInput => ({
        organizationCode: c.organizationCode,
        name: patch.name ?? c.name,
        priority: patch.priority ?? c.priority,
        isDefault: patch.isDefault ?? c.isDefault,
        active: patch.active ?? c.active,
        match: (patch.match as RoutingMatch | undefined) ?? c.match,
        target: patch.target ?? c.target,
      });
      await checkRule(next(current));
      const result = await rules.revise(id, next, caller.id);
      if (!result) throw problems.notFound('Quy tắc chuyển xử lý');
      if ('conflict' in result) throw conflictWith(result.conflict);
      return result.rule;
    },

    /** DELETE: a new version that is inactive; earlier versions stay for the history. */
    async deactivate(caller: Caller, id: string) {
      const result = await rules.revise(id, (c) => ({ ...c, active: false }), caller.id);
      if (!result) throw problems.notFound('Quy tắc chuyển xử lý');
      if ('conflict' in result) throw conflictWith(result.conflict);
      return result.rule;
    },

    /** Which rule fires for a document (or metadata) of the organization, and why. */
    async test(caller: Caller, body: z.infer<typeof routingTestSchema>) {
      const scope = ruleScope(caller);
      if (scope.kind === 'organization' && scope.code !== body.organizationCode) throw problems.notFound('Tổ chức');
      let doc: RoutableDocument;
      if (body.documentId) {
        const found = await documents.getDocument(body.documentId, null, documentScope(caller));
        if (!found || found.organizationCode !== body.organizationCode) throw problems.notFound('Văn bản');
        doc = { senderCode: found.senderCode, typeCode: found.typeCode, field: found.field, urgency: found.urgency, summary: found.summary };
      } else {
        doc = { senderCode: body.senderCode ?? null, typeCode: body.typeCode ?? null, field: body.field ?? null, urgency: body.urgency, summary: body.summary! };
      }
      const current = await rules.currentRules(body.organizationCode);
      const domainRules = current.map(toRoutingRule);
      const decision = selectRoute(domainRules, doc);
      return {
        organizationCode: body.organizationCode,
        document: doc,
        decision: decision ? { ...decision, targetName: current.find((r) => r.id === decision.rule.id)?.targetName ?? null } : null,
        rules: domainRules.map((r) => {
          const reasons = r.active ? matchRule(r, doc) : null;
          return { id: r.id, version: r.version, name: r.name, priority: r.priority, isDefault: r.isDefault, active: r.active, matched: reasons !== null, reasons: reasons ?? [] };
        }),
      };
    },
  };
}

export type RoutingRulesService = ReturnType<typeof createRoutingRulesService>;
