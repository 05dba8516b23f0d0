/** Disputes about agreements: raised once, resolved once with a documented outcome. */
import type { Dispute } from '../../../contracts/agreements.ts';
import type { Db } from '../../db/database.ts';
import type { AgreementDisputeRow } from './agreements.tables.ts';

function fromRow(r: AgreementDisputeRow): Dispute {
  return {
    id: r.id,
    agreementId: r.agreement_id,
    raisedBy: r.raised_by,
    organisationId: r.organisation_id,
    question: r.question,
    raisedAt: r.raised_at,
    outcome: r.outcome,
    guidanceChanged: Number(r.guidance_changed) === 1,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
  };
}

/** An agreement's disputes, newest first (bounded: a handful per agreement). */
export async function findDisputes(db: Db, agreementId: string): Promise<Dispute[]> {
  const rows = await db
    .selectFrom('agreement_disputes')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .orderBy('raised_at', 'desc')
    .orderBy('id')
    .limit(200)
    .execute();
  return rows.map(fromRow);
}

/** One dispute of an agreement. */
export async function findDispute(db: Db, agreementId: string, id: string): Promise<Dispute | undefined> {
  const row = await db
    .selectFrom('agreement_disputes')
    .selectAll()
    .where('agreement_id', '=', agreementId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** Records a new dispute. */
export async function insertDispute(db: Db, d: Dispute): Promise<void> {
  await db
    .insertInto('agreement_disputes')
    .values({
      id: d.id,
      agreement_id: d.agreementId,
      raised_by: d.raisedBy,
      organisation_id: d.organisationId,
      question: d.question,
      raised_at: d.raisedAt,
      outcome: null,
      guidance_changed: 0,
      resolved_by: null,
      resolved_at: null,
    })
    .execute();
}

/** Documents the outcome; false when it was already resolved (nothing written). */
export async function resolveDispute(
  db: Db,
  id: string,
  r: { outcome: string; guidanceChanged: boolean; by: string; at: string },
): Promise<boolean> {
  const res = await db
    .updateTable('agreement_disputes')
    .set({
      outcome: r.outcome,
      guidance_changed: r.guidanceChanged ? 1 : 0,
      resolved_by: r.by,
      resolved_at: r.at,
    })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
