import type { StaffRole } from '../../../contracts/enums.ts';
import type { CareTeamInput, PersonDetail } from '../../../contracts/people.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import { writePerson } from '../access/index.ts';
import { loadAccessPolicy } from '../access/policy.repository.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { raiseConsentReview } from '../consent/index.ts';
import { insertMembership, setMembershipEnd } from './people.repository.ts';
import { CARE_TEAM_MANAGERS, getPerson, openRecord } from './people.service.ts';

/** Adds a staff member or a team to a person's care team. */
export async function addCareTeamMember(
  ctx: ServiceContext,
  personId: string,
  input: CareTeamInput,
): Promise<PersonDetail> {
  if (!hasAnyRole(ctx.principal, CARE_TEAM_MANAGERS))
    throw new ForbiddenError('Only care coordinators, clinicians and service managers change care teams.');
  await openRecord(ctx, personId);
  await writePerson(ctx, personId, {}, async (write) => {
    const tx = write.tx;
    let organisationId: string | undefined;
    if (input.staffId) {
      const staff = await tx
        .selectFrom('staff')
        .select(['organisation_id', 'active'])
        .where('id', '=', input.staffId)
        .executeTakeFirst();
      if (!staff)
        throw new ValidationError([{ field: 'body.staffId', message: 'no staff member has this id' }]);
      if (staff.active !== 1)
        throw new ValidationError([{ field: 'body.staffId', message: 'is not an active account' }]);
      // Commissioners, administrators and IG leads see no person-level data: a care-team place
      // would give them nothing to do and a caseload to list.
      const [roles, policy] = await Promise.all([
        tx.selectFrom('staff_roles').select('role').where('staff_id', '=', input.staffId).execute(),
        loadAccessPolicy(tx),
      ]);
      if (!roles.some((r) => (policy.tiers.tiers[r.role as StaffRole] ?? []).length > 0)) {
        throw new ValidationError([
          { field: 'body.staffId', message: 'holds no role that sees person-level data' },
        ]);
      }
      organisationId = staff.organisation_id;
    } else if (input.teamId) {
      const team = await tx
        .selectFrom('teams')
        .select('organisation_id')
        .where('id', '=', input.teamId)
        .executeTakeFirst();
      if (!team) throw new ValidationError([{ field: 'body.teamId', message: 'no team has this id' }]);
      organisationId = team.organisation_id;
    }
    if (!organisationId)
      throw new ValidationError([
        { field: 'body.staffId', message: 'name exactly one of staffId or teamId' },
      ]);
    const now = ctx.now.toISOString();
    const membershipId = crypto.randomUUID();
    const today = todayOf(ctx);
    const partnerAlready = write.loaded.memberships.some(
      (m) =>
        m.organisationId === organisationId &&
        m.startDate <= today &&
        (m.endDate === null || m.endDate >= today),
    );
    // A new organisation in someone's care changes who their consent lets information reach.
    if (!partnerAlready) await raiseConsentReview(ctx, write, 'NEW_CARE_TEAM_PARTNER');
    await auditChange(
      ctx,
      tx,
      'care_team.add',
      { type: 'care_team_membership', id: membershipId },
      { personId, details: { role: input.role, startDate: input.startDate, endDate: input.endDate ?? null } },
    );
    await insertMembership(write, {
      id: membershipId,
      person_id: personId,
      staff_id: input.staffId ?? null,
      team_id: input.teamId ?? null,
      organisation_id: organisationId,
      role: input.role,
      start_date: input.startDate,
      end_date: input.endDate ?? null,
      created_at: now,
      created_by: ctx.principal.staffId,
      updated_at: now,
    });
  });
  return getPerson(ctx, personId);
}

/** Ends a care-team membership on a date; access through it ends after that day. */
export async function endCareTeamMembership(
  ctx: ServiceContext,
  personId: string,
  membershipId: string,
  endDate: string,
): Promise<void> {
  if (!hasAnyRole(ctx.principal, CARE_TEAM_MANAGERS))
    throw new ForbiddenError('Only care coordinators, clinicians and service managers change care teams.');
  await openRecord(ctx, personId);
  await writePerson(ctx, personId, {}, async (write) => {
    const tx = write.tx;
    const membership = write.loaded.memberships.find((m) => m.id === membershipId);
    if (!membership) throw new NotFoundError('Care-team membership');
    if (endDate < membership.startDate)
      throw new ValidationError([
        { field: 'body.endDate', message: 'must not be before the membership start date' },
      ]);
    await setMembershipEnd(write, membershipId, endDate, ctx.now.toISOString());
    await auditChange(
      ctx,
      tx,
      'care_team.end',
      { type: 'care_team_membership', id: membershipId },
      { personId, details: { endDate } },
    );
  });
}
