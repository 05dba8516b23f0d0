/** Acknowledgement of a handover by its named lead (or the lead's service manager). */

import type { FieldError } from '../../../contracts/errors.ts';
import type { AcknowledgeInput, HandoverDto } from '../../../contracts/exchange.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { inListTransaction } from '../access/index.ts';
import { openEpisodeForReferral } from './episodes.service.ts';
import type { HandoverActionRow } from './exchange.tables.ts';
import { getHandover, openHandover } from './handover-read.service.ts';
import { insertActions, markAcknowledged } from './handovers.repository.ts';
import { findStaffMember } from './recipients.repository.ts';

/** Days within which a task from an acknowledgement is due when the lead gave no time. */
const TASK_DEFAULT_DAYS = 7;

/**
 * Acknowledges a handover and records the outstanding actions found, each a task with an owner.
 * 404 to a stranger, 403 to a party who is neither the lead nor their manager, 409 when already
 * acknowledged; in each case nothing changes.
 */
export async function acknowledgeHandover(
  ctx: ServiceContext,
  id: string,
  input: AcknowledgeInput,
): Promise<HandoverDto> {
  const db = ctx.database.db;
  const { h, list, standing } = await openHandover(ctx, id, 'handover.acknowledge');
  if (!standing.mayAcknowledge)
    throw new ForbiddenError('Only the named lead or their service manager can acknowledge this handover.');
  if (h.status !== 'sent') throw new ConflictError('This handover has already been acknowledged.');
  const errors: FieldError[] = [];
  const at = ctx.now.toISOString();
  for (const [i, a] of input.actions.entries()) {
    const owner = await findStaffMember(db, a.ownerStaffId);
    if (owner?.active !== 1)
      errors.push({ field: `body.actions.${i}.ownerStaffId`, message: 'is not an active member of staff' });
    if (a.dueAt !== undefined && Date.parse(a.dueAt) <= ctx.now.getTime())
      errors.push({ field: `body.actions.${i}.dueAt`, message: 'must be after the acknowledgement' });
  }
  if (input.accept !== undefined && h.template_key !== 'REFERRAL')
    errors.push({ field: 'body.accept', message: 'applies to referrals only' });
  if (errors.length > 0) throw new ValidationError(errors);
  const actions = input.actions.map(
    (a): HandoverActionRow => ({
      id: crypto.randomUUID(),
      handover_id: id,
      description: a.description,
      owner_staff_id: a.ownerStaffId,
      // A task without a stated time is due a week after it was set, so it never drops off the worklist.
      due_at: a.dueAt ?? new Date(ctx.now.getTime() + TASK_DEFAULT_DAYS * 86_400_000).toISOString(),
      status: 'open',
      created_at: at,
      created_by: ctx.principal.staffId,
    }),
  );
  await inListTransaction(list, async (list, tx) => {
    if (!(await markAcknowledged(list, id, at, input.note ?? null)))
      throw new ConflictError('This handover has already been acknowledged.');
    await insertActions(list, actions);
    // An accepted referral opens a pathway episode at the receiving service.
    if (input.accept === true) await openEpisodeForReferral(ctx, list, tx, h);
    await auditChange(
      ctx,
      tx,
      'handover.acknowledge',
      { type: 'handover', id },
      {
        personId: h.person_id,
        details: {
          actions: actions.length,
          late: Date.parse(h.due_at) < ctx.now.getTime(),
          byLead: h.lead_staff_id === ctx.principal.staffId,
        },
      },
    );
  });
  return getHandover(ctx, id, { audit: false });
}
