/** Turns stored consent rows into what the API returns. */
import type {
  CapacityCode,
  ConsentReviewOutcome,
  ConsentReviewTaskDto,
  ConsentStatusCode,
  ConsentSummaryDto,
  ConsentVersion,
  LawfulExceptionDto,
} from '../../../contracts/consent.ts';
import type {
  Article6Basis,
  Article9Condition,
  CommonLawBasis,
  LawfulExceptionGround,
} from '../../../contracts/enums.ts';
import type {
  ConsentRowWithName,
  LawfulExceptionRowWithNames,
  ReviewTaskRowWithName,
} from './consent.repository.ts';
import { parseCategories, parseProvisions, reviewDueReasonOf, triggerOf } from './consent.ts';
import type { ConsentSummary } from './consent-summary.ts';

/** One consent version; `names` maps organisation ids to names. */
export function presentVersion(
  row: ConsentRowWithName,
  today: string,
  names: ReadonlyMap<string, string>,
): ConsentVersion {
  const current = row.superseded_at === null;
  return {
    id: row.id,
    version: row.version,
    change: row.change,
    status: row.status as ConsentStatusCode,
    capacity: row.capacity as CapacityCode,
    bestInterestsDecision: row.best_interests_decision,
    decisionMaker: row.decision_maker,
    explanation: row.explanation,
    capturedBy: { id: row.captured_by, name: row.captured_by_name },
    capturedAt: row.captured_at,
    reviewDate: row.review_date,
    // A superseded version is history: only what was flagged then is shown, not today's date check.
    reviewDue: current ? reviewDueReasonOf(row, today) !== null : row.review_due === 1,
    reviewDueReason: current ? reviewDueReasonOf(row, today) : triggerOf(row.review_due_reason),
    supersededAt: row.superseded_at,
    provisions: parseProvisions(row.provisions).map((p) => ({
      id: p.id,
      kind: p.kind,
      organisationId: p.organisationId,
      organisationName: p.organisationId ? (names.get(p.organisationId) ?? null) : null,
      categories: [...p.categories],
    })),
  };
}

/** A consent review task. */
export function presentTask(row: ReviewTaskRowWithName): ConsentReviewTaskDto {
  return {
    id: row.id,
    personId: row.person_id,
    consentId: row.consent_id,
    trigger: triggerOf(row.trigger) ?? 'REVIEW_DATE_REACHED',
    assignedTo: row.assigned_to,
    assignedToName: row.assigned_to_name,
    status: row.status === 'done' ? 'done' : 'open',
    outcome: (row.outcome as ConsentReviewOutcome | null) ?? null,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    completedBy: row.completed_by,
  };
}

/** A recorded lawful exception. */
export function presentException(row: LawfulExceptionRowWithNames): LawfulExceptionDto {
  return {
    id: row.id,
    personId: row.person_id,
    ground: row.ground as LawfulExceptionGround,
    article6: row.article6 as Article6Basis,
    article9: row.article9 as Article9Condition,
    commonLaw: row.common_law as CommonLawBasis,
    recipientOrganisationId: row.recipient_org_id,
    recipientOrganisationName: row.recipient_org_name,
    categories: parseCategories(row.categories) ?? [],
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    rationale: row.rationale,
    decidedBy: { id: row.decided_by, name: row.decided_by_name },
    decidedAt: row.decided_at,
  };
}

/** The summary as the wire carries it. */
export function presentSummary(summary: ConsentSummary): ConsentSummaryDto {
  return {
    headline: summary.headline,
    partners: summary.partners,
    everyoneElse: summary.everyoneElse,
    sentences: summary.sentences,
    contradictions: summary.contradictions.map((c) => ({ ...c, categories: [...c.categories] })),
  };
}
