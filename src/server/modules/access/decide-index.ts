/**
 * Facts indexed for the decision: care-team memberships by organisation and member, break-glass
 * grants by staff with their instants parsed, exceptions with theirs, agreements by direction and
 * purpose, consent by recipient and category. Each facts object gets its index on first use (facts
 * that share the partnership's agreements share their index), filled in lazily, key by key:
 * the first question about a member, an organisation or a direction scans the facts once, as an
 * unindexed decision would, and every later one is a lookup. Answers that depend on the day (a
 * member's live membership, an organisation's presence on the care team, the agreement covering a
 * need or why none does) are kept as timelines (decide-timeline.ts). Facts are immutable values:
 * an index never goes stale.
 */
import type { DataCategory } from '../../../contracts/enums.ts';
import type {
  AccessFacts,
  BreakGlassGrantFact,
  CareTeamMembership,
  ConsentFact,
  LawfulExceptionFact,
  SharingAgreementFact,
} from './access.ts';
import { type AgreementIndex, indexAgreements } from './decide-agreement.ts';
import {
  type ConsentAnswer,
  type ConsentIndex,
  consentAnswerOf,
  indexConsent,
} from './decide-consent-index.ts';
import { coversOrAll } from './decide-support.ts';
import { instantOf } from './decide-time.ts';
import type { DayTimeline } from './decide-timeline.ts';

/** A membership and its place in the care team as loaded (the first live one is the one cited). */
export interface IndexedMembership {
  readonly membership: CareTeamMembership;
  readonly order: number;
}

/** A member of staff's membership in force on any day, by person or through their teams. */
export interface ActorMemberships {
  /** The teams it was worked out for. */
  readonly teamIds: readonly string[];
  /** Undefined until the member is asked about a second time. */
  timeline: DayTimeline<CareTeamMembership | undefined> | undefined;
}

/** The care team by organisation, then by named member or by team, filled in as asked. */
export interface CareTeamIndex {
  readonly careTeam: readonly CareTeamMembership[];
  readonly byStaff: Map<string, Map<string, readonly IndexedMembership[]>>;
  readonly byTeam: Map<string, Map<string, readonly IndexedMembership[]>>;
  /** Organisation -> member of staff -> their membership by day. */
  readonly byActor: Map<string, Map<string, ActorMemberships>>;
  /** Organisation -> whether it has anyone on the care team, by day (null when asked once). */
  readonly presence: Map<string, DayTimeline<boolean> | null>;
}

/** A break-glass grant with its instants parsed. */
export interface IndexedGrant {
  readonly grant: BreakGlassGrantFact;
  readonly grantedAtMs: number;
  readonly expiresAtMs: number;
}

/** A lawful exception with its instants parsed (NaN when unreadable, which never holds). */
export interface IndexedException {
  readonly exception: LawfulExceptionFact;
  readonly validFromMs: number;
  readonly validUntilMs: number | null;
}

/** What the person's facts say about sharing one category with one recipient, whatever the day. */
export interface SharingFacts {
  /** What the consent's provisions say (null when no consent is recorded). */
  readonly consent: ConsentAnswer | null;
  /** The lawful exceptions that name the recipient (or anyone) and cover the category, in order. */
  readonly exceptions: readonly IndexedException[];
}

/** Everything the decision reads, indexed. */
export interface FactsIndex {
  readonly careTeam: CareTeamIndex;
  readonly agreements: AgreementIndex;
  readonly consent: ConsentFact | null;
  readonly consentIndex: ConsentIndex | null;
  readonly exceptions: readonly IndexedException[];
  readonly grants: GrantIndex;
  /** Recipient -> category -> sharing facts, filled in as asked. */
  readonly sharing: Map<string, Map<string, SharingFacts>>;
}

/** Break-glass grants by staff, filled in as asked. */
export interface GrantIndex {
  readonly grants: readonly BreakGlassGrantFact[];
  readonly byStaff: Map<string, readonly IndexedGrant[]>;
}

const byFacts = new WeakMap<AccessFacts, FactsIndex>();
// Agreements are the partnership's, shared by every person's facts: their index is shared too.
const agreementSets = new WeakMap<readonly SharingAgreementFact[], AgreementIndex>();

function memo<K extends object, V>(cache: WeakMap<K, V>, key: K, build: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = build(key);
    cache.set(key, value);
  }
  return value;
}

const NO_MEMBERSHIPS: readonly IndexedMembership[] = [];

function indexCareTeam(careTeam: readonly CareTeamMembership[]): CareTeamIndex {
  return { careTeam, byStaff: new Map(), byTeam: new Map(), byActor: new Map(), presence: new Map() };
}

