/**
 * Consent reviews that fall due by date are raised by a background job, not only when someone
 * opens a consent page: the care coordinator's worklist shows them on the day they fall due.
 */
import type { Database } from '../../db/database.ts';
import { openView } from '../../db/governed.ts';
import { systemDb, systemTx } from '../../db/system-db.ts';
import { ukDateOf } from '../access/calendar.ts';
import { AuditWriter } from '../audit/index.ts';
import { findCareCoordinatorOf } from './consent.repository.ts';
import { findReviewDatePassed, insertDueReviewTask } from './consent-review-due.repository.ts';

/** Raises REVIEW_DATE_REACHED for each person whose review date has passed with no review open. */
export async function raiseDueConsentReviews(
  database: Database,
  now: Date,
  options: { audit?: AuditWriter; batch?: number } = {},
): Promise<{ raised: number }> {
  const audit = options.audit ?? new AuditWriter(database);
  const today = ukDateOf(now.getTime());
  const at = now.toISOString();
  let raised = 0;
  // A timer with no caller: the named unrestricted handle finds the reviews due and raises each.
  const system = systemDb(database, 'consent-review-timer');
  for (const due of await findReviewDatePassed(system, today, options.batch ?? 500)) {
    await system.db.transaction().execute(async (full) => {
      const tx = openView(full);
      const taskId = crypto.randomUUID();
      const assignedTo = await findCareCoordinatorOf(
        systemTx(full, 'consent-review-timer'),
        due.person_id,
        today,
      );
      const inserted = await insertDueReviewTask(systemTx(full, 'consent-review-timer'), {
        id: taskId,
        personId: due.person_id,
        consentId: due.consent_id,
        assignedTo,
        at,
      });
      if (!inserted) return;
      raised += 1;
      await audit.appendInTransaction(
        tx,
        [
          {
            action: 'consent.review.raise',
            outcome: 'success',
            actor: null,
            personId: due.person_id,
            consentId: due.consent_id,
            target: { type: 'consent_review_task', id: taskId },
            details: { trigger: 'REVIEW_DATE_REACHED', assigned: assignedTo !== null },
          },
        ],
        now,
        null,
      );
    });
  }
  return { raised };
}
