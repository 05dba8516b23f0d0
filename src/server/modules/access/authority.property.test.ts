import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { STAFF_ROLES, type StaffRole } from '../../../contracts/enums.ts';
import type { ChangeActor, ChangeRequest } from './authority.ts';
import { decideChange } from './authority-decide.ts';

const RUNS = { numRuns: 500 };
const ORGS = ['trust', 'council', 'housing'] as const;
const STAFF = ['a', 'b', 'c'] as const;
const DATES = ['2026-11-30', '2026-12-06', '2026-12-07', '2026-12-08', '2099-12-31'] as const;

const rolesArb = fc.uniqueArray(fc.constantFrom(...STAFF_ROLES), { maxLength: 4 });
const actorArb: fc.Arbitrary<ChangeActor> = fc.record({
  staffId: fc.constantFrom(...STAFF),
  organisationId: fc.constantFrom(...ORGS),
  teamIds: fc.subarray(['t1', 't2']),
  roles: rolesArb,
  partnershipGovernance: fc.boolean(),
});

const staffChangeArb = fc.record({
  kind: fc.constantFrom('staff.create' as const, 'staff.update' as const),
  actor: actorArb,
  target: fc.record({ staffId: fc.constantFrom(...STAFF), organisationId: fc.constantFrom(...ORGS) }),
  currentRoles: rolesArb,
  roles: fc.option(rolesArb, { nil: undefined }),
  personDataRoles: fc.subarray<StaffRole>([...STAFF_ROLES]),
  targetOrganisationEmpty: fc.boolean(),
});

const careTeamArb: fc.Arbitrary<ChangeRequest> = fc.oneof(
  fc.record({
    kind: fc.constant('care_team.add' as const),
    actor: actorArb,
    member: fc.record({
      staffId: fc.option(fc.constantFrom(...STAFF), { nil: null }),
      teamId: fc.option(fc.constantFrom('t1', 't2'), { nil: null }),
      organisationId: fc.constantFrom(...ORGS),
    }),
    actorHasLiveGrant: fc.boolean(),
    actorOnCareTeam: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('care_team.end' as const),
    actor: actorArb,
    membership: fc.record({
      organisationId: fc.constantFrom(...ORGS),
      endDate: fc.option(fc.constantFrom(...DATES), { nil: null }),
    }),
    endDate: fc.constantFrom(...DATES),
    today: fc.constant('2026-12-07'),
  }),
);

describe('decideChange: properties', () => {
  it('an administrator never ends up with a role granted by themselves', () => {
    fc.assert(
      fc.property(staffChangeArb, (c) => {
        const self = { ...c, target: { ...c.target, staffId: c.actor.staffId } };
        const d = decideChange(self);
        const before = self.kind === 'staff.create' ? [] : self.currentRoles;
        const added = (self.roles ?? []).filter((r) => !before.includes(r));
        if (added.length > 0) assert.equal(d.effect, 'deny');
      }),
      RUNS,
    );
  });

  it('nobody changes another organisation’s accounts, roles or care-team memberships', () => {
    fc.assert(
      fc.property(fc.oneof(staffChangeArb, careTeamArb), (c) => {
        const d = decideChange(c);
        if (d.effect !== 'permit') return;
        if (c.kind === 'care_team.add') assert.equal(c.member.organisationId, c.actor.organisationId);
        else if (c.kind === 'care_team.end')
          assert.equal(c.membership.organisationId, c.actor.organisationId);
        else if (c.kind === 'staff.update') assert.equal(c.target.organisationId, c.actor.organisationId);
        else if (c.kind === 'staff.create' && c.target.organisationId !== c.actor.organisationId) {
          // Only the first administrator of an empty organisation comes from elsewhere.
          assert.ok(c.targetOrganisationEmpty);
          assert.ok((c.roles ?? []).every((r) => r === 'system_admin'));
        }
      }),
      RUNS,
    );
  });

  it('a role that opens person data is never granted without a second person', () => {
    fc.assert(
      fc.property(staffChangeArb, (c) => {
        const d = decideChange(c);
        if (d.effect !== 'permit') return;
        const before = c.kind === 'staff.create' ? [] : c.currentRoles;
        const addedDataRoles = [...new Set(c.roles ?? [])].filter(
          (r) => !before.includes(r) && c.personDataRoles.includes(r),
        );
        assert.deepEqual(
          d.pendingRoles.map((p) => p.role),
          addedDataRoles,
        );
      }),
      RUNS,
    );
  });

  it('an ended membership is never ended again or moved later', () => {
    fc.assert(
      fc.property(careTeamArb, (c) => {
        if (c.kind !== 'care_team.end') return;
        const d = decideChange(c);
        const existing = c.membership.endDate;
        if (existing !== null && (existing <= c.today || c.endDate >= existing))
          assert.equal(d.effect, 'deny');
      }),
      RUNS,
    );
  });

  it('nobody joins a care team through their own break-glass grant', () => {
    fc.assert(
      fc.property(careTeamArb, (c) => {
        if (c.kind !== 'care_team.add') return;
        const self =
          c.member.staffId === c.actor.staffId ||
          (c.member.teamId !== null && c.actor.teamIds.includes(c.member.teamId));
        if (self && c.actorHasLiveGrant && !c.actorOnCareTeam) assert.equal(decideChange(c).effect, 'deny');
      }),
      RUNS,
    );
  });

  it('partnership settings change only by partnership governance; agreements only by a party’s IG lead', () => {
    fc.assert(
      fc.property(actorArb, fc.subarray<string>([...ORGS], { minLength: 2 }), (actor, parties) => {
        const settings = decideChange({ kind: 'settings.change', actor, setting: 'anomaly_settings' });
        assert.equal(settings.effect === 'permit', actor.partnershipGovernance);
        const agreement = decideChange({ kind: 'agreement.status', actor, parties });
        assert.equal(
          agreement.effect === 'permit',
          actor.roles.includes('ig_lead') && parties.includes(actor.organisationId),
        );
      }),
      RUNS,
    );
  });

  it('samples cover both outcomes (the properties are not vacuous)', () => {
    const sample = fc.sample(fc.oneof(staffChangeArb, careTeamArb), 2000);
    const effects = new Set(sample.map((c) => decideChange(c).effect));
    assert.deepEqual([...effects].sort(), ['deny', 'permit']);
    const pending = sample.filter((c) => {
      const d = decideChange(c);
      return d.effect === 'permit' && d.pendingRoles.length > 0;
    });
    assert.ok(pending.length > 0, 'some permits hold roles for a second person');
  });
});
