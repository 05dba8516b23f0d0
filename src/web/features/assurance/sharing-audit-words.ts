/** Plain words for the monthly audit's findings and test results. */
export const FINDING_WORDS: Readonly<Record<string, string>> = {
  CONSENT_NONE_IN_FORCE: 'No consent was in force for the person at the time',
  CONSENT_NOT_GIVEN: 'The consent in force was refused or withdrawn',
  CONSENT_NOT_CITED: 'The disclosure did not rely on the consent in force',
  CONSENT_PROVISION_MISSING: 'The consent in force has no provision that covers it',
  CONSENT_PARTNER_MISMATCH: 'The consent names a different partner than the recipient',
  CONSENT_RESTRICTED: 'The consent restricts a category that was shared',
  TEMPLATE_NOT_USED: 'No minimum-dataset handover template was used',
  EMERGENCY_NO_RATIONALE: 'Emergency (break-glass) access without a recorded rationale',
  EMERGENCY_NOT_REVIEWED: 'Emergency (break-glass) access not yet reviewed',
  EXCEPTION_NO_RATIONALE: 'Lawful exception without a recorded rationale',
  EXCEPTION_NOT_REVIEWED: 'Lawful exception not yet reviewed',
  AUDITOR_FINDING: 'Found by the auditor',
};

/** A finding in words. */
export const findingWords = (code: string): string => FINDING_WORDS[code] ?? code;

/** A test result in words. */
export const CHECK_WORDS = { pass: 'Passed', fail: 'Failed', not_applicable: 'Not applicable' } as const;

/** Who drew a sample by hand (the IG lead's name); the monthly job draws it otherwise. */
export function drawnWords(a: { drawnBy: string | null; drawnByName: string | null }): string {
  return a.drawnBy === null ? 'the monthly job' : (a.drawnByName ?? 'a colleague');
}
