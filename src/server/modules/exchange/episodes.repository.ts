/** Pathway episodes and their moves: person-level, read and written only here. */
import type { Db } from '../../db/database.ts';
import type { PathwayEpisodeMoveRow, PathwayEpisodeRow } from './exchange.tables.ts';

/** Opens an episode with its first move. */
export async function insertEpisode(tx: Db, row: PathwayEpisodeRow): Promise<void> {
  await tx.insertInto('pathway_episodes').values(row).execute();
  await tx
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

/** One episode. */
export async function findEpisode(db: Db, id: string): Promise<PathwayEpisodeRow | undefined> {
  return db.selectFrom('pathway_episodes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A person's episodes, newest first, with their moves. */
export async function findEpisodesForPerson(
  db: Db,
  personId: string,
): Promise<{ episodes: PathwayEpisodeRow[]; moves: PathwayEpisodeMoveRow[] }> {
  const episodes = await db
    .selectFrom('pathway_episodes')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('opened_at', 'desc')
    .execute();
  const moves =
    episodes.length === 0
      ? []
      : await db
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
  tx: Db,
  episode: PathwayEpisodeRow,
  stage: string,
  by: string,
  at: string,
): Promise<boolean> {
  const moved = await tx
    .updateTable('pathway_episodes')
    .set({ stage, version: episode.version + 1, closed_at: stage === 'DISCHARGED' ? at : null })
    .where('id', '=', episode.id)
    .where('version', '=', episode.version)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) return false;
  await tx
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
