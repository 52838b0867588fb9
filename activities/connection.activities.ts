/**
 * Side effects of the connection process (R-CONN-1..2): the organization's read-model state,
 * the visible event log, and notifications. Each activity is one transaction keyed by the
 * workflow's step key, so a retry after a crash writes nothing twice.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../db/database';
import { CONNECTION_STATE_LABELS_VI, type ConnectionState } from '../domain/connection';
import { toVietnamIso } from '../domain/time';
import { notifyUsersByRole } from './notifications';

export interface RecordConnectionStepInput {
  orgCode: string;
  from: ConnectionState;
  to: ConnectionState;
  at: string;
  actor: string;
  note: string | null;
  key: string;
}

export interface ConnectionReminderInput {
  orgCode: string;
  phase: 'before_deadline' | 'after_deadline';
  daysBefore: number | null;
  state: ConnectionState;
  deadline: string;
  at: string;
  key: string;
}

export interface ConnectionOverdueInput {
  orgCode: string;
  state: ConnectionState;
  deadline: string;
  startedAfterDeadline: boolean;
  escalateToOrgCodes: string[];
  at: string;
  key: string;
}

/** Who is reminded inside the organization itself. */
const ORG_RECIPIENTS = ['leader', 'clerk'] as const;

function vnDate(iso: string): string {
  const [date] = toVietnamIso(iso).split('T');
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

export function createConnectionActivities({ db }: { db: Database }) {
  const { sequelize } = db;

  /** Inserts the event; false when this step was already recorded (a retry). */
  async function insertEvent(
    t: Transaction,
    e: { orgCode: string; kind: string; state: string | null; at: string; actor: string; note: string | null; key: string },
  ): Promise<boolean> {
    const rows = await sequelize.query(
      `INSERT INTO connection_events (organization_code, kind, state, at, actor, note, dedupe_key)
       VALUES (:orgCode, :kind, :state, :at, :actor, :note, :key) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      { replacements: e, transaction: t, type: QueryTypes.SELECT },
    );
    return rows.length > 0;
  }

  async function orgName(t: Transaction, code: string): Promise<string> {
    const [row] = await sequelize.query<{ name: string }>('SELECT name FROM organizations WHERE code = ?', {
      replacements: [code],
      transaction: t,
      type: QueryTypes.SELECT,
    });
    return row?.name ?? code;
  }

  return {
    async recordConnectionStep(input: RecordConnectionStepInput): Promise<void> {
      await sequelize.transaction(async (t) => {
        if (!(await insertEvent(t, { ...input, kind: 'state', state: input.to }))) return;
        await sequelize.query(
          `UPDATE organizations
              SET connection_state = :to,
                  connected_at = CASE WHEN :to = 'connected' THEN CAST(:at AS timestamptz) ELSE NULL END,
                  updated_at = now()
            WHERE code = :orgCode`,
          { replacements: { ...input }, transaction: t },
        );
      });
    },

    async sendConnectionReminder(input: ConnectionReminderInput): Promise<void> {
      await sequelize.transaction(async (t) => {
        const note =
          input.phase === 'before_deadline'
            ? `Nhắc nhở: còn ${input.daysBefore} ngày đến hạn kết nối ${vnDate(input.deadline)}`
            : `Nhắc nhở định kỳ: đã quá hạn kết nối ${vnDate(input.deadline)}`;
        if (!(await insertEvent(t, { orgCode: input.orgCode, kind: 'reminder', state: input.state, at: input.at, actor: 'system', note, key: input.key }))) return;
        await sequelize.query('UPDATE organizations SET last_reminder_at = :at WHERE code = :orgCode', { replacements: { ...input }, transaction: t });
        const name = await orgName(t, input.orgCode);
        await notifyUsersByRole(sequelize, t, [input.orgCode], [...ORG_RECIPIENTS], {
          kind: 'connection_reminder',
          title: input.phase === 'before_deadline' ? `Còn ${input.daysBefore} ngày đến hạn kết nối liên thông` : 'Quá hạn kết nối liên thông văn bản điện tử',
          body: `${name}: trạng thái hiện tại "${CONNECTION_STATE_LABELS_VI[input.state]}". Theo Điều 19 khoản 2 Quyết định 2588/QĐ-UBND, phải hoàn thành kết nối, liên thông văn bản điện tử trước ngày ${vnDate(input.deadline)}.`,
          subjectType: 'connection',
          subjectId: input.orgCode,
          dedupeKey: input.key,
        });
      });
    },

    async recordConnectionOverdue(input: ConnectionOverdueInput): Promise<void> {
      await sequelize.transaction(async (t) => {
        const note = input.startedAfterDeadline
          ? `Tiến trình bắt đầu sau hạn ${vnDate(input.deadline)}: chưa kết nối, không tuân thủ`
          : `Đến hạn ${vnDate(input.deadline)} chưa kết nối: không tuân thủ`;
        if (!(await insertEvent(t, { orgCode: input.orgCode, kind: 'overdue', state: input.state, at: input.at, actor: 'system', note, key: input.key }))) return;
        await sequelize.query(
          `UPDATE organizations SET deadline_missed = true, non_compliant_since = CAST(:deadline AS timestamptz), updated_at = now()
            WHERE code = :orgCode`,
          { replacements: { ...input }, transaction: t },
        );
        const name = await orgName(t, input.orgCode);
        const body = `${name} chưa hoàn thành kết nối, liên thông văn bản điện tử (trạng thái "${CONNECTION_STATE_LABELS_VI[input.state]}"); hạn theo Điều 19 khoản 2 Quyết định 2588/QĐ-UBND là ${vnDate(input.deadline)}.`;
        await notifyUsersByRole(sequelize, t, [input.orgCode], [...ORG_RECIPIENTS], {
          kind: 'connection_overdue',
          title: 'Quá hạn kết nối liên thông văn bản điện tử',
          body,
          subjectType: 'connection',
          subjectId: input.orgCode,
          dedupeKey: input.key,
        });
        const targets = await Promise.all(input.escalateToOrgCodes.map((c) => orgName(t, c)));
        await insertEvent(t, {
          orgCode: input.orgCode,
          kind: 'escalation',
          state: input.state,
          at: input.at,
          actor: 'system',
          note: `Báo cáo ${targets.join(', ')}`,
          key: `${input.key}:escalation`,
        });
        await notifyUsersByRole(sequelize, t, input.escalateToOrgCodes, ['supervisor'], {
          kind: 'connection_escalation',
          title: `Tổ chức quá hạn kết nối: ${name}`,
          body,
          subjectType: 'connection',
          subjectId: input.orgCode,
          dedupeKey: `${input.key}:escalation`,
        });
      });
    },
  };
}
