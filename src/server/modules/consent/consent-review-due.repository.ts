/** Queries behind the job that raises consent reviews whose date has passed. */
import { sql } from 'kysely';
import type { GovernedAccess } from '../access/index.ts';

/** People whose current consent's review date has passed and who have no review open, oldest date first. */
export async function findReviewDatePassed(
  access: GovernedAccess,
  today: string,
  limit: number,
): Promise<{ person_id: string; consent_id: string }[]> {
  return access.db
    .selectFrom('consents as c')
    .select(['c.person_id', 'c.id as consent_id'])
    .where('c.superseded_at', 'is', null)
    .where('c.review_date', '<=', today)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('consent_review_tasks as t')
            .select('t.id')
            .whereRef('t.person_id', '=', 'c.person_id')
            .where('t.status', '=', 'open'),
        ),
      ),
    )
    .orderBy('c.review_date')
    .orderBy('c.person_id')
    .limit(limit)
    .execute();
}

/**
 * Inserts a REVIEW_DATE_REACHED task raised by the system, only while the person has no review
 * open: one statement, so a retried or overlapping run cannot raise it twice. True when inserted.
 */
export async function insertDueReviewTask(
  access: GovernedAccess,
  task: { id: string; personId: string; consentId: string; assignedTo: string | null; at: string },
): Promise<boolean> {
  const result = await sql<{ id: string }>`
    insert into consent_review_tasks (id, person_id, consent_id, trigger, assigned_to, status, created_at, created_by)
    select ${task.id}, ${task.personId}, ${task.consentId}, 'REVIEW_DATE_REACHED', ${task.assignedTo}, 'open', ${task.at}, null
    where not exists (
      select 1 from consent_review_tasks where person_id = ${task.personId} and status = 'open'
    )
    returning id`.execute(access.db);
  return result.rows.length === 1;
}
