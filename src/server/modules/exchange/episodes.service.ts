import type { EpisodeDto, EpisodeMoveInput, EpisodeStage } from '../../../contracts/exchange.ts';
import type { Tx } from '../../db/database.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext } from '../../service-context.ts';
import { openPerson } from '../access/index.ts';
import { findEpisode, findEpisodesForPerson, insertEpisode, moveEpisode } from './episodes.repository.ts';
import type { HandoverRow, PathwayEpisodeMoveRow, PathwayEpisodeRow } from './exchange.tables.ts';
import { HANDOVER_ROLES, requireRole } from './exchange-access.ts';

function present(e: PathwayEpisodeRow, moves: readonly PathwayEpisodeMoveRow[]): EpisodeDto {
  return {
    id: e.id,
    personId: e.person_id,
    organisationId: e.organisation_id,
    referralHandoverId: e.referral_handover_id,
    stage: e.stage as EpisodeStage,
    openedAt: e.opened_at,
    closedAt: e.closed_at,
    version: e.version,
    moves: moves
      .filter((m) => m.episode_id === e.id)
      .map((m) => ({
        from: m.from_stage as EpisodeStage | null,
        to: m.to_stage as EpisodeStage,
        at: m.moved_at,
      })),
  };
}

/** Opens the episode an accepted referral starts, inside the acknowledgement's transaction. */
export async function openEpisodeForReferral(ctx: ServiceContext, tx: Tx, h: HandoverRow): Promise<string> {
  const id = crypto.randomUUID();
  await insertEpisode(tx, {
    id,
    person_id: h.person_id,
    organisation_id: h.recipient_org_id,
    referral_handover_id: h.id,
    stage: 'REFERRAL',
    opened_at: ctx.now.toISOString(),
    opened_by: ctx.principal.staffId,
    closed_at: null,
    version: 1,
  });
  await auditChange(
    ctx,
    tx,
    'episode.open',
    { type: 'pathway_episode', id },
    {
      personId: h.person_id,
      details: { stage: 'REFERRAL', handoverId: h.id },
    },
  );
  return id;
}

/** A person's episodes (404 unless the caller may know the person). */
export async function listEpisodes(ctx: ServiceContext, personId: string): Promise<{ items: EpisodeDto[] }> {
  await openPerson(ctx, personId);
  const { episodes, moves } = await findEpisodesForPerson(ctx.database.db, personId);
  await ctx.audit.append(
    [{ action: 'episode.view', outcome: 'permit', actor: auditActor(ctx), personId, purpose: 'DIRECT_CARE' }],
    ctx.now,
    ctx.requestId,
  );
  return { items: episodes.map((e) => present(e, moves)) };
}

/** Moves an episode at the caller's own organisation; a discharged episode stays closed. */
export async function moveEpisodeStage(
  ctx: ServiceContext,
  id: string,
  input: EpisodeMoveInput,
): Promise<EpisodeDto> {
  requireRole(ctx, HANDOVER_ROLES, 'Your role does not manage pathway episodes.');
  const db = ctx.database.db;
  const episode = await findEpisode(db, id);
  if (!episode) throw new NotFoundError('Episode');
  await openPerson(ctx, episode.person_id).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError('Episode') : error;
  });
  if (episode.organisation_id !== ctx.principal.organisationId)
    throw new ForbiddenError('Only the service holding the episode moves it.');
  if (episode.closed_at !== null) throw new ConflictError('This episode has been closed by a discharge.');
  if (input.version !== episode.version)
    throw new ConflictError('This episode has moved since you opened it.', [
      { field: 'body.version', message: 'is not the current version' },
    ]);
  if (input.stage === episode.stage)
    throw new ValidationError([{ field: 'body.stage', message: 'is the stage the episode is already at' }]);
  if (input.stage === 'REFERRAL')
    throw new ValidationError([{ field: 'body.stage', message: 'cannot go back to referral once accepted' }]);
  await db.transaction().execute(async (tx) => {
    if (!(await moveEpisode(tx, episode, input.stage, ctx.principal.staffId, ctx.now.toISOString())))
      throw new ConflictError('This episode has moved since you opened it.');
    await auditChange(
      ctx,
      tx,
      'episode.move',
      { type: 'pathway_episode', id },
      {
        personId: episode.person_id,
        details: { from: episode.stage, to: input.stage },
      },
    );
  });
  const { episodes, moves } = await findEpisodesForPerson(db, episode.person_id);
  const moved = episodes.find((e) => e.id === id);
  if (!moved) throw new NotFoundError('Episode');
  return present(moved, moves);
}
