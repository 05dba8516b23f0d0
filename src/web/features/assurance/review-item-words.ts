import type { AccessReviewItem } from '../../../contracts/assurance.ts';
import { STAFF_ROLES } from '../../../contracts/enums.ts';
import { formatDate } from '../../lib/format.ts';
import { CARE_TEAM_ROLE_LABELS, STAFF_ROLE_LABELS } from '../../lib/labels.ts';

/** The person of a membership item as the server named them, or words saying they are not named to the reader. */
export function personWords(item: AccessReviewItem): string {
  return item.membership?.personName ?? 'a person not named to you';
}

/** What an item is about in words, never an id: whose role or membership, and which. */
export function itemWords(item: AccessReviewItem): string {
  if (item.kind === 'ROLE') {
    const role =
      STAFF_ROLES.find((r) => r === item.subject) ?? STAFF_ROLES.find((r) => item.subject.includes(r));
    return `${item.staffName}’s role as ${role ? STAFF_ROLE_LABELS[role].toLowerCase() : 'a role no longer offered'}`;
  }
  const m = item.membership;
  if (!m) return `${item.staffName}’s care-team membership (no longer recorded)`;
  return `${item.staffName} as ${CARE_TEAM_ROLE_LABELS[m.role].toLowerCase()} for ${personWords(item)}, since ${formatDate(m.startDate)}`;
}

/** What revoking the item does, said before the manager commits to it. */
export function revokeConsequence(item: AccessReviewItem): string {
  return item.kind === 'ROLE'
    ? `${item.staffName} loses this role at once, and with it the access it gives.`
    : `The membership ends today, so ${item.staffName}’s access through it ends after today.`;
}
