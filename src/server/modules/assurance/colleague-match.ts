/**
 * Matching a person on the index to a staff account, for the COLLEAGUE_RECORD rule.
 *
 * Staff accounts hold no date of birth and no NHS number, so the match is necessarily weak:
 * - by email: the person's recorded email equals a staff account's email, ignoring case and
 *   surrounding spaces. Misses colleagues whose record holds a personal address (the usual case).
 * - by name: "given family" from the person index equals the account's display name, ignoring case
 *   and runs of spaces. Misses titles, middle names and preferred names ("Dr Ravi Menon", "Bob"), and
 *   matches strangers who share a common name.
 * A match therefore raises a case for the IG lead to look at; it proves nothing by itself.
 */
import type { PersonIdentity, StaffIdentity } from './anomaly.ts';

/** Which matchers are switched on. */
export interface MatcherSettings {
  readonly matchEmail: boolean;
  readonly matchName: boolean;
}

/** The staff accounts a person matched, and how. */
export interface ColleagueMatch {
  readonly staffIds: ReadonlySet<string>;
  readonly byEmail: boolean;
  readonly byName: boolean;
}

/** Email as compared: trimmed, lower case. */
export function normaliseEmail(email: string | null): string | null {
  const e = email?.trim().toLowerCase() ?? '';
  return e === '' ? null : e;
}

/** A name as compared: Unicode-normalised, lower case, single spaces. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Staff accounts indexed by their matching keys. */
export interface StaffIndex {
  readonly byEmail: ReadonlyMap<string, readonly string[]>;
  readonly byName: ReadonlyMap<string, readonly string[]>;
}

function push(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

/** Indexes staff accounts once per run. */
export function indexStaff(staff: readonly StaffIdentity[]): StaffIndex {
  const byEmail = new Map<string, string[]>();
  const byName = new Map<string, string[]>();
  for (const s of staff) {
    const email = normaliseEmail(s.email);
    if (email) push(byEmail, email, s.id);
    const name = normaliseName(s.displayName);
    if (name !== '') push(byName, name, s.id);
  }
  return { byEmail, byName };
}

/** The staff accounts a person matches under the settings, or null when none. */
export function matchColleague(
  person: PersonIdentity,
  index: StaffIndex,
  settings: MatcherSettings,
): ColleagueMatch | null {
  const staffIds = new Set<string>();
  let byEmail = false;
  let byName = false;
  const email = normaliseEmail(person.email);
  if (settings.matchEmail && email) {
    for (const id of index.byEmail.get(email) ?? []) {
      staffIds.add(id);
      byEmail = true;
    }
  }
  if (settings.matchName) {
    for (const id of index.byName.get(normaliseName(`${person.givenName} ${person.familyName}`)) ?? []) {
      staffIds.add(id);
      byName = true;
    }
  }
  return staffIds.size > 0 ? { staffIds, byEmail, byName } : null;
}
