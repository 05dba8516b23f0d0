import type { ChangeExplanation } from '../../../contracts/authority.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import { findRefusalsOfRequest } from './authority.repository.ts';
import { isReasonCode, REASON_MESSAGES } from './reasons.ts';

/**
 * Explains a refused change from the refusal the authority audited: to the member of staff who was
 * refused, and to IG leads of their organisation. A request id that is unknown, or not the caller's
 * to ask about, answers with no refusals, so it tells nothing about anyone else's requests.
 */
export async function explainRefusedChange(
  ctx: ServiceContext,
  requestId: string,
): Promise<ChangeExplanation> {
  const all = await findRefusalsOfRequest(ctx.database.db, requestId);
  const ig = ctx.principal.roles.includes('ig_lead');
  const mine = all.filter(
    (r) =>
      r.actorStaffId === ctx.principal.staffId ||
      (ig && r.actorOrganisationId === ctx.principal.organisationId),
  );
  await ctx.audit.append(
    [
      {
        action: 'access.explain_change',
        outcome: 'success',
        actor: auditActor(ctx),
        details: { requestId, refusals: mine.length },
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  return {
    refusals: mine.map((r) => ({
      action: r.action,
      recordedAt: r.recordedAt,
      target: r.targetType && r.targetId ? { type: r.targetType, id: r.targetId } : null,
      reasons: r.reasons.map((code) => ({
        code,
        message: isReasonCode(code) ? REASON_MESSAGES[code] : 'This change was refused.',
      })),
    })),
  };
}
