import type { Team } from '../../../contracts/directory.ts';
import type { Db } from '../../db/database.ts';
import type { TeamRow } from './directory.tables.ts';

/** Presents teams with their organisation's name. */
export async function findTeams(
  db: Db,
  filter: { organisationId?: string | undefined; ids?: readonly string[] },
  page: { limit: number; offset: number },
): Promise<{ items: Team[]; total: number }> {
  let query = db.selectFrom('teams').innerJoin('organisations', 'organisations.id', 'teams.organisation_id');
  if (filter.organisationId) query = query.where('teams.organisation_id', '=', filter.organisationId);
  if (filter.ids) query = query.where('teams.id', 'in', filter.ids.length > 0 ? [...filter.ids] : ['']);
  const [rows, count] = await Promise.all([
    query
      .select([
        'teams.id',
        'teams.organisation_id',
        'organisations.name as organisation_name',
        'teams.name',
        'teams.service_type',
      ])
      .orderBy('organisations.name')
      .orderBy('teams.name')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      name: r.name,
      serviceType: r.service_type,
    })),
    total: Number(count.n),
  };
}

/** The organisation of each named team that exists. */
export function findTeamOrganisations(
  db: Db,
  teamIds: readonly string[],
): Promise<{ id: string; organisation_id: string }[]> {
  return db
    .selectFrom('teams')
    .select(['id', 'organisation_id'])
    .where('id', 'in', teamIds.length > 0 ? [...teamIds] : [''])
    .execute();
}

/** True when the organisation already has a team of this name. */
export async function teamNameTaken(db: Db, organisationId: string, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('teams')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts a team. */
export async function insertTeam(db: Db, row: TeamRow): Promise<void> {
  await db.insertInto('teams').values(row).execute();
}
