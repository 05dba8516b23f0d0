/** The annual review of agreements: when one falls due, when it is overdue, and what a lapse does. Pure. */
import type { AgreementVersion } from './agreements.ts';

/** An agreement comes into its IG leads' worklists this many days before its review date. */
export const REVIEW_NOTICE_DAYS = 30;

/** Where an agreement stands against its review date on a day. */
export type ReviewState = 'not_due' | 'due' | 'overdue';

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A live agreement is due within the notice period before its review date, and overdue after it. */
export function reviewState(v: Pick<AgreementVersion, 'status' | 'reviewDate'>, today: string): ReviewState {
  const live = v.status === 'active' || v.status === 'suspended';
  if (!live || v.reviewDate === null) return 'not_due';
  if (v.reviewDate < today) return 'overdue';
  return v.reviewDate <= addDays(today, REVIEW_NOTICE_DAYS) ? 'due' : 'not_due';
}

/** True when the partnership's setting suspends this agreement today: active and past its review. */
export function suspendsForReview(
  v: Pick<AgreementVersion, 'status' | 'reviewDate'>,
  today: string,
  autoSuspend: boolean,
): boolean {
  return autoSuspend && v.status === 'active' && reviewState(v, today) === 'overdue';
}
