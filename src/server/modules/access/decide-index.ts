/**
 * Facts indexed for the decision: care-team memberships by organisation and member, break-glass
 * grants by staff with their instants parsed, exceptions with theirs, agreements by direction and
 * purpose, consent by recipient and category. An index is built once per facts object (and each
 * part once per array it came from, so facts that share the partnership's agreements share their
 * index) and then only read. Facts are immutable values: an index never goes stale.
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

/** The care team by organisation, then by named member or by team. */
export interface CareTeamIndex {
  readonly byStaff: ReadonlyMap<string, ReadonlyMap<string, readonly IndexedMembership[]>>;
  readonly byTeam: ReadonlyMap<string, ReadonlyMap<string, readonly IndexedMembership[]>>;
  readonly presence: ReadonlyMap<string, OrganisationPresence>;
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
  readonly grantsByStaff: ReadonlyMap<string, readonly IndexedGrant[]>;
}

const byFacts = new WeakMap<AccessFacts, FactsIndex>();
const careTeams = new WeakMap<readonly CareTeamMembership[], CareTeamIndex>();
const agreementSets = new WeakMap<readonly SharingAgreementFact[], AgreementIndex>();
const consents = new WeakMap<ConsentFact, ConsentIndex>();
const exceptionSets = new WeakMap<readonly LawfulExceptionFact[], readonly IndexedException[]>();
const grantSets = new WeakMap<readonly BreakGlassGrantFact[], ReadonlyMap<string, readonly IndexedGrant[]>>();

function memo<K extends object, V>(cache: WeakMap<K, V>, key: K, build: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = build(key);
    cache.set(key, value);
  }
  return value;
}

function listIn<V>(map: Map<string, Map<string, V[]>>, outer: string, inner: string): V[] {
  let byInner = map.get(outer);
  if (byInner === undefined) {
    byInner = new Map();
    map.set(outer, byInner);
  }
  let list = byInner.get(inner);
  if (list === undefined) {
    list = [];
    byInner.set(inner, list);
  }
  return list;
}

function indexCareTeam(careTeam: readonly CareTeamMembership[]): CareTeamIndex {
  const byStaff = new Map<string, Map<string, IndexedMembership[]>>();
  const byTeam = new Map<string, Map<string, IndexedMembership[]>>();
  const presence = new Map<string, OrganisationPresence>();
  careTeam.forEach((membership, order) => {
    const entry = { membership, order };
    const org = membership.organisationId;
    if (membership.staffId !== null) listIn(byStaff, org, membership.staffId).push(entry);
    if (membership.teamId !== null) listIn(byTeam, org, membership.teamId).push(entry);
    let seen = presence.get(org);
    if (seen === undefined) {
      seen = { openFrom: undefined, ended: [] };
      presence.set(org, seen);
    }
    if (membership.endDate !== null) seen.ended.push(membership);
    else if (seen.openFrom === undefined || membership.startDate < seen.openFrom)
      seen.openFrom = membership.startDate;
  });
  return { byStaff, byTeam, presence };
}

function indexExceptions(exceptions: readonly LawfulExceptionFact[]): readonly IndexedException[] {
  return exceptions.map((exception) => ({
    exception,
    validFromMs: instantOf(exception.validFrom),
    validUntilMs: exception.validUntil === null ? null : instantOf(exception.validUntil),
  }));
}

function indexGrants(grants: readonly BreakGlassGrantFact[]): ReadonlyMap<string, readonly IndexedGrant[]> {
  const byStaff = new Map<string, IndexedGrant[]>();
  for (const grant of grants) {
    const entry = {
      grant,
      grantedAtMs: instantOf(grant.grantedAt),
      expiresAtMs: instantOf(grant.expiresAt),
    };
    const list = byStaff.get(grant.staffId);
    if (list === undefined) byStaff.set(grant.staffId, [entry]);
    else list.push(entry);
  }
  return byStaff;
}

function buildIndex(facts: AccessFacts): FactsIndex {
  return {
    careTeam: memo(careTeams, facts.careTeam, indexCareTeam),
    agreements: memo(agreementSets, facts.agreements, indexAgreements),
    consent: facts.consent,
    consentIndex: facts.consent === null ? null : memo(consents, facts.consent, indexConsent),
    exceptions: memo(exceptionSets, facts.lawfulExceptions, indexExceptions),
    grantsByStaff: memo(grantSets, facts.breakGlassGrants, indexGrants),
  };
}

/**
 * The index of a facts object, built on first use and kept for as long as the facts are. Callers
 * that decide many times over the same facts may call it ahead; `decide` calls it either way.
 */
export function indexFacts(facts: AccessFacts): FactsIndex {
  return memo(byFacts, facts, buildIndex);
}
