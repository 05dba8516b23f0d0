import type { BreakGlassGrant } from '../../../contracts/access.ts';
import { CRISIS_CATEGORIES, type DataCategory } from '../../../contracts/enums.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
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
  findOwnGrant,
  findOwnGrants,
  grantFact,
  insertGrant,
  setGrantEnd,
} from './break-glass.repository.ts';
import { inListTransaction, openList, type PersonWrite, writeEmergency } from './door.ts';
import { actorOf, mayKnowPerson } from './person-access.ts';

const DAY_MS = 86_400_000;

/** Called after a grant is made, inside its transaction: the exception-review queue hooks in here. */
export type GrantReviewQueue = (
  ctx: ServiceContext,
  write: PersonWrite,
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
  return changeWithAuthority(
    ctx,
    async (write: PersonWrite, authorize) => {
      const { policy } = write.question;
      const actor = actorOf(ctx.principal);
      const probe = { ...write.question, facts: { ...write.question.facts, breakGlassGrants: [] } };
      // Already involved means the ordinary care-team route applies; break-glass would only add a review.
      if (mayKnowPerson(probe, CRISIS_CATEGORIES))
        throw new ConflictError(
          'You are on this person’s care team already; open their record from your caseload.',
        );
      const tier = new Set(actor.roles.flatMap((r) => policy.tiers.tiers[r] ?? []));
      const categories: DataCategory[] = CRISIS_CATEGORIES.filter((c) => tier.has(c));
      const row: BreakGlassGrantRow = {
        id: crypto.randomUUID(),
        person_id: write.personId,
        staff_id: actor.staffId,
        organisation_id: actor.organisationId,
        reason: input.reason,
        categories: categories.join(','),
        granted_at: ctx.now.toISOString(),
        expires_at: new Date(ctx.now.getTime() + policy.breakGlassMinutes * 60_000).toISOString(),
        ended_at: null,
      };
      authorize(
        {
          kind: 'break_glass.grant',
          actor: await changeActorOf(ctx, write.tx),
          grantsInLastDay: await countGrantsSince(
            write,
            actor.staffId,
            new Date(ctx.now.getTime() - DAY_MS).toISOString(),
          ),
          dailyLimit: policy.breakGlassDailyLimit,
        },
        {
          action: 'break_glass.grant',
          target: { type: 'break_glass_grant', id: row.id },
          personId: write.personId,
        },
      );
      await insertGrant(write, row);
      // The stated reason stays in the grant for the reviewer; the log references it, never copies it.
      await auditChange(
        ctx,
        write.tx,
        'break_glass.grant',
        { type: 'break_glass_grant', id: row.id },
        {
          personId: write.personId,
          categories,
          purpose: 'CRISIS_RESPONSE',
          breakGlassGrantId: row.id,
          details: { minutes: policy.breakGlassMinutes },
        },
      );
      await queueReview(ctx, write, row);
      return present(row, ctx.now);
    },
    (inTransaction) => writeEmergency(ctx, input.nhsNumber, inTransaction),
  );
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
  const list = await openList(ctx, 'break_glass', 'break_glass.deny');
  if (!list) throw new NotFoundError('Break-glass grant');
  return inListTransaction(list, async (inTx, tx) => {
    const row = await findOwnGrant(inTx, grantId);
    if (!row) throw new NotFoundError('Break-glass grant');
    const ended = { ...row, ended_at: row.ended_at ?? ctx.now.toISOString() };
    await setGrantEnd(inTx, grantId, ended.ended_at);
    await auditChange(
      ctx,
      tx,
      'break_glass.end',
      { type: 'break_glass_grant', id: grantId },
      { personId: row.person_id, breakGlassGrantId: grantId },
    );
    const endBy = dayBefore(todayOf(ctx));
    const opened = await findMembershipsOpenedDuring(inTx, {
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
        ? await withdrawMembership(inTx, m.id, m.end_date)
        : await setMembershipEnd(inTx, m.id, m.end_date, endBy, ctx.now.toISOString());
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
  const list = await openList(ctx, 'break_glass', 'break_glass.deny');
  if (!list) return [];
  return (await findOwnGrants(list)).map((r) => present(r, ctx.now));
}
