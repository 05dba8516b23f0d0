import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StaffRole } from '../../../contracts/enums.ts';
import type {
  CareTeamAddChange,
  ChangeActor,
  ChangeDecision,
  ChangeRequest,
  StaffChange,
} from './authority.ts';
import { decideChange } from './authority-decide.ts';
import { CHANGE_DENY_REASON_CODES, CHANGE_PERMIT_REASON_CODES, REASON_MESSAGES } from './reasons.ts';

const actor = (roles: StaffRole[], over: Partial<ChangeActor> = {}): ChangeActor => ({
  staffId: 'me',
  organisationId: 'trust',
  teamIds: ['crht'],
  roles,
  partnershipGovernance: false,
  ...over,
});

const codes = (d: ChangeDecision): string[] => d.reasons.map((r) => r.code);
const permits = (c: ChangeRequest, code: string) => {
  const d = decideChange(c);
  assert.equal(d.effect, 'permit', JSON.stringify(d));
  assert.ok(codes(d).includes(code), codes(d).join());
  return d;
};
const denies = (c: ChangeRequest, expected: string[], conflict = false) => {
  const d = decideChange(c);
  assert.equal(d.effect, 'deny');
  assert.deepEqual(codes(d).sort(), [...expected].sort());
  if (d.effect === 'deny') assert.equal(d.conflict, conflict);
};

const addMember = (over: Partial<CareTeamAddChange> = {}): ChangeRequest => ({
  kind: 'care_team.add',
  actor: actor(['care_manager']),
  member: { staffId: 'colleague', teamId: null, organisationId: 'trust' },
  actorHasLiveGrant: false,
  actorOnCareTeam: true,
  ...over,
});

const endMember = (
  endDate: string | null,
  asked: string,
  over: Partial<ChangeActor> = {},
): ChangeRequest => ({
  kind: 'care_team.end',
  actor: actor(['care_manager'], over),
  membership: { organisationId: 'trust', endDate },
  endDate: asked,
  today: '2026-12-07',
});

const staffChange = (
  target: { staffId: string | null; organisationId: string },
  roles: StaffRole[] | undefined,
  over: Partial<StaffChange> = {},
): ChangeRequest => ({
  kind: 'staff.update',
  actor: actor(['system_admin']),
  target,
  currentRoles: ['frontline'],
  roles,
  personDataRoles: ['frontline', 'care_manager', 'clinical', 'duty', 'safeguarding_lead', 'service_manager'],
  targetOrganisationEmpty: false,
  ...over,
});

describe('decideChange: care-team memberships', () => {
  it('permits adding a colleague of the same organisation', () => {
    permits(addMember(), 'PERMIT_OWN_ORGANISATION_CHANGE');
  });
  it('refuses adding a member of another organisation', () => {
    denies(addMember({ member: { staffId: 'x', teamId: null, organisationId: 'council' } }), [
      'CHANGE_OTHER_ORGANISATION',
    ]);
  });
  it('refuses a role that does not change care teams', () => {
    denies(addMember({ actor: actor(['frontline']) }), ['CHANGE_ROLE_REQUIRED']);
  });
  it('refuses adding oneself, or one’s team, when break-glass is the only involvement', () => {
    const self = { staffId: 'me', teamId: null, organisationId: 'trust' };
    const team = { staffId: null, teamId: 'crht', organisationId: 'trust' };
    for (const member of [self, team])
      denies(addMember({ member, actorHasLiveGrant: true, actorOnCareTeam: false }), [
        'CARE_TEAM_SELF_JOIN_UNDER_BREAK_GLASS',
      ]);
  });
  it('permits adding oneself when already on the care team by a membership', () => {
    permits(
      addMember({
        member: { staffId: 'me', teamId: null, organisationId: 'trust' },
        actorHasLiveGrant: true,
        actorOnCareTeam: true,
      }),
      'PERMIT_OWN_ORGANISATION_CHANGE',
    );
  });
  it('permits ending an open membership, or bringing a future end forward', () => {
    permits(endMember(null, '2026-12-07'), 'PERMIT_OWN_ORGANISATION_CHANGE');
    permits(endMember('2027-03-01', '2027-01-01'), 'PERMIT_OWN_ORGANISATION_CHANGE');
  });
  it('refuses ending an ended membership again, or moving its end, as a conflict', () => {
    denies(endMember('2026-12-07', '2026-12-07'), ['MEMBERSHIP_ALREADY_ENDED'], true);
    denies(endMember('2026-11-01', '2099-12-31'), ['MEMBERSHIP_ALREADY_ENDED'], true);
    denies(endMember('2027-03-01', '2027-03-01'), ['MEMBERSHIP_ALREADY_ENDED'], true);
    denies(endMember('2027-03-01', '2099-12-31'), ['MEMBERSHIP_END_EXTENDED'], true);
  });
  it('refuses ending another organisation’s membership as a lack of authority, not a conflict', () => {
    denies(endMember(null, '2026-12-07', { organisationId: 'council' }), ['CHANGE_OTHER_ORGANISATION']);
    denies(
      endMember('2026-11-01', '2026-12-07', { organisationId: 'council' }),
      ['CHANGE_OTHER_ORGANISATION', 'MEMBERSHIP_ALREADY_ENDED'],
      false,
    );
  });
});

