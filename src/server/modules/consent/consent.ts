/**
 * Consent as structured provisions: domain types, the mapping to the decision function's facts,
 * validation of what a practitioner enters, and detection of provisions that contradict each other.
 * Pure: no I/O.
 */
import type { CapacityCode, ConsentReviewTrigger, ConsentStatusCode } from '../../../contracts/consent.ts';
import { CONSENT_REVIEW_TRIGGERS } from '../../../contracts/consent.ts';
import { DATA_CATEGORIES, type DataCategory } from '../../../contracts/enums.ts';
import type { FieldError } from '../../../contracts/errors.ts';
import type {
  ConsentFact,
  ConsentProvision,
  ConsentProvisionKind,
  LawfulExceptionFact,
} from '../access/index.ts';
import type { ConsentRow, LawfulExceptionRow } from './consent.tables.ts';

/** A provision as entered, before it has an id. */
export interface ProvisionDraft {
  readonly kind: ConsentProvisionKind;
  readonly organisationId: string | null;
  readonly categories: readonly DataCategory[];
}

/** What a practitioner records with any consent decision. */
export interface ConsentDecisionDraft {
  readonly status: ConsentStatusCode;
  readonly capacity: CapacityCode;
  readonly bestInterestsDecision?: string | null | undefined;
  readonly decisionMaker?: string | null | undefined;
  readonly explanation: string;
  readonly reviewDate: string;
  readonly provisions: readonly ProvisionDraft[];
}

const KINDS: readonly string[] = ['ROUTINE_COORDINATION', 'NAMED_PARTNER', 'RESTRICTION'];
const CATEGORIES: readonly string[] = DATA_CATEGORIES;
const TRIGGERS: readonly string[] = CONSENT_REVIEW_TRIGGERS;

/** True when the provision lets data move (as opposed to a restriction). */
export function isPermission(p: { readonly kind: ConsentProvisionKind }): boolean {
  return p.kind !== 'RESTRICTION';
}

/** Reads the stored provisions JSON; anything malformed is dropped rather than trusted. */
export function parseProvisions(json: string): ConsentProvision[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const out: ConsentProvision[] = [];
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue;
    const p = item as Record<string, unknown>;
    if (typeof p.id !== 'string' || typeof p.kind !== 'string' || !KINDS.includes(p.kind)) continue;
    const kind = p.kind as ConsentProvisionKind;
    const organisationId = typeof p.organisationId === 'string' ? p.organisationId : null;
    const readable =
      Array.isArray(p.categories) &&
      p.categories.every((c) => typeof c === 'string' && CATEGORIES.includes(c));
    // Fail closed: an unreadable permission is dropped, an unreadable restriction bars everything.
    if (!readable && kind !== 'RESTRICTION') continue;
    const categories = readable ? (p.categories as DataCategory[]) : [];
    out.push({ id: p.id, kind, organisationId, categories });
  }
  return out;
}

/** The provisions as stored: ids, kinds, organisations and categories, nothing else. */
export function serialiseProvisions(provisions: readonly ConsentProvision[]): string {
  return JSON.stringify(
    provisions.map((p) => ({
      id: p.id,
      kind: p.kind,
      organisationId: p.organisationId,
      categories: [...p.categories],
    })),
  );
}

/** A review trigger code read back from storage, or null. */
export function triggerOf(value: string | null): ConsentReviewTrigger | null {
  return value !== null && TRIGGERS.includes(value) ? (value as ConsentReviewTrigger) : null;
}

/** Whether a review is due: flagged by a trigger, or the review date has been reached. */
export function isReviewDue(row: Pick<ConsentRow, 'review_due' | 'review_date'>, today: string): boolean {
  return row.review_due === 1 || row.review_date <= today;
}

/** Why a review is due, or null when it is not. */
export function reviewDueReasonOf(
  row: Pick<ConsentRow, 'review_due' | 'review_date' | 'review_due_reason'>,
  today: string,
): ConsentReviewTrigger | null {
  if (row.review_due === 1) return triggerOf(row.review_due_reason) ?? 'REVIEW_DATE_REACHED';
  return row.review_date <= today ? 'REVIEW_DATE_REACHED' : null;
}

/** The decision function's view of a stored consent version; `today` is the UK date of the decision. */
export function toFact(row: ConsentRow, today: string): ConsentFact {
  return {
    id: row.id,
    status: row.status as ConsentFact['status'],
    reviewDue: isReviewDue(row, today),
    provisions: parseProvisions(row.provisions),
  };
}

/** A stored category list (JSON), or null when it cannot be read or names an unknown category. */
export function parseCategories(json: string): DataCategory[] | null {
  try {
    const raw: unknown = JSON.parse(json);
    if (!Array.isArray(raw) || !raw.every((c) => typeof c === 'string' && CATEGORIES.includes(c)))
      return null;
    return raw as DataCategory[];
  } catch {
    return null;
  }
}

