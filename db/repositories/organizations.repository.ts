/**
 * Organizations read/write (R-ORG-2) and the connection compliance view (R-CONN-4), returning
 * plain objects. Subtrees are matched with the identifier-code pattern (see subtreeLikePattern).
 */
import { Op, QueryTypes, UniqueConstraintError, type WhereOptions } from 'sequelize';
import { subtreeLikePattern } from '../../domain/org-code';
import { DomainError } from '../../domain/errors';
import type { ConnectionState } from '../../domain/connection';
import type { Database } from '../database';
import type { Organization, OrganizationKind } from '../models';

export interface OrganizationRecord {
  id: string;
  code: string;
  parentCode: string | null;
  name: string;
  shortName: string;
  kind: OrganizationKind;
  address: string | null;
  email: string | null;
  phone: string | null;
  fax: string | null;
  website: string | null;
  connectionState: ConnectionState;
  connectedAt: Date | null;
  deadlineMissed: boolean;
  nonCompliantSince: Date | null;
  lastReminderAt: Date | null;
  childCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrganizationFilter {
  q?: string;
  kind?: OrganizationKind;
  parentCode?: string | null;
  subtree?: string;
  id?: string | string[];
  connectionState?: ConnectionState;
  deadlineMissed?: boolean;
  overdue?: boolean;
  /** Scope forced by authorization: only this subtree is visible. */
  scope?: string | null;
}

export interface Page {
  offset: number;
  limit: number;
  sortField: string;
  sortOrder: 'ASC' | 'DESC';
}

export type OrganizationInput = Pick<OrganizationRecord, 'code' | 'parentCode' | 'name' | 'shortName' | 'kind'> &
  Partial<Pick<OrganizationRecord, 'address' | 'email' | 'phone' | 'fax' | 'website'>>;

export type OrganizationPatch = Partial<Omit<OrganizationInput, 'code' | 'parentCode'>>;

const COLUMN: Record<string, string> = {
  id: 'code',
  code: 'code',
  name: 'name',
  shortName: 'shortName',
  kind: 'kind',
  parentCode: 'parentCode',
  connectionState: 'connectionState',
  connectedAt: 'connectedAt',
  createdAt: 'createdAt',
};
export const ORGANIZATION_SORTABLE = Object.keys(COLUMN);

export function createOrganizationsRepository(db: Database) {
  const { Organization } = db.models;
  const { sequelize } = db;

  function toRecord(o: Organization, childCount = 0): OrganizationRecord {
    const v = o.get({ plain: true }) as Omit<OrganizationRecord, 'id' | 'childCount'>;
    return { id: v.code, ...v, childCount };
  }

  function where(f: OrganizationFilter): WhereOptions {
    const and: WhereOptions[] = [];
    if (f.scope) and.push({ code: { [Op.like]: subtreeLikePattern(f.scope) } });
    if (f.subtree) and.push({ code: { [Op.like]: subtreeLikePattern(f.subtree) } });
    if (f.id !== undefined) and.push({ code: Array.isArray(f.id) ? { [Op.in]: f.id } : f.id });
    if (f.kind) and.push({ kind: f.kind });
    if (f.parentCode !== undefined) and.push({ parentCode: f.parentCode });
    if (f.connectionState) and.push({ connectionState: f.connectionState });
    if (f.deadlineMissed !== undefined) and.push({ deadlineMissed: f.deadlineMissed });
    if (f.overdue !== undefined) {
      and.push(
        f.overdue
          ? { deadlineMissed: true, connectionState: { [Op.ne]: 'connected' } }
          : { [Op.or]: [{ deadlineMissed: false }, { connectionState: 'connected' }] },
      );
    }
    if (f.q) {
      const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      and.push(
        sequelize.where(
          sequelize.literal(`fold_vi("Organization"."name" || ' ' || "Organization"."short_name" || ' ' || "Organization"."code")`),
          Op.like,
          sequelize.fn('fold_vi', pattern),
        ),
      );
    }
    return { [Op.and]: and };
  }

  async function childCounts(codes: string[]): Promise<Map<string, number>> {
    if (!codes.length) return new Map();
    const rows = await sequelize.query<{ parent_code: string; n: string }>(
      'SELECT parent_code, count(*) AS n FROM organizations WHERE parent_code IN (:codes) GROUP BY parent_code',
      { replacements: { codes }, type: QueryTypes.SELECT },
    );
    return new Map(rows.map((r) => [r.parent_code, Number(r.n)]));
  }

  return {
    async list(filter: OrganizationFilter, page: Page): Promise<{ rows: OrganizationRecord[]; total: number }> {
      const { rows, count } = await Organization.findAndCountAll({
        where: where(filter),
        order: [
          [COLUMN[page.sortField] ?? 'code', page.sortOrder],
          ['code', 'ASC'],
        ],
        offset: page.offset,
        limit: page.limit,
      });
      const counts = await childCounts(rows.map((r) => r.code));
      return { rows: rows.map((r) => toRecord(r, counts.get(r.code) ?? 0)), total: count };
    },

    async get(code: string, scope?: string | null): Promise<OrganizationRecord | null> {
      const row = await Organization.findOne({ where: where({ id: code, scope }) });
      if (!row) return null;
      const counts = await childCounts([code]);
      return toRecord(row, counts.get(code) ?? 0);
    },

    async exists(code: string): Promise<boolean> {
      return (await Organization.count({ where: { code } })) > 0;
    },

    async insert(input: OrganizationInput): Promise<OrganizationRecord> {
      try {
        const row = await Organization.create({ ...input, connectionState: 'not_connected', deadlineMissed: false });
        return toRecord(row);
      } catch (err) {
        if (err instanceof UniqueConstraintError) {
          throw new DomainError('DUPLICATE_ORG', `Mã định danh ${input.code} đã được đăng ký (organization already registered)`, [
            { path: 'code', message: 'đã tồn tại (already exists)' },
          ]);
        }
        throw err;
      }
    },

    async update(code: string, patch: OrganizationPatch): Promise<OrganizationRecord | null> {
      const row = await Organization.findByPk(code);
      if (!row) return null;
      await row.update(patch);
      return this.get(code);
    },

    /** Organizations whose connection process should be running. */
    async unconnected(): Promise<Array<{ code: string; connectionState: ConnectionState }>> {
      const rows = await Organization.findAll({ where: { connectionState: { [Op.ne]: 'connected' } }, attributes: ['code', 'connectionState'], order: [['code', 'ASC']] });
      return rows.map((r) => ({ code: r.code, connectionState: r.connectionState }));
    },

    async events(code: string) {
      const rows = await db.models.ConnectionEvent.findAll({ where: { organizationCode: code }, order: [['at', 'ASC'], ['id', 'ASC']] });
      return rows.map((r) => ({ id: r.id, kind: r.kind, state: r.state, at: r.at, actor: r.actor, note: r.note }));
    },
  };
}

export type OrganizationsRepository = ReturnType<typeof createOrganizationsRepository>;
