/**
 * Deterministic generator of people for the demo: the same seed and day always give the same
 * rows. Each person is drawn from their own seeded stream, so any one can be made on its own in
 * constant time and 10,000 people cost no more per head than 10.
 */
import type {
  CareTeamMembershipRow,
  PersonRow,
  RecordEntryRow,
  RecordEntryVersionRow,
} from '../modules/people/people.tables.ts';
import { generateCareTeam } from './care-team.ts';
import { startOfUtcDay, workingInstant } from './demo-dates.ts';
import { indexPartnership } from './partnership-index.ts';
import type { DemoPartnership } from './partnership-types.ts';
import { DEMO_NHS_NUMBER_CAPACITY, demoNhsNumber, generatePersonDetails } from './person-details.ts';
import { createRandom, mixSeed } from './random.ts';
import { generateEntries } from './record-entries.ts';

/** What to generate: how many people, from which seed, as of which day, in which partnership. */
export interface GenerateOptions {
  readonly count: number;
  readonly seed: number;
  readonly today: Date;
  readonly partnership: DemoPartnership;
}

/** One person with their care team and record, shaped as table rows. */
export interface GeneratedPerson {
  readonly person: PersonRow;
  readonly memberships: CareTeamMembershipRow[];
  readonly entries: RecordEntryRow[];
  readonly versions: RecordEntryVersionRow[];
}

/** Many people, their rows gathered per table. */
export interface GeneratedPeople {
  readonly people: PersonRow[];
  readonly careTeamMemberships: CareTeamMembershipRow[];
  readonly recordEntries: RecordEntryRow[];
  readonly recordEntryVersions: RecordEntryVersionRow[];
}

/** The most people one seed can produce: the size of the demo NHS number range. */
export const MAX_DEMO_PEOPLE = DEMO_NHS_NUMBER_CAPACITY;

/** Returns a function that makes the person at any index in [0, MAX_DEMO_PEOPLE). */
export function createPersonGenerator(
  options: Omit<GenerateOptions, 'count'>,
): (index: number) => GeneratedPerson {
  const partnership = indexPartnership(options.partnership);
  const { care, writers } = options.partnership;
  const todayMs = startOfUtcDay(options.today);
  const nhsOffset = mixSeed(options.seed, 0x4e4853) % DEMO_NHS_NUMBER_CAPACITY;
  return (index) => {
    if (!Number.isInteger(index) || index < 0 || index >= MAX_DEMO_PEOPLE) {
      throw new RangeError(`person index must be an integer from 0 to ${MAX_DEMO_PEOPLE - 1}`);
    }
    const random = createRandom(mixSeed(options.seed, index), index, options.seed);
    const personId = random.uuid();
    const nhsNumber = demoNhsNumber(index, nhsOffset, random.int(0, 9));
    const details = generatePersonDetails(random, todayMs);
    const team = generateCareTeam({ random, index, personId, todayMs, roster: care, partnership });
    const record = generateEntries({
      random,
      index,
      personId,
      givenName: details.givenName,
      familyName: details.familyName,
      todayMs,
      involvedSince: team.involvedSince,
      knownForDays: team.knownForDays,
      writers,
      partnership,
    });
    // Registered on the index on the day they first became known to a partner.
    const createdAt = workingInstant(todayMs, Math.max(team.knownForDays, 1), 0);
    return {
      person: {
        id: personId,
        nhs_number: nhsNumber,
        given_name: details.givenName,
        family_name: details.familyName,
        date_of_birth: details.dateOfBirth,
        phone: details.phone,
        email: details.email,
        address: details.address,
        postcode: details.postcode,
        created_at: createdAt,
        updated_at: createdAt,
      },
      memberships: team.memberships,
      entries: record.entries,
      versions: record.versions,
    };
  };
}

/** Generates `count` people (at most MAX_DEMO_PEOPLE) with care teams and records. */
export function generatePeople(options: GenerateOptions): GeneratedPeople {
  if (!Number.isInteger(options.count) || options.count < 0 || options.count > MAX_DEMO_PEOPLE) {
    throw new RangeError(`count must be an integer from 0 to ${MAX_DEMO_PEOPLE}`);
  }
  const make = createPersonGenerator(options);
  const out: GeneratedPeople = {
    people: [],
    careTeamMemberships: [],
    recordEntries: [],
    recordEntryVersions: [],
  };
  for (let index = 0; index < options.count; index++) {
    const one = make(index);
    out.people.push(one.person);
    out.careTeamMemberships.push(...one.memberships);
    out.recordEntries.push(...one.entries);
    out.recordEntryVersions.push(...one.versions);
  }
  return out;
}
