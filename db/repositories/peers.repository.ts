/**
 * Registered peer systems (R-SEC-1, SPEC §8): who may send us edXML packages and status
 * messages, for which organizations, and where we send theirs. Admin data.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../database';
import { Conditions, isUuid, likePattern, orderBy, type Page } from './paging';

export interface PeerRecord {
  id: string;
  name: string;
  endpointUrl: string;
  organizationCodes: string[];
  certificatePem: string;
  fingerprint: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface PeerInput {
  name: string;
  endpointUrl: string;
  organizationCodes: string[];
  certificatePem: string;
  fingerprint: string;
  active: boolean;
}

export interface PeerFilter {
  q?: string;
  active?: boolean;
  organizationCode?: string;
  ids?: string[];
}

const SORT: Record<string, string> = {
  id: 'id %s',
  name: 'name %s',
  endpointUrl: 'endpoint_url %s',
  active: 'active %s',
  createdAt: 'created_at %s',
};
export const PEER_SORTABLE = Object.keys(SORT);

interface Row {
  id: string;
  name: string;
  endpoint_url: string;
  organization_codes: string[];
  certificate_pem: string;
  fingerprint: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const toRecord = (r: Row): PeerRecord => ({
  id: r.id,
  name: r.name,
  endpointUrl: r.endpoint_url,
  organizationCodes: r.organization_codes,
  certificatePem: r.certificate_pem,
  fingerprint: r.fingerprint.trim(),
  active: r.active,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function createPeersRepository(db: Database) {
  const { sequelize } = db;
  const select = <T extends object>(sql: string, bind: unknown[], transaction?: Transaction) =>
    sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT, transaction });

  async function get(id: string): Promise<PeerRecord | null> {
    if (!isUuid(id)) return null;
    const [row] = await select<Row>('SELECT * FROM peers WHERE id = $1', [id]);
    return row ? toRecord(row) : null;
  }

  return {
    get,

    async list(f: PeerFilter, page: Page): Promise<{ rows: PeerRecord[]; total: number }> {
      const c = new Conditions();
      if (f.active !== undefined) c.add(f.active ? 'active' : 'NOT active');
      if (f.organizationCode !== undefined) c.add(`${c.bind(f.organizationCode)} = ANY(organization_codes)`);
      if (f.q?.trim()) c.add(`(fold_vi(name) LIKE fold_vi(${c.bind(likePattern(f.q))}) OR endpoint_url ILIKE ${c.bind(likePattern(f.q))})`);
      if (f.ids !== undefined) c.anyUuid('id', f.ids);
      const [{ n }] = await select<{ n: string }>(`SELECT count(*) AS n FROM peers ${c.where()}`, c.values);
      const rows = await select<Row>(`SELECT * FROM peers ${c.where()} ORDER BY ${orderBy(SORT, page, SORT.name, 'created_at, id')} ${c.paging(page)}`, c.values);
      return { rows: rows.map(toRecord), total: Number(n) };
    },

    /** Active peers, for matching a TLS client or a signature. */
    async active(): Promise<PeerRecord[]> {
      return (await select<Row>('SELECT * FROM peers WHERE active ORDER BY created_at, id', [])).map(toRecord);
    },

    async byFingerprint(fingerprint: string): Promise<PeerRecord | null> {
      const [row] = await select<Row>('SELECT * FROM peers WHERE fingerprint = $1 AND active', [fingerprint]);
      return row ? toRecord(row) : null;
    },

    /** The active peer that serves an organization code outside this installation. */
    async forOrganization(code: string): Promise<PeerRecord | null> {
      const [row] = await select<Row>('SELECT * FROM peers WHERE active AND $1 = ANY(organization_codes) ORDER BY created_at, id LIMIT 1', [code]);
      return row ? toRecord(row) : null;
    },

    async create(input: PeerInput): Promise<PeerRecord> {
      const [{ id }] = await select<{ id: string }>(
        `INSERT INTO peers (name, endpoint_url, organization_codes, certificate_pem, fingerprint, active)
         VALUES ($1, $2, $3::varchar(13)[], $4, $5, $6) RETURNING id`,
        [input.name, input.endpointUrl, input.organizationCodes, input.certificatePem, input.fingerprint, input.active],
      );
      return (await get(id))!;
    },

    async update(id: string, input: PeerInput): Promise<PeerRecord | null> {
      if (!isUuid(id)) return null;
      const rows = await select<{ id: string }>(
        `UPDATE peers SET name = $2, endpoint_url = $3, organization_codes = $4::varchar(13)[], certificate_pem = $5, fingerprint = $6, active = $7, updated_at = now()
          WHERE id = $1 RETURNING id`,
        [id, input.name, input.endpointUrl, input.organizationCodes, input.certificatePem, input.fingerprint, input.active],
      );
      return rows.length ? get(id) : null;
    },

    /** Peers are referenced by documents and messages: "deleting" one deactivates it. */
    async deactivate(id: string): Promise<PeerRecord | null> {
      if (!isUuid(id)) return null;
      const rows = await select<{ id: string }>('UPDATE peers SET active = false, updated_at = now() WHERE id = $1 RETURNING id', [id]);
      return rows.length ? get(id) : null;
    },

    /** Codes served by another active peer than `exceptId` (a code belongs to one peer). */
    async codesTaken(codes: string[], exceptId: string | null): Promise<string[]> {
      const rows = await select<{ code: string }>(
        `SELECT DISTINCT c AS code FROM peers, unnest(organization_codes) c
          WHERE active AND c = ANY($1::text[]) AND ($2::uuid IS NULL OR id <> $2::uuid)`,
        [codes, exceptId],
      );
      return rows.map((r) => r.code);
    },
  };
}

export type PeersRepository = ReturnType<typeof createPeersRepository>;
