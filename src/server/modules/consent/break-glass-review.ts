import type { GrantReviewQueue } from '../access/break-glass.service.ts';
import { queueExceptionReview } from './exception-review.service.ts';

/** Every break-glass grant goes on the IG lead's exception-review queue of the worker's organisation. */
export const queueBreakGlassReview: GrantReviewQueue = async (_ctx, write, grant) => {
  await queueExceptionReview(write, {
    kind: 'BREAK_GLASS',
    subjectId: grant.id,
    personId: grant.person_id,
    organisationId: grant.organisation_id,
    at: grant.granted_at,
  });
};
