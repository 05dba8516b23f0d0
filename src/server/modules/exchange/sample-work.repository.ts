/**
 * Managers' samples as worklist items. Reads `handover_samples` only, which holds no person data:
 * each sampled summary is read later, through the door, from the sample page.
 */

import type { Db } from '../../db/database.ts';
import { afterKeyset, type KeysetBound } from '../../db/keyset.ts';
import type { HandoverSampleRow } from './sampling.tables.ts';

/** The caller's samples still to review, by due time, for the worklist (no person data). */
export async function samplesToReview(
  db: Db,
  staffId: string,
  bound: KeysetBound | null,
  limit: number,
): Promise<HandoverSampleRow[]> {
  let q = db
    .selectFrom('handover_samples')
    .selectAll()
    .where('manager_staff_id', '=', staffId)
    .where((eb) => eb('reviewed', '<', eb.ref('size')));
  q = q.where(afterKeyset('due_at', 'id', bound));
  return q.orderBy('due_at').orderBy('id').limit(limit).execute();
}

/** How many of the caller's samples wait for review, and how many of those are past due. */
export async function countSamplesToReview(db: Db, staffId: string, now: string): Promise<[number, number]> {
  const base = db
    .selectFrom('handover_samples')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('manager_staff_id', '=', staffId)
    .where((eb) => eb('reviewed', '<', eb.ref('size')));
  const [all, late] = await Promise.all([
    base.executeTakeFirst(),
    base.where('due_at', '<', now).executeTakeFirst(),
  ]);
  return [Number(all?.n ?? 0), Number(late?.n ?? 0)];
}
