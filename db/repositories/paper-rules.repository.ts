/**
 * "Paper accompanies" rules (QĐ 2588 Article 5.3, 7.2; R-OUT-4) as admin data: when a document
 * goes electronically and on paper. Matching lives in domain/documents.ts (paperRuleFor); the
 * outgoing process reads the rules when it plans the receivers of an issued document.
 */
import { QueryTypes } from 'sequelize';
import type { PaperRule } from '../../domain/documents';
import type { Database } from '../database';

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

export interface Page {
  offset: number;
  limit: number;
  sortField: string;
  sortOrder: 'ASC' | 'DESC';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SORT: Record<string, string> = {
  id: 'p.id',
  name: 'p.name',
  senderCode: 'p.sender_code',
  receiverCode: 'p.receiver_code',
  active: 'p.active',
  createdAt: 'p.created_at',
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
    if (!UUID.test(id)) return null;
    const [row] = await select<Row>(`${SELECT} WHERE p.id = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  return {
    get,

    async list(f: PaperRuleFilter, page: Page): Promise<{ rows: PaperRuleRecord[]; total: number }> {
      const and: string[] = [];
      const bind: unknown[] = [];
      const b = (v: unknown) => {
        bind.push(v);
        return `$${bind.length}`;
      };
      if (f.active !== undefined) and.push(f.active ? 'p.active' : 'NOT p.active');
      if (f.senderCode !== undefined) and.push(`p.sender_code = ${b(f.senderCode)}`);
      if (f.receiverCode !== undefined) and.push(`p.receiver_code = ${b(f.receiverCode)}`);
      if (f.q?.trim()) and.push(`fold_vi(p.name) LIKE fold_vi(${b(`%${f.q.normalize('NFC').trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)})`);
      if (f.ids !== undefined) {
        const ids = f.ids.filter((id) => UUID.test(id));
        and.push(ids.length ? `p.id = ANY(${b(ids)}::uuid[])` : 'false');
      }
      const where = and.length ? `WHERE ${and.join(' AND ')}` : '';
      const [{ n }] = await select<{ n: string }>(`SELECT count(*) AS n FROM paper_rules p ${where}`, bind);
      const order = `${SORT[page.sortField] ?? SORT.name} ${page.sortOrder === 'DESC' ? 'DESC' : 'ASC'}, p.created_at, p.id`;
      const rows = await select<Row>(`${SELECT} ${where} ORDER BY ${order} OFFSET ${b(page.offset)} LIMIT ${b(page.limit)}`, bind);
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
      if (!UUID.test(id)) return null;
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
