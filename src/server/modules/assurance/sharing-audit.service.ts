/**
 * The monthly information-sharing audit for the IG lead of the organisation it audits: the months'
 * results and trend, an audit's items with their automatic tests, the auditor's confirmation or
 * override (an override needs a reason; a refused attempt is audited), corrective actions raised
 * from findings with owners and due dates, and their closing by the owner. Items name audit
 * entries; the person behind one is opened only through the door.
 */
import type {
  AuditDetail,
  AuditDrawInput,
  AuditItem,
  AuditItemPerson,
  AuditList,
  AuditSummary,
  CorrectiveAction,
  CorrectiveActionClose,
  CorrectiveActionInput,
  ItemReviewInput,
} from '../../../contracts/sharing-audit.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import { openOversight } from '../access/index.ts';
import { auditingRejection } from '../agreements/agreement-lifecycle.service.ts';
import { findStaffNames } from '../audit/audit-names.repository.ts';
import { presentEntry } from '../audit/index.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { isActiveStaffOf } from '../directory/staff.repository.ts';
import { organisationNamesOf } from './compliance.repository.ts';
import {
  closeActionRow,
  findAction,
  findActionsOfAudits,
  findAudit,
  findAudits,
  findChecks,
  findChecksOfAudits,
  findEntriesById,
  findItem,
  findItems,
  findOpenActionsOwned,
  insertAction,
  updateItemReview,
} from './sharing-audit.repository.ts';
import type {
  CorrectiveActionCheckRow,
  CorrectiveActionRow,
  SharingAuditItemRow,
  SharingAuditRow,
} from './sharing-audit.tables.ts';
import { drawMonthlyAudit } from './sharing-audit-draw.service.ts';

function requireIgLead(ctx: ServiceContext): void {
  if (!hasAnyRole(ctx.principal, ['ig_lead']))
    throw new ForbiddenError('Only IG leads run the information-sharing audit.');
}

async function auditOfCaller(ctx: ServiceContext, id: string): Promise<SharingAuditRow> {
  requireIgLead(ctx);
  const row = await findAudit(ctx.database.db, id);
  if (!row || row.organisation_id !== ctx.principal.organisationId) throw new NotFoundError('Audit');
  return row;
}

const effective = (i: SharingAuditItemRow) => (i.final_result ?? i.auto_result) as 'pass' | 'fail';

/** Names of the staff who drew audits by hand. */
async function drawerNames(ctx: ServiceContext, audits: readonly SharingAuditRow[]) {
  const ids = [...new Set(audits.flatMap((a) => (a.drawn_by ? [a.drawn_by] : [])))];
  return findStaffNames(ctx.database.db, ids);
}

function summarise(
  a: SharingAuditRow,
  items: readonly SharingAuditItemRow[],
  actions: readonly CorrectiveActionRow[],
  checks: readonly CorrectiveActionCheckRow[],
  drawers: ReadonlyMap<string, { name: string }>,
): AuditSummary {
  const findings: Record<string, number> = {};
  for (const i of items)
    for (const f of JSON.parse(i.findings) as string[]) findings[f] = (findings[f] ?? 0) + 1;
  return {
    id: a.id,
    month: a.month,
    seed: a.seed,
    population: Number(a.population),
    sampleSize: Number(a.sample_size),
    passed: items.filter((i) => effective(i) === 'pass').length,
    failed: items.filter((i) => effective(i) === 'fail').length,
    reviewed: items.filter((i) => i.review !== null).length,
    findings,
    actionsRaised: actions.length,
    reaudited: checks.length,
    reauditClosed: checks.filter((c) => Number(c.action_closed) === 1).length,
    reauditRecurred: checks.filter((c) => Number(c.recurred) === 1).length,
    drawnAt: a.drawn_at,
    drawnBy: a.drawn_by,
    drawnByName: a.drawn_by ? (drawers.get(a.drawn_by)?.name ?? null) : null,
  };
}