/** The map within `map` under `key`, made when first asked. */
export function innerMap<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let found = map.get(key);
  if (found === undefined) {
    found = new Map();
    map.set(key, found);
  }
  return found;
}

function membershipsWhere(
  careTeam: readonly CareTeamMembership[],
  matches: (m: CareTeamMembership) => boolean,
): readonly IndexedMembership[] {
  let found: IndexedMembership[] | undefined;
  for (let order = 0; order < careTeam.length; order++) {
    const membership = careTeam[order];
    if (membership === undefined || !matches(membership)) continue;
    found ??= [];
    found.push({ membership, order });
  }
  return found ?? NO_MEMBERSHIPS;
}

/** The organisation's memberships naming the member of staff, in care-team order. */
export function membershipsOfStaff(
  index: CareTeamIndex,
  organisationId: string,
  staffId: string,
): readonly IndexedMembership[] {
  const byStaff = innerMap(index.byStaff, organisationId);
  let list = byStaff.get(staffId);
  if (list === undefined) {
    list = membershipsWhere(
      index.careTeam,
      (m) => m.organisationId === organisationId && m.staffId === staffId,
    );
    byStaff.set(staffId, list);
  }
  return list;
}

/** The organisation's memberships naming the team, in care-team order. */
export function membershipsOfTeam(
  index: CareTeamIndex,
  organisationId: string,
  teamId: string,
): readonly IndexedMembership[] {
  const byTeam = innerMap(index.byTeam, organisationId);
  let list = byTeam.get(teamId);
  if (list === undefined) {
    list = membershipsWhere(
      index.careTeam,
      (m) => m.organisationId === organisationId && m.teamId === teamId,
    );
    byTeam.set(teamId, list);
  }
  return list;
}

function indexExceptions(exceptions: readonly LawfulExceptionFact[]): readonly IndexedException[] {
  return exceptions.map((exception) => ({
    exception,
    validFromMs: instantOf(exception.validFrom),
    validUntilMs: exception.validUntil === null ? null : instantOf(exception.validUntil),
  }));
}

const NO_GRANTS: readonly IndexedGrant[] = [];

function indexGrants(grants: readonly BreakGlassGrantFact[]): GrantIndex {
  return { grants, byStaff: new Map() };
}

/** The member of staff's grants with their instants parsed, in the order loaded. */
export function grantsOf(index: GrantIndex, staffId: string): readonly IndexedGrant[] {
  let list = index.byStaff.get(staffId);
  if (list === undefined) {
    let found: IndexedGrant[] | undefined;
    for (const grant of index.grants) {
      if (grant.staffId !== staffId) continue;
      found ??= [];
      found.push({ grant, grantedAtMs: instantOf(grant.grantedAt), expiresAtMs: instantOf(grant.expiresAt) });
    }
    list = found ?? NO_GRANTS;
    index.byStaff.set(staffId, list);
  }
  return list;
}

function buildIndex(facts: AccessFacts): FactsIndex {
  return {
    careTeam: indexCareTeam(facts.careTeam),
    agreements: memo(agreementSets, facts.agreements, indexAgreements),
    consent: facts.consent,
    consentIndex: facts.consent === null ? null : indexConsent(facts.consent),
    exceptions: indexExceptions(facts.lawfulExceptions),
    grants: indexGrants(facts.breakGlassGrants),
    sharing: new Map(),
  };
}

// Kept out of `sharingFactsOf`: its closure would make V8 allocate a context on every call there.
function buildSharingFacts(index: FactsIndex, recipient: string, category: DataCategory): SharingFacts {
  return {
    consent: index.consentIndex === null ? null : consentAnswerOf(index.consentIndex, recipient, category),
    exceptions: index.exceptions.filter((e) => {
      const x = e.exception;
      return (
        (x.recipientOrganisationId === null || x.recipientOrganisationId === recipient) &&
        coversOrAll(x.categories, category)
      );
    }),
  };
}

/** What the facts say about sharing the category with the recipient (worked out once, then kept). */
export function sharingFactsOf(index: FactsIndex, recipient: string, category: DataCategory): SharingFacts {
  const byCategory = innerMap(index.sharing, recipient);
  let found = byCategory.get(category);
  if (found === undefined) {
    found = buildSharingFacts(index, recipient, category);
    byCategory.set(category, found);
  }
  return found;
}

/**
 * The index of a facts object, built on first use and kept for as long as the facts are. Callers
 * that decide many times over the same facts may call it ahead; `decide` calls it either way.
 */
export function indexFacts(facts: AccessFacts): FactsIndex {
  return memo(byFacts, facts, buildIndex);
}
