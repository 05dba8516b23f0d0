/**
 * Work that follows a handover: resolving an "information missing" escalation, and closing the
 * tasks an acknowledgement set. Each is done by the party it belongs to, in one transaction with
 * its audit entry; the worklist item clears with it.
 */
import type { FieldError } from '../../../contracts/errors.ts';
import type {
  CloseActionInput,
  HandoverAction,
  HandoverDto,
  ResolveMissingInput,
} from '../../../contracts/exchange.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { inListTransaction, openList } from '../access/index.ts';
import { presentAction } from './handover.presenter.ts';
import { getHandover, openHandover } from './handover-read.service.ts';
import {
  closeAction,
  findHandoverFields,
  findHandoverWork,
  findOwnedAction,
  resolveMissing,
} from './handovers.repository.ts';

/**
 * Resolves a handover's "information missing" escalation: by the service manager it was escalated
 * to, or by the sender. Supplied values fill the missing fields; a reason is needed unless every
 * missing field is supplied. 409 when there is nothing open to resolve.
 */
export async function resolveMissingInformation(
  ctx: ServiceContext,
  id: string,
  input: ResolveMissingInput,
): Promise<HandoverDto> {
  const { h, list } = await openHandover(ctx, id, 'handover.resolve_missing');
  const { escalations } = await findHandoverWork(list, id);
  const open = escalations.find((e) => e.reason === 'INFORMATION_MISSING' && e.resolved_at === null);
  if (!open) throw new ConflictError('This handover has no missing information waiting to be resolved.');
  const me = ctx.principal.staffId;
  if (me !== h.sender_staff_id && me !== open.to_staff_id)
    throw new ForbiddenError('Only the sender or the service manager it was escalated to can resolve this.');
  const missing: string[] = JSON.parse(h.missing_fields);
  const errors: FieldError[] = [];
  const supplied: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.fields)) {
    if (!missing.includes(key)) errors.push({ field: `body.fields.${key}`, message: 'was not missing' });
    else if (value.trim() === '') errors.push({ field: `body.fields.${key}`, message: 'must not be empty' });
    else supplied[key] = value.trim();
  }
  const stillMissing = missing.filter((k) => supplied[k] === undefined);
  const reason = input.reason?.trim() ?? '';
  if (stillMissing.length > 0 && reason === '')
    errors.push({ field: 'body.reason', message: 'is required unless every missing field is supplied' });
  if (errors.length > 0) throw new ValidationError(errors);
  const fields = await findHandoverFields(list, id);
  const crossed = fields.filter((f) => supplied[f.key] !== undefined && f.disclosed === 1);
  const at = ctx.now.toISOString();
  const resolution =
    Object.keys(supplied).length > 0
      ? `Supplied: ${Object.keys(supplied).join(', ')}${reason ? `. ${reason}` : ''}`
      : reason;
  await inListTransaction(list, async (list, tx) => {
    if (!(await resolveMissing(list, id, supplied, stillMissing, resolution, at)))
      throw new ConflictError('This handover has no missing information waiting to be resolved.');
    await auditChange(
      ctx,
      tx,
      'handover.resolve_missing',
      { type: 'handover', id },
      {
        personId: h.person_id,
        recipientOrganisationId: h.recipient_org_id,
        categories: [...new Set(crossed.map((f) => f.category))],
        details: {
          supplied: Object.keys(supplied).length,
          stillMissing: stillMissing.length,
          byManager: me !== h.sender_staff_id,
        },
      },
    );
  });
  return getHandover(ctx, id, { audit: false });
}

/** Closes a task from a handover's acknowledgement: only its owner, once (409 after). */
export async function closeHandoverAction(
  ctx: ServiceContext,
  actionId: string,
  input: CloseActionInput,
): Promise<HandoverAction> {
  const list = await openList(ctx, 'caseload', 'handover.action.close');
  // Another person's task is not the caller's to know about.
  const action = list ? await findOwnedAction(list, actionId) : undefined;
  if (!list || !action) throw new NotFoundError('Task');
  if (action.status !== 'open') throw new ConflictError('This task has already been closed.');
  await inListTransaction(list, async (list, tx) => {
    if (!(await closeAction(list, actionId, input.note.trim(), ctx.now.toISOString())))
      throw new ConflictError('This task has already been closed.');
    await auditChange(
      ctx,
      tx,
      'handover.action.close',
      { type: 'handover_action', id: actionId },
      {
        personId: action.person_id,
        details: {
          handoverId: action.handover_id,
          late: action.due_at !== null && action.due_at < ctx.now.toISOString(),
        },
      },
    );
  });
  const closed = await findOwnedAction(list, actionId);
  if (!closed) throw new NotFoundError('Task');
  return presentAction(closed);
}
