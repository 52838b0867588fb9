/**
 * Read model of the per-role home pages (SPEC §1, R-DL-2, R-CONN-4, R-ROUTE-1): the few counts and
 * short lists the work lists and the compliance view do not already give — receipt-check verdicts
 * of documents by id, recent escalations and connection states of a subtree, and configuration
 * health (organizations without an active routing rule, organizations without an active clerk,
 * rules whose target person is gone). Read-only plain SQL; scope (R-SEC-2) is a parameter of every
 * read. Imports only db/ and domain/.
 */
import { QueryTypes } from 'sequelize';
import { subtreeLikePattern } from '../../domain/org-code';
import type { Database } from '../database';

/** What a home card needs of a document a task points at: its state and what decisions read. */
export interface DocumentBrief {
  id: string;
  status: string;
  legalValidity: 'legally_valid' | 'information_only' | null;
  checks: unknown;
  senderCode: string | null;
  senderName: string | null;
  receivedAt: Date | null;
  signedAt: Date | null;
  mainHandlerId: string | null;
  routedRule: unknown;
}

export interface EscalationRecord {
  id: string;
  documentId: string;
  direction: 'incoming' | 'outgoing';
  at: Date;
  reason: string | null;
  level: number | null;
  escalatedToName: string | null;
  step: string | null;
  organizationCode: string;
  organizationName: string | null;
  numberAndNotation: string | null;
  summary: string;
}

export interface ConnectionBrief {
  code: string;
  name: string;
  kind: string;
  connectionState: string;
  deadlineMissed: boolean;
}

export interface OrganizationHealthRecord {
  code: string;
  name: string;
  kind: string;
  connectionState: string;
  activeUsers: number;
}

export interface RuleHealthRecord {
  id: string;
  version: number;
  name: string;
  organizationCode: string;
  organizationName: string | null;
  targetKind: string;
  targetUserId: string | null;
  targetName: string | null;
}

/** A list shown on a card: how many there are in all, and the first few. */
export interface Listing<T> {
  total: number;
  items: T[];
}

/** `code LIKE pattern` for a subtree, or no condition for everything. */
const subtreeCondition = (column: string, root: string | null, index: number) => (root ? `${column} LIKE $${index}` : 'true');

