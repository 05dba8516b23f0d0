import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_ANOMALY_THRESHOLDS } from '../../../contracts/assurance.ts';
import type { AuditFact, DetectionContext, MembershipFact } from './anomaly.ts';
import { notOnCaseload, outOfHours, repeatedBreakGlass, volumeSpike } from './anomaly-rules.ts';
import { indexStaff, matchColleague } from './colleague-match.ts';
import { londonTimeOf } from './london-time.ts';

const ACTOR = 'a0000000-0000-4000-8000-000000000001';
const ORG = 'o0000000-0000-4000-8000-000000000001';
const OTHER_ORG = 'o0000000-0000-4000-8000-000000000002';
const PERSON = 'p0000000-0000-4000-8000-000000000001';
const TEAM = 't0000000-0000-4000-8000-000000000001';

let n = 0;
function read(at: string, overrides: Partial<AuditFact> = {}): AuditFact {
  n += 1;
  return {
    id: `e${n}`,
    at,
    action: 'record.view',
    actorStaffId: ACTOR,
    actorOrganisationId: ORG,
    actorRoles: ['care_manager'],
    personId: PERSON,
    requestId: `r${n}`,
    breakGlassGrantId: null,
    targetType: null,
    targetId: null,
    ...overrides,
  };
}

function context(
  window: { from: string; to: string },
  memberships: MembershipFact[] = [],
  teams: string[] = [],
): DetectionContext {
  return { window, memberships, teamsOf: new Map([[ACTOR, teams]]), people: new Map(), staff: [] };
}

const JUNE_DAY = { from: '2025-06-10T00:00:00.000Z', to: '2025-06-11T00:00:00.000Z' };
const JAN_DAY = { from: '2025-01-10T00:00:00.000Z', to: '2025-01-11T00:00:00.000Z' };

describe('UK time', () => {
  it('reads instants on the UK clock, summer time included', () => {
    assert.deepEqual(londonTimeOf('2025-06-10T19:30:00.000Z'), { date: '2025-06-10', hour: 20, weekday: 2 });
    assert.deepEqual(londonTimeOf('2025-01-10T19:30:00.000Z'), { date: '2025-01-10', hour: 19, weekday: 5 });
    assert.equal(londonTimeOf('2025-06-10T23:30:00.000Z').date, '2025-06-11');
  });
});

describe('OUT_OF_HOURS', () => {
  const t = DEFAULT_ANOMALY_THRESHOLDS.OUT_OF_HOURS;

  it('judges 19:30 UTC as 20:30 in summer (out of hours) and 19:30 in winter (working)', () => {
    assert.equal(outOfHours([read('2025-06-10T19:30:00.000Z')], context(JUNE_DAY), t).length, 1);
    assert.equal(outOfHours([read('2025-01-10T19:30:00.000Z')], context(JAN_DAY), t).length, 0);
  });

  it('exempts the roles the actor held at the time', () => {
    const duty = read('2025-06-10T22:00:00.000Z', { actorRoles: ['duty', 'clinical'] });
    assert.equal(outOfHours([duty], context(JUNE_DAY), t).length, 0);
    assert.equal(outOfHours([duty], context(JUNE_DAY), { ...t, exemptRoles: [] }).length, 1);
  });

  it('ignores entries that are not reads of a person', () => {
    const signIn = read('2025-06-10T22:00:00.000Z', { action: 'auth.sign_in', personId: null });
    assert.equal(outOfHours([signIn], context(JUNE_DAY), t).length, 0);
  });
});

describe('NOT_ON_CASELOAD', () => {
  const t = DEFAULT_ANOMALY_THRESHOLDS.NOT_ON_CASELOAD;
  const membership = (o: Partial<MembershipFact>): MembershipFact => ({
    personId: PERSON,
    staffId: ACTOR,
    teamId: null,
    organisationId: ORG,
    startDate: '2024-01-01',
    endDate: null,
    ...o,
  });
  const view = () => read('2025-01-10T10:00:00.000Z');

  it('is quiet while the actor is named, or their team is, on the day', () => {
    assert.equal(notOnCaseload([view()], context(JAN_DAY, [membership({})]), t).length, 0);
    const byTeam = membership({ staffId: null, teamId: TEAM });
    assert.equal(notOnCaseload([view()], context(JAN_DAY, [byTeam], [TEAM]), t).length, 0);
  });

  it('fires once the membership has ended, or when it was held for another organisation', () => {
    const ended = membership({ endDate: '2025-01-09' });
    assert.equal(notOnCaseload([view()], context(JAN_DAY, [ended]), t).length, 1);
    const elsewhere = membership({ organisationId: OTHER_ORG });
    assert.equal(notOnCaseload([view()], context(JAN_DAY, [elsewhere]), t).length, 1);
  });

  it('leaves reads under break-glass, and that day’s lookups of the same person, to break-glass review', () => {
    const lookup = read('2025-01-10T10:00:00.000Z', { action: 'person.access.deny' });
    const glass = read('2025-01-10T10:02:00.000Z', { breakGlassGrantId: 'g1' });
    assert.equal(notOnCaseload([lookup, glass], context(JAN_DAY), t).length, 0);
    assert.equal(notOnCaseload([lookup], context(JAN_DAY), t).length, 1);
  });

  it('makes no finding from history alone', () => {
    const yesterday = read('2025-01-09T10:00:00.000Z');
    assert.equal(notOnCaseload([yesterday], context(JAN_DAY), t).length, 0);
  });
});

