import { connectionTransitionProblem, nextConnectionState, remindersAhead } from '../../domain/connection';
import { DAY_MS } from '../../domain/time';

describe('connection states (R-CONN-1)', () => {
  test('R-CONN-1 when advancing one step at a time, then each step is allowed', () => {
    expect(connectionTransitionProblem('not_connected', 'infrastructure_ready')).toBeNull();
    expect(connectionTransitionProblem('infrastructure_ready', 'test_passed')).toBeNull();
    expect(connectionTransitionProblem('test_passed', 'connected')).toBeNull();
    expect(nextConnectionState('connected')).toBeNull();
  });
  test.each([
    ['not_connected', 'connected'],
    ['not_connected', 'test_passed'],
    ['test_passed', 'infrastructure_ready'],
    ['infrastructure_ready', 'infrastructure_ready'],
    ['connected', 'not_connected'],
    ['not_connected', 'bogus'],
  ])('R-CONN-1 when going from %s to %s, then it is refused with a reason', (from, to) => {
    expect(connectionTransitionProblem(from as never, to)).toEqual(expect.any(String));
  });
});

describe('connection reminders (R-CONN-2)', () => {
  const deadline = Date.parse('2019-12-30T23:59:59.999+07:00');
  test('R-CONN-2 when starting long before the deadline, then reminders come 90, 30 and 7 days before, earliest first', () => {
    const r = remindersAhead(deadline - 200 * DAY_MS, deadline, [7, 90, 30]);
    expect(r.map((x) => x.daysBefore)).toEqual([90, 30, 7]);
    expect(r[0].at).toBe(deadline - 90 * DAY_MS);
  });
  test('R-CONN-2 when starting 40 days before, then the 90-day reminder is skipped', () => {
    expect(remindersAhead(deadline - 40 * DAY_MS, deadline, [90, 30, 7]).map((x) => x.daysBefore)).toEqual([30, 7]);
  });
  test('R-CONN-2 when starting after the deadline, then no reminder is ahead', () => {
    expect(remindersAhead(deadline + 1, deadline, [90, 30, 7])).toEqual([]);
  });
});
