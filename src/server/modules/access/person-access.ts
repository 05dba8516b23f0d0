import { DATA_CATEGORIES, type DataCategory, type Purpose } from '../../../contracts/enums.ts';
import type { Principal } from '../auth/auth.ts';
import type { AccessFacts, Actor, Decision } from './access.ts';
import { calendarDateOf } from './calendar.ts';
import { decide } from './decide.ts';
import type { AccessPolicy } from './policy.repository.ts';

/** The decision function's view of a principal. */
export function actorOf(principal: Principal): Actor {
  return {
    staffId: principal.staffId,
    organisationId: principal.organisationId,
    teamIds: principal.teamIds,
    roles: principal.roles,
    active: principal.active,
    igTrainingExpiresOn: principal.igTrainingExpiresOn,
    safeguardingTrained: principal.safeguardingTrained,
  };
}

/** Everything needed to ask about one person for one request. */
export interface PersonAccessQuestion {
  readonly principal: Principal;
  readonly personId: string;
  readonly facts: AccessFacts;
  readonly policy: AccessPolicy;
  readonly at: string;
  readonly purpose: Purpose;
}

/** A membership as eligibility checks read it. */
export interface MembershipLike {
  readonly staffId: string | null;
  readonly organisationId: string;
  readonly role: string;
  readonly startDate: string;
  readonly endDate: string | null;
}

/** Whether the principal is the person's care coordinator today, at their own organisation. */
export function isCurrentCoordinator(
  principal: Principal,
  memberships: readonly MembershipLike[],
  today: string,
): boolean {
  return memberships.some(
    (m) =>
      m.role === 'CARE_COORDINATOR' &&
      m.staffId === principal.staffId &&
      m.organisationId === principal.organisationId &&
      m.startDate <= today &&
      (m.endDate === null || today <= m.endDate),
  );
}

/**
 * Who may hand a person their access report: their care coordinator now, or an IG lead of an
 * organisation that has ever been on their care team (a subject access request can cover past
 * involvement); either with an active account and current IG training.
 */
export function mayReceiveAccessReport(
  principal: Principal,
  memberships: readonly MembershipLike[],
  today: string,
): boolean {
  if (!principal.active || !principal.igTrainingExpiresOn || principal.igTrainingExpiresOn < today)
    return false;
  const igLead =
    principal.roles.includes('ig_lead') &&
    memberships.some((m) => m.organisationId === principal.organisationId);
  return igLead || isCurrentCoordinator(principal, memberships, today);
}

/** Asks the decision function about one category of one organisation's data for this person. */
export function decideFor(
  q: PersonAccessQuestion,
  category: DataCategory,
  owningOrganisationId: string,
  action: 'view' | 'edit' = 'view',
): Decision {
  return decide(
    {
      actor: actorOf(q.principal),
      personId: q.personId,
      category,
      owningOrganisationId,
      action,
      purpose: q.purpose,
      at: q.at,
      facts: q.facts,
    },
    q.policy.tiers,
  );
}

/**
 * Whether the principal could see anything of anyone they are involved with: the decision function
 * asked about a person on whose care team they stand, with nothing else known. False when the
 * account is inactive, IG training has lapsed or no role's tier holds any category; such a caller
 * has no caseload to list and no standing to register or open records.
 */
export function mayHoldCaseload(principal: Principal, policy: AccessPolicy, at: string): boolean {
  const today = calendarDateOf(at) ?? at.slice(0, 10);
  const probe: PersonAccessQuestion = {
    principal,
    personId: 'caseload-probe',
    facts: {
      careTeam: [
        {
          id: 'probe',
          staffId: principal.staffId,
          teamId: null,
          organisationId: principal.organisationId,
          role: 'OTHER',
          startDate: today,
          endDate: null,
        },
      ],
      agreements: [],
      consent: null,
      lawfulExceptions: [],
      breakGlassGrants: [],
    },
    policy,
    at,
    purpose: 'DIRECT_CARE',
  };
  return mayKnowPerson(probe, DATA_CATEGORIES);
}

/**
 * Whether the caller may know the person exists: a permit to view some category of their own
 * organisation's data, which needs involvement (care team or live break-glass), training and a tier.
 */
export function mayKnowPerson(q: PersonAccessQuestion, categories: readonly DataCategory[]): boolean {
  return categories.some((c) => decideFor(q, c, q.principal.organisationId).effect === 'permit');
}
