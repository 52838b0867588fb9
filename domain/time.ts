/**
 * Vietnam time (R-TIME-1, QĐ 2588 Article 14.4). Vietnam has kept a fixed UTC+07:00 offset with
 * no daylight saving since 1975, so a constant offset is exact for every date this system handles
 * and needs no time-zone database (which also keeps this usable inside the workflow sandbox).
 */
export const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** ISO 8601 with the +07:00 offset, e.g. 2019-12-30T23:59:59.999+07:00. */
export function toVietnamIso(date: Date | number | string): string {
  const ms = new Date(date).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`invalid date: ${String(date)}`);
  return new Date(ms + VN_OFFSET_MS).toISOString().replace('Z', '+07:00');
}

/** Calendar parts of an instant as seen in Vietnam. */
export function vietnamParts(date: Date | number): { year: number; month: number; day: number; hour: number; minute: number; weekday: number } {
  const d = new Date(new Date(date).getTime() + VN_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  };
}

export const DAY_MS = 24 * 60 * 60 * 1000;
