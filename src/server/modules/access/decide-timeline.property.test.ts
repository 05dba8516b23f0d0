/**
 * The day-dependent answers kept as timelines (decide-timeline.ts) must be the answers the rules
 * give when asked directly, on every day: the day before, on and after each of the facts' own
 * dates, at UK midnight in winter and in summer. One facts object is asked every question at every
 * instant, twice, so its timelines are built and then read; each answer is compared with a
 * decision over a fresh copy of the facts, which answers directly.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type AgreementStatus,
  DATA_CATEGORIES,
  type DataCategory,
  type Purpose,
  STAFF_ROLES,
  type StaffRole,
} from '../../../contracts/enums.ts';
import type {
  AccessFacts,
  Actor,
  BreakGlassGrantFact,
  CareTeamMembership,
  DecisionRequest,
  LawfulExceptionFact,
  SharingAgreementFact,
  TierPolicy,
} from './access.ts';
import { decide } from './decide.ts';
import { dayNumberOf } from './decide-time.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const ORGS = ['org-a', 'org-b', 'org-c'] as const;
const STAFF = ['s1', 's2'] as const;
const TEAMS = ['t1', 't2'] as const;
const PURPOSES_ASKED: readonly Purpose[] = ['DIRECT_CARE', 'CRISIS_RESPONSE'];
const CATEGORIES_ASKED: readonly DataCategory[] = ['CARE_PLAN', 'RISK_SUMMARY', 'CRISIS_PLAN'];
// Both UK clock changes, a leap day and a year end: "today" is the UK date of the instant.
const ANCHORS = ['2025-03-30', '2025-10-26', '2024-02-29', '2025-12-31'].map(
  (d) => Date.parse(`${d}T00:00:00Z`) / DAY_MS,
);

// Every role sees every category, so that the day-dependent rules decide.
const EVERY_CATEGORY: readonly DataCategory[] = DATA_CATEGORIES;
const OPEN_POLICY: TierPolicy = {
  tiers: Object.fromEntries(STAFF_ROLES.map((role) => [role, EVERY_CATEGORY])) as Record<
    StaffRole,
    readonly DataCategory[]
  >,
  restricted: {},
};

/** How a date is written: mostly YYYY-MM-DD, sometimes text the rules can only compare as strings. */
const FORMS = ['suffix', 'slash', 'unpadded', 'blank', 'word'] as const;
type Form = 'iso' | (typeof FORMS)[number];
const form: fc.Arbitrary<Form> = fc.oneof(
  { weight: 14, arbitrary: fc.constant<Form>('iso') },
  { weight: 1, arbitrary: fc.constantFrom<Form>(...FORMS) },
);

const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

function written(day: number, how: Form): string {
  const iso = isoDay(day);
  switch (how) {
    case 'iso':
      return iso;
    case 'suffix':
      return `${iso}T00:00`;
    case 'slash':
      return iso.replaceAll('-', '/');
    case 'unpadded':
      return `${iso.slice(0, 4)}-${Number(iso.slice(5, 7))}-${Number(iso.slice(8, 10))}`;
    case 'blank':
      return '';
    case 'word':
      return 'ongoing';
  }
}

const dated = fc.record({ offset: fc.integer({ min: -20, max: 20 }), form });
// Lengths from a day before the start (reversed) to a week, with same-day start and end common.
const span = fc.option(fc.record({ length: fc.integer({ min: -1, max: 7 }), form }), { freq: 4 });