describe('decideChange: accounts, roles and training', () => {
  it('permits an administrator changing a colleague’s roles, holding person-data roles for a second person', () => {
    const d = permits(
      staffChange({ staffId: 'x', organisationId: 'trust' }, ['frontline', 'clinical']),
      'ROLE_GRANT_AWAITS_SECOND_PERSON',
    );
    assert.ok(d.effect === 'permit');
    assert.deepEqual(d.pendingRoles, [{ role: 'clinical', approverRoles: ['ig_lead'] }]);
  });
  it('lets the service manager approve frontline roles as well as the IG lead', () => {
    const d = decideChange(
      staffChange({ staffId: 'x', organisationId: 'trust' }, [], { currentRoles: [], roles: ['frontline'] }),
    );
    assert.ok(d.effect === 'permit');
    assert.deepEqual(d.pendingRoles, [{ role: 'frontline', approverRoles: ['ig_lead', 'service_manager'] }]);
  });
  it('grants roles that open no person data at once', () => {
    const d = permits(
      staffChange({ staffId: 'x', organisationId: 'trust' }, ['frontline', 'ig_lead']),
      'PERMIT_OWN_ORGANISATION_CHANGE',
    );
    assert.ok(d.effect === 'permit');
    assert.deepEqual(d.pendingRoles, []);
  });
  it('refuses changing accounts of another organisation', () => {
    denies(staffChange({ staffId: 'x', organisationId: 'council' }, ['frontline']), [
      'CHANGE_OTHER_ORGANISATION',
    ]);
    denies(
      staffChange({ staffId: null, organisationId: 'council' }, ['ig_lead'], {
        kind: 'staff.create',
        currentRoles: [],
      }),
      ['CHANGE_OTHER_ORGANISATION'],
    );
  });
  it('permits the first administrator of an empty organisation from elsewhere, and nothing more', () => {
    const first = { kind: 'staff.create' as const, currentRoles: [], targetOrganisationEmpty: true };
    permits(
      staffChange({ staffId: null, organisationId: 'new' }, ['system_admin'], first),
      'PERMIT_OWN_ORGANISATION_CHANGE',
    );
    denies(staffChange({ staffId: null, organisationId: 'new' }, ['system_admin', 'ig_lead'], first), [
      'CHANGE_OTHER_ORGANISATION',
    ]);
  });
  it('refuses an administrator adding any role to their own account', () => {
    denies(
      staffChange({ staffId: 'me', organisationId: 'trust' }, ['system_admin', 'duty', 'clinical'], {
        currentRoles: ['system_admin'],
      }),
      ['SELF_GRANT_ROLE'],
    );
  });
  it('permits an administrator editing their own account without adding roles', () => {
    permits(
      staffChange({ staffId: 'me', organisationId: 'trust' }, ['system_admin'], {
        currentRoles: ['system_admin'],
      }),
      'PERMIT_OWN_ORGANISATION_CHANGE',
    );
  });
  it('refuses role changes by anyone but an administrator', () => {
    denies(
      staffChange({ staffId: 'x', organisationId: 'trust' }, ['frontline'], { actor: actor(['ig_lead']) }),
      ['CHANGE_ROLE_REQUIRED'],
    );
  });
  it('permits recording a colleague’s training; refuses one’s own, another organisation’s, or without the role', () => {
    const training = (
      staffId: string,
      organisationId: string,
      roles: StaffRole[] = ['service_manager'],
    ): ChangeRequest => ({
      kind: 'staff.training',
      actor: actor(roles),
      target: { staffId, organisationId },
      training: 'IG_ANNUAL',
    });
    permits(training('x', 'trust'), 'PERMIT_OWN_ORGANISATION_CHANGE');
    denies(training('me', 'trust', ['system_admin']), ['SELF_GRANT_TRAINING']);
    denies(training('x', 'council'), ['CHANGE_OTHER_ORGANISATION']);
    denies(training('x', 'trust', ['frontline']), ['CHANGE_ROLE_REQUIRED']);
  });
  it('permits an administrator changing their own organisation; refuses another, or without the role', () => {
    const org = (over: Partial<ChangeRequest & { kind: 'organisation.update' }> = {}): ChangeRequest => ({
      kind: 'organisation.update',
      actor: actor(['system_admin']),
      organisationId: 'trust',
      organisationEmpty: false,
      ...over,
    });
    permits(org(), 'PERMIT_OWN_ORGANISATION_CHANGE');
    permits(org({ organisationId: 'housing', organisationEmpty: true }), 'PERMIT_OWN_ORGANISATION_CHANGE');
    denies(org({ organisationId: 'housing' }), ['CHANGE_OTHER_ORGANISATION']);
    denies(org({ actor: actor(['ig_lead']) }), ['CHANGE_ROLE_REQUIRED']);
  });
  it('approves a pending grant only by a second person in the approving role of the same organisation', () => {
    const approve = (a: ChangeActor, role: StaffRole = 'clinical', pending = true): ChangeRequest => ({
      kind: 'role_grant.approve',
      actor: a,
      grant: { staffId: 'x', organisationId: 'trust', role, requestedBy: 'admin', pending },
    });
    permits(approve(actor(['ig_lead'])), 'PERMIT_SECOND_PERSON');
    permits(approve(actor(['service_manager']), 'frontline'), 'PERMIT_SECOND_PERSON');
    denies(approve(actor(['service_manager'])), ['APPROVER_ROLE_REQUIRED']);
    denies(approve(actor(['ig_lead'], { staffId: 'admin' })), ['SECOND_PERSON_REQUIRED']);
    denies(approve(actor(['ig_lead'], { staffId: 'x' })), ['SECOND_PERSON_REQUIRED']);
    denies(approve(actor(['ig_lead'], { organisationId: 'council' })), ['CHANGE_OTHER_ORGANISATION']);
    denies(approve(actor(['ig_lead']), 'clinical', false), ['ROLE_GRANT_NOT_PENDING'], true);
  });
  it('names governance roles only in one’s own organisation and never to oneself; partnership governance is handed over', () => {
    const assign = (
      a: ChangeActor,
      role: 'IG_LEAD' | 'PARTNERSHIP_GOVERNANCE',
      organisationId = 'trust',
      staffId = 'x',
    ): ChangeRequest => ({
      kind: 'governance.assign',
      actor: a,
      organisationId,
      staffId,
      role,
    });
    permits(assign(actor(['system_admin']), 'IG_LEAD'), 'PERMIT_OWN_ORGANISATION_CHANGE');
    denies(assign(actor(['system_admin']), 'IG_LEAD', 'council'), ['CHANGE_OTHER_ORGANISATION']);
    denies(assign(actor(['system_admin']), 'IG_LEAD', 'trust', 'me'), ['SELF_GRANT_ROLE']);
    denies(assign(actor(['system_admin']), 'PARTNERSHIP_GOVERNANCE'), ['PARTNERSHIP_GOVERNANCE_REQUIRED']);
    permits(
      assign(actor(['ig_lead'], { partnershipGovernance: true }), 'PARTNERSHIP_GOVERNANCE', 'council'),
      'PERMIT_PARTNERSHIP_GOVERNANCE',
    );
  });
});

