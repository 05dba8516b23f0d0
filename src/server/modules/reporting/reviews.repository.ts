/** Care-plan reviews and outcome scores: person-level, read and written only here, through the door. */
import type { PersonScope, PersonWrite } from '../access/index.ts';
import type { CarePlanReviewRow, OutcomeScoreRow } from './reporting.tables.ts';
import type { CodedScore } from './reviews.ts';

/** Stores a review and its scores in the write's transaction. */
export async function insertReview(
  write: PersonWrite,
  row: Omit<CarePlanReviewRow, 'person_id'>,
  scores: readonly CodedScore[],
): Promise<void> {
  await write.db
    .insertInto('care_plan_reviews')
    .values({ ...row, person_id: write.personId })
    .execute();
  if (scores.length === 0 || row.held_on === null) return;
  const scoredOn = row.held_on;
  await write.db
    .insertInto('outcome_scores')
    .values(
      scores.map((s) => ({
        review_id: row.id,
        measure: s.measure,
        item: s.item,
        snomed_code: s.snomedCode,
        score: s.score,
        person_id: write.personId,
        organisation_id: row.organisation_id,
        scored_on: scoredOn,
      })),
    )
    .execute();
}

/** A person's reviews, latest due first, with their scores. */
export async function findReviews(
  person: PersonScope,
): Promise<{ reviews: CarePlanReviewRow[]; scores: OutcomeScoreRow[] }> {
  const reviews = await person.db
    .selectFrom('care_plan_reviews')
    .selectAll()
    .where('person_id', '=', person.personId)
    .orderBy('due_on', 'desc')
    .orderBy('id')
    .limit(200)
    .execute();
  const scores =
    reviews.length === 0
      ? []
      : await person.db
          .selectFrom('outcome_scores')
          .selectAll()
          .where('person_id', '=', person.personId)
          .where(
            'review_id',
            'in',
            reviews.map((r) => r.id),
          )
          .orderBy('measure')
          .orderBy('item')
          .execute();
  return { reviews, scores };
}
