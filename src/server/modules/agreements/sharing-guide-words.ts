/** Plain words the sharing guide uses for lawful bases, purposes and exceptions. Pure. */
import type {
  Article6Basis,
  Article9Condition,
  CommonLawBasis,
  LawfulExceptionGround,
  Purpose,
  StaffRole,
} from '../../../contracts/enums.ts';

/** UK GDPR Article 6(1) bases, as staff would say them. */
export const ARTICLE_6_WORDS: Readonly<Record<Article6Basis, string>> = {
  A6_A_CONSENT: 'UK GDPR Article 6(1)(a): consent',
  A6_B_CONTRACT: 'UK GDPR Article 6(1)(b): contract',
  A6_C_LEGAL_OBLIGATION: 'UK GDPR Article 6(1)(c): legal obligation',
  A6_D_VITAL_INTERESTS: 'UK GDPR Article 6(1)(d): vital interests',
  A6_E_PUBLIC_TASK: 'UK GDPR Article 6(1)(e): public task',
  A6_EA_RECOGNISED_LI: 'UK GDPR Article 6(1)(ea): recognised legitimate interest',
  A6_F_LEGITIMATE_INTERESTS: 'UK GDPR Article 6(1)(f): legitimate interests',
};

/** UK GDPR Article 9(2) conditions. */
export const ARTICLE_9_WORDS: Readonly<Record<Article9Condition, string>> = {
  A9_A_EXPLICIT_CONSENT: 'Article 9(2)(a): explicit consent',
  A9_B_EMPLOYMENT_SOCIAL_PROTECTION: 'Article 9(2)(b): employment and social protection',
  A9_C_VITAL_INTERESTS: 'Article 9(2)(c): vital interests',
  A9_D_NOT_FOR_PROFIT: 'Article 9(2)(d): not-for-profit body',
  A9_E_MADE_PUBLIC: 'Article 9(2)(e): made public by the person',
  A9_F_LEGAL_CLAIMS: 'Article 9(2)(f): legal claims',
  A9_G_SUBSTANTIAL_PUBLIC_INTEREST: 'Article 9(2)(g): substantial public interest',
  A9_H_HEALTH_SOCIAL_CARE: 'Article 9(2)(h): health and social care',
  A9_I_PUBLIC_HEALTH: 'Article 9(2)(i): public health',
  A9_J_ARCHIVING_RESEARCH_STATS: 'Article 9(2)(j): archiving, research and statistics',
};

/** Bases under the common-law duty of confidentiality. */
export const COMMON_LAW_WORDS: Readonly<Record<CommonLawBasis, string>> = {
  CLDC_IMPLIED_CONSENT: 'Confidentiality: implied consent for direct care',
  CLDC_EXPLICIT_CONSENT: 'Confidentiality: explicit consent',
  CLDC_LEGAL_REQUIREMENT: 'Confidentiality: a legal requirement',
  CLDC_OVERRIDING_PUBLIC_INTEREST: 'Confidentiality: overriding public interest',
  CLDC_S251_SUPPORT: 'Confidentiality: section 251 support',
  CLDC_COPI_REG3_PUBLIC_HEALTH: 'Confidentiality: COPI regulation 3 (public health)',
  CLDC_NOT_APPLICABLE_ANONYMISED: 'Confidentiality: not engaged (anonymised data)',
};

/** Purposes of use. */
export const PURPOSE_WORDS: Readonly<Record<Purpose, string>> = {
  DIRECT_CARE: 'direct care',
  CARE_COORDINATION: 'care coordination',
  SAFEGUARDING: 'safeguarding',
  CRISIS_RESPONSE: 'crisis response',
  COMMISSIONING: 'commissioning',
  AUDIT: 'audit',
};

/** What each lawful exception allows, and what it demands. */
export const EXCEPTION_WORDS: Readonly<Record<LawfulExceptionGround, string>> = {
  IMMEDIATE_SAFETY:
    'Immediate safety: when someone is at immediate risk of serious harm you may share what is needed to keep them safe without consent.',
  SAFEGUARDING:
    'Safeguarding: to protect an adult or child at risk you may share with the safeguarding partners without consent.',
  VITAL_INTERESTS:
    'Vital interests: when the person cannot consent and their life or health is at stake you may share what is needed.',
  LEGAL_DUTY: 'Legal duty: when the law or a court requires it you must share what it requires.',
};

/** Staff roles, as the printed guide names them. */
export const ROLE_WORDS: Readonly<Record<StaffRole, string>> = {
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
