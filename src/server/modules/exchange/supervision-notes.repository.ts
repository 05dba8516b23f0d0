/**
 * Supervision notes: findings from managers' samples, written up for the member of staff who sent
 * the summary. Person-level (each names a handover about a person): read here only, with the
 * caller's standing, and only the notes the caller may see.
 */
import type { ListAccess } from '../access/index.ts';
import type { SupervisionNoteRow } from './sampling.tables.ts';

/** A supervision note with the names it shows and the sampled week. */
export type SupervisionNoteView = SupervisionNoteRow & {
  staff_name: string;
  writer_name: string;
  week_start: string;
};

/**
 * Supervision notes the caller may see: those about them, those they wrote, and (for a service
 * manager) those about members of their teams. Newest first.
 */
export async function findSupervisionNotes(
  list: ListAccess,
  asManager: boolean,
  limit: number,
): Promise<SupervisionNoteView[]> {
  const me = list.staffId;
  return list.db
    .selectFrom('supervision_notes as n')
    .innerJoin('staff as subject', 'subject.id', 'n.staff_id')
    .innerJoin('staff as writer', 'writer.id', 'n.written_by')
    .innerJoin('handover_samples as s', 's.id', 'n.sample_id')
    .selectAll('n')
    .select(['subject.display_name as staff_name', 'writer.display_name as writer_name', 's.week_start'])
    .where((eb) => {
      const mine = [eb('n.staff_id', '=', me), eb('n.written_by', '=', me)];
      if (asManager)
        mine.push(
          eb(
            'n.staff_id',
            'in',
            eb
              .selectFrom('staff_teams as theirs')
              .innerJoin('staff_teams as ours', 'ours.team_id', 'theirs.team_id')
              .select('theirs.staff_id')
              .where('ours.staff_id', '=', me),
          ),
        );
      return eb.or(mine);
    })
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id')
    .limit(limit)
    .execute();
}
