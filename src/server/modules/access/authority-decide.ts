/**
 * The authority over access-changing writes, as one pure function beside `decide`: a change is
 * permitted only by someone of the organisation it belongs to, in a role that makes such changes,
 * never to widen their own access, and (for partnership settings and agreements) only by those who
 * answer for them. Deny wins and lists every reason; a refusal is a result, not an exception.
 */
import type { StaffRole } from '../../../contracts/enums.ts';
import {
  ACCOUNT_ADMIN_ROLES,
  type AgreementChange,
  type AgreementSignOffChange,
  type BreakGlassChange,
  CARE_TEAM_CHANGER_ROLES,
  type CareTeamAddChange,
  type CareTeamEndChange,
  type ChangeActor,
  type ChangeDecision,
  type ChangeRequest,
  FRONTLINE_ROLES,
  type GovernanceChange,
  type OrganisationChange,
  PARTNERSHIP_GOVERNANCE_ROLE,
  type PendingRole,
  type RoleGrantApproval,
  type SettingsProposalChange,
  type StaffChange,
  TRAINING_RECORDER_ROLES,
  type TrainingChange,
} from './authority.ts';
import { type ChangeDenyReasonCode, type ChangePermitReasonCode, REASON_MESSAGES } from './reasons.ts';

/** Refusals that are a clash with stored state (409) rather than a lack of authority (403). */
const CONFLICT_CODES: ReadonlySet<ChangeDenyReasonCode> = new Set([
  'MEMBERSHIP_ALREADY_ENDED',
  'MEMBERSHIP_END_EXTENDED',
  'ROLE_GRANT_NOT_PENDING',
  'PROPOSAL_NOT_OPEN',
  'PROPOSAL_ALREADY_APPROVED_BY_ORGANISATION',
]);

const holds = (actor: ChangeActor, roles: readonly StaffRole[]): boolean =>
  actor.roles.some((r) => roles.includes(r));

/** Who may approve a grant of this role as the second person. */
export function approverRolesFor(role: StaffRole): readonly StaffRole[] {
  return FRONTLINE_ROLES.includes(role) ? ['ig_lead', 'service_manager'] : ['ig_lead'];
}

function careTeamAdd(c: CareTeamAddChange, denied: ChangeDenyReasonCode[]): void {
  if (!holds(c.actor, CARE_TEAM_CHANGER_ROLES)) denied.push('CHANGE_ROLE_REQUIRED');
  if (c.member.organisationId !== c.actor.organisationId) denied.push('CHANGE_OTHER_ORGANISATION');
  const self =
    c.member.staffId === c.actor.staffId ||
    (c.member.teamId !== null && c.actor.teamIds.includes(c.member.teamId));
  if (self && c.actorHasLiveGrant && !c.actorOnCareTeam) denied.push('CARE_TEAM_SELF_JOIN_UNDER_BREAK_GLASS');
}

function careTeamEnd(c: CareTeamEndChange, denied: ChangeDenyReasonCode[]): void {
  if (!holds(c.actor, CARE_TEAM_CHANGER_ROLES)) denied.push('CHANGE_ROLE_REQUIRED');
  if (c.membership.organisationId !== c.actor.organisationId) denied.push('CHANGE_OTHER_ORGANISATION');
  const existing = c.membership.endDate;
  if (existing === null) return;
  // Ended already (access through it stops after its end day): ending it again would reopen or move it.
  if (existing <= c.today || c.endDate === existing) denied.push('MEMBERSHIP_ALREADY_ENDED');
  else if (c.endDate > existing) denied.push('MEMBERSHIP_END_EXTENDED');
}

/** Roles the change adds; a new account holds none yet, whatever the request says it holds. */
function addedRoles(c: StaffChange): StaffRole[] {
  const before = c.kind === 'staff.create' ? [] : c.currentRoles;
  return [...new Set(c.roles ?? [])].filter((r) => !before.includes(r));
}

