import type { InterfaceReviewState, WorkaroundRoute } from '../../../contracts/interface-register.ts';
import type { TagColour } from '../../components/tag.tsx';

/** Routes outside Accord, in words. */
export const ROUTE_WORDS: Readonly<Record<WorkaroundRoute, string>> = {
  SECURE_EMAIL: 'Secure email',
  MANUAL_TRANSFER: 'Structured manual transfer',
};

/** Where a review stands, in words and colour. */
export const REVIEW_WORDS: Readonly<Record<InterfaceReviewState, [string, TagColour]>> = {
  ok: ['Review by', 'green'],
  due: ['Review due by', 'orange'],
  overdue: ['Review overdue since', 'red'],
};
