/**
 * Pathway episodes and their moves: person-level, read and written only here, each function taking
 * a door value (a decided person scope, or the receiving lead's standing when a referral is accepted).
 */
import type { ListAccess, PersonScope, PersonWrite } from '../access/index.ts';
import type { PathwayEpisodeMoveRow, PathwayEpisodeRow } from './exchange.tables.ts';

/** Opens an episode with its first move. */
export async function insertEpisode(writer: PersonWrite | ListAccess, row: PathwayEpisodeRow): Promise<void> {
  await writer.db.insertInto('pathway_episodes').values(row).execute();
  await writer.db
    .insertInto('pathway_episode_moves')
    .values({
      episode_id: row.id,
      version: 1,
      from_stage: null,
      to_stage: row.stage,
      moved_at: row.opened_at,
      moved_by: row.opened_by,
    })
    .execute();
}

/** The person an episode concerns, so that the caller's access to them can be decided first. */
export async function episodeSubjectOf(list: ListAccess, id: string): Promise<string | undefined> {
  const row = await list.db
    .selectFrom('pathway_episodes')
    .select('person_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.person_id;
}

/** One episode of the scope's person. */
export async function findEpisode(read: PersonScope, id: string): Promise<PathwayEpisodeRow | undefined> {
  return read.db
    .selectFrom('pathway_episodes')
    .selectAll()
    .where('id', '=', id)
    .where('person_id', '=', read.personId)
    .executeTakeFirst();
}

/** The scope's person's episodes, newest first, with their moves. */
export async function findEpisodesForPerson(
  read: PersonScope,
): Promise<{ episodes: PathwayEpisodeRow[]; moves: PathwayEpisodeMoveRow[] }> {
  const episodes = await read.db
    .selectFrom('pathway_episodes')
    .selectAll()
    .where('person_id', '=', read.personId)
    .orderBy('opened_at', 'desc')
    .execute();
  const moves =
    episodes.length === 0
      ? []
      : await read.db
          .selectFrom('pathway_episode_moves')
          .selectAll()
          .where(
            'episode_id',
            'in',
            episodes.map((e) => e.id),
          )
          .orderBy('version')
          .execute();
  return { episodes, moves };
}

/**
 * Moves an episode to a stage, only from the version the caller saw and only while open; the
 * discharge closes it. True when this call moved it.
 */
export async function moveEpisode(
  write: PersonWrite,
  episode: PathwayEpisodeRow,
  stage: string,
  by: string,
  at: string,
): Promise<boolean> {
  const moved = await write.db
    .updateTable('pathway_episodes')
    .set({ stage, version: episode.version + 1, closed_at: stage === 'DISCHARGED' ? at : null })
    .where('id', '=', episode.id)
    .where('person_id', '=', write.personId)
    .where('version', '=', episode.version)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) return false;
  await write.db
    .insertInto('pathway_episode_moves')
    .values({
      episode_id: episode.id,
      version: episode.version + 1,
      from_stage: episode.stage,
      to_stage: stage,
      moved_at: at,
      moved_by: by,
    })
    .execute();
  return true;
}
