/**
 * A service manager's weekly sample of their team's crisis escalation summaries: the sample with
 * repeat escalations highlighted, a finding per summary (which becomes a supervision note for its
 * sender), and the notes as their subjects and managers see them. The sampled handovers themselves
 * are read through `GET /handovers/:id`, where the sampling manager stands as a party.
 */
import type {
  SampleDto,
  SampleFindingInput,
  SampleItem,
  SampleSummary,
  SupervisionNote,
} from '../../../contracts/sampling.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext } from '../../service-context.ts';
import { inListTransaction, openList } from '../access/index.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { personHeaders } from '../people/index.ts';
import {
  findSampleFor,
  findSampleItems,
  findSamplesFor,
  recordFinding,
  type SampleItemView,
} from './sampling.repository.ts';
import type { HandoverSampleRow } from './sampling.tables.ts';
import { isRepeat } from './sampling.ts';
import { findSupervisionNotes, type SupervisionNoteView } from './supervision-notes.repository.ts';

const isManager = (ctx: ServiceContext) => hasAnyRole(ctx.principal, ['service_manager']);

function presentSummary(s: HandoverSampleRow & { team_name: string }): SampleSummary {
  return {
    id: s.id,
    teamId: s.team_id,
    teamName: s.team_name,
    weekStart: s.week_start,
    weekEnd: s.week_end,
    seed: s.seed,
    drawnAt: s.drawn_at,
    population: s.population,
    size: s.size,
    reviewed: s.reviewed,
  };
}

function presentItem(i: SampleItemView, personName: string | null): SampleItem {
  return {
    handoverId: i.handover_id,
    position: i.position,
    sentAt: i.sent_at,
    senderName: i.sender_name,
    acknowledgedAt: i.acknowledged_at,
    personName,
    // How often a person escalated says something about them: hidden with their name.
    escalationsInWindow: personName === null ? null : i.escalations_in_window,
    repeat: personName === null ? null : isRepeat(i.escalations_in_window),
    finding:
      i.reviewed_at === null || i.supervision_note_id === null
        ? null
        : {
            complete: i.complete === 1,
            sharedAppropriately: i.shared_appropriately === 1,
            reflectedInRecord: i.reflected_in_record === 1,
            note: i.note ?? '',
            reviewedAt: i.reviewed_at,
            supervisionNoteId: i.supervision_note_id,
          },
  };
}

/** The caller's weekly samples, newest first; empty for anyone but a service manager. */
export async function listSamples(ctx: ServiceContext): Promise<{ items: SampleSummary[] }> {
  if (!isManager(ctx)) return { items: [] };
  const list = await openList(ctx, 'caseload', 'handover.sample.view');
  if (!list) return { items: [] };
  return { items: (await findSamplesFor(list, 52)).map(presentSummary) };
}

/**
 * One of the caller's samples with its items; 404 for anyone else's. Each item shown is a person
 * in front of the manager: one list entry each, written as one batch. Names are shown only where
 * the manager may know the person.
 */
export async function getSample(
  ctx: ServiceContext,
  id: string,
  options: { audit?: boolean } = {},
): Promise<SampleDto> {
  const list = isManager(ctx) ? await openList(ctx, 'caseload', 'handover.sample.view') : null;
  const sample = list ? await findSampleFor(list, id) : undefined;
  if (!list || !sample) throw new NotFoundError('Sample');
  const items = await findSampleItems(list, id);
  const headers = await personHeaders(ctx, [...new Set(items.map((i) => i.person_id))], { audit: false });
  const names = new Map(headers.map((h) => [h.id, `${h.givenName} ${h.familyName}`]));
  if (options.audit !== false && items.length > 0)
    await ctx.audit.append(
      items.map((i) => ({
        action: 'handover.sample.view' as const,
        outcome: 'success' as const,
        actor: auditActor(ctx),
        personId: i.person_id,
        target: { type: 'handover', id: i.handover_id },
        details: { sampleId: id, named: names.has(i.person_id) },
      })),
      ctx.now,
      ctx.requestId,
    );
  return {
    ...presentSummary(sample),
    items: items.map((i) => presentItem(i, names.get(i.person_id) ?? null)),
  };
}

/**
 * Records the manager's finding on one sampled summary, once (409 after), and writes it up as a
 * supervision note for the member of staff who sent it, in one transaction with its audit entry.
 */
export async function recordSampleFinding(
  ctx: ServiceContext,
  sampleId: string,
  handoverId: string,
  input: SampleFindingInput,
): Promise<SampleDto> {
  const list = isManager(ctx) ? await openList(ctx, 'caseload', 'handover.sample.review') : null;
  const sample = list ? await findSampleFor(list, sampleId) : undefined;
  const item =
    list && sample
      ? (await findSampleItems(list, sampleId)).find((i) => i.handover_id === handoverId)
      : undefined;
  if (!list || !item) throw new NotFoundError('Sampled handover');
  if (item.reviewed_at !== null)
    throw new ConflictError('A finding has already been recorded for this summary.');
  const note = {
    id: crypto.randomUUID(),
    staff_id: item.sender_staff_id,
    written_by: ctx.principal.staffId,
    sample_id: sampleId,
    handover_id: handoverId,
    person_id: item.person_id,
    complete: input.complete ? 1 : 0,
    shared_appropriately: input.sharedAppropriately ? 1 : 0,
    reflected_in_record: input.reflectedInRecord ? 1 : 0,
    note: input.note.trim(),
    created_at: ctx.now.toISOString(),
  };
  await inListTransaction(list, async (list, tx) => {
    if (!(await recordFinding(list, { sampleId, handoverId }, note)))
      throw new ConflictError('A finding has already been recorded for this summary.');
    await auditChange(
      ctx,
      tx,
      'handover.sample.review',
      { type: 'handover', id: handoverId },
      {
        personId: item.person_id,
        details: {
          sampleId,
          supervisionNoteId: note.id,
          complete: input.complete,
          sharedAppropriately: input.sharedAppropriately,
          reflectedInRecord: input.reflectedInRecord,
        },
      },
    );
  });
  return getSample(ctx, sampleId, { audit: false });
}

function presentNote(n: SupervisionNoteView): SupervisionNote {
  return {
    id: n.id,
    staffId: n.staff_id,
    staffName: n.staff_name,
    writtenBy: n.written_by,
    writtenByName: n.writer_name,
    handoverId: n.handover_id,
    sampleId: n.sample_id,
    weekStart: n.week_start,
    complete: n.complete === 1,
    sharedAppropriately: n.shared_appropriately === 1,
    reflectedInRecord: n.reflected_in_record === 1,
    note: n.note,
    createdAt: n.created_at,
  };
}

/**
 * Supervision notes the caller may see: about them, written by them, or (a service manager)
 * about their teams' members. Each names a handover about a person: one list entry per note.
 */
export async function listSupervisionNotes(ctx: ServiceContext): Promise<{ items: SupervisionNote[] }> {
  const list = await openList(ctx, 'caseload', 'supervision_note.list');
  if (!list) return { items: [] };
  const notes = await findSupervisionNotes(list, isManager(ctx), 100);
  if (notes.length > 0)
    await ctx.audit.append(
      notes.map((n) => ({
        action: 'supervision_note.list' as const,
        outcome: 'success' as const,
        actor: auditActor(ctx),
        personId: n.person_id,
        target: { type: 'supervision_note', id: n.id },
      })),
      ctx.now,
      ctx.requestId,
    );
  return { items: notes.map(presentNote) };
}
