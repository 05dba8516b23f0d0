/**
 * The door to consent data: every consent use-case first asks whether the caller may know the
 * person at all, through the decision function, and answers 404 alike for "no such person" and
 * "not yours to know".
 */
import { DATA_CATEGORIES, type StaffRole } from '../../../contracts/enums.ts';
import type { CareTeamMember } from '../../../contracts/people.ts';
import { ForbiddenError, NotFoundError } from '../../http/errors.ts';
import type { ServiceContext } from '../../service-context.ts';
import { mayKnowPerson, openPerson, type PersonScope } from '../access/index.ts';
import { hasAnyRole } from '../auth/auth.ts';
import type { PersonRow } from '../people/people.tables.ts';

/** Roles that capture, change and review consent. */
export const CONSENT_ROLES = ['care_manager', 'clinical', 'service_manager'] as const satisfies StaffRole[];
/** Roles that record the events that call for a consent review (admission, discharge, moves). */
export const REVIEW_TRIGGER_ROLES = [
  'care_manager',
  'clinical',
  'service_manager',
  'duty',
] as const satisfies StaffRole[];
/** Roles that may record sharing without consent under a lawful exception. */
export const LAWFUL_EXCEPTION_ROLES = [
  'care_manager',
  'clinical',
  'duty',
  'safeguarding_lead',
] as const satisfies StaffRole[];

/** A person the caller may know, with their care team. */
export interface KnownPerson {
  /** The decided handle the person was opened with. */
  readonly scope: PersonScope;
  readonly person: PersonRow;
  readonly careTeam: CareTeamMember[];
  /** The caller's live break-glass grant, when that (not the care team) is how they know the person. */
  readonly breakGlassGrantId: string | null;
  /**
   * Whether the caller may read why consent is under review, best-interests reasoning and lawful
   * exception rationales: consent managers and safeguarding leads on the care team, not break-glass.
   */
  readonly seesConsentReasoning: boolean;
}

/** Roles that may read the reasoning behind consent decisions and exceptions. */
const REASONING_ROLES = [...CONSENT_ROLES, 'safeguarding_lead'] as const satisfies StaffRole[];

/** Refuses callers without one of the roles (a 403 says nothing about any person). */
export function requireRole(ctx: ServiceContext, roles: readonly StaffRole[], message: string): void {
  if (!hasAnyRole(ctx.principal, roles)) throw new ForbiddenError(message);
}

/** What a consent use-case knows about a person it has opened. */
export function knownOf(ctx: ServiceContext, scope: PersonScope): KnownPerson {
  const q = scope.question;
  const person = scope.loaded.person;
  if (!person) throw new NotFoundError('Person');
  const viaCareTeam = mayKnowPerson({ ...q, facts: { ...q.facts, breakGlassGrants: [] } }, DATA_CATEGORIES);
  const grant = q.facts.breakGlassGrants.find(
    (g) => g.staffId === ctx.principal.staffId && g.grantedAt <= q.at && q.at < g.expiresAt,
  );
  return {
    scope,
    person,
    careTeam: scope.loaded.careTeam,
    breakGlassGrantId: viaCareTeam ? null : (grant?.id ?? null),
    seesConsentReasoning: viaCareTeam && hasAnyRole(ctx.principal, REASONING_ROLES),
  };
}

/**
 * The person, when the caller may know them: the decision function permits them some category of
 * their own organisation's data (involvement, training and tier). Otherwise a 404, audited.
 */
export async function knownPerson(ctx: ServiceContext, personId: string): Promise<KnownPerson> {
  return knownOf(ctx, await openPerson(ctx, personId));
}
