/**
 * Domain types of authority over access-changing writes: who may change care teams, roles,
 * training, agreements, partnership settings and break-glass use. `decideChange` (in
 * authority-decide.ts) reads only these values; services load them inside the change's transaction.
 */
import type { GovernanceRole, StaffRole, TrainingKind } from '../../../contracts/enums.ts';
import type { ChangeDenyReasonCode, ChangePermitReasonCode } from './reasons.ts';

/** The member of staff making a change, as the directory knows them now. */
export interface ChangeActor {
  readonly staffId: string;
  readonly organisationId: string;
  readonly teamIds: readonly string[];
  readonly roles: readonly StaffRole[];
  /** Holds the partnership governance role (named in the directory). */
  readonly partnershipGovernance: boolean;
}

/** Adding a staff member or a team to a person's care team. */
export interface CareTeamAddChange {
  readonly kind: 'care_team.add';
  readonly actor: ChangeActor;
  /** The new member: a named staff member or a team, and the organisation they belong to. */
  readonly member: {
    readonly staffId: string | null;
    readonly teamId: string | null;
    readonly organisationId: string;
  };
  /** The actor holds a live break-glass grant for the person. */
  readonly actorHasLiveGrant: boolean;
  /** The actor is on the person's care team today by a membership of their own. */
  readonly actorOnCareTeam: boolean;
}

/** Ending a care-team membership on a date. */
export interface CareTeamEndChange {
  readonly kind: 'care_team.end';
  readonly actor: ChangeActor;
  readonly membership: { readonly organisationId: string; readonly endDate: string | null };
  /** The end date asked for. */
  readonly endDate: string;
  /** Today in England (YYYY-MM-DD). */
  readonly today: string;
}

/** Creating an account or changing its roles, details or active flag. */
export interface StaffChange {
  readonly kind: 'staff.create' | 'staff.update';
  readonly actor: ChangeActor;
  /** The account changed (null id while it is being created). */
  readonly target: { readonly staffId: string | null; readonly organisationId: string };
  /** Roles held before the change (none for a new account). */
  readonly currentRoles: readonly StaffRole[];
  /** Roles asked for; undefined when roles are not being changed. */
  readonly roles: readonly StaffRole[] | undefined;
  /** Roles whose tier opens person-level data under the partnership policy. */
  readonly personDataRoles: readonly StaffRole[];
  /** The target organisation has no accounts yet: its first administrator may come from elsewhere. */
  readonly targetOrganisationEmpty: boolean;
}

/** Recording training on an account. */
export interface TrainingChange {
  readonly kind: 'staff.training';
  readonly actor: ChangeActor;
  readonly target: { readonly staffId: string; readonly organisationId: string };
  readonly training: TrainingKind;
}

/** Changing an organisation's own details (name, type, ODS code). */
export interface OrganisationChange {
  readonly kind: 'organisation.update';
  readonly actor: ChangeActor;
  readonly organisationId: string;
  /** The organisation has no accounts yet: the administrator who registered it may still correct it. */
  readonly organisationEmpty: boolean;
}

/** Naming the holder of a governance role of an organisation (or of the partnership). */
export interface GovernanceChange {
  readonly kind: 'governance.assign';
  readonly actor: ChangeActor;
  readonly organisationId: string;
  readonly staffId: string;
  readonly role: GovernanceRole;
}

/** Approving a pending role grant as the second person. */
export interface RoleGrantApproval {
  readonly kind: 'role_grant.approve';
  readonly actor: ChangeActor;
  readonly grant: {
    readonly staffId: string;
    readonly organisationId: string;
    readonly role: StaffRole;
    readonly requestedBy: string;
    readonly pending: boolean;
  };
}

/** Creating or amending an agreement, or moving it through its lifecycle. */
export interface AgreementChange {
  readonly kind: 'agreement.create' | 'agreement.update' | 'agreement.status';
  readonly actor: ChangeActor;
  /** Organisations party to the agreement (for a new agreement, those its terms name). */
  readonly parties: readonly string[];
}

