/**
 * fast-check arbitraries for generated partnerships: a few organisations, staff and teams, and
 * dated facts scattered around the instant of the request so every rule both passes and fails.
 */
import fc from 'fast-check';
import {
  ACCESS_ACTIONS,
  AGREEMENT_STATUSES,
  CARE_TEAM_ROLES,
  type CareTeamRole,
  DATA_CATEGORIES,
  type DataCategory,
  LAWFUL_EXCEPTION_GROUNDS,
  PURPOSES,
  STAFF_ROLES,
  type StaffRole,
} from '../../../contracts/enums.ts';
import type {
  AccessFacts,
  Actor,
  AgreementGrant,
  BreakGlassGrantFact,
  CareTeamMembership,
  ConsentFact,
  DecisionRequest,
  LawfulExceptionFact,
  SharingAgreementFact,
  TierPolicy,
} from './access.ts';

/** Organisations of generated partnerships. */
export const GEN_ORGS = ['org-a', 'org-b', 'org-c'] as const;
const STAFF = ['s1', 's2', 's3'] as const;
const TEAMS = ['t1', 't2'] as const;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
// Ordinary days, a leap day and both UK clock changes (so "today" must be the UK date).
const ANCHOR_DAYS = ['2024-02-29', '2025-03-30', '2025-06-15', '2025-10-26', '2025-12-31'].map(
  (d) => Date.parse(`${d}T00:00:00Z`) / DAY_MS,
);

const weighted = <T>(common: T, rare: T, weight = 8): fc.Arbitrary<T> =>
  fc.oneof({ weight, arbitrary: fc.constant(common) }, { weight: 1, arbitrary: fc.constant(rare) });
const org = fc.constantFrom(...GEN_ORGS);
const categories = (pool: readonly DataCategory[] = DATA_CATEGORIES): fc.Arbitrary<DataCategory[]> =>
  fc.subarray([...pool]);
const someCategories = fc.oneof(fc.constant<DataCategory[]>([]), categories());
const likelyRoles: StaffRole[] = ['care_manager', 'clinical', 'duty', 'frontline', 'safeguarding_lead'];
const roles = fc.oneof(
  { weight: 6, arbitrary: fc.subarray(likelyRoles, { minLength: 1, maxLength: 2 }) },
  { weight: 1, arbitrary: fc.subarray([...STAFF_ROLES], { minLength: 1, maxLength: 2 }) },
);

