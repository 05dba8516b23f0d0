import type { Db } from '../../db/database.ts';

/** A refused change as its audit entry records it. */
export interface RefusalRecord {
  readonly action: string;
  readonly recordedAt: string;
  readonly actorStaffId: string | null;
  readonly actorOrganisationId: string | null;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly reasons: readonly string[];
}

/** The refusals audited for one request (a write is refused once; the list is usually one long). */
export async function findRefusalsOfRequest(db: Db, requestId: string): Promise<RefusalRecord[]> {
  const rows = await db
    .selectFrom('audit_entries')
    .select([
      'action',
      'recorded_at',
      'actor_staff_id',
      'actor_org_id',
      'target_type',
      'target_id',
      'reasons',
    ])
    .where('request_id', '=', requestId)
    .where('outcome', '=', 'deny')
    .orderBy('recorded_at')
    .execute();
  return rows.map((r) => ({
    action: r.action,
    recordedAt: r.recorded_at,
    actorStaffId: r.actor_staff_id,
    actorOrganisationId: r.actor_org_id,
    targetType: r.target_type,
    targetId: r.target_id,
    reasons: r.reasons === '' ? [] : r.reasons.split(','),
  }));
}
