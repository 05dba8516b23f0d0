/** Rules of the register of interfaces and workarounds. Pure. */
import type { InterfaceReviewState } from '../../../contracts/interface-register.ts';

/** A review falls due this many days before its date, so the owner has time to do it. */
export const REVIEW_NOTICE_DAYS = 30;

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Where a review stands on a day. */
export function reviewStateOn(reviewOn: string, today: string): InterfaceReviewState {
  if (reviewOn < today) return 'overdue';
  return reviewOn <= addDays(today, REVIEW_NOTICE_DAYS) ? 'due' : 'ok';
}

/** The last day whose reviews count as due today. */
export function reviewHorizon(today: string): string {
  return addDays(today, REVIEW_NOTICE_DAYS);
}

/**
 * The entry a non-Accord handover relies on: live, the sender's, that route, reaching the
 * recipient, and not past its review date on the day (an overdue review authorises no sends).
 */
export function coversTransfer(
  e: {
    organisationId: string;
    route: string;
    status: string;
    partnerOrganisationIds: readonly string[];
    reviewOn: string;
  },
  t: { senderOrganisationId: string; recipientOrganisationId: string; route: string },
  today: string,
): boolean {
  return (
    e.status === 'live' &&
    reviewStateOn(e.reviewOn, today) !== 'overdue' &&
    e.organisationId === t.senderOrganisationId &&
    e.route === t.route &&
    e.partnerOrganisationIds.includes(t.recipientOrganisationId)
  );
}