/** Recording one party's legal or operational sign-off of an agreement. */
export interface AgreementSignOffChange {
  readonly kind: 'agreement.sign_off';
  readonly actor: ChangeActor;
  /** Organisations party to the agreement. */
  readonly parties: readonly string[];
  /** The organisation the sign-off is recorded for. */
  readonly organisationId: string;
}

/** Partnership-wide settings that shape every decision. */
export type PartnershipSetting =
  | 'access_policy'
  | 'anomaly_settings'
  | 'escalation_rules'
  | 'agreement_settings';

/** Changing a partnership-wide setting directly. */
export interface SettingsChange {
  readonly kind: 'settings.change';
  readonly actor: ChangeActor;
  readonly setting: PartnershipSetting;
}

/** Proposing or approving a change of a partnership-wide setting. */
export interface SettingsProposalChange {
  readonly kind: 'settings.propose' | 'settings.approve';
  readonly actor: ChangeActor;
  /** Organisations party to an agreement in force: the parties whose IG leads approve. */
  readonly parties: readonly string[];
  /** Organisations that have approved so far (approve only). */
  readonly approvedBy: readonly string[];
  /** The proposal is still open (approve only). */
  readonly open: boolean;
}

/** Opening a break-glass grant. */
export interface BreakGlassChange {
  readonly kind: 'break_glass.grant';
  readonly actor: ChangeActor;
  /** Grants the actor opened in the last 24 hours. */
  readonly grantsInLastDay: number;
  /** Grants a worker may open in 24 hours. */
  readonly dailyLimit: number;
}

/** Any access-changing write the authority decides. */
export type ChangeRequest =
  | CareTeamAddChange
  | CareTeamEndChange
  | StaffChange
  | TrainingChange
  | OrganisationChange
  | GovernanceChange
  | RoleGrantApproval
  | AgreementChange
  | AgreementSignOffChange
  | SettingsChange
  | SettingsProposalChange
  | BreakGlassChange;

/** A reason for a change decision. */
export interface ChangeReason {
  readonly code: ChangeDenyReasonCode | ChangePermitReasonCode;
  readonly message: string;
}

/** A role that will be granted only when the second person approves it. */
export interface PendingRole {
  readonly role: StaffRole;
  /** Who may approve: the organisation's IG lead, or also its service manager for frontline roles. */
  readonly approverRoles: readonly StaffRole[];
}

/** What the authority decided: deny wins; a permit may hold roles back for a second person. */
export type ChangeDecision =
  | {
      readonly effect: 'deny';
      readonly reasons: readonly ChangeReason[];
      /** True when the refusal is a conflict with stored state (409) rather than a lack of authority (403). */
      readonly conflict: boolean;
    }
  | {
      readonly effect: 'permit';
      readonly reasons: readonly ChangeReason[];
      /** Roles the change asks for that wait for a second person instead of being granted now. */
      readonly pendingRoles: readonly PendingRole[];
    };

/** Roles that manage accounts, teams and governance names. */
export const ACCOUNT_ADMIN_ROLES: readonly StaffRole[] = ['system_admin'];

/** Roles that record training: administrators and the staff member's service manager. */
export const TRAINING_RECORDER_ROLES: readonly StaffRole[] = ['system_admin', 'service_manager'];

/** Roles that change care teams. */
export const CARE_TEAM_CHANGER_ROLES: readonly StaffRole[] = ['care_manager', 'service_manager', 'clinical'];

/** Frontline roles, whose grants the organisation's service manager may approve as well as its IG lead. */
export const FRONTLINE_ROLES: readonly StaffRole[] = ['frontline'];

/** The governance role that may change partnership-wide settings directly. */
export const PARTNERSHIP_GOVERNANCE_ROLE: GovernanceRole = 'PARTNERSHIP_GOVERNANCE';
