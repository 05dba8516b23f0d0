/**
 * A realistic, deterministic partnership for the decision benchmark: seven organisations, fifty
 * agreements, a person with twenty consent provisions and two hundred care-team memberships.
 */
import {
  type AccessAction,
  AGREEMENT_STATUSES,
  CARE_TEAM_ROLES,
  DATA_CATEGORIES,
  type DataCategory,
  type Purpose,
  type StaffRole,
} from '../src/contracts/enums.ts';
import type {
  AccessFacts,
  Actor,
  ConsentProvision,
  DecisionRequest,
  SharingAgreementFact,
} from '../src/server/modules/access/index.ts';

/** Deterministic PRNG (mulberry32) so every run measures the same requests. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY_MS = 86_400_000;
const BASE = Date.parse('2023-01-01T00:00:00Z');
const CARE_ORGS = ['org-trust', 'org-council', 'org-housing', 'org-vcs', 'org-crisis', 'org-gp'] as const;
const ROLE_SETS: Record<string, StaffRole[][]> = {
  'org-trust': [
    ['clinical'],
    ['care_manager'],
    ['frontline'],
    ['duty'],
    ['safeguarding_lead'],
    ['service_manager'],
  ],
  'org-council': [
    ['care_manager'],
    ['frontline'],
    ['safeguarding_lead'],
    ['service_manager'],
    ['system_admin'],
  ],
  'org-housing': [['frontline'], ['service_manager']],
  'org-vcs': [['frontline'], ['frontline', 'service_manager']],
  'org-crisis': [['duty'], ['duty', 'clinical']],
  'org-gp': [['clinical'], ['ig_lead']],
};
const CARE_PURPOSES: Purpose[] = ['DIRECT_CARE', 'CARE_COORDINATION', 'CRISIS_RESPONSE', 'SAFEGUARDING'];

/** The partnership: actors, three variants of the person's facts, and request generation. */
export interface Partnership {
  readonly actors: readonly Actor[];
  readonly facts: {
    readonly given: AccessFacts;
    readonly withdrawn: AccessFacts;
    readonly reviewDue: AccessFacts;
  };
  readonly counts: Record<string, number>;
}

/** Builds the partnership from a seed. */
export function buildPartnership(seed: number): Partnership {
  const rnd = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const day = (offset: number): string => new Date(BASE + offset * DAY_MS).toISOString().slice(0, 10);
  const someCategories = (min: number, max: number): DataCategory[] =>
    DATA_CATEGORIES.filter(() => rnd() < (min + rnd() * (max - min)) / DATA_CATEGORIES.length);

  const actors: Actor[] = [];
  for (const org of CARE_ORGS) {
    for (let i = 0; i < 12; i++) {
      actors.push({
        staffId: `${org}-staff-${i}`,
        organisationId: org,
        teamIds: [`${org}-team-${i % 3}`],
        roles: pick(ROLE_SETS[org] ?? [['frontline']]),
        active: rnd() < 0.95,
        igTrainingExpiresOn: day(790 + Math.floor(rnd() * 500)),
        safeguardingTrained: rnd() < 0.5,
      });
    }
  }
  for (let i = 0; i < 3; i++) {
    const staffId = `org-icb-staff-${i}`;
    actors.push({
      staffId,
      organisationId: 'org-icb',
      teamIds: [],
      roles: ['commissioner'],
      active: true,
      igTrainingExpiresOn: day(1000),
      safeguardingTrained: false,
    });
  }

  const careTeam = Array.from({ length: 200 }, (_, i) => {
    const member = pick(actors.filter((a) => a.organisationId !== 'org-icb'));
    const start = Math.floor(rnd() * 1000);
    const byTeam = rnd() < 0.3;
    return {
      id: `ctm-${i}`,
      staffId: byTeam ? null : member.staffId,
      teamId: byTeam ? (member.teamIds[0] ?? null) : null,
      organisationId: member.organisationId,
      role: pick(CARE_TEAM_ROLES),
      startDate: day(start),
      endDate: rnd() < 0.5 ? null : day(start + 30 + Math.floor(rnd() * 600)),
    };
  });

  const agreements: SharingAgreementFact[] = Array.from({ length: 50 }, (_, i) => {
    const a = pick(CARE_ORGS);
    const b = pick(CARE_ORGS.filter((o) => o !== a));
    const start = Math.floor(rnd() * 900);
    return {
      id: `dsa-${i}`,
      version: 1 + Math.floor(rnd() * 4),
      status: rnd() < 0.7 ? 'active' : pick(AGREEMENT_STATUSES),
      startDate: day(start),
      endDate: rnd() < 0.4 ? null : day(start + 365 + Math.floor(rnd() * 730)),
      complete: rnd() < 0.85,
      grants: Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => {
        const forward = rnd() < 0.5;
        return {
          fromOrganisationId: forward ? a : b,
          toOrganisationId: forward ? b : a,
          purpose: pick(CARE_PURPOSES),
          categories: someCategories(3, 8),
        };
      }),
    };
  });

  const provisions: ConsentProvision[] = [
    {
      id: 'prov-0',
      kind: 'ROUTINE_COORDINATION',
      organisationId: null,
      categories: ['RISK_SUMMARY', 'CRISIS_PLAN', 'CONTACTS_CARERS', 'SUPPORT_INSTRUCTIONS'],
    },
  ];
  for (let i = 1; i < 20; i++) {
    const kind = i < 8 ? 'NAMED_PARTNER' : i < 14 ? 'ROUTINE_COORDINATION' : 'RESTRICTION';
    const organisationId = kind === 'ROUTINE_COORDINATION' ? null : pick(CARE_ORGS);
    provisions.push({
      id: `prov-${i}`,
      kind,
      organisationId,
      categories: kind === 'RESTRICTION' ? someCategories(1, 2) : someCategories(2, 6),
    });
  }
  const consent = { id: 'consent-1', status: 'given' as const, reviewDue: false, provisions };
  const lawfulExceptions = [
    {
      id: 'exc-0',
      ground: 'SAFEGUARDING' as const,
      recipientOrganisationId: 'org-council',
      categories: ['SAFEGUARDING', 'RISK_SUMMARY'] as DataCategory[],
      validFrom: '2025-03-01T00:00:00Z',
      validUntil: '2025-09-30T00:00:00Z',
      rationale: 'Section 42 enquiry',
    },
    {
      id: 'exc-1',
      ground: 'VITAL_INTERESTS' as const,
      recipientOrganisationId: null,
      categories: ['RISK_SUMMARY', 'CRISIS_PLAN', 'CONTACTS_CARERS'] as DataCategory[],
      validFrom: '2025-06-10T00:00:00Z',
      validUntil: '2025-06-12T00:00:00Z',
      rationale: 'Immediate risk',
    },
    {
      id: 'exc-2',
      ground: 'LEGAL_DUTY' as const,
      recipientOrganisationId: 'org-gp',
      categories: [],
      validFrom: '2024-01-01T00:00:00Z',
      validUntil: '2024-12-31T00:00:00Z',
      rationale: 'Court order',
    },
    {
      id: 'exc-3',
      ground: 'IMMEDIATE_SAFETY' as const,
      recipientOrganisationId: 'org-crisis',
      categories: ['CRISIS_PLAN'] as DataCategory[],
      validFrom: '2025-01-01T00:00:00Z',
      validUntil: null,
      rationale: 'Crisis plan shared with crisis team',
    },
  ];
  const duty = actors.filter((a) => a.roles.includes('duty'));
  const breakGlassGrants = Array.from({ length: 6 }, (_, i) => {
    const grantedAt = BASE + (740 + Math.floor(rnd() * 300)) * DAY_MS + Math.floor(rnd() * DAY_MS);
    return {
      id: `bg-${i}`,
      staffId: pick(duty).staffId,
      grantedAt: new Date(grantedAt).toISOString(),
      expiresAt: new Date(grantedAt + 12 * 3_600_000).toISOString(),
      categories: ['RISK_SUMMARY', 'CRISIS_PLAN', 'CONTACTS_CARERS'] as DataCategory[],
    };
  });
  const given: AccessFacts = { careTeam, agreements, consent, lawfulExceptions, breakGlassGrants };
  return {
    actors,
    facts: {
      given,
      withdrawn: { ...given, consent: { ...consent, status: 'withdrawn' } },
      reviewDue: { ...given, consent: { ...consent, reviewDue: true } },
    },
    counts: {
      organisations: CARE_ORGS.length + 1,
      actors: actors.length,
      agreements: agreements.length,
      consentProvisions: provisions.length,
      careTeamMemberships: careTeam.length,
      lawfulExceptions: lawfulExceptions.length,
      breakGlassGrants: breakGlassGrants.length,
    },
  };
}

