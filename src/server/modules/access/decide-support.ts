/**
 * Small predicates shared by the decision rules. Kept allocation-free: they run on every read.
 */
import type { DataCategory } from '../../../contracts/enums.ts';
import { CRISIS_CATEGORIES, RESTRICTED_CATEGORIES } from '../../../contracts/enums.ts';
import type { RestrictedCategoryRule, TierPolicy } from './access.ts';

const CRISIS: readonly DataCategory[] = CRISIS_CATEGORIES;
const RESTRICTED: readonly DataCategory[] = RESTRICTED_CATEGORIES;

// A category the contracts call restricted but the policy forgot stays closed to everyone.
const FAIL_CLOSED_RULE: RestrictedCategoryRule = Object.freeze({
  viewRoles: [],
  editRequiresSafeguardingTraining: true,
});

/** True when the calendar date falls within inclusive YYYY-MM-DD bounds (null end = open). */
export function withinDates(startDate: string, endDate: string | null, today: string): boolean {
  return startDate <= today && (endDate === null || today <= endDate);
}

/** True when a list where empty means "all categories" covers the category. */
export function coversOrAll(categories: readonly DataCategory[], category: DataCategory): boolean {
  return categories.length === 0 || categories.includes(category);
}

/** True when break-glass may ever open this category: crisis summary parts only. */
export function isCrisisCategory(category: DataCategory): boolean {
  return CRISIS.includes(category);
}

/** The stricter rule for a restricted category, or undefined when the category is ordinary. */
export function restrictedRuleOf(
  category: DataCategory,
  policy: TierPolicy,
): RestrictedCategoryRule | undefined {
  const rule = policy.restricted[category];
  if (rule !== undefined) return rule;
  return RESTRICTED.includes(category) ? FAIL_CLOSED_RULE : undefined;
}
