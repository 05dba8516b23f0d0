import { utcDateOf } from '../modules/access/calendar.ts';
/** Date arithmetic for the demo, all in UTC so the data is the same in every time zone. */

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** Midnight UTC at the start of the given instant's UTC day. */
export function startOfUtcDay(at: Date): number {
  return Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/**
 * The calendar date (YYYY-MM-DD) of an instant in UTC. Computed arithmetically (Hinnant's
 * days-to-civil) because the generator formats hundreds of thousands of dates and
 * Date#toISOString dominated its run time.
 */
export function isoDate(ms: number): string {
  return utcDateOf(ms);
}

/** The calendar date a number of days before (negative: after) a UTC midnight. */
export function daysBefore(dayMs: number, days: number): string {
  return isoDate(dayMs - days * DAY_MS);
}

/** An instant during the working day (08:00 to 18:59 UTC) on the day a number of days back. */
export function workingInstant(dayMs: number, daysAgo: number, minuteOfDay: number): string {
  const minutes = 8 * 60 + (minuteOfDay % (11 * 60));
  return `${daysBefore(dayMs, daysAgo)}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}:00.000Z`;
}
