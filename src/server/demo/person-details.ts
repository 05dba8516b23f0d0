/** Invented identity and contact details for one generated person. */
import { withCheckDigit } from '../../contracts/nhs-number.ts';
import { DAY_MS, isoDate } from './demo-dates.ts';
import { FAMILY_NAMES, GIVEN_NAMES, inwardLetters, STREETS, TOWNS } from './names.ts';
import type { Random } from './random.ts';

/** How many distinct NHS numbers the demo range holds: five free digits after `999`, plus one. */
export const DEMO_NHS_NUMBER_CAPACITY = 100_000;

// Coprime with the capacity, so index -> slot is a bijection and neighbours get unrelated numbers.
const NHS_STRIDE = 7919;

/**
 * A valid NHS number in the 999 test range, unique per index for a given offset. The ninth digit
 * is free: of its ten values at most one yields the never-issued check digit 10, so one retry is
 * always enough.
 */
export function demoNhsNumber(index: number, offset: number, ninth: number): string {
  const slot = (index * NHS_STRIDE + offset) % DEMO_NHS_NUMBER_CAPACITY;
  const head = `999${String(slot).padStart(5, '0')}`;
  const number = withCheckDigit(`${head}${ninth % 10}`) ?? withCheckDigit(`${head}${(ninth + 1) % 10}`);
  if (!number) throw new Error(`no valid NHS number for slot ${slot}`);
  return number;
}

/** The person-index fields of a generated person. */
export interface PersonDetails {
  readonly givenName: string;
  readonly familyName: string;
  readonly dateOfBirth: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly address: string | null;
  readonly postcode: string | null;
}

function emailPart(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '');
}

/** Draws names, an adult date of birth (18 to 89) and Northshire contact details. */
export function generatePersonDetails(r: Random, todayMs: number): PersonDetails {
  const givenName = r.pick(GIVEN_NAMES);
  const familyName = r.pick(FAMILY_NAMES);
  // 6576 days is just over 18 years; 32_800 days is just under 90.
  const dateOfBirth = isoDate(todayMs - r.int(6576, 32_800) * DAY_MS);
  const phoneRoll = r.next();
  // Ofcom reserves 07700 900xxx and 01632 960xxx for drama, so these never reach a real phone.
  const phone =
    phoneRoll < 0.85
      ? `07700 900${String(r.int(0, 999)).padStart(3, '0')}`
      : phoneRoll < 0.92
        ? `01632 960${String(r.int(0, 999)).padStart(3, '0')}`
        : null;
  const email = r.chance(0.35)
    ? `${emailPart(givenName)}.${emailPart(familyName)}${r.int(1, 99)}@example.org`
    : null;
  // A few people have no fixed abode, which services meet often enough to matter.
  if (r.chance(0.03))
    return { givenName, familyName, dateOfBirth, phone, email, address: null, postcode: null };
  const town = r.pick(TOWNS);
  const flat = r.chance(0.3) ? `Flat ${r.int(1, 24)}, ` : '';
  const address = `${flat}${r.int(1, 180)} ${r.pick(STREETS)}, ${town.name}`;
  const postcode = `NX${r.pick(town.districts)} ${r.int(1, 9)}${inwardLetters(r.int(0, 399))}`;
  return { givenName, familyName, dateOfBirth, phone, email, address, postcode };
}