describe('decideChange: agreements, settings and break-glass', () => {
  const agreement = (a: ChangeActor): ChangeRequest => ({
    kind: 'agreement.status',
    actor: a,
    parties: ['trust', 'housing'],
  });
  it('permits an IG lead of a party to change an agreement', () => {
    permits(agreement(actor(['ig_lead'])), 'PERMIT_AGREEMENT_PARTY');
  });
  it('refuses an IG lead of a non-party, and anyone not an IG lead', () => {
    denies(agreement(actor(['ig_lead'], { organisationId: 'icb' })), ['AGREEMENT_NOT_PARTY']);
    denies(agreement(actor(['service_manager'])), ['AGREEMENT_IG_LEAD_REQUIRED']);
  });
  it('permits a party’s IG lead to sign off only for their own organisation', () => {
    const signOff = (a: ChangeActor, organisationId: string): ChangeRequest => ({
      kind: 'agreement.sign_off',
      actor: a,
      parties: ['trust', 'housing'],
      organisationId,
    });
    permits(signOff(actor(['ig_lead']), 'trust'), 'PERMIT_AGREEMENT_PARTY');
    denies(signOff(actor(['ig_lead']), 'housing'), ['AGREEMENT_SIGN_OFF_OTHER_ORGANISATION']);
    denies(signOff(actor(['ig_lead'], { organisationId: 'icb' }), 'icb'), ['AGREEMENT_NOT_PARTY']);
    denies(signOff(actor(['clinical']), 'trust'), ['AGREEMENT_IG_LEAD_REQUIRED']);
  });
  it('permits partnership settings only to the partnership governance lead', () => {
    const change = (a: ChangeActor): ChangeRequest => ({
      kind: 'settings.change',
      actor: a,
      setting: 'access_policy',
    });
    permits(change(actor(['ig_lead'], { partnershipGovernance: true })), 'PERMIT_PARTNERSHIP_GOVERNANCE');
    denies(change(actor(['ig_lead'])), ['PARTNERSHIP_GOVERNANCE_REQUIRED']);
    denies(change(actor(['service_manager'])), ['PARTNERSHIP_GOVERNANCE_REQUIRED']);
  });
  it('lets IG leads of parties propose and approve once per organisation', () => {
    const proposal = (
      kind: 'settings.propose' | 'settings.approve',
      a: ChangeActor,
      approvedBy: string[] = [],
      open = true,
    ): ChangeRequest => ({
      kind,
      actor: a,
      parties: ['trust', 'housing'],
      approvedBy,
      open,
    });
    permits(proposal('settings.propose', actor(['ig_lead'])), 'PERMIT_AGREEMENT_PARTY');
    permits(
      proposal('settings.approve', actor(['ig_lead'], { organisationId: 'housing' }), ['trust']),
      'PERMIT_AGREEMENT_PARTY',
    );
    denies(proposal('settings.propose', actor(['ig_lead'], { organisationId: 'icb' })), [
      'PROPOSAL_ORGANISATION_NOT_PARTY',
    ]);
    denies(proposal('settings.propose', actor(['service_manager'])), ['CHANGE_ROLE_REQUIRED']);
    denies(
      proposal('settings.approve', actor(['ig_lead']), ['trust']),
      ['PROPOSAL_ALREADY_APPROVED_BY_ORGANISATION'],
      true,
    );
    denies(proposal('settings.approve', actor(['ig_lead']), [], false), ['PROPOSAL_NOT_OPEN'], true);
  });
  it('permits break-glass below the daily limit and refuses at it', () => {
    const grant = (n: number, roles: StaffRole[] = ['duty']): ChangeRequest => ({
      kind: 'break_glass.grant',
      actor: actor(roles),
      grantsInLastDay: n,
      dailyLimit: 3,
    });
    permits(grant(2), 'PERMIT_OWN_ORGANISATION_CHANGE');
    denies(grant(3), ['BREAK_GLASS_RATE_LIMITED']);
    denies(grant(0, ['clinical']), ['CHANGE_ROLE_REQUIRED']);
  });
});

describe('change reason codes', () => {
  it('each has a one-sentence message free of personal data', () => {
    for (const code of [...CHANGE_DENY_REASON_CODES, ...CHANGE_PERMIT_REASON_CODES])
      assert.match(REASON_MESSAGES[code], /^[A-Z][^.]*\.$/, code);
  });
});
