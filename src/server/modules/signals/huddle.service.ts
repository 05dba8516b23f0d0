/**
 * Weekly safeguarding huddles: a safeguarding lead's list of their organisation's active concerns,
 * overdue protective actions first, and each concern's review (partner contacts and outcomes,
 * actions with owners, the next huddle date).
 */
import type {
  AbuseType,
  EnquiryType,
  HuddleList,
  HuddleReviewInput,
} from '../../../contracts/safeguarding.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import { loadMembershipsFor } from '../access/access-facts.repository.ts';
import { openList, type PersonAccessQuestion, partnershipPolicy, writePerson } from '../access/index.ts';
import { findHeaders } from '../people/index.ts';
import {
  findConcern,
  findHuddleFacts,
  findHuddlePage,
  type HuddleBound,
  insertActions,
  insertHuddleReview,
  refreshActionDueKey,
} from './safeguarding.repository.ts';
import { notesDecision, safeguardingWriteOptions } from './safeguarding.ts';
import { actionRows } from './safeguarding-actions.ts';
import { actionOwners, checkReferences, requireOwnersOnCareTeam } from './safeguarding-input.ts';
import { loadNames } from './safeguarding-names.ts';

function encodeBound(b: HuddleBound): string {
  return Buffer.from(JSON.stringify([b.dueKey, b.id])).toString('base64url');
}

function decodeBound(raw: string): HuddleBound {
  try {
    const [dueKey, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof dueKey === 'string' && typeof id === 'string') return { dueKey, id };
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError([
    { field: 'query.after', message: 'must be a cursor returned by a previous page' },
  ]);
}

/**
 * A page of the lead's organisation's open concerns, in the index's order (overdue and soonest
 * actions first). Each row is decided: a concern about someone whose safeguarding the lead may not
 * read (not on their care team) is counted as withheld, not shown. One list entry per person shown.
 */
export async function huddleList(
  ctx: ServiceContext,
  query: { limit: number; after?: string | undefined },
): Promise<HuddleList> {
  const list = await openList(ctx, 'safeguarding_huddle', 'safeguarding.huddle.list');
  if (!list) return { items: [], withheld: 0, nextCursor: null };
  const bound = query.after ? decodeBound(query.after) : null;
  const rows = await findHuddlePage(list, list.organisationId, bound, query.limit);
  const personIds = [...new Set(rows.map((r) => r.person_id))];
  const [policy, memberships] = await Promise.all([
    partnershipPolicy(ctx.database.db),
    loadMembershipsFor(list, personIds),
  ]);
  const at = ctx.now.toISOString();
  const shown = rows.filter((r) => {
    const q: PersonAccessQuestion = {
      principal: ctx.principal,
      personId: r.person_id,
      facts: {
        careTeam: memberships.get(r.person_id) ?? [],
        breakGlassGrants: [],
        agreements: [],
        consent: null,
        lawfulExceptions: [],
      },
      policy,
      at,
      purpose: 'SAFEGUARDING',
    };
    return notesDecision(q, r.organisation_id).effect === 'permit';
  });
  const today = todayOf(ctx);
  const [facts, headers, names] = await Promise.all([
    findHuddleFacts(
      list,
      shown.map((r) => r.id),
      today,
    ),
    findHeaders(list, [...new Set(shown.map((r) => r.person_id))]),
    loadNames(
      ctx.database.db,
      shown.map((r) => r.lead_staff_id),
      [],
    ),
  ]);
  const nameOf = new Map(headers.map((h) => [h.id, `${h.givenName} ${h.familyName}`]));
  const people = [...new Set(shown.map((r) => r.person_id))];
  await ctx.audit.append(
    people.length > 0
      ? people.map((personId) => ({
          action: 'safeguarding.huddle.list' as const,
          outcome: 'permit' as const,
          actor: auditActor(ctx),
          personId,
          categories: ['SAFEGUARDING'],
          purpose: 'SAFEGUARDING',
        }))
      : [
          {
            action: 'safeguarding.huddle.list',
            outcome: 'success',
            actor: auditActor(ctx),
            details: { shown: 0, withheld: rows.length },
          },
        ],
    ctx.now,
    ctx.requestId,
  );
  const last = rows.at(-1);
  return {
    items: shown.map((r) => {
      const f = facts.get(r.id) ?? { open: 0, overdue: 0, lastHuddleOn: null };
      return {
        concernId: r.id,
        personId: r.person_id,
        personName: nameOf.get(r.person_id) ?? '',
        abuseTypes: r.abuse_types.split(',') as AbuseType[],
        enquiryType: r.enquiry_type as EnquiryType,
        leadName: names.staff.get(r.lead_staff_id)?.display_name ?? '',
        recordedAt: r.recorded_at,
        openActions: f.open,
        overdueActions: f.overdue,
        nextActionDue: r.action_due_key === '9999-12-31' ? null : r.action_due_key,
        lastHuddleOn: f.lastHuddleOn,
        nextHuddleOn: r.next_huddle_on,
      };
    }),
    withheld: rows.length - shown.length,
    nextCursor:
      last && rows.length === query.limit ? encodeBound({ dueKey: last.action_due_key, id: last.id }) : null,
  };
}

/**
 * Records a huddle's review of one of the organisation's open concerns: partner contacts and their
 * outcomes, new actions with owners, the next huddle date. Decided as a safeguarding edit.
 */
export async function recordHuddleReview(
  ctx: ServiceContext,
  personId: string,
  concernId: string,
  input: HuddleReviewInput,
): Promise<{ id: string }> {
  if (input.heldOn > todayOf(ctx))
    throw new ValidationError([{ field: 'body.heldOn', message: 'must not be in the future' }]);
  await checkReferences(ctx.database.db, {
    staff: actionOwners('actions', input.actions),
    organisations: [],
  });
  const id = crypto.randomUUID();
  await writePerson(ctx, personId, safeguardingWriteOptions(ctx), async (write) => {
    await requireOwnersOnCareTeam(
      write.tx,
      actionOwners('actions', input.actions),
      write.loaded.memberships,
      todayOf(ctx),
    );
    const concern = await findConcern(write, concernId);
    if (!concern || concern.organisation_id !== ctx.principal.organisationId)
      throw new NotFoundError('Safeguarding concern');
    if (concern.status !== 'open') throw new ConflictError('This concern is closed.');
    await insertHuddleReview(write, {
      id,
      concern_id: concernId,
      person_id: personId,
      organisation_id: concern.organisation_id,
      held_on: input.heldOn,
      partner_contacts: JSON.stringify(input.partnerContacts),
      notes: input.notes ?? null,
      next_huddle_on: input.nextHuddleOn,
      recorded_at: ctx.now.toISOString(),
      recorded_by: ctx.principal.staffId,
    });
    await insertActions(
      write,
      actionRows(ctx, personId, input.actions, { concernId, huddleReviewId: id, conferenceId: null }),
    );
    await refreshActionDueKey(write, concernId);
    await auditChange(
      ctx,
      write.tx,
      'safeguarding.huddle.record',
      { type: 'safeguarding_concern', id: concernId },
      {
        personId,
        categories: ['SAFEGUARDING'],
        purpose: 'SAFEGUARDING',
        ownerOrganisationId: concern.organisation_id,
        details: { review: id, actions: input.actions.length, contacts: input.partnerContacts.length },
      },
    );
  });
  return { id };
}
