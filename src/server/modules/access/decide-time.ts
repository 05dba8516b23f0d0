/**
 * The request's instant and its UK calendar date, read without `Date.parse`: on this path parsing
 * the timestamp used to cost more than the rest of the decision.
 */
import { ukDateOf } from './calendar.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const DAY_LIMIT = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The two-digit number at `from`, or -1 when either is not an ASCII digit. */
function twoDigitsAt(text: string, from: number): number {
  const tens = text.charCodeAt(from) - 48;
  const units = text.charCodeAt(from + 1) - 48;
  // One unsigned comparison rejects both a code below '0' (negative) and one above '9'; past the
  // end of the text a code is NaN, which that comparison would take for 0, so it is rejected first.
  if (Number.isNaN(tens) || Number.isNaN(units)) return -1;
  return tens >>> 0 < 10 && units >>> 0 < 10 ? tens * 10 + units : -1;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAY_LIMIT[month] ?? 0;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}

// The instant last read and its epoch milliseconds. The milliseconds stay in a typed array: a double
// kept in a module-level `let`, or returned from a function V8 does not inline, is boxed in a new
// heap number, and requests each bring a new instant.
let lastAt = '';
const lastAtMs = new Float64Array([Number.NaN]);

/**
 * Epoch milliseconds of an ISO instant, exactly as `Date.parse` reads it. The last one read is
 * remembered: a request asks one decision per category, all at the same instant, and the decision's
 * helpers read it again (see `decide`). The common UTC forms
 * (`YYYY-MM-DDTHH:MM:SSZ`, with or without milliseconds) are read digit by digit; anything else,
 * including out-of-range fields, goes to `Date.parse` so its verdict (often NaN) stands.
 */
export function instantOf(at: string): number {
  if (at !== lastAt) {
    readInstant(at);
    lastAt = at;
  }
  return lastAtMs[0] as number;
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

// Days before each month's first in a common year (index 1 = January).
const DAYS_BEFORE_MONTH = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
// The year of the last instant read in the usual form, its 1 January (days from 1970) and
// whether it is a leap year: requests cluster in one year, so a date costs a table read.
let lastYear = -1;
let lastYearDays = 0;
let lastYearLeap = false;

// Below the day count of any date read here (years from 1000, about -354 000 days).
const NOT_A_DATE = -1_000_000;

/**
 * Days from 1970-01-01 to the date in `at`'s first ten characters, or NOT_A_DATE. Days rather than
 * milliseconds: a day count is a small integer, where milliseconds would be boxed on return.
 */
function daysOf(at: string): number {
  const century = twoDigitsAt(at, 0);
  const yearOfCentury = twoDigitsAt(at, 2);
  const year = century < 0 || yearOfCentury < 0 ? -1 : century * 100 + yearOfCentury;
  const month = twoDigitsAt(at, 5);
  const day = twoDigitsAt(at, 8);
  if (year < 1000 || month < 1 || month > 12 || day < 1) return NOT_A_DATE;
  if (year !== lastYear) {
    lastYear = year;
    lastYearDays = daysFromCivil(year, 1, 1);
    lastYearLeap = daysInMonth(year, 2) === 29;
  }
  if (day > (month === 2 ? (lastYearLeap ? 29 : 28) : (DAY_LIMIT[month] as number))) return NOT_A_DATE;
  const leapDay = lastYearLeap && month > 2 ? 1 : 0;
  return lastYearDays + (DAYS_BEFORE_MONTH[month] as number) + leapDay + day - 1;
}

/** The three digits of milliseconds at 20, or -1 when any is not an ASCII digit. */
function millisecondsAt(at: string): number {
  const hundreds = at.charCodeAt(20) - 48;
  const rest = twoDigitsAt(at, 21);
  return hundreds >>> 0 < 10 && rest >= 0 ? hundreds * 100 + rest : -1;
}

/** Reads `at` as `instantOf` does into `lastAtMs`, where the result stays unboxed. */
function readInstant(at: string): void {
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
    // Requests cluster in one year: its first day is worked out once for it.
    const days = daysOf(at);
    const hour = twoDigitsAt(at, 11);
    const minute = twoDigitsAt(at, 14);
    const second = twoDigitsAt(at, 17);
    const ms = n === 24 ? millisecondsAt(at) : 0;
    if (
      days !== NOT_A_DATE &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59 &&
      ms >= 0
    ) {
      lastAtMs[0] = days * DAY_MS + hour * HOUR_MS + minute * 60_000 + second * 1000 + ms;
      return;
    }
  }
  lastAtMs[0] = Date.parse(at);
}

// UK dates remembered per UTC hour in a direct-mapped table (slot = hour modulo its size): a
// decision's instants cluster around now, and a slot is an array read where a map is a hash lookup.
const SLOTS = 16_384;
const slotHour = new Float64Array(SLOTS).fill(Number.NaN);
const slotToday: string[] = new Array<string>(SLOTS).fill('');
const slotDay = new Int32Array(SLOTS);

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * A YYYY-MM-DD date as the number yyyymmdd, or -1 for any other text. Two such dates compare as
 * strings exactly as their numbers compare, and numbers compare faster.
 */
export function dayNumberOf(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return -1;
  let value = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const code = date.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + (code - 48);
  }
  return value;
}

/**
 * The table slot holding the UK date of the UTC hour (hours since the epoch), filled in when it
 * holds another. It takes the hour, a small integer, as the milliseconds would be boxed to pass.
 */
function slotOf(hour: number): number {
  const slot = hour & (SLOTS - 1);
  if (slotHour[slot] !== hour) {
    const today = ukDateOf(hour * HOUR_MS);
    slotHour[slot] = hour;
    slotToday[slot] = today;
    slotDay[slot] = dayNumberOf(today);
  }
  return slot;
}

/**
 * The UK calendar date of an instant (as `ukDateOf`), remembered per UTC hour: UK clocks change
 * and UK days begin on whole UTC hours, so every instant within one UTC hour has the same date.
 */
export function ukTodayOf(atMs: number): string {
  return slotToday[slotOf(Math.floor(atMs / HOUR_MS))] as string;
}

/** `dayNumberOf(ukTodayOf(atMs))`, remembered with it. */
export function ukDayNumberOf(atMs: number): number {
  return slotDay[slotOf(Math.floor(atMs / HOUR_MS))] as number;
}
