/**
 * Routing rules (R-ROUTE-1) as versioned admin data: a rule is its id; every change writes a new
 * version (id, version+1) and nothing is overwritten, so the history can name the exact rule
 * (id + version) that routed a document. Deleting writes a new version with active = false.
 * Reads give the latest version of each rule; `versions` gives them all.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { RoutingMatch, RoutingRule, RoutingTarget } from '../../domain/routing';
import type { Database } from '../database';
import { Conditions, isUuid, likePattern, orderBy, type OrgScope, type Page } from './paging';

export type { Page } from './paging';

export type RuleScope = OrgScope;

export interface RoutingRuleRecord {
  id: string;
  version: number;
  organizationCode: string;
  organizationName: string | null;
  name: string;
  priority: number;
  isDefault: boolean;
  active: boolean;
  match: RoutingMatch;
  target: RoutingTarget;
  /** Who the target is, for people reading the rule list. */
  targetName: string | null;
  createdBy: string | null;
  createdByName: string | null;
  /** When this version was written. */
  updatedAt: Date;
  /** When the rule's first version was written: the stable tie-break of equal priorities. */
  createdAt: Date;
}

export interface RoutingRuleInput {
  organizationCode: string;
  name: string;
  priority: number;
  isDefault: boolean;
  active: boolean;
  match: RoutingMatch;
  target: RoutingTarget;
}

export interface RoutingRuleFilter {
  q?: string;
  organizationCode?: string;
  active?: boolean;
  isDefault?: boolean;
  ids?: string[];
}

const SORT: Record<string, string> = {
  id: 'r.id %s',
  name: 'r.name %s',
  priority: 'r.priority %s',
  organizationCode: 'r.organization_code %s',
  version: 'r.version %s',
  active: 'r.active %s',
  isDefault: 'r.is_default %s',
  updatedAt: 'r.created_at %s',
  createdAt: 'first_created_at %s',
};
export const ROUTING_RULE_SORTABLE = Object.keys(SORT);

/** The latest version of every rule, with the time of its first version. */
const LATEST = `
  SELECT DISTINCT ON (x.id) x.*, min(x.created_at) OVER (PARTITION BY x.id) AS first_created_at
    FROM routing_rules x
   ORDER BY x.id, x.version DESC`;

const COLUMNS = `r.id, r.version, r.organization_code, o.name AS organization_name, r.name, r.priority, r.is_default, r.active, r.match, r.target,
  r.created_by, cu.full_name AS created_by_name, r.created_at, r.first_created_at,
  CASE r.target->>'kind'
    WHEN 'department' THEN (SELECT dep.name FROM departments dep WHERE dep.id::text = r.target->>'departmentId')
    ELSE (SELECT tu.full_name FROM users tu WHERE tu.id::text = r.target->>'userId')
  END AS target_name`;
const JOINS = 'LEFT JOIN organizations o ON o.code = r.organization_code LEFT JOIN users cu ON cu.id = r.created_by';

interface RuleRow {
  id: string;
  version: number;
  organization_code: string;
  organization_name: string | null;
  name: string;
  priority: number;
  is_default: boolean;
  active: boolean;
  match: RoutingMatch;
  target: RoutingTarget;
  target_name: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
  first_created_at: Date;
}

function toRecord(r: RuleRow): RoutingRuleRecord {
  return {
    id: r.id,
    version: r.version,
    organizationCode: r.organization_code,
    organizationName: r.organization_name,
    name: r.name,
    priority: r.priority,
    isDefault: r.is_default,
    active: r.active,
    match: r.match ?? {},
    target: r.target,
    targetName: r.target_name,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    updatedAt: r.created_at,
    createdAt: r.first_created_at,
  };
}

/** The shape domain/routing.ts decides with. */
export function toRoutingRule(r: RoutingRuleRecord): RoutingRule {
  return { id: r.id, version: r.version, name: r.name, priority: r.priority, isDefault: r.isDefault, active: r.active, match: r.match, target: r.target, createdAt: r.createdAt.toISOString() };
}

