/** What an entry template needs to write believable text about one person. */
import type { OrganisationType } from '../../contracts/enums.ts';
import type { Random } from './random.ts';

/** Inputs to a template: the person, the writing organisation and a random source. */
export interface EntryContext {
  readonly random: Random;
  readonly givenName: string;
  /** The type of the organisation writing, so housing and clinical notes read differently. */
  readonly writerType: OrganisationType;
  /** The day the entry is recorded (YYYY-MM-DD). */
  readonly recordedOn: string;
  /** A date a few months after `recordedOn`, for reviews. */
  readonly reviewOn: string;
  /** An invented name for a relative, friend or carer. */
  otherName(): string;
  /** An invented mobile number in Ofcom's drama range. */
  phone(): string;
}

/** The text of one version of an entry. */
export interface EntryText {
  readonly title: string;
  readonly body: string;
}

/** A template for one data category. */
export type EntryTemplate = (context: EntryContext) => EntryText;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Picks up to `count` distinct items by striding through the list from a random start. */
export function pickSome<T>(context: EntryContext, items: readonly T[], count: number): T[] {
  const n = items.length;
  if (n === 0) return [];
  const start = context.random.int(0, n - 1);
  const candidate = n > 2 ? context.random.int(1, n - 1) : 1;
  // A stride coprime with the length visits every item once before repeating.
  const step = gcd(candidate, n) === 1 ? candidate : 1;
  const chosen: T[] = [];
  for (let i = 0; i < Math.min(count, n); i++) {
    const item = items[(start + i * step) % n];
    if (item !== undefined) chosen.push(item);
  }
  return chosen;
}
