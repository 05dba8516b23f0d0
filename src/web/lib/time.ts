import { useEffect, useState } from 'react';

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});
const londonHour = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  hourCycle: 'h23',
  timeZone: 'Europe/London',
});

/** An instant's clock time in the UK: 14:05. */
export function formatTime(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : timeFormat.format(date);
}

/** Whole minutes from now until the instant, rounded up; 0 once it has passed. */
export function minutesUntil(value: string, now: Date): number {
  const ms = Date.parse(value) - now.getTime();
  return Number.isNaN(ms) || ms <= 0 ? 0 : Math.ceil(ms / 60_000);
}

/** "1 minute", "25 minutes", "2 hours 5 minutes". */
export function durationWords(minutes: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes < 60) return plural(minutes, 'minute');
  const rest = minutes % 60;
  return `${plural(Math.floor(minutes / 60), 'hour')}${rest ? ` ${plural(rest, 'minute')}` : ''}`;
}

/** "in 25 minutes", "in 2 hours 5 minutes". */
export function inMinutes(minutes: number): string {
  return `in ${durationWords(minutes)}`;
}

/** The instant a UK calendar day (YYYY-MM-DD) starts, as ISO-8601 UTC; null for a date that is not one. */
export function londonDayStart(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const midnightUtc = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(midnightUtc.getTime())) return null;
  // In British Summer Time the UK day starts an hour before midnight UTC.
  const offsetHours = Number(londonHour.format(midnightUtc)) % 24;
  return new Date(midnightUtc.getTime() - offsetHours * 3_600_000).toISOString();
}

/** The calendar date n days after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The current time, re-read every `everyMs` so countdowns stay live. */
export function useNow(everyMs = 15_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

const shortDateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'Europe/London',
});

/** An instant compactly, for dense tables: 22 Nov 2026, 18:32:05. */
export function formatShortDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : shortDateTime.format(date);
}
