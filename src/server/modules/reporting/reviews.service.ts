/** Recording and reading care-plan reviews with their coded outcome scores. */
import type { OutcomeMeasure, ReviewDto, ReviewInput } from '../../../contracts/reporting.ts';
import { ValidationError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import { decideFor, openPerson, writePerson } from '../access/index.ts';
import { loadSharingFacts, type TakenDecision, viewAuditEvents } from '../people/index.ts';
import type { CarePlanReviewRow, OutcomeScoreRow } from './reporting.tables.ts';
import { findReviews, insertReview } from './reviews.repository.ts';
import { codeScores, reviewProblems } from './reviews.ts';

function present(r: CarePlanReviewRow, scores: readonly OutcomeScoreRow[]): ReviewDto {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    dueOn: r.due_on,
    heldOn: r.held_on,
    recordedAt: r.recorded_at,
    scores: scores
      .filter((s) => s.review_id === r.id)
      .map((s) => ({
        measure: s.measure as OutcomeMeasure,
        item: s.item,
        snomedCode: s.snomed_code,
        score: s.score,
      })),
  };
}

/**
 * Records a care-plan review for a person, owned by the caller's organisation: the due date, the
 * held date and the outcome scores taken at it, as part of the review itself (nothing is entered
 * again for reporting). Bad scores are a 400 naming the field; the edit decision for outcome data
 * is taken inside the write's transaction.
 */
export async function recordReview(
  ctx: ServiceContext,
  personId: string,
  input: ReviewInput,
): Promise<ReviewDto> {
  const problems = reviewProblems(input, todayOf(ctx));
  if (problems.length > 0) throw new ValidationError(problems);
  const owner = ctx.principal.organisationId;
  const id = crypto.randomUUID();
  const row: Omit<CarePlanReviewRow, 'person_id'> = {
    id,
    organisation_id: owner,
    due_on: input.dueOn,
    held_on: input.heldOn ?? null,
    recorded_by: ctx.principal.staffId,
    recorded_at: ctx.now.toISOString(),
  };
  const scores = codeScores(input);
  await writePerson(
    ctx,
    personId,
    {
      extraFacts: loadSharingFacts,
      decide: (q) => decideFor(q, 'OUTCOMES', owner, 'edit'),
      refusal: { action: 'record.edit.deny', categories: ['OUTCOMES'], ownerOrganisationId: owner },
    },
    async (write) => {
      await insertReview(write, row, scores);
      await auditChange(
        ctx,
        write.tx,
        'review.record',
        { type: 'care_plan_review', id },
        {
          personId,
          categories: ['CARE_PLAN', 'OUTCOMES'],
          ownerOrganisationId: owner,
          details: { held: row.held_on !== null, scores: scores.length },
        },
      );
    },
  );
  return present(
    { ...row, person_id: personId },
    scores.map((s) => ({
      review_id: id,
      measure: s.measure,
      item: s.item,
      snomed_code: s.snomedCode,
      score: s.score,
      person_id: personId,
      organisation_id: owner,
      scored_on: row.held_on ?? '',
    })),
  );
}

/**
 * A person's reviews the caller may see: each organisation's reviews only where the decision
 * permits its outcome data for this caller. 404 unless the caller may know the person.
 */
export async function listReviews(ctx: ServiceContext, personId: string): Promise<{ items: ReviewDto[] }> {
  const read = await openPerson(ctx, personId, { extraFacts: loadSharingFacts });
  const { reviews, scores } = await findReviews(read);
  // One decision per owning organisation: another organisation's reviews shown are disclosures,
  // withheld ones are "unable to share", each in the log like any record view.
  const decisions: TakenDecision[] = [...new Set(reviews.map((r) => r.organisation_id))].map((owner) => ({
    category: 'OUTCOMES',
    owner,
    decision: decideFor(read.question, 'OUTCOMES', owner),
  }));
  const permitted = new Set(decisions.filter((d) => d.decision.effect === 'permit').map((d) => d.owner));
  const shown = reviews.filter((r) => permitted.has(r.organisation_id));
  await ctx.audit.append(
    [
      ...viewAuditEvents(read.question, decisions),
      {
        action: 'review.view',
        outcome: 'permit',
        actor: auditActor(ctx),
        personId,
        purpose: 'DIRECT_CARE',
        categories: ['OUTCOMES'],
        details: { shown: shown.length, withheld: reviews.length - shown.length },
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  return { items: shown.map((r) => present(r, scores)) };
}