function organisationChange(c: OrganisationChange, denied: ChangeDenyReasonCode[]): void {
  if (!holds(c.actor, ACCOUNT_ADMIN_ROLES)) denied.push('CHANGE_ROLE_REQUIRED');
  if (c.organisationId !== c.actor.organisationId && !c.organisationEmpty)
    denied.push('CHANGE_OTHER_ORGANISATION');
}

function staffChange(c: StaffChange, denied: ChangeDenyReasonCode[]): void {
  if (!holds(c.actor, ACCOUNT_ADMIN_ROLES)) denied.push('CHANGE_ROLE_REQUIRED');
  const added = addedRoles(c);
  // A new organisation's first account, its administrator, comes from an administrator elsewhere.
  const firstAdministrator =
    c.kind === 'staff.create' && c.targetOrganisationEmpty && added.every((r) => r === 'system_admin');
  if (c.target.organisationId !== c.actor.organisationId && !firstAdministrator)
    denied.push('CHANGE_OTHER_ORGANISATION');
  if (c.target.staffId === c.actor.staffId && added.length > 0) denied.push('SELF_GRANT_ROLE');
}

function pendingRolesOf(c: StaffChange): PendingRole[] {
  return addedRoles(c)
    .filter((r) => c.personDataRoles.includes(r))
    .map((role) => ({ role, approverRoles: approverRolesFor(role) }));
}

function training(c: TrainingChange, denied: ChangeDenyReasonCode[]): void {
  if (!holds(c.actor, TRAINING_RECORDER_ROLES)) denied.push('CHANGE_ROLE_REQUIRED');
  if (c.target.organisationId !== c.actor.organisationId) denied.push('CHANGE_OTHER_ORGANISATION');
  if (c.target.staffId === c.actor.staffId) denied.push('SELF_GRANT_TRAINING');
}

function governance(c: GovernanceChange, denied: ChangeDenyReasonCode[]): void {
  if (c.role === PARTNERSHIP_GOVERNANCE_ROLE) {
    // Handed over by its holder only; no administrator can create it.
    if (!c.actor.partnershipGovernance) denied.push('PARTNERSHIP_GOVERNANCE_REQUIRED');
  } else {
    if (!holds(c.actor, ACCOUNT_ADMIN_ROLES)) denied.push('CHANGE_ROLE_REQUIRED');
    if (c.organisationId !== c.actor.organisationId) denied.push('CHANGE_OTHER_ORGANISATION');
  }
  if (c.staffId === c.actor.staffId) denied.push('SELF_GRANT_ROLE');
}

function approval(c: RoleGrantApproval, denied: ChangeDenyReasonCode[]): void {
  if (c.grant.organisationId !== c.actor.organisationId) denied.push('CHANGE_OTHER_ORGANISATION');
  if (c.actor.staffId === c.grant.requestedBy || c.actor.staffId === c.grant.staffId)
    denied.push('SECOND_PERSON_REQUIRED');
  if (!holds(c.actor, approverRolesFor(c.grant.role))) denied.push('APPROVER_ROLE_REQUIRED');
  if (!c.grant.pending) denied.push('ROLE_GRANT_NOT_PENDING');
}

function agreement(c: AgreementChange, denied: ChangeDenyReasonCode[]): void {
  if (!holds(c.actor, ['ig_lead'])) denied.push('AGREEMENT_IG_LEAD_REQUIRED');
  if (!c.parties.includes(c.actor.organisationId)) denied.push('AGREEMENT_NOT_PARTY');
}

// A party answers only for itself: an IG lead never signs off on another organisation's behalf.
function signOff(c: AgreementSignOffChange, denied: ChangeDenyReasonCode[]): void {
  if (!holds(c.actor, ['ig_lead'])) denied.push('AGREEMENT_IG_LEAD_REQUIRED');
  if (!c.parties.includes(c.actor.organisationId)) denied.push('AGREEMENT_NOT_PARTY');
  if (c.organisationId !== c.actor.organisationId) denied.push('AGREEMENT_SIGN_OFF_OTHER_ORGANISATION');
}

