/**
 * The door to consent data: every consent use-case first asks whether the caller may know the
 * person at all, through the decision function, and answers 404 alike for "no such person" and
 * "not yours to know".
 */
import { DATA_CATEGORIES, type StaffRole } from '../../../contracts/enums.ts';
import type { CareTeamMember } from '../../../contracts/people.ts';
import type { Db } from '../../db/database.ts';
import { ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { type ServiceContext, todayOf } from '../../service-context.ts';
// The shared "may the caller know this person" door; access/index.ts does not re-export it yet.
import { mayKnowPerson, personAccess } from '../access/index.ts';
import { hasAnyRole } from '../auth/auth.ts';
// people/index.ts does not re-export its repository reads yet; these two are all this module needs.
import { findCareTeam, findPerson } from '../people/index.ts';
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

/**
 * The person, when the caller may know them: the decision function permits them some category of
 * their own organisation's data. Otherwise a 404 (audited unless `audit` is false, which callers use
 * inside a transaction after the same check was audited before it opened).
 */
export async function knownPerson(
  ctx: ServiceContext,
  db: Db,
  personId: string,
  audit = true,
): Promise<KnownPerson> {
  // Involvement (care team or live break-glass), training and tier, under the partnership's policy.
  const q = await personAccess(ctx, db, personId, { audit, categories: DATA_CATEGORIES });
  const person = await findPerson(db, personId);
  if (!person) throw new NotFoundError('Person');
  const viaCareTeam = mayKnowPerson({ ...q, facts: { ...q.facts, breakGlassGrants: [] } }, DATA_CATEGORIES);
  const grant = q.facts.breakGlassGrants.find(
    (g) => g.staffId === ctx.principal.staffId && g.grantedAt <= q.at && q.at < g.expiresAt,
  );
  return {
    person,
    careTeam: await findCareTeam(db, personId, todayOf(ctx)),
    breakGlassGrantId: viaCareTeam ? null : (grant?.id ?? null),
    seesConsentReasoning: viaCareTeam && hasAnyRole(ctx.principal, REASONING_ROLES),
  };
}
