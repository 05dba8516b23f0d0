/**
 * After an IG incident: the post-incident review asks where the flow of information was weak and
 * links the handovers and risk signals involved (each opened through the door for oversight, so
 * an IG lead links only what concerns someone their organisation cares for); the incident's
 * actions have named owners and due dates and sit in the owners' worklists. Refused attempts are audited.
 */
import type { FieldError } from '../../../contracts/errors.ts';
import type {
  FlowLinkInput,
  FlowLinkKind,
  IncidentAction,
  IncidentActionInput,
  IncidentReview,
  IncidentReviewInput,
} from '../../../contracts/incident-review.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import {
  inReadTransaction,
  type ListAccess,
  mayReceiveAccessReport,
  openList,
  openOversight,
} from '../access/index.ts';
import { auditingRejection } from '../agreements/agreement-lifecycle.service.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { isActiveStaffOf } from '../directory/staff.repository.ts';
import { membershipsOf } from '../reporting/figures.repository.ts';
import type { IgIncidentRow } from './assurance.tables.ts';
import { belongsToPerson, findFlowLinks, linkFlow } from './incident-flow.repository.ts';
import {
  completeAction,
  findAction,
  findActionsOf,
  findOpenActionsOwned,
  findReview,
  type IncidentActionRecord,
  insertAction,
  saveReview,
} from './incident-review.repository.ts';
import { findIncident } from './incidents.repository.ts';

async function incidentOfCaller(ctx: ServiceContext, id: string): Promise<IgIncidentRow> {
  if (!hasAnyRole(ctx.principal, ['ig_lead'])) throw new ForbiddenError('Only IG leads manage incidents.');
  const row = await findIncident(ctx.database.db, id);
  if (!row || row.organisation_id !== ctx.principal.organisationId) throw new NotFoundError('Incident');
  return row;
}

function presentAction(ctx: ServiceContext, r: IncidentActionRecord): IncidentAction {
  const p = ctx.principal;
  const mayComplete =
    r.owner_staff_id === p.staffId || (r.organisation_id === p.organisationId && hasAnyRole(p, ['ig_lead']));
  return {
    id: r.id,
    incidentId: r.incident_id,
    incidentTitle: r.incident_title,
    description: r.description,
    ownerStaffId: r.owner_staff_id,
    ownerName: r.owner_name,
    dueOn: r.due_on,
    status: r.status === 'done' ? 'done' : 'open',
    overdue: r.status === 'open' && r.due_on < todayOf(ctx),
    completedAt: r.completed_at,
    completionNote: r.completion_note,
    can: { complete: r.status === 'open' && mayComplete },
  };
}

/**
 * The linked people the IG lead may still be shown: by the same per-person check as the
 * data-quality audit (their organisation is or was on the person's care team, with an active
 * account and current IG training). A link to anyone else is listed withheld.
 */
async function mayStillSee(
  ctx: ServiceContext,
  list: ListAccess,
  links: readonly { person_id: string }[],
): Promise<Set<string>> {
  const ids = [...new Set(links.map((l) => l.person_id))];
  const memberships = await membershipsOf(list, ids);
  const today = todayOf(ctx);
  return new Set(ids.filter((p) => mayReceiveAccessReport(ctx.principal, memberships.get(p) ?? [], today)));
}

/**
 * The incident's post-incident review, links and actions. The links name people, so they are
 * listed on the caller's standing to investigate, and each person shown is audited.
 */
export async function getIncidentReview(ctx: ServiceContext, id: string): Promise<IncidentReview> {
  await incidentOfCaller(ctx, id);
  const db = ctx.database.db;
  const [review, actions, list] = await Promise.all([
    findReview(db, id),
    findActionsOf(db, id),
    openList(ctx, 'investigation', 'incident.flow.list'),
  ]);
  const links = list ? await findFlowLinks(list, id) : [];
  const shown = list ? await mayStillSee(ctx, list, links) : new Set<string>();
  if (shown.size > 0)
    await ctx.audit.append(
      [...shown].map((personId) => ({
        action: 'incident.flow.list' as const,
        outcome: 'success' as const,
        actor: auditActor(ctx),
        personId,
        purpose: 'AUDIT' as const,
        target: { type: 'ig_incident', id },
      })),
      ctx.now,
      ctx.requestId,
    );
  return {
    incidentId: id,
    review: review
      ? {
          weakPoints: review.weak_points,
          whatHeld: review.what_held,
          version: Number(review.version),
          reviewedBy: review.reviewed_by,
          reviewedAt: review.reviewed_at,
        }
      : null,
    links: links.map((l) => ({
      kind: l.kind as FlowLinkKind,
      id: l.ref_id,
      personId: shown.has(l.person_id) ? l.person_id : null,
      withheld: !shown.has(l.person_id),
      linkedAt: l.linked_at,
    })),
    actions: actions.map((a) => presentAction(ctx, a)),
  };
}