/** The caller's organisation's audits, newest month first, with each month's results for the trend. */
export async function listSharingAudits(ctx: ServiceContext): Promise<AuditList> {
  requireIgLead(ctx);
  const db = ctx.database.db;
  const audits = await findAudits(db, ctx.principal.organisationId);
  const ids = audits.map((a) => a.id);
  const [items, actions, checks, drawers] = await Promise.all([
    findItems(db, ids),
    findActionsOfAudits(db, ids),
    findChecksOfAudits(db, ids),
    drawerNames(ctx, audits),
  ]);
  return {
    items: audits.map((a) =>
      summarise(
        a,
        items.filter((i) => i.audit_id === a.id),
        actions.filter((c) => c.audit_id === a.id),
        checks.filter((c) => c.audit_id === a.id),
        drawers,
      ),
    ),
  };
}

async function presentActions(
  ctx: ServiceContext,
  actions: readonly CorrectiveActionRow[],
): Promise<CorrectiveAction[]> {
  const db = ctx.database.db;
  const checks = await findChecks(
    db,
    actions.map((a) => a.id),
  );
  const auditIds = [...new Set(actions.map((a) => a.audit_id))];
  const months = new Map<string, string>();
  for (const id of auditIds) {
    const a = await findAudit(db, id);
    if (a) months.set(id, a.month);
  }
  const owners = await db
    .selectFrom('staff')
    .select(['id', 'display_name'])
    .where('id', 'in', actions.length > 0 ? actions.map((a) => a.owner_staff_id) : [''])
    .execute();
  const ownerNames = new Map(owners.map((o) => [o.id, o.display_name]));
  return actions.map((a) => ({
    id: a.id,
    auditId: a.audit_id,
    month: months.get(a.audit_id) ?? '',
    itemId: a.item_id,
    finding: a.finding,
    description: a.description,
    ownerStaffId: a.owner_staff_id,
    ownerName: ownerNames.get(a.owner_staff_id) ?? null,
    dueOn: a.due_on,
    status: a.status === 'closed' ? 'closed' : 'open',
    closedAt: a.closed_at,
    closureNote: a.closure_note,
    reaudits: checks
      .filter((c) => c.action_id === a.id)
      .map((c) => ({
        auditId: c.audit_id,
        closed: Number(c.action_closed) === 1,
        recurred: Number(c.recurred) === 1,
        checkedAt: c.checked_at,
      })),
  }));
}

