/**
 * The request's instant and its UK calendar date, read without `Date.parse`: on this path parsing
 * the timestamp used to cost more than the rest of the decision.
 */
import { ukDateOf } from './calendar.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
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

/** Days from 1970-01-01 to the proleptic Gregorian date (Hinnant's days_from_civil), for years >= 1. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

// The date (as yyyymmdd) of the last instant read in the usual form, and its UTC midnight.
let lastDay = -1;
let lastDayMs = Number.NaN;

/** Epoch milliseconds of the UTC midnight starting the date in `at`'s first ten characters, or NaN. */
function dayMsOf(at: string): number {
  const year = digitsAt(at, 0, 4);
  const month = digitsAt(at, 5, 2);
  const day = digitsAt(at, 8, 2);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  const key = year * 10_000 + month * 100 + day;
  if (key !== lastDay) {
    lastDay = key;
    lastDayMs = daysFromCivil(year, month, day) * DAY_MS;
  }
  return lastDayMs;
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
    // Requests cluster on one day: its midnight is worked out once for it.
    const dayMs = dayMsOf(at);
    const hour = digitsAt(at, 11, 2);
    const minute = digitsAt(at, 14, 2);
    const second = digitsAt(at, 17, 2);
    const ms = n === 24 ? digitsAt(at, 20, 3) : 0;
    if (
      !Number.isNaN(dayMs) &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59 &&
      ms >= 0
    ) {
      return dayMs + hour * HOUR_MS + minute * 60_000 + second * 1000 + ms;
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
