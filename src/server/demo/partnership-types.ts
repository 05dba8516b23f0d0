/** Shapes of the fixed demo partnership: plain data the loader turns into directory rows. */
import type {
  CareTeamRole,
  DataCategory,
  GovernanceRole,
  OrganisationType,
  StaffRole,
  TrainingKind,
} from '../../contracts/enums.ts';

/** A partner organisation; `key` is how the rest of the demo data refers to it. */
export interface DemoOrganisation {
  readonly key: string;
  readonly name: string;
  readonly type: OrganisationType;
  readonly odsCode: string;
}

/** A team inside one organisation. */
export interface DemoTeam {
  readonly key: string;
  readonly organisation: string;
  readonly name: string;
  readonly serviceType: string;
}

/** A training course completed some days before the demo's "today"; it lasts one year. */
export interface DemoTraining {
  readonly kind: TrainingKind;
  readonly completedDaysAgo: number;
}

/** A demo staff account. */
export interface DemoStaff {
  readonly username: string;
  readonly displayName: string;
  readonly jobTitle: string;
  readonly organisation: string;
  readonly roles: readonly StaffRole[];
  readonly teams: readonly string[];
  readonly training: readonly DemoTraining[];
  /** Why this account is in the demo when it is there to show a refusal. */
  readonly note?: string;
}

/** A named governance role held by a staff member for their organisation. */
export interface DemoGovernance {
  readonly organisation: string;
  readonly role: GovernanceRole;
  readonly username: string;
}

/** One way of being on someone's care team: a named person (one of several) or a whole team. */
export type DemoInvolvement =
  | { readonly kind: 'staff'; readonly usernames: readonly string[]; readonly role: CareTeamRole }
  | { readonly kind: 'team'; readonly team: string; readonly role: CareTeamRole };

/** An optional involvement and how often people have it. */
export interface DemoExtraInvolvement {
  readonly involvement: DemoInvolvement;
  readonly probability: number;
}

/** Who takes part in people's care, for the generator. */
export interface DemoCareRoster {
  /** Care coordinators in the community team; every person has one. */
  readonly coordinators: readonly string[];
  /** The community team every person is open to. */
  readonly communityTeam: string;
  /** The inpatient ward, for past admissions. */
  readonly ward: string;
  /** Teams involved for weeks rather than years (home treatment, an admission). */
  readonly briefTeams: readonly string[];
  /** Handed out in turn, always current, so every caseload-holding account has people. */
  readonly anchors: readonly DemoInvolvement[];
  /** Added at random on top of the anchor. */
  readonly extras: readonly DemoExtraInvolvement[];
}

/** A whole fictional partnership. */
export interface DemoPartnership {
  readonly name: string;
  readonly organisations: readonly DemoOrganisation[];
  readonly teams: readonly DemoTeam[];
  readonly staff: readonly DemoStaff[];
  readonly governance: readonly DemoGovernance[];
  readonly care: DemoCareRoster;
  /** Who may plausibly write each category, by username; the person's involved ones are preferred. */
  readonly writers: Readonly<Record<DataCategory, readonly string[]>>;
}
