/**
 * Closed vocabularies shared by the server, the web app and the CLI.
 * Each is a readonly tuple (for zod enums) plus the union type it spells.
 */

/** Kinds of organisation in a partnership. */
export const ORGANISATION_TYPES = [
  'NHS_TRUST',
  'LOCAL_AUTHORITY',
  'HOUSING_PROVIDER',
  'VOLUNTARY_SECTOR',
  'CRISIS_SERVICE',
  'GP_PRACTICE',
  'COMMISSIONER',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Staff roles from the catalogue in ARCHITECTURE.md. */
export const STAFF_ROLES = [
  'frontline',
  'care_manager',
  'clinical',
  'duty',
  'safeguarding_lead',
  'service_manager',
  'ig_lead',
  'system_admin',
  'commissioner',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Named governance roles an organisation must fill. */
export const GOVERNANCE_ROLES = [
  'IG_LEAD',
  'DPO',
  'CALDICOTT_GUARDIAN',
  'SIRO',
  'SERVICE_MANAGER',
  'SYSTEM_ADMINISTRATOR',
  'PARTNERSHIP_GOVERNANCE',
] as const;
export type GovernanceRole = (typeof GOVERNANCE_ROLES)[number];

/** Kinds of information-governance training; `IG_ANNUAL` gates all access to person data. */
export const TRAINING_KINDS = [
  'IG_ANNUAL',
  'SAFEGUARDING_ADULTS',
  'SAFEGUARDING_CHILDREN',
  'MHA_AWARENESS',
] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

/**
 * Data categories of record entries. Demographics live on the person index itself and are
 * visible to anyone allowed to know the person exists.
 */
export const DATA_CATEGORIES = [
  'RISK_SUMMARY',
  'CRISIS_PLAN',
  'SUPPORT_INSTRUCTIONS',
  'CONTACTS_CARERS',
  'CARE_PLAN',
  'OUTCOMES',
  'SERVICE_USE',
  'ASSESSMENT',
  'INCIDENTS',
  'MEDICATION',
  'DIAGNOSIS',
  'SAFEGUARDING',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Plain-language labels for categories, as practitioners say them. */
export const DATA_CATEGORY_LABELS: Readonly<Record<DataCategory, string>> = {
  RISK_SUMMARY: 'Risk summary and alerts',
  CRISIS_PLAN: 'Crisis plan',
  SUPPORT_INSTRUCTIONS: 'Day-to-day support instructions',
  CONTACTS_CARERS: 'Contacts and carers',
  CARE_PLAN: 'Care plan and reviews',
  OUTCOMES: 'Outcomes',
  SERVICE_USE: 'Service use',
  ASSESSMENT: 'Assessment summaries',
  INCIDENTS: 'Incidents',
  MEDICATION: 'Medication',
  DIAGNOSIS: 'Diagnosis',
  SAFEGUARDING: 'Safeguarding',
};

/** Categories a crisis summary is made of: what break-glass may open. */
export const CRISIS_CATEGORIES = [
  'RISK_SUMMARY',
  'CRISIS_PLAN',
  'CONTACTS_CARERS',
  'MEDICATION',
] as const satisfies readonly DataCategory[];

/** Categories with stricter rules of their own. */
export const RESTRICTED_CATEGORIES = ['SAFEGUARDING'] as const satisfies readonly DataCategory[];

/** What an actor wants to do with data. */
export const ACCESS_ACTIONS = ['view', 'edit', 'disclose', 'export'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** Purposes of use; agreements are written per purpose. */
export const PURPOSES = [
  'DIRECT_CARE',
  'CARE_COORDINATION',
  'SAFEGUARDING',
  'CRISIS_RESPONSE',
  'COMMISSIONING',
  'AUDIT',
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** A person's role in someone's care, as recorded on a care-team membership. */
export const CARE_TEAM_ROLES = [
  'CARE_COORDINATOR',
  'NAMED_LEAD',
  'CLINICIAN',
  'SUPPORT_WORKER',
  'SOCIAL_WORKER',
  'HOUSING_OFFICER',
  'CRISIS_WORKER',
  'PEER_SUPPORT',
  'GP',
  'OTHER',
] as const;
export type CareTeamRole = (typeof CARE_TEAM_ROLES)[number];

/** UK GDPR Article 6(1) lawful bases. */
export const ARTICLE_6_BASES = [
  'A6_A_CONSENT',
  'A6_B_CONTRACT',
  'A6_C_LEGAL_OBLIGATION',
  'A6_D_VITAL_INTERESTS',
  'A6_E_PUBLIC_TASK',
  'A6_EA_RECOGNISED_LI',
  'A6_F_LEGITIMATE_INTERESTS',
] as const;
export type Article6Basis = (typeof ARTICLE_6_BASES)[number];

/** UK GDPR Article 9(2) conditions for special category data. */
export const ARTICLE_9_CONDITIONS = [
  'A9_A_EXPLICIT_CONSENT',
  'A9_B_EMPLOYMENT_SOCIAL_PROTECTION',
  'A9_C_VITAL_INTERESTS',
  'A9_D_NOT_FOR_PROFIT',
  'A9_E_MADE_PUBLIC',
  'A9_F_LEGAL_CLAIMS',
  'A9_G_SUBSTANTIAL_PUBLIC_INTEREST',
  'A9_H_HEALTH_SOCIAL_CARE',
  'A9_I_PUBLIC_HEALTH',
  'A9_J_ARCHIVING_RESEARCH_STATS',
] as const;
export type Article9Condition = (typeof ARTICLE_9_CONDITIONS)[number];

/** Common-law duty of confidentiality bases. */
export const COMMON_LAW_BASES = [
  'CLDC_IMPLIED_CONSENT',
  'CLDC_EXPLICIT_CONSENT',
  'CLDC_LEGAL_REQUIREMENT',
  'CLDC_OVERRIDING_PUBLIC_INTEREST',
  'CLDC_S251_SUPPORT',
  'CLDC_COPI_REG3_PUBLIC_HEALTH',
  'CLDC_NOT_APPLICABLE_ANONYMISED',
] as const;
export type CommonLawBasis = (typeof COMMON_LAW_BASES)[number];

/** Lifecycle of a data sharing agreement. */
export const AGREEMENT_STATUSES = ['draft', 'active', 'suspended', 'expired', 'terminated'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** Grounds for sharing without consent. */
export const LAWFUL_EXCEPTION_GROUNDS = [
  'IMMEDIATE_SAFETY',
  'SAFEGUARDING',
  'VITAL_INTERESTS',
  'LEGAL_DUTY',
] as const;
export type LawfulExceptionGround = (typeof LAWFUL_EXCEPTION_GROUNDS)[number];
