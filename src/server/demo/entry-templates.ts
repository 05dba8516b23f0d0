/** One template per data category, and how an entry is later amended. */
import type { DataCategory } from '../../contracts/enums.ts';
import type { EntryContext, EntryTemplate, EntryText } from './entry-context.ts';
import {
  carePlan,
  contactsCarers,
  outcomes,
  safeguarding,
  serviceUse,
  supportInstructions,
} from './entry-templates-care.ts';
import {
  assessment,
  crisisPlan,
  diagnosis,
  incident,
  medication,
  riskSummary,
} from './entry-templates-clinical.ts';

/** The template that writes each category. */
export const ENTRY_TEMPLATES: Readonly<Record<DataCategory, EntryTemplate>> = {
  RISK_SUMMARY: riskSummary,
  CRISIS_PLAN: crisisPlan,
  SUPPORT_INSTRUCTIONS: supportInstructions,
  CONTACTS_CARERS: contactsCarers,
  CARE_PLAN: carePlan,
  OUTCOMES: outcomes,
  SERVICE_USE: serviceUse,
  ASSESSMENT: assessment,
  INCIDENTS: incident,
  MEDICATION: medication,
  DIAGNOSIS: diagnosis,
  SAFEGUARDING: safeguarding,
};

/** A second version of an entry and the reason recorded for changing it. */
export interface Amendment extends EntryText {
  readonly reason: string;
}

// Amendments add to the text rather than silently rewriting it, as record-keeping standards expect.
const AMENDMENTS: Readonly<Partial<Record<DataCategory, readonly (readonly [string, string])[]>>> = {
  MEDICATION: [
    [
      'Dose corrected after medicines reconciliation with the community pharmacy',
      'Evening dose confirmed with the pharmacy.',
    ],
    ['Allergy status updated from the GP record', 'Allergy status checked against the GP record.'],
  ],
  CONTACTS_CARERS: [
    ['Phone number corrected at the person’s request', 'Next of kin’s number updated by the person.'],
  ],
  CRISIS_PLAN: [
    [
      'Plan updated after the person reviewed it',
      'Added: the person would like the sanctuary offered first.',
    ],
  ],
  RISK_SUMMARY: [
    ['New information from the family added', 'Sister reports the person has been sleeping poorly again.'],
  ],
};
const GENERAL_AMENDMENTS: readonly (readonly [string, string])[] = [
  ['Wording clarified at the person’s request', 'Wording agreed with the person.'],
  ['Date of the last review corrected', 'Review date corrected.'],
  [
    'Information received after the entry was written',
    'Further information received from the care coordinator.',
  ],
];

/** Writes the first version of an entry in a category. */
export function writeEntry(category: DataCategory, context: EntryContext): EntryText {
  return ENTRY_TEMPLATES[category](context);
}

/** Writes an amendment of an entry: the original text with an addendum, and why it changed. */
export function amendEntry(category: DataCategory, original: EntryText, context: EntryContext): Amendment {
  const [reason, addendum] = context.random.pick(AMENDMENTS[category] ?? GENERAL_AMENDMENTS);
  return {
    title: original.title,
    body: `${original.body}\n\nAddendum ${context.recordedOn}: ${addendum}`,
    reason,
  };
}
