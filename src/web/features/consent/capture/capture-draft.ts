import type {
  CapacityCode,
  ConsentCaptureInput,
  ConsentProvisionInput,
} from '../../../../contracts/consent.ts';
import type { DataCategory } from '../../../../contracts/enums.ts';
import { type DateParts, isoOf, partsOf } from '../../../components/date-input.tsx';
import { addDays } from '../../../lib/time.ts';

/** A partner choice as entered: an organisation ('' = everyone, restrictions only) and categories (none = all). */
export interface PartnerChoice {
  organisationId: string;
  categories: DataCategory[];
}

/** Everything the conversation collects before it is saved. */
export interface CaptureDraft {
  capacity: CapacityCode | '';
  bestInterestsDecision: string;
  decisionMaker: string;
  routine: 'yes' | 'no' | '';
  partners: PartnerChoice[];
  restrictions: PartnerChoice[];
  explanation: string;
  reviewDate: DateParts;
}

/** The steps of the conversation, in order. */
export const STEPS = [
  'capacity',
  'routine',
  'partners',
  'restrictions',
  'explanation',
  'review',
  'check',
] as const;
/** One step of the conversation. */
export type Step = (typeof STEPS)[number];

/** Headings of the steps, as questions the worker asks or answers. */
export const STEP_TITLES: Readonly<Record<Step, string>> = {
  capacity: 'Can the person make this decision?',
  routine: 'Sharing within the care team',
  partners: 'Named partners',
  restrictions: 'Things the person does not want shared',
  explanation: 'What you explained',
  review: 'When to review this consent',
  check: 'Check what this consent means',
};

/** A new draft: a review a year from today. */
export function newDraft(today: string): CaptureDraft {
  return {
    capacity: '',
    bestInterestsDecision: '',
    decisionMaker: '',
    routine: '',
    partners: [],
    restrictions: [],
    explanation: '',
    reviewDate: partsOf(addDays(today, 365)),
  };
}

/** The provisions the draft stands for, in the order the server's indexes refer to. */
export function provisionsOf(draft: CaptureDraft): ConsentProvisionInput[] {
  const provisions: ConsentProvisionInput[] = [];
  if (draft.routine === 'yes')
    provisions.push({ kind: 'ROUTINE_COORDINATION', organisationId: null, categories: [] });
  for (const p of draft.partners)
    provisions.push({ kind: 'NAMED_PARTNER', organisationId: p.organisationId, categories: p.categories });
  for (const r of draft.restrictions)
    provisions.push({
      kind: 'RESTRICTION',
      organisationId: r.organisationId || null,
      categories: r.categories,
    });
  return provisions;
}

/** The capture request, or null while the review date is not a real date. */
export function captureInputOf(draft: CaptureDraft): ConsentCaptureInput | null {
  const reviewDate = isoOf(draft.reviewDate);
  if (!reviewDate || !draft.capacity) return null;
  const lacks = draft.capacity === 'LACKS_CAPACITY';
  return {
    capacity: draft.capacity,
    bestInterestsDecision: lacks ? draft.bestInterestsDecision.trim() || null : null,
    decisionMaker: lacks ? draft.decisionMaker.trim() || null : null,
    explanation: draft.explanation.trim(),
    reviewDate,
    provisions: provisionsOf(draft),
  };
}

/** Which step a server field path (`body.provisions.2.organisationId`, `provisions`) belongs to. */
export function stepOfField(field: string, draft: CaptureDraft): Step {
  const path = field.replace(/^body\./, '').split('.');
  const [name, index] = path;
  if (name === 'capacity' || name === 'bestInterestsDecision' || name === 'decisionMaker') return 'capacity';
  if (name === 'explanation') return 'explanation';
  if (name === 'reviewDate') return 'review';
  if (name === 'provisions' && index !== undefined) {
    const i = Number(index);
    const routine = draft.routine === 'yes' ? 1 : 0;
    if (i < routine) return 'routine';
    return i < routine + draft.partners.length ? 'partners' : 'restrictions';
  }
  return name === 'provisions' ? 'routine' : 'check';
}

/** Problems with one step that can be seen without the server; an empty list lets the worker go on. */
export function stepProblems(
  step: Step,
  draft: CaptureDraft,
  today: string,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (step === 'capacity') {
    if (!draft.capacity)
      problems.push({ field: 'capacity', message: 'Select whether the person can make this decision' });
    if (draft.capacity === 'LACKS_CAPACITY') {
      if (!draft.bestInterestsDecision.trim())
        problems.push({ field: 'bestInterestsDecision', message: 'Describe the best-interests decision' });
      if (!draft.decisionMaker.trim())
        problems.push({ field: 'decisionMaker', message: 'Enter who made the decision' });
    }
  }
  if (step === 'routine' && !draft.routine)
    problems.push({ field: 'routine', message: 'Select whether the care team may share to coordinate care' });
  if (step === 'explanation' && draft.explanation.trim().length < 20)
    problems.push({
      field: 'explanation',
      message: 'Describe what you explained, in at least 20 characters',
    });
  if (step === 'review') {
    const date = isoOf(draft.reviewDate);
    if (!date) problems.push({ field: 'reviewDate', message: 'Review date must be a real date' });
    else if (date <= today)
      problems.push({ field: 'reviewDate', message: 'Review date must be after today' });
  }
  return problems;
}
