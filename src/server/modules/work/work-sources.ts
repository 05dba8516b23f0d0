/**
 * Where worklist items come from. Each source pages itself by keyset from the bound it is given;
 * each module's rows are read through that module's repository.
 */

import { DQ_CHECK_LABELS, type DqCheck } from '../../../contracts/reporting.ts';
import { ALERT_KIND_LABELS, type AlertKind } from '../../../contracts/signals.ts';
import { WORK_KIND_LABELS, type WorkKind } from '../../../contracts/work.ts';
import type { ServiceContext } from '../../service-context.ts';
import { openList } from '../access/index.ts';
import { dueReviewsFor } from '../agreements/agreement-review.service.ts';
import { dueDpiaReviewsFor } from '../agreements/dpia.service.ts';
import { dueGuideAcknowledgementsFor } from '../agreements/sharing-guide-work.service.ts';
import { findReviews } from '../assurance/access-review.repository.ts';
import { myIncidentActions } from '../assurance/incident-review.service.ts';
import { dueNotificationsFor } from '../assurance/incidents.service.ts';
import { dueInterfaceReviewsFor } from '../assurance/interface-register.service.ts';
import { dueCorrectiveActionsFor } from '../assurance/sharing-audit.service.ts';
import { openConsentReviewsFor, openExceptionReviewsAt } from '../consent/consent-work.repository.ts';
import { samplesToReview } from '../exchange/index.ts';
import {
  actionsOwned,
  escalationsFor,
  followUpsEscalatedTo,
  followUpsOwned,
  handoversToAcknowledge,
} from '../exchange/work-items.repository.ts';
import { correctionsOwned } from '../reporting/index.ts';
import { openAlertsFor } from '../signals/index.ts';
import { findActionsOwned } from '../signals/safeguarding.index.ts';
import { boundFor, isAfter, type WorkCursor } from './work-cursor.ts';
import { endOfDay } from './work-overdue.ts';

/** An item before the person decision: who it is about, not yet their name. */
export interface RawWorkItem {
  readonly kind: WorkKind;
  readonly id: string;
  readonly due: string;
  readonly personId: string | null;
  readonly detail: string;
  readonly link: string;
}

type Fetch = (ctx: ServiceContext, cursor: WorkCursor | null, limit: number) => Promise<RawWorkItem[]>;

const item = (
  kind: WorkKind,
  id: string,
  due: string,
  personId: string | null,
  detail: string,
  link: string,
) => ({
  kind,
  id,
  due,
  personId,
  detail,
  link,
});