/** A dated partnership scenario before it is laid out around its anchor day. */
const scenario = fc.record({
  anchorDay: fc.constantFrom(...ANCHOR_DAYS),
  atMinute: fc.integer({ min: -1440, max: 2 * 1440 }),
  actor: fc.record({
    staffId: fc.constantFrom(...STAFF),
    organisationId: org,
    teamIds: fc.subarray([...TEAMS]),
    roles,
    active: weighted(true, false),
    trainingDay: fc.option(fc.integer({ min: -2, max: 30 }), { freq: 10 }),
    safeguardingTrained: fc.boolean(),
  }),
  category: fc.oneof(
    fc.constantFrom<DataCategory>('RISK_SUMMARY', 'CRISIS_PLAN', 'CARE_PLAN'),
    fc.constantFrom(...DATA_CATEGORIES),
  ),
  owner: org,
  action: fc.oneof(
    { weight: 3, arbitrary: fc.constant('view' as const) },
    fc.constantFrom(...ACCESS_ACTIONS),
  ),
  purpose: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('DIRECT_CARE' as const, 'CRISIS_RESPONSE' as const) },
    fc.constantFrom(...PURPOSES),
  ),
  recipient: fc.option(org),
  // Nudges towards permits, so that every rule is also seen failing alone.
  ownData: fc.boolean(),
  actorMembership: fc.option(
    fc.record({ start: fc.integer({ min: -30, max: 1 }), end: fc.option(fc.integer({ min: -2, max: 30 })) }),
    { freq: 4 },
  ),
  coveringAgreement: fc.boolean(),
  memberships: fc.array(
    fc.record({
      staffId: fc.option(fc.constantFrom(...STAFF)),
      teamId: fc.option(fc.constantFrom(...TEAMS)),
      organisationId: org,
      role: fc.constantFrom(...CARE_TEAM_ROLES),
      start: fc.integer({ min: -30, max: 2 }),
      end: fc.option(fc.integer({ min: -3, max: 30 })),
    }),
    { maxLength: 6 },
  ),
  agreements: fc.array(
    fc.record({
      version: fc.integer({ min: 1, max: 5 }),
      statusActive: weighted(true, false, 3),
      otherStatus: fc.constantFrom(...AGREEMENT_STATUSES),
      complete: weighted(true, false, 6),
      start: fc.integer({ min: -400, max: 2 }),
      end: fc.option(fc.integer({ min: -3, max: 400 })),
      grants: fc.array(
        fc.record({ from: org, to: org, purpose: fc.constantFrom(...PURPOSES), categories: categories() }),
        { minLength: 1, maxLength: 4 },
      ),
    }),
    { maxLength: 3 },
  ),
  consent: fc.option(
    fc.record({
      status: fc.oneof(
        { weight: 4, arbitrary: fc.constant('given' as const) },
        fc.constantFrom('refused' as const, 'withdrawn' as const),
      ),
      reviewDue: fc.boolean(),
      provisions: fc.array(
        fc.record({
          kind: fc.constantFrom(
            'ROUTINE_COORDINATION' as const,
            'NAMED_PARTNER' as const,
            'RESTRICTION' as const,
          ),
          organisationId: fc.option(org),
          categories: someCategories,
        }),
        { maxLength: 4 },
      ),
    }),
    { freq: 6 },
  ),
  exceptions: fc.array(
    fc.record({
      ground: fc.constantFrom(...LAWFUL_EXCEPTION_GROUNDS),
      recipient: fc.option(org),
      // Nudges towards permits, so that every rule is also seen failing alone.
      ownData: fc.boolean(),
      actorMembership: fc.option(
        fc.record({
          start: fc.integer({ min: -30, max: 1 }),
          end: fc.option(fc.integer({ min: -2, max: 30 })),
        }),
        { freq: 4 },
      ),
      coveringAgreement: fc.boolean(),
      categories: someCategories,
      fromMinute: fc.integer({ min: -3 * 1440, max: 1440 }),
      untilMinute: fc.option(fc.integer({ min: -1440, max: 3 * 1440 })),
    }),
    { maxLength: 2 },
  ),
  grants: fc.array(
    fc.record({
      staffId: fc.constantFrom(...STAFF),
      fromMinute: fc.integer({ min: -2 * 1440, max: 1440 }),
      minutes: fc.integer({ min: 1, max: 1440 }),
      categories: fc.oneof(categories(['RISK_SUMMARY', 'CRISIS_PLAN', 'CONTACTS_CARERS']), categories()),
    }),
    { maxLength: 2 },
  ),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