/** A deterministic mix of requests over the partnership (actor, role, category, purpose, owner, time). */
export function generateRequests(p: Partnership, count: number, seed: number): DecisionRequest[] {
  const rnd = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const involved = p.actors.filter((a) => p.facts.given.careTeam.some((m) => m.staffId === a.staffId));
  const actions: AccessAction[] = [
    'view',
    'view',
    'view',
    'view',
    'view',
    'view',
    'view',
    'edit',
    'disclose',
    'export',
  ];
  const purposes: Purpose[] = [
    'DIRECT_CARE',
    'DIRECT_CARE',
    'CARE_COORDINATION',
    'CRISIS_RESPONSE',
    'SAFEGUARDING',
    'COMMISSIONING',
    'AUDIT',
  ];
  const from = Date.parse('2025-01-01T00:00:00Z');
  const requests: DecisionRequest[] = [];
  for (let i = 0; i < count; i++) {
    const grant = rnd() < 0.05 ? pick(p.facts.given.breakGlassGrants) : undefined;
    const actor =
      grant !== undefined
        ? (p.actors.find((a) => a.staffId === grant.staffId) ?? pick(p.actors))
        : rnd() < 0.7
          ? pick(involved)
          : pick(p.actors);
    const at =
      grant !== undefined
        ? Date.parse(grant.grantedAt) + rnd() * 14 * 3_600_000
        : from + rnd() * 365 * DAY_MS;
    const variant = rnd();
    const action = pick(actions);
    requests.push({
      actor,
      personId: 'person-1',
      category:
        rnd() < 0.4
          ? pick(['RISK_SUMMARY', 'CRISIS_PLAN', 'CONTACTS_CARERS'] as const)
          : pick(DATA_CATEGORIES),
      owningOrganisationId: rnd() < 0.5 ? actor.organisationId : pick(CARE_ORGS),
      action,
      purpose: grant !== undefined ? 'CRISIS_RESPONSE' : pick(purposes),
      at: new Date(Math.floor(at)).toISOString(),
      ...(action === 'disclose' || action === 'export' ? { recipientOrganisationId: pick(CARE_ORGS) } : {}),
      facts: variant < 0.85 ? p.facts.given : variant < 0.95 ? p.facts.withdrawn : p.facts.reviewDue,
    });
  }
  return requests;
}
