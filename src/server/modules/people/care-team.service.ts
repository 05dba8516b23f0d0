import type { CareTeamInput, PersonDetail } from '../../../contracts/people.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import {
  calendarDateOf,
  changeActorOf,
  changeWithAuthority,
  type PersonAccessQuestion,
  type PersonWrite,
  writePerson,
} from '../access/index.ts';
import { loadAccessPolicy } from '../access/policy.repository.ts';
import { raiseConsentReview } from '../consent/index.ts';
import {
  findMemberCandidate,
  findMembership,
  findTeamOrganisation,
  insertMembership,
  organisationOnCareTeam,
  setMembershipEnd,
} from './care-team.repository.ts';
import { getPerson, openRecord } from './people.service.ts';

/** The live break-glass grant a staff member holds for the person, if any. */
function liveGrantOf(q: PersonAccessQuestion, staffId: string) {
  return q.facts.breakGlassGrants.find(
    (g) => g.staffId === staffId && g.grantedAt <= q.at && q.at < g.expiresAt,
  );
}

/** The new member's organisation, validated: an active account with a role that sees person data, or a team. */
async function memberOrganisation(tx: Parameters<typeof loadAccessPolicy>[0], input: CareTeamInput) {
  if (input.staffId) {
    const staff = await findMemberCandidate(tx, input.staffId);
    if (!staff)
      throw new ValidationError([{ field: 'body.staffId', message: 'no staff member has this id' }]);
    return { organisationId: staff.organisationId, staff };
  }
  if (input.teamId) {
    const organisationId = await findTeamOrganisation(tx, input.teamId);
    if (!organisationId)
      throw new ValidationError([{ field: 'body.teamId', message: 'no team has this id' }]);
    return { organisationId, staff: null };
  }
  throw new ValidationError([{ field: 'body.staffId', message: 'name exactly one of staffId or teamId' }]);
}

/**
 * Adds a staff member or a team of the caller's own organisation to a person's care team. Nobody
 * adds themselves while emergency access is their only involvement; a member added while they hold
 * a live grant is added only until the grant's last day (and ends with the grant if it ends early).
 */
export async function addCareTeamMember(
  ctx: ServiceContext,
  personId: string,
  input: CareTeamInput,
): Promise<PersonDetail> {
  await openRecord(ctx, personId);
  await changeWithAuthority(
    ctx,
    async (write: PersonWrite, authorize) => {
      const tx = write.tx;
      const q = write.question;
      const { organisationId, staff } = await memberOrganisation(tx, input);
      const membershipId = crypto.randomUUID();
      const today = todayOf(ctx);
      const ownGrant = liveGrantOf(q, ctx.principal.staffId);
      authorize(
        {
          kind: 'care_team.add',
          actor: await changeActorOf(ctx, tx),
          member: { staffId: input.staffId ?? null, teamId: input.teamId ?? null, organisationId },
          actorHasLiveGrant: ownGrant !== undefined,
          actorOnCareTeam: q.facts.careTeam.some(
            (m) =>
              m.organisationId === ctx.principal.organisationId &&
              (m.staffId === ctx.principal.staffId ||
                (m.teamId !== null && ctx.principal.teamIds.includes(m.teamId))) &&
              m.startDate <= today &&
              (m.endDate === null || m.endDate >= today),
          ),
        },
        {
          action: 'care_team.add',
          target: { type: 'care_team_membership', id: membershipId },
          personId,
          breakGlassGrantId: ownGrant?.id ?? null,
        },
      );
      if (staff) {
        if (!staff.active)
          throw new ValidationError([{ field: 'body.staffId', message: 'is not an active account' }]);
        // Commissioners, administrators and IG leads see no person-level data: a care-team place
        // would give them nothing to do and a caseload to list.
        const policy = await loadAccessPolicy(tx);
        if (!staff.roles.some((r) => (policy.tiers.tiers[r] ?? []).length > 0))
          throw new ValidationError([
            { field: 'body.staffId', message: 'holds no role that sees person-level data' },
          ]);
      }
      const grant = input.staffId ? liveGrantOf(q, input.staffId) : undefined;
      const grantLastDay = grant ? (calendarDateOf(grant.expiresAt) ?? today) : null;
      const endDate =
        grantLastDay !== null &&
        (input.endDate === undefined || input.endDate === null || input.endDate > grantLastDay)
          ? grantLastDay
          : (input.endDate ?? null);
      // A new organisation in someone's care changes who their consent lets information reach.
      if (!(await organisationOnCareTeam(write, personId, organisationId, today)))
        await raiseConsentReview(ctx, write, 'NEW_CARE_TEAM_PARTNER');
      await auditChange(
        ctx,
        tx,
        'care_team.add',
        { type: 'care_team_membership', id: membershipId },
        {
          personId,
          details: {
            role: input.role,
            startDate: input.startDate,
            endDate,
          },
          breakGlassGrantId: grant?.id ?? null,
        },
      );
      const now = ctx.now.toISOString();
      await insertMembership(write, {
        id: membershipId,
        person_id: personId,
        staff_id: input.staffId ?? null,
        team_id: input.teamId ?? null,
        organisation_id: organisationId,
        role: input.role,
        start_date: input.startDate,
        end_date: endDate,
        created_at: now,
        created_by: ctx.principal.staffId,
        updated_at: now,
      });
    },
    (inTransaction) => writePerson(ctx, personId, {}, inTransaction),
  );
  return getPerson(ctx, personId);
}

/**
 * Ends a care-team membership of the caller's own organisation on a date; access through it ends
 * after that day. An ended membership is never ended again or moved later (409, nothing changed).
 */
export async function endCareTeamMembership(
  ctx: ServiceContext,
  personId: string,
  membershipId: string,
  endDate: string,
): Promise<void> {
  await openRecord(ctx, personId);
  await changeWithAuthority(
    ctx,
    async (write: PersonWrite, authorize) => {
      const tx = write.tx;
      const membership = await findMembership(write, personId, membershipId);
      if (!membership) throw new NotFoundError('Care-team membership');
      authorize(
        {
          kind: 'care_team.end',
          actor: await changeActorOf(ctx, tx),
          membership: { organisationId: membership.organisation_id, endDate: membership.end_date },
          endDate,
          today: todayOf(ctx),
        },
        { action: 'care_team.end', target: { type: 'care_team_membership', id: membershipId }, personId },
      );
      if (endDate < membership.start_date)
        throw new ValidationError([
          { field: 'body.endDate', message: 'must not be before the membership start date' },
        ]);
      if (!(await setMembershipEnd(write, membershipId, membership.end_date, endDate, ctx.now.toISOString())))
        throw new ConflictError('The membership was changed by someone else meanwhile; nothing was changed.');
      await auditChange(
        ctx,
        tx,
        'care_team.end',
        { type: 'care_team_membership', id: membershipId },
        { personId, details: { endDate } },
      );
    },
    (inTransaction) => writePerson(ctx, personId, {}, inTransaction),
  );
}