/** Writes the post-incident review, against the version read; open or closed incidents alike. */
export async function writeIncidentReview(
  ctx: ServiceContext,
  id: string,
  input: IncidentReviewInput,
): Promise<IncidentReview> {
  const target = { type: 'ig_incident', id };
  await auditingRejection(ctx, 'incident.review.write', target, async () => {
    await incidentOfCaller(ctx, id);
    await ctx.database.db.transaction().execute(async (tx) => {
      const saved = await saveReview(tx, {
        incident_id: id,
        weak_points: input.weakPoints,
        what_held: input.whatHeld,
        version: input.expectedVersion + 1,
        reviewed_by: ctx.principal.staffId,
        reviewed_at: ctx.now.toISOString(),
      });
      if (!saved)
        throw new ConflictError('The review has changed since you read it. Reload it and edit again.', [
          { field: 'body.expectedVersion', message: 'is not the current version' },
        ]);
      await auditChange(ctx, tx, 'incident.review.write', target, {
        details: { version: input.expectedVersion + 1 },
      });
    });
  });
  return getIncidentReview(ctx, id);
}

/**
 * Links a handover or risk signal involved. The person it concerns is opened for oversight (an IG
 * lead of an organisation involved in their care; anyone else gets the 404 given for nobody,
 * audited); the handover or signal must be theirs, else the id is named as unknown.
 */
export async function linkIncidentFlow(
  ctx: ServiceContext,
  id: string,
  input: FlowLinkInput,
): Promise<IncidentReview> {
  await incidentOfCaller(ctx, id);
  const read = await openOversight(ctx, input.personId, { action: 'incident.flow.link' });
  const at = ctx.now.toISOString();
  await auditingRejection(ctx, 'incident.flow.link', { type: 'ig_incident', id }, () =>
    inReadTransaction(read, async (inTx, tx) => {
      if (!(await belongsToPerson(inTx, input.kind, input.id)))
        throw new ValidationError([
          {
            field: 'body.id',
            message: `is not a ${input.kind === 'HANDOVER' ? 'handover' : 'risk signal'} of this person`,
          },
        ]);
      if (!(await linkFlow(inTx, id, input.kind, input.id, { staffId: ctx.principal.staffId, at }))) return;
      await auditChange(
        ctx,
        tx,
        'incident.flow.link',
        { type: 'ig_incident', id },
        { personId: input.personId, purpose: 'AUDIT', details: { kind: input.kind, refId: input.id } },
      );
    }),
  );
  return getIncidentReview(ctx, id);
}

/** Adds an action with a named owner (a member of the incident's organisation) and due date. */
export async function addIncidentAction(
  ctx: ServiceContext,
  id: string,
  input: IncidentActionInput,
): Promise<IncidentAction> {
  const actionId = crypto.randomUUID();
  const target = { type: 'ig_incident', id };
  await auditingRejection(ctx, 'incident.action.create', target, async () => {
    const incident = await incidentOfCaller(ctx, id);
    if (incident.status === 'closed') throw new ConflictError('This incident is closed.');
    const errors: FieldError[] = [];
    if (!(await isActiveStaffOf(ctx.database.db, input.ownerStaffId, incident.organisation_id)))
      errors.push({
        field: 'body.ownerStaffId',
        message: 'must be an active member of your organisation’s staff',
      });
    if (input.dueOn < todayOf(ctx)) errors.push({ field: 'body.dueOn', message: 'must not be in the past' });
    if (errors.length > 0) throw new ValidationError(errors);
    await ctx.database.db.transaction().execute(async (tx) => {
      await insertAction(tx, {
        id: actionId,
        incident_id: id,
        description: input.description,
        owner_staff_id: input.ownerStaffId,
        due_on: input.dueOn,
        status: 'open',
        created_by: ctx.principal.staffId,
        created_at: ctx.now.toISOString(),
        completed_by: null,
        completed_at: null,
        completion_note: null,
      });
      await auditChange(ctx, tx, 'incident.action.create', target, {
        details: { actionId, ownerStaffId: input.ownerStaffId, dueOn: input.dueOn },
      });
    });
  });
  const row = await findAction(ctx.database.db, actionId);
  if (!row) throw new NotFoundError('Action');
  return presentAction(ctx, row);
}

/** Completes an action: its owner, or an IG lead of the incident's organisation, with a note. */
export async function completeIncidentAction(
  ctx: ServiceContext,
  actionId: string,
  note: string,
): Promise<IncidentAction> {
  const target = { type: 'ig_incident_action', id: actionId };
  await auditingRejection(ctx, 'incident.action.complete', target, async () => {
    const row = await findAction(ctx.database.db, actionId);
    const p = ctx.principal;
    const mine = row?.owner_staff_id === p.staffId;
    const lead = row?.organisation_id === p.organisationId && hasAnyRole(p, ['ig_lead']);
    if (!row || (!mine && !lead)) throw new NotFoundError('Action');
    await ctx.database.db.transaction().execute(async (tx) => {
      if (!(await completeAction(tx, actionId, { staffId: p.staffId, at: ctx.now.toISOString(), note })))
        throw new ConflictError('This action is already done.');
      await auditChange(ctx, tx, 'incident.action.complete', target, {
        details: { incidentId: row.incident_id },
      });
    });
  });
  const done = await findAction(ctx.database.db, actionId);
  if (!done) throw new NotFoundError('Action');
  return presentAction(ctx, done);
}

/** The caller's open incident actions. */
export async function myIncidentActions(ctx: ServiceContext): Promise<IncidentAction[]> {
  return (await findOpenActionsOwned(ctx.database.db, ctx.principal.staffId)).map((r) =>
    presentAction(ctx, r),
  );
}
