/**
 * When a worklist item is overdue: one rule for the items shown and the header's count, so the
 * two never disagree. Pure.
 */
import type { WorkKind } from '../../../contracts/work.ts';
import { ukEndOfDay } from '../access/calendar.ts';

/** Kinds that wait past their time by nature: escalations, missed follow-ups and raised reviews. */
export const OVERDUE_BY_NATURE: ReadonlySet<WorkKind> = new Set<WorkKind>([
  'HANDOVER_ESCALATION',
  'FOLLOW_UP_MISSED',
  'CONSENT_REVIEW',
  'EXCEPTION_REVIEW',
  'BREAK_GLASS_REVIEW',
  'SIGNAL_ALERT_ESCALATED',
]);

/**
 * Whether an item is overdue at `now`: its due time has passed (strictly: at the due instant
 * itself it is due, not yet overdue), or it is of a kind that is overdue by nature. The counts'
 * queries use the same strict comparison (`due < now`).
 */
export function isOverdue(kind: WorkKind, due: string, now: Date): boolean {
  return OVERDUE_BY_NATURE.has(kind) || Date.parse(due) < now.getTime();
}

/**
 * The instant a date-only item (a review due on a day) falls due: the end of that UK day, the
 * day its page and wording count in, so the flag, the header count and the page agree all year.
 */
export function endOfDay(date: string): string {
  return ukEndOfDay(date);
}
