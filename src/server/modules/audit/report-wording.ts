/**
 * The words of a person's access report. It is written to the person (a subject access request), so
 * staff appear by role and organisation only and codes become plain English.
 */

import type { LawfulExceptionGround, Purpose, StaffRole } from '../../../contracts/enums.ts';
import { auditActionSpec } from './audit-actions.ts';

/** Roles as the person would understand them. */
export const ROLE_WORDS: Readonly<Record<StaffRole, string>> = {
  frontline: 'Support worker or housing officer',
  care_manager: 'Care coordinator',
  clinical: 'Clinician',
  duty: 'Duty or crisis worker',
  safeguarding_lead: 'Safeguarding lead',
  service_manager: 'Service manager',
  ig_lead: 'Information governance lead',
  system_admin: 'System administrator',
  commissioner: 'Commissioning analyst',
};

/** Purposes of use in plain English. */
export const PURPOSE_WORDS: Readonly<Record<Purpose, string>> = {
  DIRECT_CARE: 'Your care',
  CARE_COORDINATION: 'Coordinating your care',
  SAFEGUARDING: 'Safeguarding',
  CRISIS_RESPONSE: 'Responding to a crisis',
  COMMISSIONING: 'Planning services',
  AUDIT: 'Checking how information is used',
};

/** Lawful exception grounds in plain English. */
export const GROUND_WORDS: Readonly<Record<LawfulExceptionGround, string>> = {
  IMMEDIATE_SAFETY: 'to keep someone safe from immediate harm',
  SAFEGUARDING: 'to protect an adult at risk (safeguarding)',
  VITAL_INTERESTS: 'to protect someone’s life',
  LEGAL_DUTY: 'because the law required it',
};

/** What an entry's action did, in words for the person (from the audit registry). */
export function actionWords(action: string): string {
  return auditActionSpec(action)?.personWords ?? 'Used your record';
}

/** Why a request was refused, grouped so the person reads a reason rather than a rule code. */
export function refusalWords(code: string): string {
  if (code === 'NOT_INVOLVED_IN_CARE' || code === 'NOT_KNOWN_TO_CALLER')
    return 'They were not involved in your care';
  if (code === 'TRAINING_EXPIRED' || code === 'ACCOUNT_INACTIVE')
    return 'Their account or training was not up to date';
  if (code.startsWith('CONSENT_') || code === 'NO_CONSENT_RECORDED')
    return 'Your choices about sharing did not allow it';
  if (code === 'NO_ACTIVE_AGREEMENT' || code.startsWith('AGREEMENT_'))
    return 'No data sharing agreement covered it';
  if (code === 'BREAK_GLASS_VIEW_ONLY' || code === 'EDIT_OTHER_ORGANISATION_DATA')
    return 'They were not allowed to change this information';
  if (code === 'ONWARD_DISCLOSURE_NOT_PERMITTED') return 'They were not allowed to pass this information on';
  if (code.startsWith('BREAK_GLASS_')) return 'Emergency access did not cover it';
  if (
    code === 'ROLE_TIER_EXCLUDES_CATEGORY' ||
    code.startsWith('RESTRICTED_') ||
    code.includes('COMMISSIONING') ||
    code.startsWith('COMMISSIONER_')
  )
    return 'Their role does not allow them to see this information';
  return 'It did not meet the rules for sharing';
}

/** How the report names the system itself when no member of staff acted. */
export const SYSTEM_ACTOR = { role: 'Automatic process', organisation: 'Accord' };
