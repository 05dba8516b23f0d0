/** Generates one person's record entries, written by care-team members of plausible organisations. */
import { DATA_CATEGORIES, type DataCategory } from '../../contracts/enums.ts';
import type { RecordEntryRow, RecordEntryVersionRow } from '../modules/people/people.tables.ts';
import { daysBefore, workingInstant } from './demo-dates.ts';
import type { EntryContext } from './entry-context.ts';
import { amendEntry, writeEntry } from './entry-templates.ts';
import { FAMILY_NAMES, GIVEN_NAMES } from './names.ts';
import type { PartnershipIndex } from './partnership-index.ts';
import type { DemoPartnership } from './partnership-types.ts';
import type { Random } from './random.ts';

/** A person's generated entries and every version of them. */
export interface GeneratedEntries {
  readonly entries: RecordEntryRow[];
  readonly versions: RecordEntryVersionRow[];
}

/** What entry generation needs about the person and their care team. */
export interface EntriesInput {
  readonly random: Random;
  readonly index: number;
  readonly personId: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly todayMs: number;
  readonly involvedSince: ReadonlyMap<string, number>;
  /** Days ago the person became known to services; nothing is written before that. */
  readonly knownForDays: number;
  readonly writers: DemoPartnership['writers'];
  readonly partnership: PartnershipIndex;
}

// Entries reach back at most two years.
const HISTORY_DAYS = 730;
const AMENDED_SHARE = 0.12;

/** Decides which categories this person has entries in; one category is forced by index for coverage. */
function planCategories(input: EntriesInput): DataCategory[] {
  const { random: r, index, involvedSince, writers, partnership } = input;
  const plan: DataCategory[] = ['RISK_SUMMARY', 'CRISIS_PLAN', 'CARE_PLAN', 'SUPPORT_INSTRUCTIONS'];
  if (r.chance(0.9)) plan.push('CONTACTS_CARERS');
  if (r.chance(0.4)) plan.push('CARE_PLAN');
  if (r.chance(0.7)) plan.push('OUTCOMES');
  if (r.chance(0.3)) plan.push('OUTCOMES');
  if (r.chance(0.5)) plan.push('SERVICE_USE');
  if (r.chance(0.75)) plan.push('ASSESSMENT');
  if (r.chance(0.25)) plan.push('INCIDENTS');
  if (r.chance(0.75)) plan.push('MEDICATION');
  if (r.chance(0.8)) plan.push('DIAGNOSIS');
  // Safeguarding records exist where a safeguarding lead is involved, and now and then otherwise.
  const leadInvolved = writers.SAFEGUARDING.some(
    (u) => involvedSince.has(u) && partnership.staff(u).roles.includes('safeguarding_lead'),
  );
  if (leadInvolved || r.chance(0.08)) plan.push('SAFEGUARDING');
  const forced = DATA_CATEGORIES[index % DATA_CATEGORIES.length];
  if (forced && !plan.includes(forced)) plan.push(forced);
  return plan;
}

/** Writes the person's entries; categories with no plausible writer on the care team are left out. */
export function generateEntries(input: EntriesInput): GeneratedEntries {
  const { random: r, index, involvedSince, writers } = input;
  const entries: RecordEntryRow[] = [];
  const versions: RecordEntryVersionRow[] = [];
  const forced = DATA_CATEGORIES[index % DATA_CATEGORIES.length];
  for (const category of planCategories(input)) {
    const candidates = writers[category].filter((u) => involvedSince.has(u));
    let username = candidates.length > 0 ? r.pick(candidates) : undefined;
    // Coverage of every category beats strict plausibility for the one forced entry.
    if (!username && category === forced) username = writers[category][0];
    if (!username) continue;
    const author = input.partnership.staff(username);
    const reach = Math.min(HISTORY_DAYS, Math.max(1, involvedSince.get(username) ?? input.knownForDays));
    const daysAgo = r.int(1, reach);
    const context = contextFor(input, author.organisationType, daysAgo);
    const first = writeEntry(category, context);
    const entryId = r.uuid();
    const recordedAt = workingInstant(input.todayMs, daysAgo, r.int(0, 659));
    versions.push({
      entry_id: entryId,
      version: 1,
      title: first.title,
      body: first.body,
      author_id: author.id,
      recorded_at: recordedAt,
      amendment_reason: null,
    });
    let updatedAt = recordedAt;
    let currentVersion = 1;
    if (daysAgo >= 2 && r.chance(AMENDED_SHARE)) {
      const amendedDaysAgo = r.int(1, daysAgo - 1);
      const amendment = amendEntry(
        category,
        first,
        contextFor(input, author.organisationType, amendedDaysAgo),
      );
      updatedAt = workingInstant(input.todayMs, amendedDaysAgo, r.int(0, 659));
      currentVersion = 2;
      versions.push({
        entry_id: entryId,
        version: 2,
        title: amendment.title,
        body: amendment.body,
        author_id: author.id,
        recorded_at: updatedAt,
        amendment_reason: amendment.reason,
      });
    }
    entries.push({
      id: entryId,
      person_id: input.personId,
      category,
      organisation_id: author.organisationId,
      current_version: currentVersion,
      created_at: recordedAt,
      created_by: author.id,
      updated_at: updatedAt,
    });
  }
  return { entries, versions };
}

function contextFor(
  input: EntriesInput,
  writerType: EntryContext['writerType'],
  daysAgo: number,
): EntryContext {
  const r = input.random;
  return {
    random: r,
    givenName: input.givenName,
    writerType,
    recordedOn: daysBefore(input.todayMs, daysAgo),
    reviewOn: daysBefore(input.todayMs, daysAgo - r.int(90, 180)),
    otherName: () => `${r.pick(GIVEN_NAMES)} ${r.chance(0.5) ? input.familyName : r.pick(FAMILY_NAMES)}`,
    phone: () => `07700 900${String(r.int(0, 999)).padStart(3, '0')}`,
  };
}