export function createRoutingRulesRepository(db: Database) {
  const { sequelize } = db;
  const select = <T extends object>(sql: string, bind: unknown[], transaction?: Transaction) => sequelize.query<T>(sql, { bind, transaction, type: QueryTypes.SELECT });

  async function get(id: string, scope: RuleScope = { kind: 'all' }, transaction?: Transaction): Promise<RoutingRuleRecord | null> {
    if (!isUuid(id)) return null;
    const c = new Conditions();
    c.add(`r.id = ${c.bind(id)}`);
    c.scope('r.organization_code', scope);
    const [row] = await select<RuleRow>(`SELECT ${COLUMNS} FROM (${LATEST}) r ${JOINS} ${c.where()}`, c.values, transaction);
    return row ? toRecord(row) : null;
  }

  /** Another active default rule of the organization, if any (one default per organization). */
  async function otherDefault(organizationCode: string, exceptId: string | null, t: Transaction): Promise<RoutingRuleRecord | null> {
    const c = new Conditions();
    c.add(`r.organization_code = ${c.bind(organizationCode)}`);
    c.add('r.active AND r.is_default');
    if (exceptId) c.add(`r.id <> ${c.bind(exceptId)}`);
    const [row] = await select<RuleRow>(`SELECT ${COLUMNS} FROM (${LATEST}) r ${JOINS} ${c.where()} LIMIT 1`, c.values, t);
    return row ? toRecord(row) : null;
  }

  async function insertVersion(id: string, version: number, input: RoutingRuleInput, actorId: string | null, t: Transaction): Promise<void> {
    await select(
      `INSERT INTO routing_rules (id, version, organization_code, name, priority, is_default, match, target, active, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [id, version, input.organizationCode, input.name, input.priority, input.isDefault, JSON.stringify(input.match), JSON.stringify(input.target), input.active, actorId],
      t,
    );
  }

  /** Serializes writes to one organization's rules (the one-default check reads before it writes). */
  async function lockOrganization(organizationCode: string, t: Transaction): Promise<void> {
    await select(`SELECT pg_advisory_xact_lock(25882019, hashtext($1))`, [organizationCode], t);
  }

  return {
    get,

    async list(filter: RoutingRuleFilter, page: Page, scope: RuleScope): Promise<{ rows: RoutingRuleRecord[]; total: number }> {
      const c = new Conditions();
      c.scope('r.organization_code', scope);
      if (filter.organizationCode !== undefined) c.add(`r.organization_code = ${c.bind(filter.organizationCode)}`);
      if (filter.active !== undefined) c.add(filter.active ? 'r.active' : 'NOT r.active');
      if (filter.isDefault !== undefined) c.add(filter.isDefault ? 'r.is_default' : 'NOT r.is_default');
      if (filter.q?.trim()) c.add(`fold_vi(r.name) LIKE fold_vi(${c.bind(likePattern(filter.q))})`);
      if (filter.ids !== undefined) c.anyUuid('r.id', filter.ids);
      const [{ n }] = await select<{ n: string }>(`SELECT count(*) AS n FROM (${LATEST}) r ${c.where()}`, c.values);
      const rows = await select<RuleRow>(
        `SELECT ${COLUMNS} FROM (${LATEST}) r ${JOINS} ${c.where()}
          ORDER BY ${orderBy(SORT, page, SORT.priority, 'r.organization_code, r.priority, r.first_created_at, r.id')}
          ${c.paging(page)}`,
        c.values,
      );
      return { rows: rows.map(toRecord), total: Number(n) };
    },

    /** The current rules of one organization, as selectRoute takes them. */
    async currentRules(organizationCode: string): Promise<RoutingRuleRecord[]> {
      const rows = await select<RuleRow>(`SELECT ${COLUMNS} FROM (${LATEST}) r ${JOINS} WHERE r.organization_code = $1 ORDER BY r.priority, r.first_created_at, r.id`, [organizationCode]);
      return rows.map(toRecord);
    },

    /** Every version of a rule, oldest first. */
    async versions(id: string): Promise<RoutingRuleRecord[]> {
      if (!isUuid(id)) return [];
      const rows = await select<RuleRow>(
        `SELECT ${COLUMNS} FROM (SELECT x.*, min(x.created_at) OVER (PARTITION BY x.id) AS first_created_at FROM routing_rules x WHERE x.id = $1) r ${JOINS} ORDER BY r.version`,
        [id],
      );
      return rows.map(toRecord);
    },

    /** Creates version 1 of a new rule. Returns `conflict` when another default rule is active. */
    async create(id: string, input: RoutingRuleInput, actorId: string | null): Promise<{ rule: RoutingRuleRecord } | { conflict: RoutingRuleRecord }> {
      return sequelize.transaction(async (t) => {
        await lockOrganization(input.organizationCode, t);
        if (input.isDefault && input.active) {
          const other = await otherDefault(input.organizationCode, null, t);
          if (other) return { conflict: other };
        }
        await insertVersion(id, 1, input, actorId, t);
        return { rule: (await get(id, { kind: 'all' }, t))! };
      });
    },

    /**
     * Writes version n+1 of an existing rule with `patch` applied; null when there is no such
     * rule. The organization of a rule never changes.
     */
    async revise(
      id: string,
      patch: (current: RoutingRuleRecord) => RoutingRuleInput,
      actorId: string | null,
    ): Promise<{ rule: RoutingRuleRecord } | { conflict: RoutingRuleRecord } | null> {
      return sequelize.transaction(async (t) => {
        const current = await get(id, { kind: 'all' }, t);
        if (!current) return null;
        await lockOrganization(current.organizationCode, t);
        // Re-read under the lock: a concurrent revision may have written meanwhile.
        const latest = (await get(id, { kind: 'all' }, t))!;
        const next = { ...patch(latest), organizationCode: latest.organizationCode };
        if (next.isDefault && next.active) {
          const other = await otherDefault(latest.organizationCode, id, t);
          if (other) return { conflict: other };
        }
        await insertVersion(id, latest.version + 1, next, actorId, t);
        return { rule: (await get(id, { kind: 'all' }, t))! };
      });
    },
  };
}

export type RoutingRulesRepository = ReturnType<typeof createRoutingRulesRepository>;
