/**
 * Test factories for access decisions: a permitted baseline with overrides. The baseline is a care
 * manager at the trust, on the person's care team, viewing the trust's own care plan.
 */
import type {
  AccessFacts,
  Actor,
  BreakGlassGrantFact,
  CareTeamMembership,
  ConsentFact,
  ConsentProvision,
  DecisionRequest,
  LawfulExceptionFact,
  SharingAgreementFact,
} from './access.ts';

/** Organisation ids used by the factories. */
export const ORG = {
  trust: 'org-trust',
  council: 'org-council',
  housing: 'org-housing',
  gp: 'org-gp',
} as const;

/** The instant of the baseline request (a summer day, so UK time is BST). */
export const AT = '2025-06-15T10:00:00Z';

/** An active, trained care manager at the trust. */
export function makeActor(overrides: Partial<Actor> = {}): Actor {
  return {
    staffId: 'staff-trust-1',
    organisationId: ORG.trust,
    teamIds: ['team-cmht'],
    roles: ['care_manager'],
    active: true,
    igTrainingExpiresOn: '2026-03-31',
    safeguardingTrained: false,
    ...overrides,
  };
}

/** An open care-team membership of the baseline actor. */
export function makeMembership(overrides: Partial<CareTeamMembership> = {}): CareTeamMembership {
  return {
    id: 'ctm-1',
    staffId: 'staff-trust-1',
    teamId: null,
    organisationId: ORG.trust,
    role: 'CARE_COORDINATOR',
    startDate: '2025-01-01',
    endDate: null,
    ...overrides,
  };
}

/** An active, complete agreement letting trust and council share for care, both ways. */
export function makeAgreement(overrides: Partial<SharingAgreementFact> = {}): SharingAgreementFact {
  const categories = ['RISK_SUMMARY', 'CRISIS_PLAN', 'CONTACTS_CARERS', 'CARE_PLAN', 'MEDICATION'] as const;
  return {
    id: 'dsa-1',
    version: 3,
    status: 'active',
    startDate: '2025-01-01',
    endDate: '2026-12-31',
    complete: true,
    grants: [
      { fromOrganisationId: ORG.trust, toOrganisationId: ORG.council, purpose: 'DIRECT_CARE', categories },
      {
        fromOrganisationId: ORG.trust,
        toOrganisationId: ORG.council,
        purpose: 'CRISIS_RESPONSE',
        categories,
      },
      { fromOrganisationId: ORG.council, toOrganisationId: ORG.trust, purpose: 'DIRECT_CARE', categories },
    ],
    ...overrides,
  };
}

/** A consent provision (routine coordination, all categories, unless overridden). */
export function makeProvision(overrides: Partial<ConsentProvision> = {}): ConsentProvision {
  return { id: 'prov-1', kind: 'ROUTINE_COORDINATION', organisationId: null, categories: [], ...overrides };
}

/** Consent given for routine coordination with the care team. */
export function makeConsent(overrides: Partial<ConsentFact> = {}): ConsentFact {
  return { id: 'consent-1', status: 'given', reviewDue: false, provisions: [makeProvision()], ...overrides };
}

/** A lawful exception in force for any recipient and category since the start of the year. */
export function makeException(overrides: Partial<LawfulExceptionFact> = {}): LawfulExceptionFact {
  return {
    id: 'exc-1',
    ground: 'SAFEGUARDING',
    recipientOrganisationId: null,
    categories: [],
    validFrom: '2025-06-01T00:00:00Z',
    validUntil: null,
    rationale: 'Recorded by the safeguarding lead',
    ...overrides,
  };
}

/** A live break-glass grant for the baseline actor covering the crisis summary. */
export function makeGrant(overrides: Partial<BreakGlassGrantFact> = {}): BreakGlassGrantFact {
  return {
    id: 'bg-1',
    staffId: 'staff-trust-1',
    grantedAt: '2025-06-15T09:00:00Z',
    expiresAt: '2025-06-15T21:00:00Z',
    categories: ['RISK_SUMMARY', 'CRISIS_PLAN', 'CONTACTS_CARERS'],
    ...overrides,
  };
}

/** Facts in which the baseline actor is on the care team and consent allows routine sharing. */
export function makeFacts(overrides: Partial<AccessFacts> = {}): AccessFacts {
  return {
    careTeam: [makeMembership()],
    agreements: [makeAgreement()],
    consent: makeConsent(),
    lawfulExceptions: [],
    breakGlassGrants: [],
    ...overrides,
  };
}

/** Overrides for `makeRequest`: actor and facts merge field by field. */
export type RequestOverrides = Omit<Partial<DecisionRequest>, 'actor' | 'facts'> & {
  readonly actor?: Partial<Actor>;
  readonly facts?: Partial<AccessFacts>;
};

/** A request the default policy permits, changed by the overrides. */
export function makeRequest(overrides: RequestOverrides = {}): DecisionRequest {
  const { actor, facts, ...rest } = overrides;
  return {
    personId: 'person-1',
    category: 'CARE_PLAN',
    owningOrganisationId: ORG.trust,
    action: 'view',
    purpose: 'DIRECT_CARE',
    at: AT,
    ...rest,
    actor: makeActor(actor),
    facts: makeFacts(facts),
  };
}

const COUNCIL_ACTOR: Partial<Actor> = {
  staffId: 'staff-council-1',
  organisationId: ORG.council,
  teamIds: ['team-asc'],
};

/**
 * A council care manager, on the care team, viewing the trust's data: crosses organisations under
 * the baseline agreement and routine consent. Fact overrides replace the baseline facts.
 */
export function makeCrossRequest(overrides: RequestOverrides = {}): DecisionRequest {
  const careTeam = [
    makeMembership(),
    makeMembership({
      id: 'ctm-2',
      staffId: 'staff-council-1',
      organisationId: ORG.council,
      role: 'SOCIAL_WORKER',
    }),
  ];
  return makeRequest({
    category: 'RISK_SUMMARY',
    ...overrides,
    actor: { ...COUNCIL_ACTOR, ...overrides.actor },
    facts: { careTeam, ...overrides.facts },
  });
}
