/**
 * The request's instant and its UK calendar date, read without `Date.parse`: on this path parsing
 * the timestamp used to cost more than the rest of the decision.
 */
import { ukDateOf } from './calendar.ts';

const HOUR_MS = 3_600_000;
const DAY_LIMIT = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
// Hours whose UK date is remembered; a decision's instants cluster around now.
const MAX_REMEMBERED_HOURS = 16_384;

/** The number in `count` ASCII digits from `from`, or -1 when any is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAY_LIMIT[month] ?? 0;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}

let lastAt = '';
let lastAtMs = Number.NaN;

/**
 * Epoch milliseconds of an ISO instant, exactly as `Date.parse` reads it. The last one read is
 * remembered: a request asks one decision per category, all at the same instant. The common UTC forms
 * (`YYYY-MM-DDTHH:MM:SSZ`, with or without milliseconds) are read digit by digit; anything else,
 * including out-of-range fields, goes to `Date.parse` so its verdict (often NaN) stands.
 */
export function instantOf(at: string): number {
  if (at === lastAt) return lastAtMs;
  const ms = parseInstant(at);
  lastAt = at;
  lastAtMs = ms;
  return ms;
}

function parseInstant(at: string): number {
  const n = at.length;
  if (
    (n === 20 || (n === 24 && at.charCodeAt(19) === 46)) &&
    at.charCodeAt(n - 1) === 90 &&
    at.charCodeAt(4) === 45 &&
    at.charCodeAt(7) === 45 &&
    at.charCodeAt(10) === 84 &&
    at.charCodeAt(13) === 58 &&
    at.charCodeAt(16) === 58
  ) {
    const year = digitsAt(at, 0, 4);
    const month = digitsAt(at, 5, 2);
    const day = digitsAt(at, 8, 2);
    const hour = digitsAt(at, 11, 2);
    const minute = digitsAt(at, 14, 2);
    const second = digitsAt(at, 17, 2);
    const ms = n === 24 ? digitsAt(at, 20, 3) : 0;
    if (
      year >= 1000 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= daysInMonth(year, month) &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59 &&
      ms >= 0
    ) {
      return Date.UTC(year, month - 1, day, hour, minute, second, ms);
    }
  }
  return Date.parse(at);
}

const todayByHour = new Map<number, string>();
let lastHour = Number.NaN;
let lastToday = '';

/**
 * The UK calendar date of an instant (as `ukDateOf`), remembered per UTC hour: UK clocks change
 * and UK days begin on whole UTC hours, so every instant within one UTC hour has the same date.
 */
export function ukTodayOf(atMs: number): string {
  const hour = Math.floor(atMs / HOUR_MS);
  if (hour === lastHour) return lastToday;
  let today = todayByHour.get(hour);
  if (today === undefined) {
    if (todayByHour.size >= MAX_REMEMBERED_HOURS) todayByHour.clear();
    today = ukDateOf(hour * HOUR_MS);
    todayByHour.set(hour, today);
  }
  lastHour = hour;
  lastToday = today;
  return today;
}
