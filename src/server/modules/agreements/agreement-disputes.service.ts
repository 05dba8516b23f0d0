/**
 * The defined route for disputes and uncertainties about an agreement: staff of a party raise
 * them, an IG lead of a party documents the outcome (which may produce new guidance). Audited,
 * including refused attempts.
 */
import type { Dispute } from '../../../contracts/agreements.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { changeActorOf, changeWithAuthority } from '../access/index.ts';
import { findDispute, findDisputes, insertDispute, resolveDispute } from './agreement-disputes.repository.ts';
import { auditingRejection } from './agreement-lifecycle.service.ts';
import { findAgreement } from './agreements.repository.ts';

/** An agreement's disputes: for staff of its parties. */
export async function listDisputes(ctx: ServiceContext, agreementId: string): Promise<Dispute[]> {
  const record = await findAgreement(ctx.database.db, agreementId);
  if (!record) throw new NotFoundError('Agreement');
  return findDisputes(ctx.database.db, agreementId);
}

/** Raises a dispute or uncertainty; only staff of an organisation party to the agreement. */
export async function raiseDispute(
  ctx: ServiceContext,
  agreementId: string,
  question: string,
): Promise<Dispute> {
  const target = { type: 'agreement', id: agreementId };
  const dispute: Dispute = {
    id: crypto.randomUUID(),
    agreementId,
    raisedBy: ctx.principal.staffId,
    organisationId: ctx.principal.organisationId,
    question,
    raisedAt: ctx.now.toISOString(),
    outcome: null,
    guidanceChanged: false,
    resolvedBy: null,
    resolvedAt: null,
  };
  await auditingRejection(ctx, 'agreement.dispute.raise', target, () =>
    ctx.database.db.transaction().execute(async (tx) => {
      const record = await findAgreement(tx, agreementId);
      if (!record) throw new NotFoundError('Agreement');
      if (!record.current.parties.some((p) => p.organisationId === ctx.principal.organisationId))
        throw new ForbiddenError(
          'Only staff of an organisation party to the agreement raise disputes about it.',
        );
      await insertDispute(tx, dispute);
      await auditChange(ctx, tx, 'agreement.dispute.raise', target, { details: { disputeId: dispute.id } });
    }),
  );
  return dispute;
}

/** Documents a dispute's outcome: an IG lead of a party, once. */
export async function documentOutcome(
  ctx: ServiceContext,
  agreementId: string,
  disputeId: string,
  outcome: { outcome: string; guidanceChanged: boolean },
): Promise<Dispute> {
  const target = { type: 'agreement', id: agreementId };
  await auditingRejection(ctx, 'agreement.dispute.resolve', target, () =>
    changeWithAuthority(ctx, async (tx, authorize) => {
      const record = await findAgreement(tx, agreementId);
      const dispute = record && (await findDispute(tx, agreementId, disputeId));
      if (!record || !dispute) throw new NotFoundError('Dispute');
      authorize(
        {
          kind: 'agreement.update',
          actor: await changeActorOf(ctx, tx),
          parties: record.current.parties.map((p) => p.organisationId),
        },
        { action: 'agreement.dispute.resolve', target },
      );
      const done = await resolveDispute(tx, disputeId, {
        ...outcome,
        by: ctx.principal.staffId,
        at: ctx.now.toISOString(),
      });
      if (!done) throw new ConflictError('This dispute already has a documented outcome.');
      await auditChange(ctx, tx, 'agreement.dispute.resolve', target, {
        details: { disputeId, guidanceChanged: outcome.guidanceChanged },
      });
    }),
  );
  const resolved = await findDispute(ctx.database.db, agreementId, disputeId);
  if (!resolved) throw new NotFoundError('Dispute');
  return resolved;
}
