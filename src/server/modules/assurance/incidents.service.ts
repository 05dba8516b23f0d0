/**
 * IG incidents for the IG lead of the organisation where it happened: recorded (or promoted from
 * an anomaly case), graded on the DSPT grid with the ICO clock when reportable, linked to audit
 * entries and, through the door, to the people affected; investigated, and closed only once root
 * cause and learning are recorded. Refused attempts are audited.
 */
import type { FieldError } from '../../../contracts/errors.ts';
import type {
  Incident,
  IncidentInput,
  IncidentKind,
  IncidentPromoteInput,
  IncidentUpdate,
} from '../../../contracts/incidents.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { inReadTransaction, openOversight } from '../access/index.ts';
import { auditingRejection } from '../agreements/agreement-lifecycle.service.ts';
import { hasAnyRole } from '../auth/auth.ts';
import type { IgIncidentRow } from './assurance.tables.ts';
import { linkPerson } from './incident-people.repository.ts';
import {
  caseEvidence,
  countPersonAffected,
  existingEntries,
  findIncident,
  findIncidentEntries,
  findIncidents,
  findNotificationsDue,
  incidentOfCase,
  insertIncident,
  updateIncident,
} from './incidents.repository.ts';
import { incidentGrade, isReportable, missingToClose, notifyIcoBy } from './incidents.ts';
import { findCase } from './investigation.repository.ts';

function requireIgLead(ctx: ServiceContext): void {
  if (!hasAnyRole(ctx.principal, ['ig_lead'])) throw new ForbiddenError('Only IG leads manage incidents.');
}

function present(r: IgIncidentRow, auditEntryIds: string[]): Incident {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    kind: r.kind as IncidentKind,
    title: r.title,
    summary: r.summary,
    detectedAt: r.detected_at,
    likelihood: Number(r.likelihood),
    severity: Number(r.severity),
    grade: incidentGrade(Number(r.likelihood), Number(r.severity)),
    reportable: isReportable(Number(r.likelihood), Number(r.severity)),
    notifyIcoBy: r.notify_ico_by,
    icoNotifiedAt: r.ico_notified_at,
    investigation: r.investigation,
    rootCause: r.root_cause,
    learning: r.learning,
    actions: JSON.parse(r.actions) as Incident['actions'],
    auditEntryIds,
    peopleAffected: Number(r.people_affected),
    anomalyCaseId: r.anomaly_case_id,
    status: r.status === 'closed' ? 'closed' : 'open',
    createdAt: r.created_at,
    closedAt: r.closed_at,
  };
}

async function incidentOfCaller(ctx: ServiceContext, id: string): Promise<IgIncidentRow> {
  requireIgLead(ctx);
  const row = await findIncident(ctx.database.db, id);
  if (!row || row.organisation_id !== ctx.principal.organisationId) throw new NotFoundError('Incident');
  return row;
}

/** The caller's organisation's incidents, newest first. */
export async function listIncidents(ctx: ServiceContext): Promise<Incident[]> {
  requireIgLead(ctx);
  const rows = await findIncidents(ctx.database.db, ctx.principal.organisationId);
  return Promise.all(rows.map(async (r) => present(r, await findIncidentEntries(ctx.database.db, r.id))));
}

/** One incident. */
export async function getIncident(ctx: ServiceContext, id: string): Promise<Incident> {
  const row = await incidentOfCaller(ctx, id);
  return present(row, await findIncidentEntries(ctx.database.db, id));
}

async function record(
  ctx: ServiceContext,
  input: IncidentPromoteInput,
  entryIds: readonly string[],
  anomalyCaseId: string | null,
): Promise<Incident> {
  const id = crypto.randomUUID();
  const target = { type: 'ig_incident', id };
  await auditingRejection(ctx, 'incident.create', target, async () => {
    requireIgLead(ctx);
    const known = await existingEntries(ctx.database.db, entryIds);
    const errors: FieldError[] = entryIds.flatMap((e, i) =>
      known.has(e) ? [] : [{ field: `auditEntryIds.${i}`, message: 'must name an audit entry' }],
    );
    if (errors.length > 0) throw new ValidationError(errors);
    await ctx.database.db.transaction().execute(async (tx) => {
      await insertIncident(
        tx,
        {
          id,
          organisation_id: ctx.principal.organisationId,
          kind: input.kind,
          title: input.title,
          summary: input.summary,
          detected_at: input.detectedAt,
          likelihood: input.likelihood,
          severity: input.severity,
          notify_ico_by: notifyIcoBy(input.detectedAt, input.likelihood, input.severity),
          ico_notified_at: null,
          investigation: '',
          root_cause: '',
          learning: '',
          actions: '[]',
          people_affected: 0,
          anomaly_case_id: anomalyCaseId,
          status: 'open',
          created_by: ctx.principal.staffId,
          created_at: ctx.now.toISOString(),
          closed_by: null,
          closed_at: null,
        },
        entryIds,
      );
      await auditChange(ctx, tx, 'incident.create', target, {
        details: {
          kind: input.kind,
          grade: incidentGrade(input.likelihood, input.severity),
          reportable: isReportable(input.likelihood, input.severity),
          ...(anomalyCaseId ? { anomalyCaseId } : {}),
        },
      });
    });
  });
  return getIncident(ctx, id);
}

