/**
 * The access rule written in Cedar, for the benchmark and the differential test only: the product
 * decides with `decide`. Tiers and restricted categories are compiled from the same TierPolicy.
 *
 * Cedar has no quantifier over a set, so "some membership is in force today" cannot be written
 * against raw dated facts. `cedar-request.ts` therefore passes only the facts in force at the
 * instant (dates, agreement status and completeness), flattened into string keys
 * ("from|to|purpose|category"; `*` for "any"), and the request's own keys in `context.keys`.
 * Matching on actor, organisation, direction, purpose, category, consent kind, restriction and
 * wildcard happens here, in Cedar. Keys are strings because Cedar handles a set of strings about
 * eight times faster than a set of records.
 */
import type { DataCategory, StaffRole } from '../../../contracts/enums.ts';
import { CRISIS_CATEGORIES, RESTRICTED_CATEGORIES, STAFF_ROLES } from '../../../contracts/enums.ts';
import type { TierPolicy } from './access.ts';

/** Wildcard standing for "any organisation" or "all categories" in flattened records. */
export const CEDAR_ANY = '*';

const str = (value: string): string => JSON.stringify(value);
const set = (values: readonly string[]): string => `[${values.map(str).join(', ')}]`;

/** Categories the policy treats as restricted: its own rules plus the contract's list (fail closed). */
export function restrictedCategoriesOf(policy: TierPolicy): DataCategory[] {
  const own = Object.keys(policy.restricted) as DataCategory[];
  return [...new Set<DataCategory>([...own, ...RESTRICTED_CATEGORIES])];
}

function tierCondition(policy: TierPolicy): string {
  const clauses = STAFF_ROLES.filter((role: StaffRole) => (policy.tiers[role]?.length ?? 0) > 0).map(
    (role) =>
      `(principal.roles.contains(${str(role)}) && ${set(policy.tiers[role])}.contains(resource.category))`,
  );
  return clauses.length === 0 ? 'false' : clauses.join(' ||\n    ');
}

/** Named Cedar policies equivalent to `decide` under the given tier policy. */
export function cedarPolicies(policy: TierPolicy): Record<string, string> {
  const restricted = restrictedCategoriesOf(policy);
  const breakGlass = `(action == Action::"view" &&
    ${set(CRISIS_CATEGORIES)}.contains(resource.category) &&
    !${set(restricted)}.contains(resource.category) &&
    context.breakGlass.contains(context.keys.staffCategory))`;
  // "Null = any organisation, empty = all categories" is spelled out here, per kind of fact.
  const anyScope =
    '[context.keys.all, context.keys.recipientAny, context.keys.anyCategory, context.keys.recipientCategory]';
  const consentPermits = `(context.consentStatus == "given" &&
    !context.consentRestrictions.containsAny(${anyScope}) &&
    (context.consentNamedPartners.containsAny([context.keys.recipientAny, context.keys.recipientCategory]) ||
      (context.careTeamOrganisations.contains(context.recipient) &&
        context.consentRoutine.containsAny(${anyScope}))))`;

  const policies: Record<string, string> = {
    'tier-includes-category': `permit (principal, action, resource) when {
    ${tierCondition(policy)}
};`,
    'request-time-readable': 'forbid (principal, action, resource) unless { context.validTime };',
    'account-active': 'forbid (principal, action, resource) unless { principal.active };',
    'training-current':
      'forbid (principal, action, resource) unless { principal.trainingExpiresOn >= context.today };',
    'commissioner-no-person-data':
      'forbid (principal, action, resource) when { principal.roles.contains("commissioner") };',
    'commissioning-purpose-no-person-data':
      'forbid (principal, action, resource) when { context.purpose == "COMMISSIONING" };',
    'edit-own-organisation-only':
      'forbid (principal, action == Action::"edit", resource) when { resource.owner != principal.organisation };',
    'no-onward-disclosure': `forbid (principal, action, resource) when {
    context.recipient != principal.organisation && resource.owner != principal.organisation
};`,
    'involved-in-care': `forbid (principal, action, resource) unless {
    context.careTeam.containsAny(principal.involvementKeys) || ${breakGlass}
};`,
    'agreement-covers-sharing': `forbid (principal, action, resource)
when { context.recipient != resource.owner }
unless {
    context.agreementGrants.contains(context.keys.sharing)
};`,
    'consent-or-exception': `forbid (principal, action, resource)
when { context.recipient != resource.owner }
unless {
    ${consentPermits} ||
    context.lawfulExceptions.containsAny(${anyScope}) ||
    (context.purpose == "CRISIS_RESPONSE" && ${breakGlass})
};`,
  };
  for (const restrictedCategory of restricted) {
    const rule = policy.restricted[restrictedCategory];
    const viewRoles = rule?.viewRoles ?? [];
    policies[`restricted-${restrictedCategory}-view`] = `forbid (principal, action, resource)
when { resource.category == ${str(restrictedCategory)} }
unless { principal.roles.containsAny(${set(viewRoles)}) };`;
    if (rule?.editRequiresSafeguardingTraining ?? true) {
      policies[`restricted-${restrictedCategory}-edit`] =
        `forbid (principal, action == Action::"edit", resource)
when { resource.category == ${str(restrictedCategory)} && !principal.safeguardingTrained };`;
    }
  }
  return policies;
}
