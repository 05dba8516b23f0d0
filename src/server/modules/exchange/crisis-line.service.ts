/**
 * The crisis line: a duty worker out of hours, with no NHS number to hand, finds a person by name
 * and date of birth, then asks for emergency access by the NHS number found. Like break-glass by
 * NHS number, this tells a duty worker (and nobody else) who is registered; every search is
 * audited, with one entry per person shown and none of the search terms.
 */
import type {
  CrisisMatch,
  CrisisSearchQuery,
  InterimDecisionDto,
  InterimDecisionInput,
} from '../../../contracts/exchange.ts';
import { ForbiddenError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext } from '../../service-context.ts';
import { openList, writePerson } from '../access/index.ts';
import { findByNameAndBirth, insertInterimDecision } from './crisis-line.repository.ts';
import type { CrisisInterimDecisionRow } from './exchange.tables.ts';
import { nextWorkingDayStart } from './exchange.ts';
import { requireRole } from './exchange-access.ts';

/** More matches than this means the search is too broad to act on safely. */
const MAX_MATCHES = 10;

/** People matching a duty worker's search (403 to anyone without emergency standing). */
export async function searchForCrisis(
  ctx: ServiceContext,
  query: CrisisSearchQuery,
): Promise<{ items: CrisisMatch[] }> {
  const list = await openList(ctx, 'break_glass', 'crisis.search');
  if (!list) throw new ForbiddenError('Only duty and crisis workers search the partnership in a crisis.');
  const rows = await findByNameAndBirth(
    list,
    query.familyName.trim(),
    query.givenName?.trim() || undefined,
    query.dateOfBirth,
    MAX_MATCHES,
  );
  const actor = auditActor(ctx);
  await ctx.audit.append(
    rows.length === 0
      ? [
          {
            action: 'crisis.search',
            outcome: 'success',
            actor,
            purpose: 'CRISIS_RESPONSE',
            details: { matches: 0 },
          },
        ]
      : rows.map((r) => ({
          action: 'crisis.search' as const,
          outcome: 'success' as const,
          actor,
          personId: r.id,
          purpose: 'CRISIS_RESPONSE' as const,
          details: { matches: rows.length },
        })),
    ctx.now,
    ctx.requestId,
  );
  return {
    items: rows.map((r) => ({
      nhsNumber: r.nhs_number,
      givenName: r.given_name,
      familyName: r.family_name,
      dateOfBirth: r.date_of_birth,
      postcode: r.postcode,
    })),
  };
}

/**
 * Records an interim decision a duty worker took, with the authority they acted under and why. It
 * reaches the person's care coordinator as a handover at the start of the next working day (a
 * job). The worker must be able to know the person now (on their care team or under a live
 * emergency access grant), decided inside the write's transaction.
 */
export async function recordInterimDecision(
  ctx: ServiceContext,
  personId: string,
  input: InterimDecisionInput,
): Promise<InterimDecisionDto> {
  requireRole(ctx, ['duty'], 'Only duty and crisis workers record interim decisions.');
  const row: CrisisInterimDecisionRow = {
    id: crypto.randomUUID(),
    person_id: personId,
    organisation_id: ctx.principal.organisationId,
    decided_by: ctx.principal.staffId,
    decided_at: ctx.now.toISOString(),
    authority: input.authority,
    decision: input.decision.trim(),
    rationale: input.rationale.trim(),
    deliver_at: nextWorkingDayStart(ctx.now),
    handover_id: null,
  };
  await writePerson(ctx, personId, { purpose: 'CRISIS_RESPONSE' }, async (write) => {
    await insertInterimDecision(write, row);
    await auditChange(
      ctx,
      write.tx,
      'crisis.interim_decision',
      { type: 'interim_decision', id: row.id },
      {
        personId,
        purpose: 'CRISIS_RESPONSE',
        details: { authority: row.authority, deliverAt: row.deliver_at },
      },
    );
  });
  return {
    id: row.id,
    personId,
    authority: input.authority,
    decision: row.decision,
    rationale: row.rationale,
    decidedAt: row.decided_at,
    deliverAt: row.deliver_at,
    handoverId: null,
  };
}
