import type { Team, TeamInput } from '../../../contracts/directory.ts';
import type { Db } from '../../db/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { type PageRequest, requireOrganisation, windowOf } from './organisation.service.ts';
import { findTeamOrganisations, findTeams, insertTeam, teamNameTaken } from './team.repository.ts';

/** Refuses teams that are not the organisation's, naming the first at fault. */
export async function requireTeamsOf(
  db: Db,
  organisationId: string,
  teamIds: readonly string[],
): Promise<void> {
  if (teamIds.length === 0) return;
  const found = await findTeamOrganisations(db, teamIds);
  const bad = teamIds.findIndex(
    (id) => !found.some((t) => t.id === id && t.organisation_id === organisationId),
  );
  if (bad >= 0)
    throw new ValidationError([
      { field: `body.teamIds.${bad}`, message: "is not a team of the staff member's organisation" },
    ]);
}

/** Lists teams, optionally of one organisation. */
export function listTeams(
  ctx: ServiceContext,
  filter: { organisationId?: string | undefined },
  page: PageRequest,
): Promise<{ items: Team[]; total: number }> {
  return findTeams(ctx.database.db, filter, windowOf(page));
}

/** Creates a team within an organisation. */
export async function createTeam(ctx: ServiceContext, input: TeamInput): Promise<Team> {
  const id = crypto.randomUUID();
  const now = ctx.now.toISOString();
  await ctx.database.db.transaction().execute(async (tx) => {
    await requireOrganisation(tx, input.organisationId, 'body.organisationId');
    if (await teamNameTaken(tx, input.organisationId, input.name))
      throw new ConflictError('A team with this name exists.', [
        { field: 'body.name', message: 'is already a team of this organisation' },
      ]);
    await insertTeam(tx, {
      id,
      organisation_id: input.organisationId,
      name: input.name,
      service_type: input.serviceType ?? null,
      created_at: now,
      updated_at: now,
    });
    await auditChange(ctx, tx, 'team.create', { type: 'team', id });
  });
  const { items } = await findTeams(ctx.database.db, { ids: [id] }, { limit: 1, offset: 0 });
  const team = items[0];
  if (!team) throw new NotFoundError('Team');
  return team;
}