const scenario = fc.record({
  anchor: fc.constantFrom(...ANCHORS),
  memberships: fc.array(
    fc.record({
      staffId: fc.option(fc.constantFrom(...STAFF)),
      teamId: fc.option(fc.constantFrom(...TEAMS)),
      organisationId: fc.constantFrom(...ORGS),
      start: dated,
      end: span,
    }),
    { maxLength: 8 },
  ),
  agreements: fc.array(
    fc.record({
      status: fc.oneof(
        { weight: 5, arbitrary: fc.constant<AgreementStatus>('active') },
        fc.constantFrom<AgreementStatus>('suspended', 'expired', 'terminated', 'draft'),
      ),
      complete: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, fc.constant(false)),
      start: dated,
      end: span,
      from: fc.constantFrom(...ORGS),
      to: fc.constantFrom(...ORGS),
      purpose: fc.constantFrom(...PURPOSES_ASKED),
      categories: fc.subarray([...CATEGORIES_ASKED], { minLength: 1 }),
    }),
    { maxLength: 6 },
  ),
  // Runs of short windows for one member, one organisation and one direction: more than twelve
  // distinct dates, so that a timeline is searched rather than scanned.
  dense: fc.option(
    fc.record({
      windows: fc.array(
        fc.record({ gap: fc.integer({ min: 1, max: 3 }), length: fc.integer({ min: 0, max: 1 }) }),
        {
          minLength: 7,
          maxLength: 11,
        },
      ),
      form: fc.oneof({ weight: 6, arbitrary: fc.constant<Form>('iso') }, fc.constant<Form>('suffix')),
    }),
    { freq: 2 },
  ),
  routine: fc.boolean(),
  grants: fc.array(
    fc.record({
      staffId: fc.constantFrom(...STAFF),
      hour: fc.integer({ min: -72, max: 72 }),
      hours: fc.nat(48),
    }),
    { maxLength: 1 },
  ),
  exceptions: fc.array(
    fc.record({
      recipient: fc.option(fc.constantFrom(...ORGS)),
      hour: fc.integer({ min: -72, max: 72 }),
      hours: fc.option(fc.nat(48)),
    }),
    { maxLength: 1 },
  ),
  questions: fc.array(
    fc.record({
      staffId: fc.constantFrom(...STAFF),
      organisationId: fc.constantFrom(...ORGS),
      teamIds: fc.subarray([...TEAMS]),
      owner: fc.constantFrom(...ORGS),
      recipient: fc.option(fc.constantFrom(...ORGS)),
      action: fc.constantFrom('view' as const, 'disclose' as const),
      purpose: fc.constantFrom(...PURPOSES_ASKED),
      category: fc.constantFrom(...CATEGORIES_ASKED),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  descending: fc.boolean(),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;
type Question = Scenario['questions'][number];

function endOf(start: number, end: Scenario['memberships'][number]['end']): string | null {
  return end === null ? null : written(start + end.length, end.form);
}

function factsOf(s: Scenario): AccessFacts {
  const careTeam: CareTeamMembership[] = s.memberships.map((m, i) => ({
    id: `ctm-${i}`,
    staffId: m.staffId,
    teamId: m.teamId,
    organisationId: m.organisationId,
    role: 'OTHER',
    startDate: written(s.anchor + m.start.offset, m.start.form),
    endDate: endOf(s.anchor + m.start.offset, m.end),
  }));
  const agreements: SharingAgreementFact[] = s.agreements.map((a, i) => ({
    id: `dsa-${i}`,
    version: 1,
    status: a.status,
    complete: a.complete,
    startDate: written(s.anchor + a.start.offset, a.start.form),
    endDate: endOf(s.anchor + a.start.offset, a.end),
    grants: [
      { fromOrganisationId: a.from, toOrganisationId: a.to, purpose: a.purpose, categories: a.categories },
    ],
  }));
  if (s.dense !== null) {
    let day = s.anchor - 15;
    s.dense.windows.forEach((w, i) => {
      day += w.gap + w.length;
      const startDate = written(day - w.length, s.dense?.form ?? 'iso');
      const endDate = written(day, s.dense?.form ?? 'iso');
      careTeam.push({
        id: `ctm-dense-${i}`,
        staffId: 's1',
        teamId: null,
        organisationId: 'org-a',
        role: 'OTHER',
        startDate,
        endDate,
      });
      agreements.push({
        id: `dsa-dense-${i}`,
        version: 1,
        status: 'active',
        complete: true,
        startDate,
        endDate,
        grants: [
          {
            fromOrganisationId: 'org-b',
            toOrganisationId: 'org-a',
            purpose: 'DIRECT_CARE',
            categories: ['CARE_PLAN'],
          },
        ],
      });
    });
  }
  const at = (hour: number): string => new Date(s.anchor * DAY_MS + hour * HOUR_MS).toISOString();
  const breakGlassGrants: BreakGlassGrantFact[] = s.grants.map((g, i) => ({
    id: `bg-${i}`,
    staffId: g.staffId,
    grantedAt: at(g.hour),
    expiresAt: at(g.hour + g.hours),
    categories: ['RISK_SUMMARY', 'CRISIS_PLAN'],
  }));
  const lawfulExceptions: LawfulExceptionFact[] = s.exceptions.map((e, i) => ({
    id: `exc-${i}`,
    ground: 'VITAL_INTERESTS',
    recipientOrganisationId: e.recipient,
    categories: ['RISK_SUMMARY'],
    validFrom: at(e.hour),
    validUntil: e.hours === null ? null : at(e.hour + e.hours),
    rationale: 'generated',
  }));
  const consent = {
    id: 'consent-0',
    status: 'given' as const,
    reviewDue: false,
    provisions: s.routine
      ? [{ id: 'p-routine', kind: 'ROUTINE_COORDINATION' as const, organisationId: null, categories: [] }]
      : [{ id: 'p-named', kind: 'NAMED_PARTNER' as const, organisationId: 'org-c', categories: [] }],
  };
  return { careTeam, agreements, consent, lawfulExceptions, breakGlassGrants };
}

/** The day a date was written for, when it can be read back (as a day count), else null. */
function dayOf(date: string | null): number | null {
  if (date === null) return null;
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})/.exec(date);
  if (match === null) return null;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/**
 * Instants around every date in the facts: the day before, the day and the day after, each at UK
 * midnight in summer (23:00 UTC the day before) and in winter (00:00 UTC), a millisecond either
 * side, and midday; and a millisecond either side of every grant and exception instant.
 */
function instantsOf(facts: AccessFacts): number[] {
  const days = new Set<number>();
  const addDay = (date: string | null): void => {
    const day = dayOf(date);
    if (day !== null) for (const d of [day - 1, day, day + 1]) days.add(d);
  };
  for (const m of facts.careTeam) {
    addDay(m.startDate);
    addDay(m.endDate);
  }
  for (const a of facts.agreements) {
    addDay(a.startDate);
    addDay(a.endDate);
  }
  const instants = new Set<number>();
  for (const day of days) {
    const midnight = day * DAY_MS;
    for (const ms of [
      midnight - HOUR_MS - 1,
      midnight - HOUR_MS,
      midnight - 1,
      midnight,
      midnight + 12 * HOUR_MS,
    ])
      instants.add(ms);
  }
  const exact = [
    ...facts.breakGlassGrants.flatMap((g) => [g.grantedAt, g.expiresAt]),
    ...facts.lawfulExceptions.flatMap((e) =>
      e.validUntil === null ? [e.validFrom] : [e.validFrom, e.validUntil],
    ),
  ];
  for (const at of exact) {
    const ms = Date.parse(at);
    for (const near of [ms - 1, ms, ms + 1]) instants.add(near);
  }
  return [...instants].sort((a, b) => a - b);
}

function requestOf(q: Question, facts: AccessFacts, atMs: number): DecisionRequest {
  const actor: Actor = {
    staffId: q.staffId,
    organisationId: q.organisationId,
    teamIds: q.teamIds,
    roles: ['care_manager'],
    active: true,
    igTrainingExpiresOn: '9999-12-31',
    safeguardingTrained: true,
  };
  return {
    actor,
    personId: 'person-0',
    category: q.category,
    owningOrganisationId: q.owner,
    action: q.action,
    purpose: q.purpose,
    at: new Date(atMs).toISOString(),
    ...(q.recipient === null ? {} : { recipientOrganisationId: q.recipient }),
    facts,
  };
}

// Questions that meet the runs of short windows: the member and organisation on them, data
// flowing in the direction they cover.
const DENSE_QUESTIONS: readonly Question[] = [
  {
    staffId: 's1',
    organisationId: 'org-a',
    teamIds: [],
    owner: 'org-b',
    recipient: null,
    action: 'view',
    purpose: 'DIRECT_CARE',
    category: 'CARE_PLAN',
  },
  {
    staffId: 's2',
    organisationId: 'org-b',
    teamIds: ['t1'],
    owner: 'org-b',
    recipient: 'org-a',
    action: 'disclose',
    purpose: 'DIRECT_CARE',
    category: 'CARE_PLAN',
  },
];

describe('decide: answers kept by day agree with answers worked out directly', () => {
  it('on, before and after every date in the facts, at UK midnight in summer and in winter', () => {
    let asked = 0;
    let dense = 0;
    let permits = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        const facts = factsOf(s);
        const instants = instantsOf(facts);
        if (s.descending) instants.reverse();
        const questions = s.dense === null ? s.questions : [...s.questions, ...DENSE_QUESTIONS];
        if (s.dense !== null) dense++;
        for (const q of questions) {
          for (const atMs of instants) {
            const fresh = JSON.stringify(decide(requestOf(q, structuredClone(facts), atMs), OPEN_POLICY));
            const request = requestOf(q, facts, atMs);
            for (let ask = 0; ask < 2; ask++) {
              const kept = JSON.stringify(decide(request, OPEN_POLICY));
              assert.equal(kept, fresh, `at ${request.at}, ask ${ask + 1}`);
            }
            asked++;
            if (fresh.includes('"effect":"permit"')) permits++;
          }
        }
      }),
      { numRuns: 80 },
    );
    // Guard against a vacuous pass: the runs must have reached the searched timelines and permits.
    assert.ok(dense >= 10, `only ${dense} runs with more than twelve dates for one member`);
    assert.ok(permits >= asked / 50, `only ${permits} permits in ${asked} questions`);
  });

  it('generates dates that only compare as strings', () => {
    // The fallback path is reached only when some bound is not YYYY-MM-DD.
    const samples = fc.sample(scenario.map(factsOf), 200);
    const unreadable = samples.filter((f) =>
      [...f.careTeam, ...f.agreements].some((x) => dayNumberOf(x.startDate) < 0),
    );
    assert.ok(unreadable.length >= 20, `only ${unreadable.length} of 200 with a date in another form`);
  });
});
