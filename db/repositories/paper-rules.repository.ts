/**
 * "Paper accompanies" rules (QĐ 2588 Article 5.3, 7.2; R-OUT-4) as admin data: when a document
 * goes electronically and on paper. Matching lives in domain/documents.ts (paperRuleFor); the
 * outgoing process reads the rules when it plans the receivers of an issued document.
 */
import { QueryTypes } from 'sequelize';
import type { PaperRule } from '../../domain/documents';
import type { Database } from '../database';
import { Conditions, isUuid, likePattern, orderBy, type Page } from './paging';

export type { Page } from './paging';

export interface PaperRuleRecord extends PaperRule {
  senderName: string | null;
  receiverName: string | null;
  createdAt: Date;
}

export type PaperRuleInput = Omit<PaperRule, 'id'>;

export interface PaperRuleFilter {
  q?: string;
  active?: boolean;
  senderCode?: string;
  receiverCode?: string;
  ids?: string[];
}

const SORT: Record<string, string> = {
  id: 'p.id %s',
  name: 'p.name %s',
  senderCode: 'p.sender_code %s',
  receiverCode: 'p.receiver_code %s',
  active: 'p.active %s',
  createdAt: 'p.created_at %s',
};
export const PAPER_RULE_SORTABLE = Object.keys(SORT);

const SELECT = `
  SELECT p.id, p.name, p.sender_code, so.name AS sender_name, p.receiver_code, ro.name AS receiver_name, p.receiver_subtree,
         p.type_codes, p.active, p.created_at
    FROM paper_rules p
    LEFT JOIN organizations so ON so.code = p.sender_code
    LEFT JOIN organizations ro ON ro.code = p.receiver_code`;

interface Row {
  id: string;
  name: string;
  sender_code: string | null;
  sender_name: string | null;
  receiver_code: string | null;
  receiver_name: string | null;
  receiver_subtree: boolean;
  type_codes: string[];
  active: boolean;
  created_at: Date;
}

const toRecord = (r: Row): PaperRuleRecord => ({
  id: r.id,
  name: r.name,
  senderCode: r.sender_code,
  senderName: r.sender_name,
  receiverCode: r.receiver_code,
  receiverName: r.receiver_name,
  receiverSubtree: r.receiver_subtree,
  typeCodes: r.type_codes,
  active: r.active,
  createdAt: r.created_at,
});

export function createPaperRulesRepository(db: Database) {
  const { sequelize } = db;
  const select = <T extends object>(sql: string, bind: unknown[]) => sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT });

  async function get(id: string): Promise<PaperRuleRecord | null> {
    if (!isUuid(id)) return null;
    const [row] = await select<Row>(`${SELECT} WHERE p.id = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  return {
    get,

    async list(f: PaperRuleFilter, page: Page): Promise<{ rows: PaperRuleRecord[]; total: number }> {
      const c = new Conditions();
      if (f.active !== undefined) c.add(f.active ? 'p.active' : 'NOT p.active');
      if (f.senderCode !== undefined) c.add(`p.sender_code = ${c.bind(f.senderCode)}`);
      if (f.receiverCode !== undefined) c.add(`p.receiver_code = ${c.bind(f.receiverCode)}`);
      if (f.q?.trim()) c.add(`fold_vi(p.name) LIKE fold_vi(${c.bind(likePattern(f.q))})`);
      if (f.ids !== undefined) c.anyUuid('p.id', f.ids);
      const [{ n }] = await select<{ n: string }>(`SELECT count(*) AS n FROM paper_rules p ${c.where()}`, c.values);
      const rows = await select<Row>(`${SELECT} ${c.where()} ORDER BY ${orderBy(SORT, page, SORT.name, 'p.created_at, p.id')} ${c.paging(page)}`, c.values);
      return { rows: rows.map(toRecord), total: Number(n) };
    },

    async create(input: PaperRuleInput): Promise<PaperRuleRecord> {
      const [{ id }] = await select<{ id: string }>(
        `INSERT INTO paper_rules (name, sender_code, receiver_code, receiver_subtree, type_codes, active)
         VALUES ($1, $2, $3, $4, $5::text[], $6) RETURNING id`,
        [input.name, input.senderCode, input.receiverCode, input.receiverSubtree, input.typeCodes, input.active],
      );
      return (await get(id))!;
    },

    async update(id: string, input: PaperRuleInput): Promise<PaperRuleRecord | null> {
      if (!isUuid(id)) return null;
      const rows = await select<{ id: string }>(
        `UPDATE paper_rules SET name = $2, sender_code = $3, receiver_code = $4, receiver_subtree = $5, type_codes = $6::text[], active = $7
          WHERE id = $1 RETURNING id`,
        [id, input.name, input.senderCode, input.receiverCode, input.receiverSubtree, input.typeCodes, input.active],
      );
      return rows.length ? get(id) : null;
    },

    /** Rules are not referenced by documents (the plan of an issued document is recorded there), so they are deleted. */
    async remove(id: string): Promise<PaperRuleRecord | null> {
      const current = await get(id);
      if (!current) return null;
      await select('DELETE FROM paper_rules WHERE id = $1 RETURNING id', [id]);
      return current;
    },
  };
}

export type PaperRulesRepository = ReturnType<typeof createPaperRulesRepository>;
