import type { BreakGlassGrant } from '../../../contracts/access.ts';
import { CRISIS_CATEGORIES, type DataCategory } from '../../../contracts/enums.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import { hasAnyRole } from '../auth/auth.ts';
import {
  findMembershipsOpenedDuring,
  setMembershipEnd,
  withdrawMembership,
} from '../people/care-team.repository.ts';
import type { BreakGlassGrantRow } from './access.tables.ts';
import { changeActorOf, changeWithAuthority } from './authority.service.ts';
import {
  countGrantsSince,
  findGrantsOfStaff,
  findOwnGrant,
  grantFact,
  insertGrant,
  setGrantEnded,
} from './break-glass.repository.ts';

const DAY_MS = 86_400_000;

import { actorOf, findCareTeamFacts, mayHoldCaseload, mayKnowPerson } from './person-access.ts';
import { loadAccessPolicy } from './policy.repository.ts';

/** Called after a grant is made, inside its transaction: the exception-review queue hooks in here. */
export type GrantReviewQueue = (
  ctx: ServiceContext,
  tx: Parameters<typeof auditChange>[1],
  grant: BreakGlassGrantRow,
) => Promise<void>;

function present(row: BreakGlassGrantRow, now: Date): BreakGlassGrant {
  const fact = grantFact(row);
  return {
    id: row.id,
    personId: row.person_id,
    categories: [...fact.categories],
    grantedAt: row.granted_at,
    expiresAt: fact.expiresAt,
    live: fact.grantedAt <= now.toISOString() && now.toISOString() < fact.expiresAt,
  };
}

/**
 * Opens a person's crisis summary to a duty or crisis worker who is not on their care team, for a
 * limited time, after they state why. The grant is audited and queued for the IG lead's review.
 */
export async function grantBreakGlass(
  ctx: ServiceContext,
  input: { nhsNumber: string; reason: string },
  queueReview: GrantReviewQueue,
): Promise<BreakGlassGrant> {
  if (!hasAnyRole(ctx.principal, ['duty']))
    throw new ForbiddenError('Only duty and crisis workers can use break-glass access.');
  const { db } = ctx.database;
  // Checked before the NHS number is looked up: only a worker with standing may learn who is registered.
  if (!mayHoldCaseload(ctx.principal, await loadAccessPolicy(db), ctx.now.toISOString())) {
    throw new ForbiddenError(
      'Your account cannot use break-glass access: check your IG training is current.',
    );
  }
  const person = await db
    .selectFrom('people')
    .select('id')
    .where('nhs_number', '=', input.nhsNumber)
    .executeTakeFirst();
  if (!person) {
    await ctx.audit.append(
      [{ action: 'break_glass.deny', outcome: 'deny', actor: auditActor(ctx), reasons: ['NO_SUCH_PERSON'] }],
      ctx.now,
      ctx.requestId,
    );
    throw new NotFoundError('Person');
  }
  const [policy, careTeam] = await Promise.all([loadAccessPolicy(db), findCareTeamFacts(db, person.id)]);
  const actor = actorOf(ctx.principal);
  const probe = {
    principal: ctx.principal,
    personId: person.id,
    facts: { careTeam, breakGlassGrants: [], agreements: [], consent: null, lawfulExceptions: [] },
    policy,
    at: ctx.now.toISOString(),
    purpose: 'CRISIS_RESPONSE' as const,
  };
  // Already involved means the ordinary care-team route applies; break-glass would only add a review.
  if (mayKnowPerson(probe, CRISIS_CATEGORIES))
    throw new ConflictError(
      'You are on this person’s care team already; open their record from your caseload.',
    );
  const tier = new Set(actor.roles.flatMap((r) => policy.tiers.tiers[r] ?? []));
  const categories: DataCategory[] = CRISIS_CATEGORIES.filter((c) => tier.has(c));
  const row: BreakGlassGrantRow = {
    id: crypto.randomUUID(),
    person_id: person.id,
    staff_id: actor.staffId,
    organisation_id: actor.organisationId,
    reason: input.reason,
    categories: categories.join(','),
    granted_at: ctx.now.toISOString(),
    expires_at: new Date(ctx.now.getTime() + policy.breakGlassMinutes * 60_000).toISOString(),
    ended_at: null,
  };
  await changeWithAuthority(ctx, async (tx, authorize) => {
    authorize(
      {
        kind: 'break_glass.grant',
        actor: await changeActorOf(ctx, tx),
        grantsInLastDay: await countGrantsSince(
          tx,
          actor.staffId,
          new Date(ctx.now.getTime() - DAY_MS).toISOString(),
        ),
        dailyLimit: policy.breakGlassDailyLimit,
      },
      { action: 'break_glass.grant', target: { type: 'break_glass_grant', id: row.id }, personId: person.id },
    );
    await insertGrant(tx, row);
    // The stated reason stays in the grant for the reviewer; the log references it, never copies it.
    await auditChange(
      ctx,
      tx,
      'break_glass.grant',
      { type: 'break_glass_grant', id: row.id },
      {
        personId: person.id,
        categories,
        purpose: 'CRISIS_RESPONSE',
        breakGlassGrantId: row.id,
        details: { minutes: policy.breakGlassMinutes },
      },
    );
    await queueReview(ctx, tx, row);
  });
  return present(row, ctx.now);
}

/** The day before a UK calendar date. */
function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/**
 * Ends one of the caller's grants early, and with it what the grant opened: care-team memberships
 * the worker was given while it was live end the day before today (or are withdrawn when they began
 * today), so no access outlives the grant.
 */
export async function endBreakGlass(ctx: ServiceContext, grantId: string): Promise<BreakGlassGrant> {
  return ctx.database.db.transaction().execute(async (tx) => {
    const row = await findOwnGrant(tx, grantId, ctx.principal.staffId);
    if (!row) throw new NotFoundError('Break-glass grant');
    const ended = { ...row, ended_at: row.ended_at ?? ctx.now.toISOString() };
    await setGrantEnded(tx, grantId, ended.ended_at);
    await auditChange(
      ctx,
      tx,
      'break_glass.end',
      { type: 'break_glass_grant', id: grantId },
      { personId: row.person_id, breakGlassGrantId: grantId },
    );
    const endBy = dayBefore(todayOf(ctx));
    const opened = await findMembershipsOpenedDuring(tx, {
      personId: row.person_id,
      staffId: row.staff_id,
      from: row.granted_at,
      to: grantFact(ended).expiresAt,
      endBy,
    });
    for (const m of opened) {
      // Ended yesterday, so it does not count today; one that began today is withdrawn altogether.
      const withdraw = m.start_date > endBy;
      const done = withdraw
        ? await withdrawMembership(tx, m.id, m.end_date)
        : await setMembershipEnd(tx, m.id, m.end_date, endBy, ctx.now.toISOString());
      if (!done) throw new ConflictError('A care-team membership changed meanwhile; try again.');
      await auditChange(
        ctx,
        tx,
        'care_team.end',
        { type: 'care_team_membership', id: m.id },
        {
          personId: row.person_id,
          breakGlassGrantId: grantId,
          details: { endDate: withdraw ? null : endBy, withdrawn: withdraw, via: 'break_glass_end' },
        },
      );
    }
    return present(ended, ctx.now);
  });
}

/** The caller's grants, newest first (live ones first in the UI). */
export async function myGrants(ctx: ServiceContext): Promise<BreakGlassGrant[]> {
  const rows = await findGrantsOfStaff(ctx.database.db, ctx.principal.staffId, 50);
  return rows.map((r) => present(r, ctx.now));
}
