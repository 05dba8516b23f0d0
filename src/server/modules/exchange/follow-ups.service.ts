import type { FieldError } from '../../../contracts/errors.ts';
import type {
  FollowUpContactInput,
  FollowUpCreateInput,
  FollowUpDto,
  FollowUpKind,
  FollowUpRule,
  FollowUpStatus,
} from '../../../contracts/exchange.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { openList, writePerson } from '../access/index.ts';
import type { FollowUpRow } from './exchange.tables.ts';
import { followUpDueAt, followUpRuleFor } from './exchange.ts';
import { HANDOVER_ROLES, requireRole } from './exchange-access.ts';
import { closeFollowUp, findFollowUp, findPersonFollowUp, insertFollowUp } from './follow-ups.repository.ts';
import { isHandoverAbout } from './handovers.repository.ts';
import { findStaffMember } from './recipients.repository.ts';

/** A follow-up as shown. */
export function presentFollowUp(r: FollowUpRow): FollowUpDto {
  return {
    id: r.id,
    personId: r.person_id,
    kind: r.kind as FollowUpKind,
    rule: r.rule as FollowUpRule,
    occurredAt: r.occurred_at,
    dueAt: r.due_at,
    status: r.status as FollowUpStatus,
    ownerStaffId: r.owner_staff_id,
    organisationId: r.organisation_id,
    contactAt: r.contact_at,
    missedAt: r.missed_at,
  };
}

/** Records a discharge or step-down and the follow-up it makes due. */
export async function createFollowUp(
  ctx: ServiceContext,
  personId: string,
  input: FollowUpCreateInput,
): Promise<FollowUpDto> {
  requireRole(ctx, HANDOVER_ROLES, 'Your role does not record follow-ups.');
  const db = ctx.database.db;
  const errors: FieldError[] = [];
  if (Date.parse(input.occurredAt) > ctx.now.getTime())
    errors.push({ field: 'body.occurredAt', message: 'must not be in the future' });
  const ownerId = input.ownerStaffId ?? ctx.principal.staffId;
  const owner = await findStaffMember(db, ownerId);
  if (owner?.active !== 1 || owner.organisation_id !== ctx.principal.organisationId)
    errors.push({
      field: 'body.ownerStaffId',
      message: 'is not an active member of staff at your organisation',
    });
  const rule = followUpRuleFor(input.kind, input.suicideRisk, input.rule);
  const row: FollowUpRow = {
    id: crypto.randomUUID(),
    person_id: personId,
    handover_id: input.handoverId ?? null,
    kind: input.kind,
    rule,
    occurred_at: new Date(input.occurredAt).toISOString(),
    due_at: followUpDueAt(input.occurredAt, rule),
    organisation_id: ctx.principal.organisationId,
    owner_staff_id: ownerId,
    status: 'due',
    contact_at: null,
    recorded_by: null,
    missed_at: null,
    escalated_to: null,
    created_at: ctx.now.toISOString(),
    created_by: ctx.principal.staffId,
  };
  // The person is decided inside the write's transaction; the handover named must be about them.
  await writePerson(ctx, personId, {}, async (write) => {
    if (input.handoverId !== undefined) {
      if (!(await isHandoverAbout(write, input.handoverId)))
        errors.push({ field: 'body.handoverId', message: 'is not a handover about this person' });
    }
    if (errors.length > 0) throw new ValidationError(errors);
    await insertFollowUp(write, row);
    await auditChange(
      ctx,
      write.tx,
      'follow_up.create',
      { type: 'follow_up', id: row.id },
      {
        personId,
        details: { kind: row.kind, rule },
      },
    );
  });
  return presentFollowUp(row);
}

/** Records the follow-up contact, closing the follow-up (late if it had been missed). */
export async function recordFollowUpContact(
  ctx: ServiceContext,
  id: string,
  input: FollowUpContactInput,
): Promise<FollowUpDto> {
  requireRole(ctx, HANDOVER_ROLES, 'Your role does not record follow-ups.');
  const list = await openList(ctx, 'caseload', 'follow_up.contact');
  // A follow-up is its organisation's to close: another organisation's is not the caller's to know.
  const found = list ? await findFollowUp(list, id) : undefined;
  if (!found) throw new NotFoundError('Follow-up');
  const contact = Date.parse(input.contactAt);
  const errors: FieldError[] = [];
  if (contact < Date.parse(found.occurred_at))
    errors.push({ field: 'body.contactAt', message: 'must not be before the discharge or step-down' });
  if (contact > ctx.now.getTime())
    errors.push({ field: 'body.contactAt', message: 'must not be in the future' });
  const contactAt = new Date(contact).toISOString();
  const done = await writePerson(ctx, found.person_id, {}, async (write) => {
    if (found.status === 'done') throw new ConflictError('This follow-up has already been recorded.');
    if (errors.length > 0) throw new ValidationError(errors);
    if (!(await closeFollowUp(write, id, contactAt, ctx.principal.staffId)))
      throw new ConflictError('This follow-up has already been recorded.');
    await auditChange(
      ctx,
      write.tx,
      'follow_up.contact',
      { type: 'follow_up', id },
      {
        personId: found.person_id,
        details: { rule: found.rule, withinTime: contactAt <= found.due_at },
      },
    );
    return findPersonFollowUp(write, id);
  }).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError('Follow-up') : error;
  });
  if (!done) throw new NotFoundError('Follow-up');
  return presentFollowUp(done);
}
