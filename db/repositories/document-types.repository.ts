/**
 * Document types (SPEC §4) read and written as plain objects: the admin-editable list seeded with
 * the administrative types of Nghị định 30/2020. Types are never deleted, only made inactive,
 * because documents refer to them by code.
 */
import { QueryTypes, UniqueConstraintError } from 'sequelize';
import type { Database } from '../database';

export interface DocumentTypeRecord {
  id: string;
  code: string;
  name: string;
  /** NULL for Công văn, whose notation carries no type abbreviation. */
  abbreviation: string | null;
  active: boolean;
  sortOrder: number;
  updatedAt: Date;
}

export interface DocumentTypeFilter {
  q?: string;
  active?: boolean;
  id?: string | string[];
}

export interface Page {
  offset: number;
  limit: number;
  sortField: string;
  sortOrder: 'ASC' | 'DESC';
}

export interface DocumentTypeInput {
  code: string;
  name: string;
  abbreviation: string | null;
  active: boolean;
  /** Absent: after the last type. */
  sortOrder?: number;
}

export type DocumentTypePatch = Partial<Omit<DocumentTypeInput, 'code'>>;

/** The unique field a write collided with. */
export type DocumentTypeConflict = 'code' | 'name' | 'abbreviation';

const SELECT = `
  SELECT code AS id, code, name, abbreviation, active, sort_order AS "sortOrder", updated_at AS "updatedAt"
  FROM document_types`;

const SORT: Record<string, string> = {
  id: 'code',
  code: 'code',
  name: 'name',
  abbreviation: 'abbreviation',
  active: 'active',
  sortOrder: 'sort_order',
  updatedAt: 'updated_at',
};
export const DOCUMENT_TYPE_SORTABLE = Object.keys(SORT);

function conflictOf(err: UniqueConstraintError): DocumentTypeConflict {
  const constraint = String((err.parent as { constraint?: string } | undefined)?.constraint ?? '');
  if (constraint.includes('abbreviation')) return 'abbreviation';
  if (constraint.includes('name')) return 'name';
  return 'code';
}

export function createDocumentTypesRepository(db: Database) {
  const { sequelize } = db;

  async function getOne(code: string): Promise<DocumentTypeRecord | null> {
    const rows = await sequelize.query<DocumentTypeRecord>(`${SELECT} WHERE code = :code`, { replacements: { code }, type: QueryTypes.SELECT });
    return rows[0] ?? null;
  }

  return {
    async list(f: DocumentTypeFilter, page: Page): Promise<{ rows: DocumentTypeRecord[]; total: number }> {
      const and: string[] = [];
      const replacements: Record<string, unknown> = {};
      if (f.active !== undefined) {
        and.push('active = :active');
        replacements.active = f.active;
      }
      if (f.id !== undefined) {
        and.push('code IN (:ids)');
        replacements.ids = Array.isArray(f.id) ? (f.id.length ? f.id : ['']) : [f.id];
      }
      if (f.q) {
        // "quyet dinh", "QĐ" and "qd" all find Quyết định.
        and.push(`fold_vi(code || ' ' || name || ' ' || coalesce(abbreviation, '')) LIKE fold_vi(:q)`);
        replacements.q = `%${f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      }
      const where = and.length ? `WHERE ${and.join(' AND ')}` : '';
      const order = `${SORT[page.sortField] ?? 'sort_order'} ${page.sortOrder === 'DESC' ? 'DESC' : 'ASC'} NULLS LAST, code ASC`;
      const rows = await sequelize.query<DocumentTypeRecord>(`${SELECT} ${where} ORDER BY ${order} OFFSET :offset LIMIT :limit`, {
        replacements: { ...replacements, offset: page.offset, limit: page.limit },
        type: QueryTypes.SELECT,
      });
      const [{ n }] = await sequelize.query<{ n: string }>(`SELECT count(*) AS n FROM document_types ${where}`, { replacements, type: QueryTypes.SELECT });
      return { rows, total: Number(n) };
    },

    get: getOne,

    async insert(input: DocumentTypeInput): Promise<{ created: DocumentTypeRecord } | { conflict: DocumentTypeConflict }> {
      try {
        await sequelize.query(
          `INSERT INTO document_types (code, name, abbreviation, active, sort_order)
           VALUES (:code, :name, :abbreviation, :active,
                   coalesce(:sortOrder, (SELECT coalesce(max(sort_order), -1) + 1 FROM document_types)))`,
          { replacements: { ...input, sortOrder: input.sortOrder ?? null } },
        );
        return { created: (await getOne(input.code))! };
      } catch (err) {
        if (err instanceof UniqueConstraintError) return { conflict: conflictOf(err) };
        throw err;
      }
    },

    async update(code: string, patch: DocumentTypePatch): Promise<{ updated: DocumentTypeRecord | null } | { conflict: DocumentTypeConflict }> {
      const column: Record<keyof DocumentTypePatch, string> = { name: 'name', abbreviation: 'abbreviation', active: 'active', sortOrder: 'sort_order' };
      const sets = ['updated_at = now()'];
      const replacements: Record<string, unknown> = { code };
      for (const [key, col] of Object.entries(column) as Array<[keyof DocumentTypePatch, string]>) {
        if (patch[key] === undefined) continue;
        sets.push(`${col} = :${key}`);
        replacements[key] = patch[key];
      }
      try {
        await sequelize.query(`UPDATE document_types SET ${sets.join(', ')} WHERE code = :code`, { replacements });
      } catch (err) {
        if (err instanceof UniqueConstraintError) return { conflict: conflictOf(err) };
        throw err;
      }
      return { updated: await getOne(code) };
    },
  };
}

export type DocumentTypesRepository = ReturnType<typeof createDocumentTypesRepository>;
