/**
 * Answers that depend on the day only through comparisons with the facts' own dates. Between two
 * consecutive such dates every day gets the same answer, so the answer for each stretch is worked
 * out once, by the rule itself, and a later question is a binary search over the dates.
 * Dates are compared as strings, exactly as the rules compare them, so no date format is assumed.
 */
import { dayNumberOf } from './decide-time.ts';

/** How a day stands against one of the facts' dates, in the two ways the rules ask. */
export interface DayProbe {
  /** The day is the date or later (a start, `date <= today`). */
  onOrAfter(date: string): boolean;
  /** The day is later than the date (an end that has passed, `date < today`). */
  after(date: string): boolean;
}

/** An answer for every day: `values[i]` holds while exactly the first `i` bounds are passed. */
export interface DayTimeline<T> {
  readonly bounds: readonly string[];
  /** Per bound: true when passed only by a later day (`after`), false when passed on the day. */
  readonly strict: readonly boolean[];
  readonly values: readonly T[];
  /**
   * When every bound is a YYYY-MM-DD date: per bound the first day number that passes it (its
   * `dayNumberOf`, plus one when strict, as day numbers are whole); otherwise null.
   */
  readonly firstDays: readonly number[] | null;
}

const SCAN_LIMIT = 12;

interface Bound {
  readonly date: string;
  readonly strict: boolean;
}

// Sorted by date, and for one date the bound passed on the day first, so that for any day the
// bounds it has passed are a prefix of the list.
function byDate(a: Bound, b: Bound): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.strict === b.strict ? 0 : a.strict ? 1 : -1;
}

function rankOf(ranks: Map<string, number>, date: string): number {
  const rank = ranks.get(date);
  if (rank === undefined) throw new Error('a rule asked about a date its timeline was not built with');
  return rank;
}

/**
 * The timeline of `evaluate`, which may ask `onOrAfter` about any of `starts` and `after` about
 * any of `ends`. Neighbouring stretches with equal answers (by `same`) are merged.
 */
export function timelineOf<T>(
  starts: readonly string[],
  ends: readonly string[],
  evaluate: (probe: DayProbe) => T,
  same: (a: T, b: T) => boolean,
): DayTimeline<T> {
  const unique = new Map<string, Bound>();
  for (const date of starts) unique.set(`s${date}`, { date, strict: false });
  for (const date of ends) unique.set(`e${date}`, { date, strict: true });
  const sorted = [...unique.values()].sort(byDate);
  const startRank = new Map<string, number>();
  const endRank = new Map<string, number>();
  sorted.forEach((b, i) => {
    (b.strict ? endRank : startRank).set(b.date, i);
  });

  const bounds: string[] = [];
  const strict: boolean[] = [];
  const values: T[] = [];
  for (let passed = 0; passed <= sorted.length; passed++) {
    const value = evaluate({
      onOrAfter: (date) => rankOf(startRank, date) < passed,
      after: (date) => rankOf(endRank, date) < passed,
    });
    const previous = values[values.length - 1];
    if (values.length > 0 && same(previous as T, value)) continue;
    const bound = sorted[passed - 1];
    if (bound !== undefined) {
      bounds.push(bound.date);
      strict.push(bound.strict);
    }
    values.push(value);
  }
  const firstDays = bounds.map((date, i) => {
    const day = dayNumberOf(date);
    return day < 0 ? -1 : strict[i] === true ? day + 1 : day;
  });
  return { bounds, strict, values, firstDays: firstDays.every((d) => d >= 0) ? firstDays : null };
}

/**
 * The probe for one day, for a question asked once: building a timeline costs a few answers, so
 * it is built only when a question comes back (facts loaded for one request may never see it again).
 */
export function probeOf(today: string): DayProbe {
  return { onOrAfter: (date) => date <= today, after: (date) => date < today };
}

/**
 * The answer for the day: `today` compared as the facts' dates are, `day` its `dayNumberOf`
 * (used when it and every bound are YYYY-MM-DD dates, for the same answer).
 */
export function valueOn<T>(timeline: DayTimeline<T>, today: string, day: number): T {
  const firstDays = timeline.firstDays;
  if (day >= 0 && firstDays !== null) {
    const count = firstDays.length;
    // Most timelines have a handful of bounds, where a scan is cheaper than a search.
    if (count <= SCAN_LIMIT) {
      let passed = 0;
      while (passed < count && (firstDays[passed] as number) <= day) passed++;
      return timeline.values[passed] as T;
    }
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((firstDays[mid] as number) <= day) lo = mid + 1;
      else hi = mid;
    }
    return timeline.values[lo] as T;
  }
  const { bounds, strict } = timeline;
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const date = bounds[mid] as string;
    if (strict[mid] === true ? date < today : date <= today) lo = mid + 1;
    else hi = mid;
  }
  return timeline.values[lo] as T;
}