export function createHomeRepository(db: Database) {
  const select = <T extends object>(sql: string, bind: unknown[]) => db.sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT });

  return {
    /** The decision-relevant state of documents the caller's tasks point at (own organization only). */
    async documentBriefs(ids: string[], organizationCode: string): Promise<Map<string, DocumentBrief>> {
      if (!ids.length) return new Map();
      const rows = await select<{
        id: string;
        status: string;
        legal_validity: DocumentBrief['legalValidity'];
        checks: unknown;
        sender_code: string | null;
        sender_name: string | null;
        received_at: Date | null;
        signed_at: Date | null;
        main_handler_id: string | null;
        routed_rule: unknown;
      }>(
        `SELECT id, status, legal_validity, checks, sender_code, sender_name, received_at, signed_at, main_handler_id, routed_rule
           FROM documents WHERE id = ANY($1::uuid[]) AND organization_code = $2`,
        [ids, organizationCode],
      );
      return new Map(
        rows.map((r) => [
          r.id,
          {
            id: r.id,
            status: r.status,
            legalValidity: r.legal_validity,
            checks: r.checks,
            senderCode: r.sender_code,
            senderName: r.sender_name,
            receivedAt: r.received_at,
            signedAt: r.signed_at,
            mainHandlerId: r.main_handler_id,
            routedRule: r.routed_rule,
          },
        ]),
      );
    },

    /** R-DL-2: the newest escalations of documents in the subtree, and how many since `since`. */
    async recentEscalations(root: string | null, since: Date, limit: number): Promise<Listing<EscalationRecord>> {
      const pattern = root ? [subtreeLikePattern(root)] : [];
      const where = `h.action = 'escalated' AND ${subtreeCondition('d.organization_code', root, 1)}`;
      const [{ n }] = await select<{ n: string }>(
        `SELECT count(*) AS n FROM document_history h JOIN documents d ON d.id = h.document_id WHERE ${where} AND h.at >= $${pattern.length + 1}`,
        [...pattern, since],
      );
      const rows = await select<{
        id: string;
        document_id: string;
        direction: 'incoming' | 'outgoing';
        at: Date;
        reason: string | null;
        details: { step?: string; escalatedToName?: string | null; result?: { level?: number } } | null;
        organization_code: string;
        organization_name: string | null;
        number_and_notation: string | null;
        summary: string;
      }>(
        `SELECT h.id, h.document_id, d.direction, h.at, h.reason, h.details, d.organization_code, o.name AS organization_name,
                d.number_and_notation, d.summary
           FROM document_history h
           JOIN documents d ON d.id = h.document_id
           LEFT JOIN organizations o ON o.code = d.organization_code
          WHERE ${where}
          ORDER BY h.at DESC, h.id DESC
          LIMIT $${pattern.length + 1}`,
        [...pattern, limit],
      );
      return {
        total: Number(n),
        items: rows.map((r) => ({
          id: String(r.id),
          documentId: r.document_id,
          direction: r.direction,
          at: r.at,
          reason: r.reason,
          level: r.details?.result?.level ?? null,
          escalatedToName: r.details?.escalatedToName ?? null,
          step: r.details?.step ?? null,
          organizationCode: r.organization_code,
          organizationName: r.organization_name,
          numberAndNotation: r.number_and_notation,
          summary: r.summary,
        })),
      };
    },

    /** R-CONN-4: organizations of the subtree per connection state, and the first ones not connected. */
    async connectionCompliance(root: string | null, limit: number): Promise<{ byState: Record<string, number>; notConnected: Listing<ConnectionBrief> }> {
      const pattern = root ? [subtreeLikePattern(root)] : [];
      const where = subtreeCondition('code', root, 1);
      const counts = await select<{ state: string; n: string }>(
        `SELECT connection_state AS state, count(*) AS n FROM organizations WHERE ${where} GROUP BY connection_state`,
        pattern,
      );
      const rows = await select<{ code: string; name: string; kind: string; connection_state: string; deadline_missed: boolean }>(
        `SELECT code, name, kind, connection_state, deadline_missed FROM organizations
          WHERE ${where} AND connection_state <> 'connected'
          ORDER BY deadline_missed DESC, code
          LIMIT $${pattern.length + 1}`,
        [...pattern, limit],
      );
      const byState = Object.fromEntries(counts.map((c) => [c.state, Number(c.n)]));
      const total = counts.filter((c) => c.state !== 'connected').reduce((sum, c) => sum + Number(c.n), 0);
      return {
        byState,
        notConnected: {
          total,
          items: rows.map((r) => ({ code: r.code, name: r.name, kind: r.kind, connectionState: r.connection_state, deadlineMissed: r.deadline_missed })),
        },
      };
    },

    /**
     * R-ROUTE-1: organizations where no current rule version is active, so an accepted document
     * waits for someone to route it by hand. Those with active users (who could be a target) and
     * those connected come first: they are the ones receiving documents.
     */
    async organizationsWithoutActiveRule(limit: number): Promise<Listing<OrganizationHealthRecord>> {
      const where = `NOT EXISTS (
          SELECT 1 FROM (SELECT DISTINCT ON (id) active FROM routing_rules r WHERE r.organization_code = o.code ORDER BY id, version DESC) cur
           WHERE cur.active)`;
      return organizationsWhere(where, limit);
    },

    /** Connected organizations without an active clerk: nobody there can accept what arrives (R-REC-3). */
    async organizationsWithoutClerk(limit: number): Promise<Listing<OrganizationHealthRecord>> {
      const where = `o.connection_state = 'connected'
        AND NOT EXISTS (SELECT 1 FROM users u WHERE u.organization_code = o.code AND u.active AND u.roles @> ARRAY['clerk']::text[])`;
      return organizationsWhere(where, limit);
    },

    /** Active rules (current version) whose target person is deactivated, gone or moved elsewhere. */
    async rulesWithUnusableTarget(limit: number): Promise<Listing<RuleHealthRecord>> {
      const from = `
        FROM (SELECT DISTINCT ON (id) * FROM routing_rules ORDER BY id, version DESC) r
        LEFT JOIN users u ON r.target->>'kind' IN ('leader', 'user') AND u.id::text = r.target->>'userId'
        LEFT JOIN organizations o ON o.code = r.organization_code
       WHERE r.active AND r.target->>'kind' IN ('leader', 'user')
         AND (u.id IS NULL OR NOT u.active OR u.organization_code <> r.organization_code
              OR (r.target->>'kind' = 'leader' AND NOT u.roles @> ARRAY['leader']::text[]))`;
      const [{ n }] = await select<{ n: string }>(`SELECT count(*) AS n ${from}`, []);
      const rows = await select<{
        id: string;
        version: number;
        name: string;
        organization_code: string;
        organization_name: string | null;
        target_kind: string;
        target_user_id: string | null;
        target_name: string | null;
      }>(
        `SELECT r.id, r.version, r.name, r.organization_code, o.name AS organization_name, r.target->>'kind' AS target_kind,
                r.target->>'userId' AS target_user_id, u.full_name AS target_name
         ${from}
         ORDER BY r.organization_code, r.priority, r.id LIMIT $1`,
        [limit],
      );
      return {
        total: Number(n),
        items: rows.map((r) => ({
          id: r.id,
          version: r.version,
          name: r.name,
          organizationCode: r.organization_code,
          organizationName: r.organization_name,
          targetKind: r.target_kind,
          targetUserId: r.target_user_id,
          targetName: r.target_name,
        })),
      };
    },
  };

  async function organizationsWhere(where: string, limit: number): Promise<Listing<OrganizationHealthRecord>> {
    const [{ n }] = await select<{ n: string }>(`SELECT count(*) AS n FROM organizations o WHERE ${where}`, []);
    const rows = await select<{ code: string; name: string; kind: string; connection_state: string; active_users: string }>(
      `SELECT o.code, o.name, o.kind, o.connection_state,
              (SELECT count(*) FROM users u WHERE u.organization_code = o.code AND u.active) AS active_users
         FROM organizations o
        WHERE ${where}
        ORDER BY (SELECT count(*) FROM users u WHERE u.organization_code = o.code AND u.active) > 0 DESC,
                 o.connection_state = 'connected' DESC, o.code
        LIMIT $1`,
      [limit],
    );
    return {
      total: Number(n),
      items: rows.map((r) => ({ code: r.code, name: r.name, kind: r.kind, connectionState: r.connection_state, activeUsers: Number(r.active_users) })),
    };
  }
}

export type HomeRepository = ReturnType<typeof createHomeRepository>;