/** Every source, by kind. */
export const WORK_SOURCES: Readonly<Record<WorkKind, Fetch>> = {
  HANDOVER_ACKNOWLEDGE: async (ctx, cursor, limit) => {
    const list = await openList(ctx, 'caseload', 'worklist.list', { quiet: true });
    if (!list) return [];
    return (await handoversToAcknowledge(list, boundFor('HANDOVER_ACKNOWLEDGE', cursor), limit)).map((r) =>
      item('HANDOVER_ACKNOWLEDGE', r.id, r.due, r.personId, r.detail, `/handovers/${r.id}`),
    );
  },
  FOLLOW_UP: async (ctx, cursor, limit) => {
    const list = await openList(ctx, 'caseload', 'worklist.list', { quiet: true });
    if (!list) return [];
    return (await followUpsOwned(list, boundFor('FOLLOW_UP', cursor), limit)).map((r) =>
      item('FOLLOW_UP', r.id, r.due, r.personId, r.detail, `/people/${r.personId}`),
    );
  },
  HANDOVER_ESCALATION: async (ctx, cursor, limit) => {
    const list = await openList(ctx, 'caseload', 'worklist.list', { quiet: true });
    if (!list) return [];
    return (await escalationsFor(list, boundFor('HANDOVER_ESCALATION', cursor), limit)).map((r) =>
      item('HANDOVER_ESCALATION', r.id, r.due, r.personId, r.detail, `/handovers/${r.handoverId ?? ''}`),
    );
  },
  FOLLOW_UP_MISSED: async (ctx, cursor, limit) => {
    const list = await openList(ctx, 'caseload', 'worklist.list', { quiet: true });
    if (!list) return [];
    return (await followUpsEscalatedTo(list, boundFor('FOLLOW_UP_MISSED', cursor), limit)).map((r) =>
      item('FOLLOW_UP_MISSED', r.id, r.due, r.personId, r.detail, `/people/${r.personId}`),
    );
  },
  CONSENT_REVIEW: async (ctx, cursor, limit) => {
    const list = await openList(ctx, 'consent_review', 'worklist.list', { quiet: true });
    if (!list) return [];
    return (
      await openConsentReviewsFor(list, ctx.principal.staffId, boundFor('CONSENT_REVIEW', cursor), limit)
    ).map((r) => item('CONSENT_REVIEW', r.id, r.due, r.personId, r.detail, '/consent-reviews'));
  },
  EXCEPTION_REVIEW: async (ctx, cursor, limit) => {
    const list = await openList(ctx, 'exception_review', 'worklist.list', { quiet: true });
    return list
      ? (
          await openExceptionReviewsAt(
            list,
            ctx.principal.organisationId,
            'LAWFUL_EXCEPTION',
            boundFor('EXCEPTION_REVIEW', cursor),
            limit,
          )
        ).map((r) => item('EXCEPTION_REVIEW', r.id, r.due, r.personId, r.detail, '/exception-reviews'))
      : [];
  },
  BREAK_GLASS_REVIEW: async (ctx, cursor, limit) => {
    const list = await openList(ctx, 'exception_review', 'worklist.list', { quiet: true });
    return list
      ? (
          await openExceptionReviewsAt(
            list,
            ctx.principal.organisationId,
            'BREAK_GLASS',
            boundFor('BREAK_GLASS_REVIEW', cursor),
            limit,
          )
        ).map((r) => item('BREAK_GLASS_REVIEW', r.id, r.due, r.personId, r.detail, '/exception-reviews'))
      : [];
  },
  // A reviewer has a handful of reviews a month: filtered in memory, bounded.
  ACCESS_REVIEW: async (ctx, cursor, limit) => {
    const scope = { reviewerStaffId: ctx.principal.staffId, organisationId: null };
    const page = { limit: 200, offset: 0 };
    const [open, escalated] = await Promise.all([
      findReviews(ctx.database.db, scope, { status: 'open' }, page),
      findReviews(ctx.database.db, scope, { status: 'escalated' }, page),
    ]);
    return [...open.items, ...escalated.items]
      .map((r) =>
        item(
          'ACCESS_REVIEW',
          r.id,
          endOfDay(r.dueOn),
          null,
          `${r.period}: ${r.counts.items - r.counts.decided} of ${r.counts.items} to decide`,
          `/access-reviews/${r.id}`,
        ),
      )
      .filter((i) => isAfter(i, cursor))
      .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1))
      .slice(0, limit);
  },
  SIGNAL_ALERT: async (ctx, cursor, limit) => {
    const list = await openList(ctx, 'caseload', 'worklist.list', { quiet: true });
    if (!list) return [];
    return (await openAlertsFor(list, 'recipient', boundFor('SIGNAL_ALERT', cursor), limit)).map((r) =>
      item('SIGNAL_ALERT', r.id, r.due, r.personId, alertDetail(r.kind, r.trigger), `/alerts/${r.id}`),
    );
  },
  SIGNAL_ALERT_ESCALATED: async (ctx, cursor, limit) => {
    const list = await openList(ctx, 'caseload', 'worklist.list', { quiet: true });
    if (!list) return [];
    return (await openAlertsFor(list, 'escalation', boundFor('SIGNAL_ALERT_ESCALATED', cursor), limit)).map(
      (r) =>
        item(
          'SIGNAL_ALERT_ESCALATED',
          r.id,
          r.due,
          r.personId,
          alertDetail(r.kind, r.trigger),
          `/alerts/${r.id}`,
        ),
    );
  },
  SAFEGUARDING_ACTION: async (ctx, cursor, limit) => {
    const list = await openList(ctx, 'caseload', 'worklist.list', { quiet: true });
    if (!list) return [];
    return (
      await findActionsOwned(list, ctx.principal.staffId, boundFor('SAFEGUARDING_ACTION', cursor), limit)
    ).map((r) =>
      item('SAFEGUARDING_ACTION', r.id, r.due, r.personId, r.detail, `/people/${r.personId}/safeguarding`),
    );
  },
  HANDOVER_ACTION: async (ctx, cursor, limit) => {
    const list = await openList(ctx, 'caseload', 'worklist.list', { quiet: true });
    if (!list) return [];
    return (await actionsOwned(list, boundFor('HANDOVER_ACTION', cursor), limit)).map((r) =>
      item('HANDOVER_ACTION', r.id, r.due, r.personId, r.detail, `/handovers/${r.handoverId ?? ''}`),
    );
  },
  // A partnership holds tens of agreements: filtered in memory, bounded.
  AGREEMENT_REVIEW: async (ctx, cursor, limit) =>
    (await dueReviewsFor(ctx))
      .map((r) =>
        item(
          'AGREEMENT_REVIEW',
          r.agreementId,
          endOfDay(r.reviewDate),
          null,
          `${r.reference} ${r.title}: review ${r.overdue ? 'overdue since' : 'due by'} ${r.reviewDate}`,
          `/agreements/${r.agreementId}`,
        ),
      )
      .filter((i) => isAfter(i, cursor))
      .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1))
      .slice(0, limit),
  // Read over the DPIAs' review-date index, bounded.
  DPIA_REVIEW: async (ctx, cursor, limit) =>
    (await dueDpiaReviewsFor(ctx))
      .map((r) =>
        item(
          'DPIA_REVIEW',
          r.id,
          endOfDay(r.reviewDate),
          null,
          `DPIA ${r.title}: review ${r.overdue ? 'overdue since' : 'due by'} ${r.reviewDate}`,
          `/dpias/${r.id}`,
        ),
      )
      .filter((i) => isAfter(i, cursor))
      .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1))
      .slice(0, limit),
  // The 72-hour clock: read over the incidents' notification index, bounded.
  ICO_NOTIFICATION: async (ctx, cursor, limit) =>
    (await dueNotificationsFor(ctx))
      .map((r) =>
        item(
          'ICO_NOTIFICATION',
          r.id,
          r.notifyIcoBy,
          null,
          `Notify the ICO of incident: ${r.title}`,
          `/incidents/${r.id}`,
        ),
      )
      .filter((i) => isAfter(i, cursor))
      .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1))
      .slice(0, limit),
  // A manager's weekly sample: no person in the item; each summary is read through the door.
  HANDOVER_SAMPLE: async (ctx, cursor, limit) =>
    (
      await samplesToReview(
        ctx.database.db,
        ctx.principal.staffId,
        boundFor('HANDOVER_SAMPLE', cursor),
        limit,
      )
    ).map((r) =>
      item(
        'HANDOVER_SAMPLE',
        r.id,
        r.due_at,
        null,
        `Week of ${r.week_start}: ${r.size - r.reviewed} of ${r.size} escalation summaries to review`,
        `/handover-samples/${r.id}`,
      ),
    ),
  // An owner holds a handful of actions: read over the owner index, bounded.
  CORRECTIVE_ACTION: async (ctx, cursor, limit) =>
    (await dueCorrectiveActionsFor(ctx))
      .map((r) =>
        item(
          'CORRECTIVE_ACTION',
          r.id,
          endOfDay(r.dueOn),
          null,
          `${r.description.slice(0, 120)}: ${r.overdue ? 'overdue since' : 'due by'} ${r.dueOn}`,
          '/corrective-actions',
        ),
      )
      .filter((i) => isAfter(i, cursor))
      .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1))
      .slice(0, limit),
  // At most one per sharing role the caller holds.
  GUIDE_ACKNOWLEDGEMENT: async (ctx, cursor, limit) =>
    (await dueGuideAcknowledgementsFor(ctx))
      .map((r) =>
        item(
          'GUIDE_ACKNOWLEDGEMENT',
          `guide-${r.role}`,
          // A changed guide is due by the end of today; a missing or lapsed one is already late.
          r.overdue ? `${r.dueOn}T00:00:00.000Z` : endOfDay(r.dueOn),
          null,
          r.state === 'lapsed'
            ? `Your acknowledgement lapsed on ${r.dueOn}: read your guide again`
            : r.state === 'changed'
              ? 'Your guide has changed since you acknowledged it: read it again'
              : 'Read and acknowledge your guide to what you share and when',
          '/guide',
        ),
      )
      .filter((i) => isAfter(i, cursor))
      .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1))
      .slice(0, limit),
  // The owner's own entries, read over the owner and review-date index, bounded.
  INTERFACE_REVIEW: async (ctx, cursor, limit) =>
    (await dueInterfaceReviewsFor(ctx))
      .map((r) =>
        item(
          'INTERFACE_REVIEW',
          r.id,
          endOfDay(r.reviewOn),
          null,
          `Workaround ${r.title}: review ${r.overdue ? 'overdue since' : 'due by'} ${r.reviewOn}`,
          `/interfaces/${r.id}`,
        ),
      )
      .filter((i) => isAfter(i, cursor))
      .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1))
      .slice(0, limit),
  // The owner's open actions, read over the owner, status and due-date index, bounded.
  INCIDENT_ACTION: async (ctx, cursor, limit) =>
    (await myIncidentActions(ctx))
      .map((r) =>
        item(
          'INCIDENT_ACTION',
          r.id,
          endOfDay(r.dueOn),
          null,
          `${r.description} (incident: ${r.incidentTitle})`,
          '/incident-actions',
        ),
      )
      .filter((i) => isAfter(i, cursor))
      .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1))
      .slice(0, limit),
  DQ_CORRECTION: async (ctx, cursor, limit) => {
    const list = await openList(ctx, 'caseload', 'worklist.list', { quiet: true });
    if (!list) return [];
    return (await correctionsOwned(list, boundFor('DQ_CORRECTION', cursor), limit)).map((r) =>
      item('DQ_CORRECTION', r.id, r.due, r.personId, dqCheckLabel(r.check), `/data-quality/findings/${r.id}`),
    );
  },
};

/** Plain words for an alert in the worklist. */
function alertDetail(kind: string, trigger: string): string {
  const label = ALERT_KIND_LABELS[kind as AlertKind] ?? kind;
  if (trigger === 'MISSED_MEDICATION_SUPPORT') return `${label}: repeated missed medication support`;
  if (trigger === 'ESCALATING_BEHAVIOUR') return `${label}: escalating behaviour`;
  return `${label}: signals from several agencies`;
}

/** Plain words for a data-quality finding in the worklist. */
function dqCheckLabel(check: string): string {
  return DQ_CHECK_LABELS[check as DqCheck] ?? check;
}

/** A kind's heading. */
export function labelOf(kind: WorkKind): string {
  return WORK_KIND_LABELS[kind];
}
