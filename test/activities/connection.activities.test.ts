/**
 * Connection activities against a real PostgreSQL (R-CONN-2): idempotent under retries, and
 * addressed to the right people.
 */
import { QueryTypes } from 'sequelize';
import { createActivities } from '../../activities';
import { seed } from '../../db/seed';
import { createTestDatabase, type TestDatabase } from '../support/db';

let tdb: TestDatabase;
let acts: ReturnType<typeof createActivities>;
beforeAll(async () => {
  tdb = await createTestDatabase();
  await seed(tdb.db, { provinceCode: '000.00.00.H52', demoPassword: 'Demo-password-1', withDemoUsers: true });
  acts = createActivities({ db: tdb.db });
});
afterAll(async () => {
  await tdb?.drop();
});

const q = <T extends object>(sql: string, replacements: unknown[] = []) => tdb.db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
const notified = (key: string) =>
  q<{ username: string; kind: string }>('SELECT u.username, n.kind FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.dedupe_key LIKE ? ORDER BY 1, 2', [`${key}%`]);

describe('connection activities (R-CONN-2)', () => {
  const overdue = {
    orgCode: '000.02.37.H52',
    state: 'not_connected' as const,
    deadline: '2019-12-30T16:59:59.999Z',
    startedAfterDeadline: false,
    escalateToOrgCodes: ['000.00.01.H52', '000.00.03.H52'],
    at: '2019-12-30T17:00:00.000Z',
    key: 'connection:000.02.37.H52:overdue',
  };

  test('R-CONN-2 when the overdue activity runs, then the unit is marked non-compliant and escalated to the supervisors of the Provincial Office and the Department of ICT only', async () => {
    await acts.recordConnectionOverdue(overdue);
    const [org] = await q<{ deadline_missed: boolean; non_compliant_since: Date }>('SELECT deadline_missed, non_compliant_since FROM organizations WHERE code = ?', [overdue.orgCode]);
    expect(org.deadline_missed).toBe(true);
    expect(org.non_compliant_since.toISOString()).toBe('2019-12-30T16:59:59.999Z');
    expect(await notified(overdue.key)).toEqual([
      { username: 'giamsat.stttt', kind: 'connection_escalation' },
      { username: 'giamsat.vp', kind: 'connection_escalation' },
      { username: 'lanhdao.chiengson', kind: 'connection_overdue' },
      { username: 'vanthu.chiengson', kind: 'connection_overdue' },
    ]);
  });

  test('R-CONN-2 when an activity is retried after a crash, then no event or notification is written twice', async () => {
    const events = async () => (await q<{ n: string }>('SELECT count(*) n FROM connection_events WHERE organization_code = ?', [overdue.orgCode]))[0].n;
    const before = [await events(), (await notified(overdue.key)).length];
    await acts.recordConnectionOverdue(overdue);
    await Promise.all([acts.recordConnectionOverdue(overdue), acts.recordConnectionOverdue(overdue)]);
    expect([await events(), (await notified(overdue.key)).length]).toEqual(before);
  });

  test('R-CONN-2 when a reminder is sent, then the unit leader and clerk are told the days left and the deadline', async () => {
    const input = { orgCode: '000.02.37.H52', phase: 'before_deadline' as const, daysBefore: 30, state: 'not_connected' as const, deadline: '2019-12-30T16:59:59.999Z', at: '2019-11-30T17:00:00.000Z', key: 'connection:000.02.37.H52:reminder:30' };
    await acts.sendConnectionReminder(input);
    await acts.sendConnectionReminder(input);
    const rows = await q<{ title: string; body: string }>('SELECT title, body FROM notifications WHERE dedupe_key = ?', [input.key]);
    expect(rows).toHaveLength(2);
    expect(rows[0].title).toBe('Còn 30 ngày đến hạn kết nối liên thông');
    expect(rows[0].body).toContain('30/12/2019');
    const [org] = await q<{ last_reminder_at: Date }>('SELECT last_reminder_at FROM organizations WHERE code = ?', [input.orgCode]);
    expect(org.last_reminder_at.toISOString()).toBe(input.at);
  });

  test('R-CONN-1 when a state step is recorded, then the read model follows and a connected unit gets its connection time', async () => {
    const base = { orgCode: '000.01.41.H52', actor: 'admin', note: null };
    await acts.recordConnectionStep({ ...base, from: 'not_connected', to: 'infrastructure_ready', at: '2020-01-05T02:00:00.000Z', key: 'k:1' });
    await acts.recordConnectionStep({ ...base, from: 'infrastructure_ready', to: 'test_passed', at: '2020-01-06T02:00:00.000Z', key: 'k:2' });
    await acts.recordConnectionStep({ ...base, from: 'test_passed', to: 'connected', at: '2020-01-07T02:00:00.000Z', key: 'k:3' });
    await acts.recordConnectionStep({ ...base, from: 'test_passed', to: 'connected', at: '2020-01-08T02:00:00.000Z', key: 'k:3' });
    const [org] = await q<{ connection_state: string; connected_at: Date }>('SELECT connection_state, connected_at FROM organizations WHERE code = ?', [base.orgCode]);
    expect(org.connection_state).toBe('connected');
    expect(org.connected_at.toISOString()).toBe('2020-01-07T02:00:00.000Z');
  });

  test('R-CONN-2 when someone tries to edit the event log, then the database refuses (append-only)', async () => {
    await expect(tdb.db.sequelize.query('UPDATE connection_events SET note = ? ', { replacements: ['x'] })).rejects.toThrow(/append-only/);
    await expect(tdb.db.sequelize.query('DELETE FROM connection_events')).rejects.toThrow(/append-only/);
  });
});
