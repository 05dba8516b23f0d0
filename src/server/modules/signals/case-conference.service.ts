/**
 * Structured case conference (MDT) notes: attendees with organisation and role, the person's
 * views, what each organisation shared and on what basis, decisions, and actions with owners that
 * go into worklists. What was shared at the meeting is recorded as disclosures, like any other.
 */
import type { CaseConferenceInput } from '../../../contracts/safeguarding.ts';
import type { Db } from '../../db/database.ts';
import { ValidationError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import { writePerson } from '../access/index.ts';
import type { AuditEvent } from '../audit/audit-entry.ts';
import {
  findConcern,
  insertActions,
  insertConference,
  refreshActionDueKey,
} from './safeguarding.repository.ts';
import { safeguardingWriteOptions } from './safeguarding.ts';
import { actionRows } from './safeguarding-actions.ts';
import { actionOwners, checkReferences, requireOwnersOnCareTeam } from './safeguarding-input.ts';

/**
 * One disclosure per item shared and organisation that heard it: every attending organisation
 * other than the one that shared.
 */
export function conferenceDisclosures(
  ctx: ServiceContext,
  personId: string,
  conferenceId: string,
  input: CaseConferenceInput,
): AuditEvent[] {
  const present = [...new Set(input.attendees.map((a) => a.organisationId))];
  return input.shared.flatMap((s) =>
    present
      .filter((org) => org !== s.organisationId)
      .map(
        (recipient): AuditEvent => ({
          action: 'case_conference.disclose',
          outcome: 'permit',
          actor: auditActor(ctx),
          personId,
          categories: [...new Set(s.categories)],
          purpose: 'SAFEGUARDING',
          ownerOrganisationId: s.organisationId,
          recipientOrganisationId: recipient,
          target: { type: 'case_conference', id: conferenceId },
          details: { basis: s.basis },
        }),
      ),
  );
}

/** Records a case conference; decided as a safeguarding edit at the caller's organisation. */
export async function recordCaseConference(
  ctx: ServiceContext,
  personId: string,
  input: CaseConferenceInput,
): Promise<{ id: string }> {
  if (input.heldOn > todayOf(ctx))
    throw new ValidationError([{ field: 'body.heldOn', message: 'must not be in the future' }]);
  await checkReferences(ctx.database.db, {
    staff: actionOwners('actions', input.actions),
    organisations: [
      ...input.attendees.map((a, i) => ({
        id: a.organisationId,
        field: `body.attendees.${i}.organisationId`,
      })),
      ...input.shared.map((s, i) => ({ id: s.organisationId, field: `body.shared.${i}.organisationId` })),
    ],
  });
  const id = crypto.randomUUID();
  const concernId = input.concernId ?? null;
  await writePerson(ctx, personId, safeguardingWriteOptions(ctx), async (write) => {
    await requireOwnersOnCareTeam(
      write.tx,
      actionOwners('actions', input.actions),
      write.loaded.memberships,
      todayOf(ctx),
    );
    if (concernId) {
      const concern = await findConcern(write, concernId);
      if (!concern || concern.organisation_id !== ctx.principal.organisationId)
        throw new ValidationError([
          { field: 'body.concernId', message: 'must name a concern about this person' },
        ]);
    }
    await insertConference(write, {
      id,
      person_id: personId,
      organisation_id: ctx.principal.organisationId,
      concern_id: concernId,
      held_on: input.heldOn,
      attendees: JSON.stringify(input.attendees),
      person_views: input.personViews,
      shared: JSON.stringify(input.shared),
      decisions: JSON.stringify(input.decisions),
      recorded_at: ctx.now.toISOString(),
      recorded_by: ctx.principal.staffId,
    });
    await insertActions(
      write,
      actionRows(ctx, personId, input.actions, { concernId, huddleReviewId: null, conferenceId: id }),
    );
    if (concernId) await refreshActionDueKey(write, concernId);
    await auditChange(
      ctx,
      write.tx,
      'case_conference.record',
      { type: 'case_conference', id },
      {
        personId,
        categories: ['SAFEGUARDING'],
        purpose: 'SAFEGUARDING',
        ownerOrganisationId: ctx.principal.organisationId,
        details: {
          attendees: input.attendees.length,
          decisions: input.decisions.length,
          actions: input.actions.length,
        },
      },
    );
    const disclosures = conferenceDisclosures(ctx, personId, id, input);
    if (disclosures.length > 0)
      await ctx.audit.appendInTransaction(write.tx as unknown as Db, disclosures, ctx.now, ctx.requestId);
  });
  return { id };
}