/**
 * The decision function's view of a stored lawful exception, or null when its categories cannot be
 * read: an unreadable list must not widen the exception to "all categories" (fail closed).
 */
export function toExceptionFact(row: LawfulExceptionRow): LawfulExceptionFact | null {
  const categories = parseCategories(row.categories);
  if (categories === null) return null;
  return {
    id: row.id,
    ground: row.ground as LawfulExceptionFact['ground'],
    recipientOrganisationId: row.recipient_org_id,
    categories,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    rationale: row.rationale,
  };
}

/**
 * Everything wrong with a consent decision that the wire schema cannot see, as field errors under
 * `prefix` (e.g. `body`). An empty list means it may be saved.
 */
export function consentProblems(draft: ConsentDecisionDraft, today: string, prefix = 'body'): FieldError[] {
  const problems: FieldError[] = [];
  const at = (field: string, message: string): void => {
    problems.push({ field: `${prefix}.${field}`, message });
  };
  const lacks = draft.capacity === 'LACKS_CAPACITY';
  if (lacks && draft.status === 'given') {
    // Mental Capacity Act 2005 s4: without capacity, sharing rests on a recorded best-interests decision.
    if (!draft.bestInterestsDecision)
      at('bestInterestsDecision', 'is required when the person lacks capacity to consent');
    if (!draft.decisionMaker) at('decisionMaker', 'is required when the person lacks capacity to consent');
  }
  if (!lacks && draft.bestInterestsDecision)
    at('bestInterestsDecision', 'must be empty when the person has capacity: the decision is theirs');
  if (draft.reviewDate <= today) at('reviewDate', 'must be after today');
  draft.provisions.forEach((p, i) => {
    if (p.kind === 'NAMED_PARTNER' && p.organisationId === null)
      at(`provisions.${i}.organisationId`, 'is required for a named partner');
  });
  if (draft.status === 'given' && !draft.provisions.some(isPermission)) {
    at(
      'provisions',
      'must include routine coordination or a named partner; to record that the person does not want sharing, record a refusal',
    );
  }
  return problems;
}

/** Categories both lists cover (empty = all), or null when they share none. */
export function overlapOf(
  a: readonly DataCategory[],
  b: readonly DataCategory[],
): readonly DataCategory[] | null {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const both = a.filter((c) => b.includes(c));
  return both.length > 0 ? both : null;
}

/** A permission and a restriction over the same partner and categories (the restriction wins). */
export interface Contradiction {
  readonly permitIndex: number;
  readonly restrictionIndex: number;
  /** The partner both cover; null when the restriction covers everyone the permission reaches. */
  readonly organisationId: string | null;
  /** Categories both cover; empty means all. */
  readonly categories: readonly DataCategory[];
}

/**
 * Pairs of provisions that say opposite things about the same partner and category. Routine
 * coordination reaches whoever is on the care team, now or later, so it meets every restriction.
 */
export function findContradictions(provisions: readonly ProvisionDraft[]): Contradiction[] {
  const found: Contradiction[] = [];
  provisions.forEach((permit, permitIndex) => {
    if (!isPermission(permit)) return;
    provisions.forEach((restriction, restrictionIndex) => {
      if (restriction.kind !== 'RESTRICTION') return;
      const partnerMeets =
        restriction.organisationId === null ||
        permit.organisationId === null ||
        permit.organisationId === restriction.organisationId;
      if (!partnerMeets) return;
      const categories = overlapOf(permit.categories, restriction.categories);
      if (categories === null) return;
      found.push({
        permitIndex,
        restrictionIndex,
        organisationId: restriction.organisationId ?? permit.organisationId,
        categories,
      });
    });
  });
  return found;
}

/** A new version carrying a stored one forward with some fields changed (history is never edited). */
export function carriedForward(
  row: ConsentRow,
  changes: Partial<Omit<ConsentRow, 'id' | 'version' | 'superseded_at' | 'superseded_by'>>,
): Omit<ConsentRow, 'id' | 'version' | 'superseded_at' | 'superseded_by'> {
  return {
    person_id: row.person_id,
    change: row.change,
    status: row.status,
    capacity: row.capacity,
    best_interests_decision: row.best_interests_decision,
    decision_maker: row.decision_maker,
    explanation: row.explanation,
    captured_by: row.captured_by,
    captured_by_org_id: row.captured_by_org_id,
    captured_at: row.captured_at,
    recorded_by: row.recorded_by,
    recorded_at: row.recorded_at,
    review_date: row.review_date,
    review_due: row.review_due,
    review_due_reason: row.review_due_reason,
    provisions: row.provisions,
    ...changes,
  };
}

/** The review flag while these triggers' tasks are open: due, for the earliest one, or not due. */
export function reviewFlagFor(openTriggers: readonly string[]): {
  review_due: number;
  review_due_reason: string | null;
} {
  const first = openTriggers[0];
  return first === undefined
    ? { review_due: 0, review_due_reason: null }
    : { review_due: 1, review_due_reason: first };
}