function layOut(s: Scenario): DecisionRequest {
  const day = (offset: number): string =>
    new Date((s.anchorDay + offset) * DAY_MS).toISOString().slice(0, 10);
  const noon = s.anchorDay * DAY_MS + 12 * 60 * MINUTE_MS;
  const atMs = noon + s.atMinute * MINUTE_MS;
  const instant = (minute: number): string => new Date(atMs + minute * MINUTE_MS).toISOString();
  const actor: Actor = {
    ...s.actor,
    igTrainingExpiresOn: s.actor.trainingDay === null ? null : day(s.actor.trainingDay),
  };
  const owner = s.ownData ? actor.organisationId : s.owner;
  const disclosing = s.action === 'disclose' || s.action === 'export';
  const recipient = disclosing && s.recipient !== null ? s.recipient : actor.organisationId;
  const memberships: {
    staffId: string | null;
    teamId: string | null;
    organisationId: string;
    role: CareTeamRole;
    start: number;
    end: number | null;
  }[] = [...s.memberships];
  if (s.actorMembership !== null) {
    const { start, end } = s.actorMembership;
    memberships.push({
      staffId: actor.staffId,
      teamId: null,
      organisationId: actor.organisationId,
      role: 'OTHER',
      start,
      end,
    });
  }
  const careTeam: CareTeamMembership[] = memberships.map((m, i) => ({
    id: `ctm-${i}`,
    staffId: m.staffId,
    teamId: m.teamId,
    organisationId: m.organisationId,
    role: m.role,
    startDate: day(m.start),
    endDate: m.end === null ? null : day(Math.max(m.start, m.end)),
  }));
  const agreements: SharingAgreementFact[] = s.agreements.map((a, i) => ({
    id: `dsa-${i}`,
    version: a.version,
    status: a.statusActive ? 'active' : a.otherStatus,
    startDate: day(a.start),
    endDate: a.end === null ? null : day(a.end),
    complete: a.complete,
    grants: a.grants.map(
      (g): AgreementGrant => ({
        fromOrganisationId: g.from,
        toOrganisationId: g.to,
        purpose: g.purpose,
        categories: g.categories,
      }),
    ),
  }));
  if (s.coveringAgreement) {
    agreements.push({
      id: 'dsa-covering',
      version: 1,
      status: 'active',
      startDate: day(-100),
      endDate: null,
      complete: true,
      grants: [
        {
          fromOrganisationId: owner,
          toOrganisationId: recipient,
          purpose: s.purpose,
          categories: [s.category],
        },
      ],
    });
  }
  const consent: ConsentFact | null =
    s.consent === null
      ? null
      : {
          id: 'consent-0',
          ...s.consent,
          provisions: s.consent.provisions.map((p, i) => ({ id: `prov-${i}`, ...p })),
        };
  const lawfulExceptions: LawfulExceptionFact[] = s.exceptions.map((e, i) => ({
    id: `exc-${i}`,
    ground: e.ground,
    recipientOrganisationId: e.recipient,
    categories: e.categories,
    validFrom: instant(e.fromMinute),
    validUntil: e.untilMinute === null ? null : instant(e.untilMinute),
    rationale: 'generated',
  }));
  const breakGlassGrants: BreakGlassGrantFact[] = s.grants.map((g, i) => ({
    id: `bg-${i}`,
    staffId: g.staffId,
    grantedAt: instant(g.fromMinute),
    expiresAt: instant(g.fromMinute + g.minutes),
    categories: g.categories,
  }));
  const facts: AccessFacts = { careTeam, agreements, consent, lawfulExceptions, breakGlassGrants };
  return {
    actor,
    personId: 'person-0',
    category: s.category,
    owningOrganisationId: owner,
    action: s.action,
    purpose: s.purpose,
    at: new Date(atMs).toISOString(),
    ...(s.recipient === null ? {} : { recipientOrganisationId: s.recipient }),
    facts,
  };
}

/** A decision request over a generated partnership. */
export const decisionRequestArb: fc.Arbitrary<DecisionRequest> = scenario.map(layOut);

/** A partnership's own tier policy, possibly generous to any role and possibly missing rules. */
export const tierPolicyArb: fc.Arbitrary<TierPolicy> = fc
  .record({
    tiers: fc.record(
      Object.fromEntries(STAFF_ROLES.map((role) => [role, categories()])) as Record<
        StaffRole,
        fc.Arbitrary<DataCategory[]>
      >,
    ),
    safeguarding: fc.option(
      fc.record({
        viewRoles: fc.subarray([...STAFF_ROLES]),
        editRequiresSafeguardingTraining: fc.boolean(),
      }),
      { freq: 5 },
    ),
    restrictDiagnosis: fc.boolean(),
  })
  .map(({ tiers, safeguarding, restrictDiagnosis }) => ({
    tiers,
    restricted: {
      ...(safeguarding === null ? {} : { SAFEGUARDING: safeguarding }),
      ...(restrictDiagnosis
        ? { DIAGNOSIS: { viewRoles: ['clinical'], editRequiresSafeguardingTraining: false } }
        : {}),
    },
  }));
