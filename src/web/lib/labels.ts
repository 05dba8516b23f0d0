import type {
  CareTeamRole,
  GovernanceRole,
  OrganisationType,
  StaffRole,
  TrainingKind,
} from '../../contracts/enums.ts';

/** Plain-language names for the closed vocabularies the contracts define as codes. */
export const ORGANISATION_TYPE_LABELS: Readonly<Record<OrganisationType, string>> = {
  NHS_TRUST: 'NHS trust',
  LOCAL_AUTHORITY: 'Local authority',
  HOUSING_PROVIDER: 'Housing provider',
  VOLUNTARY_SECTOR: 'Voluntary sector',
  CRISIS_SERVICE: 'Crisis service',
  GP_PRACTICE: 'GP practice',
  COMMISSIONER: 'Commissioner',
};

/** Staff roles as ARCHITECTURE.md names them. */
export const STAFF_ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  frontline: 'Frontline practitioner',
  care_manager: 'Care coordinator or care manager',
  clinical: 'Clinician',
  duty: 'Duty or crisis worker',
  safeguarding_lead: 'Safeguarding lead',
  service_manager: 'Service manager',
  ig_lead: 'IG lead, DPO or Caldicott guardian',
  system_admin: 'System administrator',
  commissioner: 'Commissioner analyst',
};

/** Named governance roles an organisation fills. */
export const GOVERNANCE_ROLE_LABELS: Readonly<Record<GovernanceRole, string>> = {
  IG_LEAD: 'Information governance lead',
  DPO: 'Data protection officer',
  CALDICOTT_GUARDIAN: 'Caldicott guardian',
  SIRO: 'Senior information risk owner',
  SERVICE_MANAGER: 'Service manager',
  SYSTEM_ADMINISTRATOR: 'System administrator',
  PARTNERSHIP_GOVERNANCE: 'Partnership governance lead',
};

/** Kinds of training. */
export const TRAINING_KIND_LABELS: Readonly<Record<TrainingKind, string>> = {
  IG_ANNUAL: 'Information governance (annual)',
  SAFEGUARDING_ADULTS: 'Safeguarding adults',
  SAFEGUARDING_CHILDREN: 'Safeguarding children',
  MHA_AWARENESS: 'Mental Health Act awareness',
};

/** Roles on a person's care team. */
export const CARE_TEAM_ROLE_LABELS: Readonly<Record<CareTeamRole, string>> = {
  CARE_COORDINATOR: 'Care coordinator',
  NAMED_LEAD: 'Named lead',
  CLINICIAN: 'Clinician',
  SUPPORT_WORKER: 'Support worker',
  SOCIAL_WORKER: 'Social worker',
  HOUSING_OFFICER: 'Housing officer',
  CRISIS_WORKER: 'Crisis worker',
  PEER_SUPPORT: 'Peer support',
  GP: 'GP',
  OTHER: 'Other',
};