/** Records an incident for the caller's organisation. */
export function createIncident(ctx: ServiceContext, input: IncidentInput): Promise<Incident> {
  return record(ctx, input, input.auditEntryIds, null);
}

/** Promotes one of the caller's organisation's anomaly cases to an incident, carrying its evidence. */
export async function promoteCase(
  ctx: ServiceContext,
  caseId: string,
  input: IncidentPromoteInput,
): Promise<Incident> {
  requireIgLead(ctx);
  const found = await findCase(ctx.database.db, caseId);
  if (!found || found.organisation_id !== ctx.principal.organisationId) throw new NotFoundError('Case');
  if (await incidentOfCase(ctx.database.db, caseId))
    throw new ConflictError('This case has already been promoted to an incident.');
  return record(ctx, input, await caseEvidence(ctx.database.db, caseId), caseId);
}

/** Records the investigation as it goes: grading, findings, root cause, learning, actions, ICO notification. */
export async function updateIncidentRecord(
  ctx: ServiceContext,
  id: string,
  input: IncidentUpdate,
): Promise<Incident> {
  const target = { type: 'ig_incident', id };
  await auditingRejection(ctx, 'incident.update', target, async () => {
    const row = await incidentOfCaller(ctx, id);
    if (row.status === 'closed') throw new ConflictError('This incident is closed.');
    const likelihood = input.likelihood ?? Number(row.likelihood);
    const severity = input.severity ?? Number(row.severity);
    await ctx.database.db.transaction().execute(async (tx) => {
      await updateIncident(tx, id, {
        likelihood,
        severity,
        notify_ico_by: notifyIcoBy(row.detected_at, likelihood, severity),
        ...(input.investigation !== undefined ? { investigation: input.investigation } : {}),
        ...(input.rootCause !== undefined ? { root_cause: input.rootCause } : {}),
        ...(input.learning !== undefined ? { learning: input.learning } : {}),
        ...(input.actions !== undefined ? { actions: JSON.stringify(input.actions) } : {}),
        ...(input.icoNotifiedAt !== undefined ? { ico_notified_at: input.icoNotifiedAt } : {}),
      });
      await auditChange(ctx, tx, 'incident.update', target, {
        details: { fields: Object.keys(input).sort().join(',') },
      });
    });
  });
  return getIncident(ctx, id);
}

/** Closes an incident; refused, naming the fields, until root cause and learning are recorded. */
export async function closeIncident(ctx: ServiceContext, id: string): Promise<Incident> {
  const target = { type: 'ig_incident', id };
  await auditingRejection(ctx, 'incident.close', target, async () => {
    const row = await incidentOfCaller(ctx, id);
    if (row.status === 'closed') throw new ConflictError('This incident is already closed.');
    const missing = missingToClose({ rootCause: row.root_cause, learning: row.learning });
    if (missing.length > 0) throw new ValidationError(missing, 'The incident cannot close yet.');
    await ctx.database.db.transaction().execute(async (tx) => {
      await updateIncident(tx, id, {
        status: 'closed',
        closed_by: ctx.principal.staffId,
        closed_at: ctx.now.toISOString(),
      });
      await auditChange(ctx, tx, 'incident.close', target);
    });
  });
  return getIncident(ctx, id);
}

/**
 * Links a person affected. The person is opened through the door for oversight: an IG lead of an
 * organisation involved in their care; anyone else gets the 404 given for nobody, audited.
 */
export async function linkPersonAffected(
  ctx: ServiceContext,
  id: string,
  personId: string,
): Promise<Incident> {
  const row = await incidentOfCaller(ctx, id);
  if (row.status === 'closed') throw new ConflictError('This incident is closed.');
  const read = await openOversight(ctx, personId, { action: 'incident.person.link' });
  const at = ctx.now.toISOString();
  await inReadTransaction(read, async (inTx, tx) => {
    if (!(await linkPerson(inTx, id, { staffId: ctx.principal.staffId, at }))) return;
    await countPersonAffected(tx, id);
    await auditChange(
      ctx,
      tx,
      'incident.person.link',
      { type: 'ig_incident', id },
      { personId, purpose: 'AUDIT' },
    );
  });
  return getIncident(ctx, id);
}

/** A reportable incident whose ICO notification is outstanding, for the worklist. */
export interface DueNotification {
  readonly id: string;
  readonly title: string;
  readonly notifyIcoBy: string;
  readonly overdue: boolean;
}

/** Outstanding ICO notifications of the caller's organisation; IG leads only. */
export async function dueNotificationsFor(ctx: ServiceContext): Promise<DueNotification[]> {
  if (!hasAnyRole(ctx.principal, ['ig_lead'])) return [];
  const now = ctx.now.toISOString();
  return (await findNotificationsDue(ctx.database.db, ctx.principal.organisationId)).flatMap((r) =>
    r.notify_ico_by
      ? [{ id: r.id, title: r.title, notifyIcoBy: r.notify_ico_by, overdue: r.notify_ico_by < now }]
      : [],
  );
}
