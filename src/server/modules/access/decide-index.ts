/**
 * Facts indexed for the decision: care-team memberships by organisation and member, break-glass
 * grants by staff with their instants parsed, exceptions with theirs, agreements by direction and
 * purpose, consent by recipient and category. Each facts object gets its index on first use (facts
 * that share the partnership's agreements share their index), filled in lazily, key by key:
 * the first question about a member, an organisation or a direction scans the facts once, as an
 * unindexed decision would, and every later one is a lookup. Facts are immutable values: an index
 * never goes stale.
 */
import type {
  AccessFacts,
  BreakGlassGrantFact,
  CareTeamMembership,
  ConsentFact,
  LawfulExceptionFact,
  SharingAgreementFact,
} from './access.ts';
import { type AgreementIndex, indexAgreements } from './decide-agreement.ts';
import { type ConsentIndex, indexConsent } from './decide-consent-index.ts';
import { instantOf } from './decide-time.ts';

/** A membership and its place in the care team as loaded (the first live one is the one cited). */
export interface IndexedMembership {
  readonly membership: CareTeamMembership;
  readonly order: number;
}

/** Whether an organisation is on the care team, answerable for any day. */
export interface OrganisationPresence {
  /** The earliest start of the organisation's open-ended memberships; undefined when it has none. */
  openFrom: string | undefined;
  /** Its memberships with an end date. */
  readonly ended: CareTeamMembership[];
}

/** The care team by organisation, then by named member or by team, filled in as asked. */
export interface CareTeamIndex {
  readonly careTeam: readonly CareTeamMembership[];
  readonly byStaff: Map<string, Map<string, readonly IndexedMembership[]>>;
  readonly byTeam: Map<string, Map<string, readonly IndexedMembership[]>>;
  readonly presence: Map<string, OrganisationPresence>;
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

/** Everything the decision reads, indexed. */
export interface FactsIndex {
  readonly careTeam: CareTeamIndex;
  readonly agreements: AgreementIndex;
  readonly consent: ConsentFact | null;
  readonly consentIndex: ConsentIndex | null;
  readonly exceptions: readonly IndexedException[];
  readonly grants: GrantIndex;
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
  return { careTeam, byStaff: new Map(), byTeam: new Map(), presence: new Map() };
}

function inner<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
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
  const byStaff = inner(index.byStaff, organisationId);
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
  const byTeam = inner(index.byTeam, organisationId);
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

/** Whether and when the organisation is on the care team. */
export function presenceOf(index: CareTeamIndex, organisationId: string): OrganisationPresence {
  let seen = index.presence.get(organisationId);
  if (seen === undefined) {
    seen = { openFrom: undefined, ended: [] };
    for (const m of index.careTeam) {
      if (m.organisationId !== organisationId) continue;
      if (m.endDate !== null) seen.ended.push(m);
      else if (seen.openFrom === undefined || m.startDate < seen.openFrom) seen.openFrom = m.startDate;
    }
    index.presence.set(organisationId, seen);
  }
  return seen;
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
  };
}

/**
 * The index of a facts object, built on first use and kept for as long as the facts are. Callers
 * that decide many times over the same facts may call it ahead; `decide` calls it either way.
 */
export function indexFacts(facts: AccessFacts): FactsIndex {
  return memo(byFacts, facts, buildIndex);
}
