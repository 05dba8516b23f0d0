/**
 * Safeguarding concerns: recording one (the minimum dataset, protective actions with owners, a
 * consent review raised) and reading a person's safeguarding as the decision lets the caller.
 */
import type { ConcernInput, SafeguardingView } from '../../../contracts/safeguarding.ts';
import { auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import { type Decision, openPerson, writePerson } from '../access/index.ts';
import { raiseConsentReview } from '../consent/index.ts';
import { loadSharingFacts } from '../people/index.ts';
import {
  presentAction,
  presentConcern,
  presentConference,
  presentHuddleReview,
} from './safeguarding.presenter.ts';
import {
  findActions,
  findConcerns,
  findConferences,
  findHuddleReviews,
  insertActions,
  insertConcern,
  NO_ACTION_DUE,
  refreshActionDueKey,
} from './safeguarding.repository.ts';
import {
  conferenceOrganisations,
  editDecision,
  notesDecision,
  safeguardingViewEvents,
  safeguardingWriteOptions,
} from './safeguarding.ts';
import { actionRows } from './safeguarding-actions.ts';
import { safeguardingFlagOf } from './safeguarding-flag.ts';
import { actionOwners, checkReferences, requireOwnersOnCareTeam } from './safeguarding-input.ts';
import { loadNames } from './safeguarding-names.ts';

/**
 * Records a concern at the caller's organisation. Only staff the decision lets edit safeguarding
 * (designated roles with current training) may; the refusal is a 403, audited, and nothing is
 * stored. Recording raises a consent review (SAFEGUARDING_CONCERN) in the same transaction.
 */
export async function recordConcern(
  ctx: ServiceContext,
  personId: string,
  input: ConcernInput,
): Promise<{ id: string }> {
  const own = ctx.principal.organisationId;
  await checkReferences(ctx.database.db, {
    staff: actionOwners('protectiveActions', input.protectiveActions),
    organisations: input.sharing.map((s, i) => ({
      id: s.organisationId,
      field: `body.sharing.${i}.organisationId`,
    })),
    ...(input.leadStaffId
      ? { lead: { id: input.leadStaffId, field: 'body.leadStaffId', organisationId: own } }
      : {}),
  });
  const id = crypto.randomUUID();
  const at = ctx.now.toISOString();
  await writePerson(ctx, personId, safeguardingWriteOptions(ctx), async (write) => {
    await requireOwnersOnCareTeam(
      write.tx,
      actionOwners('protectiveActions', input.protectiveActions),
      write.loaded.memberships,
      todayOf(ctx),
    );
    await insertConcern(write, {
      id,
      person_id: personId,
      organisation_id: own,
      lead_staff_id: input.leadStaffId ?? ctx.principal.staffId,
      status: 'open',
      enquiry_type: input.enquiryType,
      abuse_types: [...new Set(input.abuseTypes)].join(','),
      s42_care_needs: input.s42.careAndSupportNeeds ? 1 : 0,
      s42_at_risk: input.s42.atRiskOfAbuseOrNeglect ? 1 : 0,
      s42_unable_to_protect: input.s42.unableToProtectSelf ? 1 : 0,
      source_of_risk: input.sourceOfRisk,
      location_of_risk: input.locationOfRisk,
      immediate_actions: input.immediateActions,
      adult_views: input.adultViews,
      desired_outcomes: input.desiredOutcomes,
      capacity: input.capacity.assessment,
      capacity_notes: input.capacity.notes ?? null,
      advocacy_needed: input.advocacy.needed ? 1 : 0,
      advocacy_notes: input.advocacy.notes ?? null,
      police_involved: input.police.involved ? 1 : 0,
      police_reference: input.police.reference ?? null,
      sharing: JSON.stringify(input.sharing),
      next_huddle_on: null,
      action_due_key: NO_ACTION_DUE,
      recorded_at: at,
      recorded_by: ctx.principal.staffId,
      updated_at: at,
      version: 1,
      closed_at: null,
    });
    await insertActions(
      write,
      actionRows(ctx, personId, input.protectiveActions, {
        concernId: id,
        huddleReviewId: null,
        conferenceId: null,
      }),
    );
    await refreshActionDueKey(write, id);
    await auditChange(
      ctx,
      write.tx,
      'safeguarding.concern.record',
      { type: 'safeguarding_concern', id },
      {
        personId,
        categories: ['SAFEGUARDING'],
        purpose: 'SAFEGUARDING',
        ownerOrganisationId: own,
        details: { actions: input.protectiveActions.length, shared: input.sharing.length },
      },
    );
    await raiseConsentReview(ctx, write, 'SAFEGUARDING_CONCERN');
  });
  return { id };
}

/**
 * A person's safeguarding for the caller. Anyone who may know the person sees the flag and the
 * actions they own; concerns and conferences only where the decision lets them read that
 * organisation's safeguarding notes. Every view is audited, refusals included.
 */
export async function safeguardingView(ctx: ServiceContext, personId: string): Promise<SafeguardingView> {
  const read = await openPerson(ctx, personId, { purpose: 'SAFEGUARDING', extraFacts: loadSharingFacts });
  const q = read.question;
  const [concerns, actions, reviews, conferences, flag] = await Promise.all([
    findConcerns(read),
    findActions(read),
    findHuddleReviews(read),
    findConferences(read),
    safeguardingFlagOf(read, ctx.database.db),
  ]);
  const decisions = new Map<string, Decision>();
  for (const owner of [...concerns, ...conferences].map((r) => r.organisation_id))
    if (!decisions.has(owner)) decisions.set(owner, notesDecision(q, owner));
  const mayRead = (owner: string) => decisions.get(owner)?.effect === 'permit';
  const shownConcerns = concerns.filter((c) => mayRead(c.organisation_id));
  const shownConferences = conferences.filter((c) => mayRead(c.organisation_id));
  const me = ctx.principal.staffId;
  const mine = actions.filter((a) => a.owner_staff_id === me);
  const names = await loadNames(
    ctx.database.db,
    [
      ...shownConcerns.flatMap((c) => [c.lead_staff_id, c.recorded_by]),
      ...actions.map((a) => a.owner_staff_id),
      ...reviews.map((r) => r.recorded_by),
      ...shownConferences.map((c) => c.recorded_by),
    ],
    [...concerns.map((c) => c.organisation_id), ...shownConferences.flatMap(conferenceOrganisations)],
  );
  const today = todayOf(ctx);
  const present = (a: (typeof actions)[number]) => presentAction(a, names, me, today);
  const canEdit = editDecision(q).effect === 'permit';
  const own = ctx.principal.organisationId;
  const withheld =
    [...decisions.values()].some((d) => d.effect === 'deny') ||
    (decisions.size === 0 && notesDecision(q, own).effect === 'deny');
  // The page is not answered unless its audit entries are stored (fail closed).
  await ctx.audit.append(safeguardingViewEvents(q, decisions), ctx.now, ctx.requestId);
  return {
    flag,
    withheld,
    concerns: shownConcerns.map((c) =>
      presentConcern(
        c,
        actions.filter((a) => a.concern_id === c.id).map(present),
        reviews.filter((r) => r.concern_id === c.id).map((r) => presentHuddleReview(r, names)),
        names,
        canEdit && c.organisation_id === own,
      ),
    ),
    conferences: shownConferences.map((c) =>
      presentConference(c, actions.filter((a) => a.conference_id === c.id).map(present), names),
    ),
    myActions: mine.map(present),
    can: { record: canEdit },
  };
}
