/**
 * Rules of managers' weekly sampling of crisis escalation summaries: which week, which summaries,
 * in what order, and the timeliness figures. Pure: no I/O, no engine, so the same seed and the
 * same rows give the same sample whichever database they came from.
 */
import { createHash } from 'node:crypto';
import { REPEAT_WINDOW_DAYS, SAMPLE_SIZE } from '../../../contracts/sampling.ts';
import { ukDateOf, ukOffsetMs } from '../access/calendar.ts';

const DAY_MS = 86_400_000;

/** A week, Monday to the next Monday, as UK dates and the instants they begin at. */
export interface SampleWeek {
  readonly start: string;
  readonly end: string;
  readonly fromInstant: string;
  readonly toInstant: string;
}

/** The instant a UK calendar date begins. */
export function ukMidnight(date: string): string {
  const utc = Date.parse(`${date}T00:00:00.000Z`);
  // The offset at UK midnight is the offset an hour either side of it: clocks change at 01:00 UTC.
  return new Date(utc - ukOffsetMs(utc)).toISOString();
}

/** Adds days to a calendar date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the UK week holding the date. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00.000Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** A week from its Monday. */
export function weekFrom(monday: string): SampleWeek {
  const end = addDays(monday, 7);
  return { start: monday, end, fromInstant: ukMidnight(monday), toInstant: ukMidnight(end) };
}

/** The last complete week before the instant: what the weekly job samples. */
export function lastCompleteWeek(now: Date): SampleWeek {
  return weekFrom(addDays(mondayOf(ukDateOf(now.getTime())), -7));
}

/** When the repeat-escalation window ending with the week begins. */
export function repeatWindowStart(week: SampleWeek): string {
  return ukMidnight(addDays(week.end, -REPEAT_WINDOW_DAYS));
}

/** A candidate for a sample: a crisis escalation summary sent in the week. */
export interface SampleCandidate {
  readonly handoverId: string;
  readonly personId: string;
  readonly sentAt: string;
}

/** Where a candidate falls for a seed: a hash of the seed and the handover's id. */
export function rankOf(seed: string, handoverId: string): string {
  return createHash('sha256').update(`${seed}:${handoverId}`).digest('hex');
}

/**
 * Draws the sample: every candidate ranked by the hash of (seed, id), the first `size` kept, then
 * put in the order they were sent. Depends only on the seed and the set of candidates, not on the
 * order a database returned them in.
 */
export function drawSample(
  candidates: readonly SampleCandidate[],
  seed: string,
  size: number = SAMPLE_SIZE,
): SampleCandidate[] {
  return [...candidates]
    .map((c) => ({ c, rank: rankOf(seed, c.handoverId) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    .slice(0, size)
    .map((x) => x.c)
    .sort((a, b) =>
      a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : a.handoverId < b.handoverId ? -1 : 1,
    );
}

/** Whether a person escalated more than once in the window counts as a repeat escalation. */
export function isRepeat(escalationsInWindow: number): boolean {
  return escalationsInWindow > 1;
}

/**
 * The median (the mean of the middle two for an even count) and the 90th percentile (nearest
 * rank: the smallest value at or above 90% of the values) of a list of minutes; null when empty.
 */
export function medianAndP90(values: readonly number[]): { median: number | null; p90: number | null } {
  if (values.length === 0) return { median: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const p90 = sorted[Math.ceil(0.9 * sorted.length) - 1] ?? null;
  return { median, p90 };
}

/** A handover as the timeliness figures need it. */
export interface TimelinessRow {
  readonly sentAt: string;
  readonly dueAt: string;
  readonly acknowledgedAt: string | null;
}

/** One week's figures. */
export interface WeekFigures {
  readonly weekStart: string;
  readonly sent: number;
  readonly acknowledged: number;
  readonly medianMinutes: number | null;
  readonly p90Minutes: number | null;
  readonly overdue: number;
}

/**
 * Week-by-week timeliness of escalations, oldest week first: how many were sent, how many
 * acknowledged, the median and 90th percentile minutes from sent to acknowledged, and how many
 * were overdue (acknowledged after their due time, or still unacknowledged past it at `now`).
 */
export function timelinessByWeek(
  rows: readonly TimelinessRow[],
  firstMonday: string,
  weeks: number,
  now: Date,
): WeekFigures[] {
  const starts = Array.from({ length: weeks }, (_, i) => addDays(firstMonday, i * 7));
  const byWeek = new Map<string, TimelinessRow[]>(starts.map((s) => [s, []]));
  for (const r of rows) byWeek.get(mondayOf(ukDateOf(Date.parse(r.sentAt))))?.push(r);
  const nowIso = now.toISOString();
  return starts.map((weekStart) => {
    const week = byWeek.get(weekStart) ?? [];
    const minutes = week
      .filter((r) => r.acknowledgedAt !== null)
      .map((r) => (Date.parse(r.acknowledgedAt ?? r.sentAt) - Date.parse(r.sentAt)) / 60_000);
    const { median, p90 } = medianAndP90(minutes);
    const overdue = week.filter((r) =>
      r.acknowledgedAt === null ? r.dueAt < nowIso : r.acknowledgedAt > r.dueAt,
    ).length;
    return {
      weekStart,
      sent: week.length,
      acknowledged: minutes.length,
      medianMinutes: median === null ? null : Math.round(median * 10) / 10,
      p90Minutes: p90 === null ? null : Math.round(p90 * 10) / 10,
      overdue,
    };
  });
}
