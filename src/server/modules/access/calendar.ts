/**
 * Calendar dates for access rules. Memberships, agreements and training are dated in UK local
 * time (that is what practitioners write), so "today" is the UK date of the instant, not the UTC one.
 * Pure arithmetic on the UK rule in force since 1996 (last Sunday of March to last Sunday of
 * October, 01:00 UTC): this runs on every decision, and Date formatting or Intl would dominate it.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Year, month (1-12) and day of a day count since 1970-01-01, packed as year*10000+month*100+day. */
function civilFromDays(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return (yoe + era * 400 + (month <= 2 ? 1 : 0)) * 10_000 + month * 100 + day;
}

/** 01:00 UTC on the last Sunday of a month (1-12): when UK clocks change. */
function lastSundayClockChange(year: number, month: number): number {
  const lastDay = daysFromCivil(year, month + 1, 1) - 1;
  // 1 January 1970 was a Thursday; this gives 0 for Sunday.
  const weekday = (((lastDay + 4) % 7) + 7) % 7;
  return (lastDay - weekday) * DAY_MS + HOUR_MS;
}

/** Offset of UK local time from UTC at an instant: one hour during British Summer Time. */
export function ukOffsetMs(atMs: number): number {
  const year = Math.floor(civilFromDays(Math.floor(atMs / DAY_MS)) / 10_000);
  return atMs >= lastSundayClockChange(year, 3) && atMs < lastSundayClockChange(year, 10) ? HOUR_MS : 0;
}

/** The UK calendar date (YYYY-MM-DD) of an instant given in epoch milliseconds. */
export function ukDateOf(atMs: number): string {
  return utcDateOf(atMs + ukOffsetMs(atMs));
}

/** The UTC calendar date (YYYY-MM-DD) of epoch milliseconds, without Date formatting (hot paths). */
export function utcDateOf(ms: number): string {
  const packed = civilFromDays(Math.floor(ms / DAY_MS));
  const year = Math.floor(packed / 10_000);
  const monthDay = packed % 10_000;
  const month = Math.floor(monthDay / 100);
  const day = monthDay % 100;
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** The UK calendar date of an ISO instant, or null when it cannot be read. */
export function calendarDateOf(at: string): string | null {
  const atMs = Date.parse(at);
  return Number.isNaN(atMs) ? null : ukDateOf(atMs);
}

/**
 * The last millisecond of a UK calendar date (YYYY-MM-DD), in epoch milliseconds: one millisecond
 * before UK midnight starts the next day (23:59:59.999 GMT, or 22:59:59.999 UTC in summer time).
 * Clocks change at 01:00 UTC, never at midnight, so UK midnight is unambiguous.
 */
export function ukEndOfDayMs(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const nextUtcMidnight = (daysFromCivil(year, month, day) + 1) * DAY_MS;
  const summer = ukOffsetMs(nextUtcMidnight - HOUR_MS) === HOUR_MS;
  return nextUtcMidnight - (summer ? HOUR_MS : 0) - 1;
}

/** {@link ukEndOfDayMs} as an ISO instant. */
export function ukEndOfDay(date: string): string {
  return new Date(ukEndOfDayMs(date)).toISOString();
}
