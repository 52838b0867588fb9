import { toVietnamIso, vietnamParts } from '../../domain/time';

describe('Vietnam time (R-TIME-1)', () => {
  test('R-TIME-1 when formatting an instant, then it is ISO 8601 with +07:00', () => {
    expect(toVietnamIso(new Date('2019-12-30T16:59:59.999Z'))).toBe('2019-12-30T23:59:59.999+07:00');
    expect(toVietnamIso('2018-08-31T17:00:00Z')).toBe('2018-09-01T00:00:00.000+07:00');
  });
  test('R-TIME-1 when parsing the formatted text back, then it is the same instant', () => {
    const d = new Date('2026-11-27T12:34:56.789Z');
    expect(new Date(toVietnamIso(d)).getTime()).toBe(d.getTime());
  });
  test('R-TIME-1 when an instant is 17:00 UTC, then in Vietnam it is already the next day', () => {
    expect(vietnamParts(new Date('2019-12-31T17:00:00Z'))).toMatchObject({ year: 2020, month: 1, day: 1, hour: 0 });
  });
  test('R-TIME-1 when the date is invalid, then it is refused', () => {
    expect(() => toVietnamIso('not a date')).toThrow(RangeError);
  });
});