/** One audit with its items, its actions and the re-audit it recorded; reading it is audited. */
export async function getSharingAudit(ctx: ServiceContext, id: string): Promise<AuditDetail> {
  const a = await auditOfCaller(ctx, id);
  const db = ctx.database.db;
  const [items, actions, checks] = await Promise.all([
    findItems(db, [id]),
    findActionsOfAudits(db, [id]),
    findChecksOfAudits(db, [id]),
  ]);
  const entries = await findEntriesById(
    db,
    items.map((i) => i.audit_entry_id),
  );
  const reauditActions = await Promise.all(checks.map((c) => findAction(db, c.action_id)));
  const presentedItems: AuditItem[] = items.flatMap((i) => {
    const entry = entries.get(i.audit_entry_id);
    if (!entry) return [];
    return [
      {
        id: i.id,
        position: Number(i.position),
        entry: presentEntry(entry),
        checks: {
          consent: i.consent_check as AuditItem['checks']['consent'],
          template: i.template_check as AuditItem['checks']['template'],
          exception: i.exception_check as AuditItem['checks']['exception'],
        },
        findings: JSON.parse(i.findings) as string[],
        autoResult: i.auto_result as 'pass' | 'fail',
        review: i.review as AuditItem['review'],
        finalResult: i.final_result as AuditItem['finalResult'],
        reviewReason: i.review_reason,
        reviewedAt: i.reviewed_at,
      },
    ];
  });
  const organisations = await organisationNamesOf(
    db,
    [...entries.values()].flatMap((e) => [e.owner_org_id ?? '', e.recipient_org_id ?? ''].filter(Boolean)),
  );
  await ctx.audit.append(
    [
      {
        action: 'sharing_audit.view',
        outcome: 'success',
        actor: auditActor(ctx),
        purpose: 'AUDIT',
        target: { type: 'sharing_audit', id },
        details: { month: a.month, items: items.length },
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  return {
    ...summarise(a, items, actions, checks, await drawerNames(ctx, [a])),
    organisations,
    items: presentedItems,
    actions: await presentActions(ctx, actions),
    reaudit: await presentActions(
      ctx,
      reauditActions.flatMap((r) => (r ? [r] : [])),
    ),
  };
}

/**
 * Draws a month's audit for the caller's organisation now, as the monthly job would (idempotent:
 * a month already drawn is returned as it was). The seed comes from the server's CSPRNG, never the
 * caller, and the audit records who drew it by hand.
 */
export async function drawForCaller(ctx: ServiceContext, input: AuditDrawInput): Promise<AuditDetail> {
  requireIgLead(ctx);
  if (input.month >= todayOf(ctx).slice(0, 7))
    throw new ValidationError([{ field: 'body.month', message: 'must be a month that has ended' }]);
  const result = await drawMonthlyAudit(ctx.database, ctx.principal.organisationId, input.month, ctx.now, {
    audit: ctx.audit,
    actor: auditActor(ctx),
    requestId: ctx.requestId,
    ...(input.sampleSize !== undefined ? { sampleSize: input.sampleSize } : {}),
  });
  return getSharingAudit(ctx, result.auditId);
}

/** The auditor confirms or overrides an item's result; an override without a reason changes nothing. */
export async function reviewItem(
  ctx: ServiceContext,
  auditId: string,
  itemId: string,
  input: ItemReviewInput,
): Promise<AuditDetail> {
  const target = { type: 'sharing_audit_item', id: itemId };
  await auditOfCaller(ctx, auditId);
  await auditingRejection(ctx, 'sharing_audit.item.review', target, async () => {
    const reason = input.reason?.trim() ?? '';
    if (input.decision === 'override' && reason.length === 0)
      throw new ValidationError([{ field: 'body.reason', message: 'must say why the result is overridden' }]);
    await ctx.database.db.transaction().execute(async (tx) => {
      const item = await findItem(tx, auditId, itemId);
      if (!item) throw new NotFoundError('Audit item');
      const auto = item.auto_result as 'pass' | 'fail';
      const final = input.decision === 'confirm' ? auto : auto === 'pass' ? 'fail' : 'pass';
      await updateItemReview(tx, itemId, {
        review: input.decision === 'confirm' ? 'confirmed' : 'overridden',
        final_result: final,
        review_reason: reason === '' ? null : reason,
        reviewed_by: ctx.principal.staffId,
        reviewed_at: ctx.now.toISOString(),
      });
      await auditChange(ctx, tx, 'sharing_audit.item.review', target, {
        details: { auditId, decision: input.decision, autoResult: auto, finalResult: final },
      });
    });
  });
  return getSharingAudit(ctx, auditId);
}

/** Raises a corrective action from a failed item's finding, owned by a colleague, due on a date. */
export async function raiseAction(
  ctx: ServiceContext,
  auditId: string,
  itemId: string,
  input: CorrectiveActionInput,
): Promise<CorrectiveAction> {
  const a = await auditOfCaller(ctx, auditId);
  const id = crypto.randomUUID();
  const target = { type: 'corrective_action', id };
  await auditingRejection(ctx, 'corrective_action.create', target, async () => {
    const item = await findItem(ctx.database.db, auditId, itemId);
    if (!item) throw new NotFoundError('Audit item');
    if (effective(item) !== 'fail')
      throw new ConflictError('Only an item that failed the audit becomes a corrective action.');
    const errors = [];
    if (!(await isActiveStaffOf(ctx.database.db, input.ownerStaffId, a.organisation_id)))
      errors.push({ field: 'body.ownerStaffId', message: 'must be an active member of your organisation' });
    if (input.dueOn < todayOf(ctx)) errors.push({ field: 'body.dueOn', message: 'must not be in the past' });
    if (errors.length > 0) throw new ValidationError(errors);
    const finding = (JSON.parse(item.findings) as string[])[0] ?? 'AUDITOR_FINDING';
    await ctx.database.db.transaction().execute(async (tx) => {
      await insertAction(tx, {
        id,
        audit_id: auditId,
        item_id: itemId,
        organisation_id: a.organisation_id,
        finding,
        description: input.description,
        owner_staff_id: input.ownerStaffId,
        due_on: input.dueOn,
        status: 'open',
        created_by: ctx.principal.staffId,
        created_at: ctx.now.toISOString(),
        closed_by: null,
        closed_at: null,
        closure_note: null,
      });
      await auditChange(ctx, tx, 'corrective_action.create', target, {
        details: { auditId, itemId, finding, ownerStaffId: input.ownerStaffId, dueOn: input.dueOn },
      });
    });
  });
  const row = await findAction(ctx.database.db, id);
  if (!row) throw new NotFoundError('Corrective action');
  const [presented] = await presentActions(ctx, [row]);
  if (!presented) throw new NotFoundError('Corrective action');
  return presented;
}

/** The owner (or their organisation's IG lead) closes a corrective action with a note of what was done. */
export async function closeAction(
  ctx: ServiceContext,
  id: string,
  input: CorrectiveActionClose,
): Promise<CorrectiveAction> {
  const row = await findAction(ctx.database.db, id);
  const mine =
    row !== undefined &&
    (row.owner_staff_id === ctx.principal.staffId ||
      (row.organisation_id === ctx.principal.organisationId && hasAnyRole(ctx.principal, ['ig_lead'])));
  if (!row || !mine) throw new NotFoundError('Corrective action');
  const target = { type: 'corrective_action', id };
  await auditingRejection(ctx, 'corrective_action.close', target, async () => {
    if (row.status === 'closed') throw new ConflictError('The corrective action is already closed.');
    await ctx.database.db.transaction().execute(async (tx) => {
      await closeActionRow(tx, id, {
        closed_by: ctx.principal.staffId,
        closed_at: ctx.now.toISOString(),
        closure_note: input.note,
      });
      await auditChange(ctx, tx, 'corrective_action.close', target, { details: { auditId: row.audit_id } });
    });
  });
  const closed = await findAction(ctx.database.db, id);
  const [presented] = await presentActions(ctx, closed ? [closed] : []);
  if (!presented) throw new NotFoundError('Corrective action');
  return presented;
}

/** The caller's open corrective actions (their worklist), by due date. */
export async function actionsOwnedBy(ctx: ServiceContext): Promise<CorrectiveAction[]> {
  return presentActions(ctx, await findOpenActionsOwned(ctx.database.db, ctx.principal.staffId));
}

/** Open corrective actions due for the worklist: what each is and when. */
export async function dueCorrectiveActionsFor(
  ctx: ServiceContext,
): Promise<{ id: string; description: string; dueOn: string; overdue: boolean }[]> {
  const today = todayOf(ctx);
  return (await findOpenActionsOwned(ctx.database.db, ctx.principal.staffId)).map((r) => ({
    id: r.id,
    description: r.description,
    dueOn: r.due_on,
    overdue: r.due_on < today,
  }));
}

/** The person behind a sampled disclosure, opened through the door (decided and audited). */
export async function openItemPerson(
  ctx: ServiceContext,
  auditId: string,
  itemId: string,
): Promise<AuditItemPerson> {
  await auditOfCaller(ctx, auditId);
  const item = await findItem(ctx.database.db, auditId, itemId);
  if (!item) throw new NotFoundError('Audit item');
  const entry = (await findEntriesById(ctx.database.db, [item.audit_entry_id])).get(item.audit_entry_id);
  if (!entry?.person_id) throw new NotFoundError('Person');
  const read = await openOversight(ctx, entry.person_id, { action: 'sharing_audit.item.person' });
  const person = read.loaded.person;
  if (!person) throw new NotFoundError('Person');
  await ctx.audit.append(
    [
      {
        action: 'sharing_audit.item.person',
        outcome: 'permit',
        actor: auditActor(ctx),
        personId: person.id,
        purpose: 'AUDIT',
        target: { type: 'sharing_audit_item', id: itemId },
        details: { auditId },
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  return {
    itemId,
    personId: person.id,
    name: `${person.given_name} ${person.family_name}`,
    nhsNumber: person.nhs_number,
  };
}
