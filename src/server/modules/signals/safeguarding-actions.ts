/**
 * Protective actions: made with a named owner and a due date by concerns, huddles and case
 * conferences; closed by their owner alone.
 */
import type { ProtectiveAction, ProtectiveActionInput } from '../../../contracts/safeguarding.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import { openPerson, writePerson } from '../access/index.ts';
import { presentAction } from './safeguarding.presenter.ts';
import { completeAction, findAction, refreshActionDueKey } from './safeguarding.repository.ts';
import type { SafeguardingActionRow } from './safeguarding.tables.ts';
import { dueAtOf } from './safeguarding.ts';
import { loadNames } from './safeguarding-names.ts';

/** Rows for new actions, owned by the caller's organisation. */
export function actionRows(
  ctx: ServiceContext,
  personId: string,
  actions: readonly ProtectiveActionInput[],
  source: { concernId: string | null; huddleReviewId: string | null; conferenceId: string | null },
): SafeguardingActionRow[] {
  const at = ctx.now.toISOString();
  return actions.map((a) => ({
    id: crypto.randomUUID(),
    person_id: personId,
    organisation_id: ctx.principal.organisationId,
    concern_id: source.concernId,
    huddle_review_id: source.huddleReviewId,
    conference_id: source.conferenceId,
    description: a.description,
    owner_staff_id: a.ownerStaffId,
    due_date: a.dueDate,
    due_at: dueAtOf(a.dueDate),
    status: 'open',
    created_at: at,
    created_by: ctx.principal.staffId,
    completed_at: null,
    completed_by: null,
    outcome: null,
  }));
}

/**
 * Closes a protective action with what was done. Only its owner may: anyone else who may know the
 * person gets a 403 (audited) and nothing changes; an action already closed is a 409.
 */
export async function completeProtectiveAction(
  ctx: ServiceContext,
  personId: string,
  actionId: string,
  outcome: string,
): Promise<ProtectiveAction> {
  const read = await openPerson(ctx, personId, { purpose: 'SAFEGUARDING' });
  const action = await findAction(read, actionId);
  if (!action) throw new NotFoundError('Protective action');
  if (action.owner_staff_id !== ctx.principal.staffId) {
    await ctx.audit.append(
      [
        {
          action: 'safeguarding.action.complete',
          outcome: 'deny',
          actor: auditActor(ctx),
          personId,
          categories: ['SAFEGUARDING'],
          purpose: 'SAFEGUARDING',
          reasons: ['NOT_ACTION_OWNER'],
          target: { type: 'safeguarding_action', id: actionId },
        },
      ],
      ctx.now,
      ctx.requestId,
    );
    throw new ForbiddenError('Only the owner of a protective action can close it; nothing was changed.');
  }
  if (action.status !== 'open') throw new ConflictError('This action is closed already.');
  const at = ctx.now.toISOString();
  await writePerson(ctx, personId, { purpose: 'SAFEGUARDING' }, async (write) => {
    const done = await completeAction(write, actionId, { at, by: ctx.principal.staffId, outcome });
    if (!done) throw new ConflictError('This action is closed already.');
    if (action.concern_id) await refreshActionDueKey(write, action.concern_id);
    await auditChange(
      ctx,
      write.tx,
      'safeguarding.action.complete',
      { type: 'safeguarding_action', id: actionId },
      {
        personId,
        categories: ['SAFEGUARDING'],
        purpose: 'SAFEGUARDING',
        ownerOrganisationId: action.organisation_id,
      },
    );
  });
  const names = await loadNames(ctx.database.db, [action.owner_staff_id], []);
  return presentAction(
    { ...action, status: 'done', completed_at: at, completed_by: ctx.principal.staffId, outcome },
    names,
    ctx.principal.staffId,
    todayOf(ctx),
  );
}