function proposal(c: SettingsProposalChange, denied: ChangeDenyReasonCode[]): void {
  if (!holds(c.actor, ['ig_lead'])) denied.push('CHANGE_ROLE_REQUIRED');
  if (!c.parties.includes(c.actor.organisationId)) denied.push('PROPOSAL_ORGANISATION_NOT_PARTY');
  if (c.kind === 'settings.approve') {
    if (!c.open) denied.push('PROPOSAL_NOT_OPEN');
    else if (c.approvedBy.includes(c.actor.organisationId))
      denied.push('PROPOSAL_ALREADY_APPROVED_BY_ORGANISATION');
  }
}

function breakGlass(c: BreakGlassChange, denied: ChangeDenyReasonCode[]): void {
  if (!holds(c.actor, ['duty'])) denied.push('CHANGE_ROLE_REQUIRED');
  if (c.grantsInLastDay >= c.dailyLimit) denied.push('BREAK_GLASS_RATE_LIMITED');
}

function check(c: ChangeRequest, denied: ChangeDenyReasonCode[]): ChangePermitReasonCode {
  switch (c.kind) {
    case 'care_team.add':
      careTeamAdd(c, denied);
      return 'PERMIT_OWN_ORGANISATION_CHANGE';
    case 'care_team.end':
      careTeamEnd(c, denied);
      return 'PERMIT_OWN_ORGANISATION_CHANGE';
    case 'staff.create':
    case 'staff.update':
      staffChange(c, denied);
      return 'PERMIT_OWN_ORGANISATION_CHANGE';
    case 'staff.training':
      training(c, denied);
      return 'PERMIT_OWN_ORGANISATION_CHANGE';
    case 'organisation.update':
      organisationChange(c, denied);
      return 'PERMIT_OWN_ORGANISATION_CHANGE';
    case 'governance.assign':
      governance(c, denied);
      return c.role === PARTNERSHIP_GOVERNANCE_ROLE
        ? 'PERMIT_PARTNERSHIP_GOVERNANCE'
        : 'PERMIT_OWN_ORGANISATION_CHANGE';
    case 'role_grant.approve':
      approval(c, denied);
      return 'PERMIT_SECOND_PERSON';
    case 'agreement.create':
    case 'agreement.update':
    case 'agreement.status':
      agreement(c, denied);
      return 'PERMIT_AGREEMENT_PARTY';
    case 'agreement.sign_off':
      signOff(c, denied);
      return 'PERMIT_AGREEMENT_PARTY';
    case 'settings.change':
      if (!c.actor.partnershipGovernance) denied.push('PARTNERSHIP_GOVERNANCE_REQUIRED');
      return 'PERMIT_PARTNERSHIP_GOVERNANCE';
    case 'settings.propose':
    case 'settings.approve':
      proposal(c, denied);
      return 'PERMIT_AGREEMENT_PARTY';
    case 'break_glass.grant':
      breakGlass(c, denied);
      return 'PERMIT_OWN_ORGANISATION_CHANGE';
  }
}

const reason = (code: ChangeDenyReasonCode | ChangePermitReasonCode) => ({
  code,
  message: REASON_MESSAGES[code],
});

/** Decides whether an access-changing write may go ahead, and what of it waits for a second person. */
export function decideChange(change: ChangeRequest): ChangeDecision {
  const denied: ChangeDenyReasonCode[] = [];
  const permitCode = check(change, denied);
  if (denied.length > 0) {
    return {
      effect: 'deny',
      reasons: denied.map(reason),
      conflict: denied.every((code) => CONFLICT_CODES.has(code)),
    };
  }
  const pendingRoles =
    change.kind === 'staff.create' || change.kind === 'staff.update' ? pendingRolesOf(change) : [];
  return {
    effect: 'permit',
    reasons: [
      reason(permitCode),
      ...(pendingRoles.length > 0 ? [reason('ROLE_GRANT_AWAITS_SECOND_PERSON')] : []),
    ],
    pendingRoles,
  };
}
