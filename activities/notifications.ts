/**
 * In-app notifications: written inside the caller's transaction, keyed per recipient by a
 * dedupe key (workflow id + step) so a retried activity notifies nobody twice.
 */
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Role } from '../db/models';

export interface NotificationDraft {
  kind: string;
  title: string;
  body: string;
  subjectType: string;
  subjectId: string;
  dedupeKey: string;
}

/** Notifies the active users holding any of `roles` in any of `orgCodes`; returns how many rows were new. */
export async function notifyUsersByRole(
  sequelize: Sequelize,
  transaction: Transaction,
  orgCodes: string[],
  roles: Role[],
  n: NotificationDraft,
): Promise<number> {
  const rows = await sequelize.query<{ id: string }>(
    `INSERT INTO notifications (user_id, kind, title, body, subject_type, subject_id, dedupe_key)
     SELECT u.id, :kind, :title, :body, :subjectType, :subjectId, :dedupeKey
       FROM users u
      WHERE u.active AND u.organization_code IN (:orgCodes) AND u.roles && ARRAY[:roles]::text[]
     ON CONFLICT (user_id, dedupe_key) DO NOTHING
     RETURNING id`,
    { replacements: { ...n, orgCodes, roles }, transaction, type: QueryTypes.SELECT },
  );
  return rows.length;
}
