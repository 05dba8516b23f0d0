import type { AgreementPartyRole } from '../../contracts/agreements.ts';
import type {
  AccessAction,
  AgreementStatus,
  Article6Basis,
  Article9Condition,
  CommonLawBasis,
  LawfulExceptionGround,
  Purpose,
} from '../../contracts/enums.ts';
import type { Option } from '../components/select.tsx';

/** Purposes of use, as practitioners say them. */
export const PURPOSE_LABELS: Readonly<Record<Purpose, string>> = {
  DIRECT_CARE: 'Direct care',
  CARE_COORDINATION: 'Care coordination',
  SAFEGUARDING: 'Safeguarding',
  CRISIS_RESPONSE: 'Crisis response',
  COMMISSIONING: 'Commissioning',
  AUDIT: 'Audit',
};

/** What someone wants to do with information. */
export const ACTION_LABELS: Readonly<Record<AccessAction, string>> = {
  view: 'View it',
  edit: 'Change it',
  disclose: 'Pass it to another organisation',
  export: 'Export it',
};

/** Agreement lifecycle statuses. */
export const AGREEMENT_STATUS_LABELS: Readonly<Record<AgreementStatus, string>> = {
  draft: 'Draft',
  active: 'Active',
  suspended: 'Suspended',
  expired: 'Expired',
  terminated: 'Terminated',
};

/** UK GDPR Article 6(1) lawful bases (domain reference §1.1). */
export const ARTICLE_6_LABELS: Readonly<Record<Article6Basis, string>> = {
  A6_A_CONSENT: '6(1)(a) Consent',
  A6_B_CONTRACT: '6(1)(b) Contract',
  A6_C_LEGAL_OBLIGATION: '6(1)(c) Legal obligation',
  A6_D_VITAL_INTERESTS: '6(1)(d) Vital interests',
  A6_E_PUBLIC_TASK: '6(1)(e) Public task',
  A6_EA_RECOGNISED_LI: '6(1)(ea) Recognised legitimate interest',
  A6_F_LEGITIMATE_INTERESTS: '6(1)(f) Legitimate interests',
};

/** UK GDPR Article 9(2) conditions (domain reference §1.2). */
export const ARTICLE_9_LABELS: Readonly<Record<Article9Condition, string>> = {
  A9_A_EXPLICIT_CONSENT: '9(2)(a) Explicit consent',
  A9_B_EMPLOYMENT_SOCIAL_PROTECTION: '9(2)(b) Employment, social security and social protection',
  A9_C_VITAL_INTERESTS: '9(2)(c) Vital interests',
  A9_D_NOT_FOR_PROFIT: '9(2)(d) Not-for-profit bodies',
  A9_E_MADE_PUBLIC: '9(2)(e) Made public by the person',
  A9_F_LEGAL_CLAIMS: '9(2)(f) Legal claims',
  A9_G_SUBSTANTIAL_PUBLIC_INTEREST: '9(2)(g) Substantial public interest',
  A9_H_HEALTH_SOCIAL_CARE: '9(2)(h) Health or social care',
  A9_I_PUBLIC_HEALTH: '9(2)(i) Public health',
  A9_J_ARCHIVING_RESEARCH_STATS: '9(2)(j) Archiving, research and statistics',
};

/** Common-law duty of confidentiality bases (domain reference §1.3). */
export const COMMON_LAW_LABELS: Readonly<Record<CommonLawBasis, string>> = {
  CLDC_IMPLIED_CONSENT: 'Implied consent (individual care)',
  CLDC_EXPLICIT_CONSENT: 'Explicit consent',
  CLDC_LEGAL_REQUIREMENT: 'Required or permitted by law',
  CLDC_OVERRIDING_PUBLIC_INTEREST: 'Overriding public interest',
  CLDC_S251_SUPPORT: 'Section 251 support',
  CLDC_COPI_REG3_PUBLIC_HEALTH: 'COPI regulation 3 (public health)',
  CLDC_NOT_APPLICABLE_ANONYMISED: 'Not confidential (anonymised)',
};

/** A party's role under an agreement. */
export const PARTY_ROLE_LABELS: Readonly<Record<AgreementPartyRole, string>> = {
  CONTROLLER: 'Controller',
  JOINT_CONTROLLER: 'Joint controller',
  PROCESSOR: 'Processor',
};

/** Grounds for sharing without consent. */
export const LAWFUL_EXCEPTION_GROUND_LABELS: Readonly<Record<LawfulExceptionGround, string>> = {
  IMMEDIATE_SAFETY: 'Immediate safety',
  SAFEGUARDING: 'Safeguarding',
  VITAL_INTERESTS: 'Vital interests',
  LEGAL_DUTY: 'Legal duty',
};

/** Select or radio options from a label table, in the table's order. */
export function optionsOf<K extends string>(labels: Readonly<Record<K, string>>): Option[] {
  return Object.entries<string>(labels).map(([value, label]) => ({ value, label }));
}

/** The label of a code when the table knows it, else the code itself (for codes added later). */
export function labelOf(labels: Readonly<Record<string, string>>, code: string | null | undefined): string {
  if (!code) return '';
  return labels[code] ?? code;
}