describe('VOLUME_SPIKE', () => {
  const t = DEFAULT_ANOMALY_THRESHOLDS.VOLUME_SPIKE;
  const dayReads = (date: string, count: number) =>
    Array.from({ length: count }, (_, i) => read(`${date}T09:${String(i % 60).padStart(2, '0')}:00.000Z`));

  it('counts the entries of one request about one person as one read', () => {
    const shared = { requestId: 'same' };
    const facts = Array.from({ length: 40 }, () => read('2025-01-10T10:00:00.000Z', shared));
    assert.equal(volumeSpike(facts, context(JAN_DAY), t).length, 0);
  });

  it('compares with the median of the actor’s active days only', () => {
    const history = [
      ...dayReads('2025-01-06', 20),
      ...dayReads('2025-01-07', 20),
      ...dayReads('2025-01-08', 20),
    ];
    const [finding] = volumeSpike([...history, ...dayReads('2025-01-10', 61)], context(JAN_DAY), t);
    assert.equal(finding?.summary.baselineMedian, 20);
    assert.equal(finding?.summary.threshold, 60);
    assert.equal(volumeSpike([...history, ...dayReads('2025-01-10', 60)], context(JAN_DAY), t).length, 0);
  });
});

describe('REPEATED_BREAK_GLASS', () => {
  const t = DEFAULT_ANOMALY_THRESHOLDS.REPEATED_BREAK_GLASS;
  const grant = (at: string, id: string) => read(at, { breakGlassGrantId: id });

  it('counts distinct grants, not the entries that use them', () => {
    const uses = Array.from({ length: 5 }, (_, i) => grant(`2025-01-10T0${i}:00:00.000Z`, 'g-same'));
    assert.equal(repeatedBreakGlass(uses, context(JAN_DAY), t).length, 0);
  });

  it('merges an ongoing burst into one finding keyed by its earliest grant', () => {
    const facts = ['g1', 'g2', 'g3', 'g4'].map((id, i) =>
      grant(`2025-01-${String(7 + i).padStart(2, '0')}T10:00:00.000Z`, id),
    );
    const window = { from: '2025-01-07T00:00:00.000Z', to: '2025-01-11T00:00:00.000Z' };
    const findings = repeatedBreakGlass(facts, context(window), t);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.summary.grants, 4);
    assert.equal(findings[0]?.dedupeKey, `REPEATED_BREAK_GLASS:${ACTOR}:g1`);
  });
});

describe('colleague matching', () => {
  const index = indexStaff([
    { id: 's1', email: ' Jo.Doe@Example.org', displayName: 'Jo   Doe' },
    { id: 's2', email: null, displayName: 'Dr Ravi Menon' },
  ]);
  const on = { matchEmail: true, matchName: true };

  it('matches email and "given family" ignoring case and spacing', () => {
    assert.deepEqual(
      [
        ...(matchColleague({ email: 'jo.doe@example.ORG ', givenName: 'X', familyName: 'Y' }, index, on)
          ?.staffIds ?? []),
      ],
      ['s1'],
    );
    assert.equal(
      matchColleague({ email: null, givenName: 'JO', familyName: 'doe' }, index, on)?.byName,
      true,
    );
  });

  it('does not see through titles, and each matcher can be switched off', () => {
    assert.equal(matchColleague({ email: null, givenName: 'Ravi', familyName: 'Menon' }, index, on), null);
    assert.equal(
      matchColleague({ email: null, givenName: 'Jo', familyName: 'Doe' }, index, { ...on, matchName: false }),
      null,
    );
  });
});
