import type { EpisodeDto, EpisodeMoveInput, EpisodeStage } from '../../../contracts/exchange.ts';
import type { Tx } from '../../db/database.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext } from '../../service-context.ts';
import { type ListAccess, openList, openPerson, writePerson } from '../access/index.ts';
import {
  episodeSubjectOf,
  findEpisode,
  findEpisodesForPerson,
  insertEpisode,
  moveEpisode,
} from './episodes.repository.ts';
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
export async function openEpisodeForReferral(
  ctx: ServiceContext,
  lead: ListAccess,
  tx: Tx,
  h: HandoverRow,
): Promise<string> {
  const id = crypto.randomUUID();
  await insertEpisode(lead, {
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
  const read = await openPerson(ctx, personId);
  const { episodes, moves } = await findEpisodesForPerson(read);
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
  const notFound = (error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError('Episode') : error;
  };
  const list = await openList(ctx, 'caseload', 'episode.move');
  const personId = list ? await episodeSubjectOf(list, id) : undefined;
  if (!personId) throw new NotFoundError('Episode');
  // Decided again inside the move's transaction: nothing that changed since can slip past.
  return writePerson(ctx, personId, {}, async (write) => {
    const episode = await findEpisode(write, id);
    if (!episode) throw new NotFoundError('Episode');
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
      throw new ValidationError([
        { field: 'body.stage', message: 'cannot go back to referral once accepted' },
      ]);
    if (!(await moveEpisode(write, episode, input.stage, ctx.principal.staffId, ctx.now.toISOString())))
      throw new ConflictError('This episode has moved since you opened it.');
    await auditChange(
      ctx,
      write.tx,
      'episode.move',
      { type: 'pathway_episode', id },
      {
        personId: episode.person_id,
        details: { from: episode.stage, to: input.stage },
      },
    );
    const { episodes, moves } = await findEpisodesForPerson(write);
    const moved = episodes.find((e) => e.id === id);
    if (!moved) throw new NotFoundError('Episode');
    return present(moved, moves);
  }).catch(notFound);
}
