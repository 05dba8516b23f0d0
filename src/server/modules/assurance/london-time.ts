/**
 * UK wall-clock time of audit instants. Working hours, weekends and "a day's reads" are judged as
 * staff live them (Europe/London, with British Summer Time), not in UTC.
 */

const DAY_MS = 86_400_000;

const FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
});

const WEEKDAYS: Readonly<Record<string, number>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** An instant as read on a UK clock. */
export interface LondonTime {
  /** UK calendar date, YYYY-MM-DD. */
  readonly date: string;
  /** Hour of the day, 0-23. */
  readonly hour: number;
  /** Day of the week, 0 = Sunday. */
  readonly weekday: number;
}

// Several rules read the same entries; formatting dominates a run, so recent answers are kept.
const CACHE_LIMIT = 100_000;
const cache = new Map<string, LondonTime>();

/** The UK date, hour and weekday of an ISO instant. */
export function londonTimeOf(iso: string): LondonTime {
  const known = cache.get(iso);
  if (known) return known;
  const parts: Record<string, string> = {};
  for (const p of FORMAT.formatToParts(new Date(iso))) parts[p.type] = p.value;
  const time = {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
  };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(iso, time);
  return time;
}

/** A calendar date moved by whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last day of a month given as YYYY-MM. */
export function lastDayOfMonth(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, month ?? 1, 0)).toISOString().slice(0, 10);
}
