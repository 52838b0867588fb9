/**
 * Daily overdue digest (R-DL-2): every morning each active supervisor gets one in-app
 * notification — and an e-mail when SMTP is configured — counting the open overdue work in the
 * subtree they watch (supervises_code, else their own organization), per organization and by
 * how long it has been overdue. One digest per supervisor and Vietnam day (dedupe key
 * `digest:<yyyy-mm-dd>`): a second run the same day, or a second API instance, sends nothing
 * again. Supervisors with nothing overdue get nothing.
 */
import type { Database } from '../../db/database';
import { createDocumentsRepository, type OverdueSummaryRow } from '../../db/repositories/documents.repository';
import { vietnamDate } from '../../domain/calendar';
import type { Logger } from '../logger';

/** The part of a nodemailer transport the digest uses. */
export interface Mailer {
  sendMail(message: { from?: string; to: string; subject: string; text: string }): Promise<unknown>;
}

export interface DigestOptions {
  now?: Date;
  mailer?: Mailer | null;
  /** Sender address of the e-mails. */
  from?: string;
  log?: Pick<Logger, 'warn' | 'info'>;
}

export interface DigestResult {
  date: string;
  supervisors: number;
  notified: number;
  emailed: number;
  failedEmails: number;
}

const AGE_LABELS: Array<[keyof OverdueSummaryRow['byAge'], string]> = [
  ['underOneDay', 'dưới 1 ngày'],
  ['oneToThreeDays', '1–3 ngày'],
  ['threeToSevenDays', '3–7 ngày'],
  ['overSevenDays', 'trên 7 ngày'],
];

function displayDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

export function digestText(date: string, rows: OverdueSummaryRow[]): { title: string; body: string } {
  const total = rows.reduce((n, r) => n + r.total, 0);
  const lines = rows.map((r) => {
    const ages = AGE_LABELS.filter(([k]) => r.byAge[k] > 0)
      .map(([k, label]) => `${r.byAge[k]} quá hạn ${label}`)
      .join(', ');
    return `- ${r.organizationName ?? r.organizationCode} (${r.organizationCode}): ${r.total} việc (${ages})`;
  });
  return {
    title: `Tổng hợp việc quá hạn ngày ${displayDate(date)}: ${total} việc`,
    body: [`Đến ngày ${displayDate(date)} có ${total} việc quá hạn chưa xử lý trong phạm vi theo dõi:`, ...lines].join('\n'),
  };
}

export async function sendOverdueDigest(db: Database, opts: DigestOptions = {}): Promise<DigestResult> {
  const repo = createDocumentsRepository(db);
  const now = opts.now ?? new Date();
  const date = vietnamDate(now);
  const result: DigestResult = { date, supervisors: 0, notified: 0, emailed: 0, failedEmails: 0 };
  for (const s of await repo.activeSupervisors()) {
    result.supervisors += 1;
    const rows = await repo.overdueSummary(s.root, now);
    if (!rows.length) continue;
    const { title, body } = digestText(date, rows);
    const written = await repo.notifyOnce({ userId: s.id, kind: 'overdue_digest', title, body, subjectType: 'overdue', subjectId: s.root, dedupeKey: `digest:${date}`, at: now });
    if (!written) continue;
    result.notified += 1;
    if (opts.mailer && s.email) {
      try {
        await opts.mailer.sendMail({ from: opts.from, to: s.email, subject: title, text: `Kính gửi ${s.fullName},\n\n${body}\n` });
        result.emailed += 1;
      } catch (err) {
        result.failedEmails += 1;
        opts.log?.warn({ err, to: s.email }, 'overdue digest e-mail not sent');
      }
    }
  }
  return result;
}
