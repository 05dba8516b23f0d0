/**
 * Rule 5 over an indexed consent: what the person's provisions say about one recipient and one
 * category is worked out once and kept. Only routine coordination depends on the day (whether the
 * recipient is on the care team), so that one question is left to the caller and asked last.
 * Same outcomes as `permittingProvisionOf` and `explainConsent` in decide-consent.ts.
 */
import type { DataCategory } from '../../../contracts/enums.ts';
import type { ConsentFact, ConsentProvision } from './access.ts';
import { DENY } from './decide-denial.ts';
import type { IndexedException } from './decide-index.ts';
import { coversOrAll } from './decide-support.ts';
import { instantOf } from './decide-time.ts';

/** What the provisions say about one recipient and one category. */
export interface ConsentAnswer {
  /** A restriction covers the recipient and category: nothing the person agreed to applies. */
  readonly restricted: boolean;
  /** The first named-partner provision for the recipient that covers the category. */
  readonly named: ConsentProvision | undefined;
  /** The first routine provision open to the recipient that covers the category. */
  readonly routine: ConsentProvision | undefined;
  /** Some named-partner provision names the recipient, whatever its categories. */
  readonly namedReach: boolean;
  /** Some routine provision is open to the recipient, whatever its categories. */
  readonly routineReach: boolean;
}

/** Answers per recipient and category, filled in as questions are asked. */
export interface ConsentIndex {
  readonly consent: ConsentFact;
  readonly answers: Map<string, Map<string, ConsentAnswer>>;
}

/** An empty index over a consent. */
export function indexConsent(consent: ConsentFact): ConsentIndex {
  return { consent, answers: new Map() };
}

function answer(consent: ConsentFact, recipient: string, category: DataCategory): ConsentAnswer {
  let restricted = false;
  let named: ConsentProvision | undefined;
  let routine: ConsentProvision | undefined;
  let namedReach = false;
  let routineReach = false;
  for (const p of consent.provisions) {
    const covers = coversOrAll(p.categories, category);
    if (p.kind === 'RESTRICTION') {
      if ((p.organisationId === null || p.organisationId === recipient) && covers) restricted = true;
    } else if (p.kind === 'NAMED_PARTNER') {
      if (p.organisationId !== recipient) continue;
      namedReach = true;
      if (covers && named === undefined) named = p;
    } else if (p.kind === 'ROUTINE_COORDINATION') {
      if (p.organisationId !== null && p.organisationId !== recipient) continue;
      routineReach = true;
      if (covers && routine === undefined) routine = p;
    }
  }
  return { restricted, named, routine, namedReach, routineReach };
}

/** What the consent says about the recipient and category (computed once, then remembered). */
export function consentAnswerOf(
  index: ConsentIndex,
  recipient: string,
  category: DataCategory,
): ConsentAnswer {
  let byCategory = index.answers.get(recipient);
  if (byCategory === undefined) {
    byCategory = new Map();
    index.answers.set(recipient, byCategory);
  }
  let found = byCategory.get(category);
  if (found === undefined) {
    found = answer(index.consent, recipient, category);
    byCategory.set(category, found);
  }
  return found;
}

/**
 * The provision that permits the sharing, or undefined: a restriction wins over any permission,
 * a named partner is preferred to routine coordination, which needs the recipient on the team.
 */
export function permittingProvision(
  consent: ConsentFact,
  a: ConsentAnswer,
  onCareTeam: boolean,
): ConsentProvision | undefined {
  if (consent.status !== 'given' || a.restricted) return undefined;
  if (a.named !== undefined) return a.named;
  return a.routine !== undefined && onCareTeam ? a.routine : undefined;
}

/** Every reason (as deny bits) the person's consent does not permit the sharing. */
export function consentDenial(
  consent: ConsentFact | null,
  a: ConsentAnswer | null,
  onCareTeam: boolean,
): number {
  if (consent === null || a === null) return DENY.NO_CONSENT_RECORDED;
  if (consent.status === 'refused') return DENY.CONSENT_REFUSED;
  if (consent.status === 'withdrawn') return DENY.CONSENT_WITHDRAWN;
  const partnerSeen = a.namedReach || (a.routineReach && onCareTeam);
  const categorySeen = a.named !== undefined || (a.routine !== undefined && onCareTeam);
  let denied = a.restricted ? DENY.CONSENT_RESTRICTS_CATEGORY : 0;
  if (!partnerSeen) denied |= DENY.CONSENT_NOT_COVERING_PARTNER;
  else if (!categorySeen) denied |= DENY.CONSENT_NOT_COVERING_CATEGORY;
  return denied;
}

/**
 * A lawful exception in force at the instant that covers the recipient and category, if any.
 * `at` is the request's instant as text (see `decide`).
 */
export function liveExceptionOf(
  exceptions: readonly IndexedException[],
  recipient: string,
  category: DataCategory,
  at: string,
): IndexedException | undefined {
  const atMs = instantOf(at);
  for (let i = 0; i < exceptions.length; i++) {
    const e = exceptions[i] as IndexedException;
    const x = e.exception;
    if (x.recipientOrganisationId !== null && x.recipientOrganisationId !== recipient) continue;
    if (!coversOrAll(x.categories, category) || !(e.validFromMs <= atMs)) continue;
    if (e.validUntilMs === null || atMs < e.validUntilMs) return e;
  }
  return undefined;
}
