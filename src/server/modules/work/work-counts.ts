/** The worklist header's counts, by kind and overdue. */
import type { WorkKind, Worklist } from '../../../contracts/work.ts';
import { type ServiceContext, todayOf } from '../../service-context.ts';
import { openList } from '../access/index.ts';
import { dueReviewsFor } from '../agreements/agreement-review.service.ts';
import { dueDpiaReviewsFor } from '../agreements/dpia.service.ts';
import { dueGuideAcknowledgementsFor } from '../agreements/sharing-guide-work.service.ts';
import { findReviews } from '../assurance/access-review.repository.ts';
import { myIncidentActions } from '../assurance/incident-review.service.ts';
import { dueNotificationsFor } from '../assurance/incidents.service.ts';
import { dueInterfaceReviewsFor } from '../assurance/interface-register.service.ts';
import { dueCorrectiveActionsFor } from '../assurance/sharing-audit.service.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { countReviewWork } from '../consent/consent-work.repository.ts';
import { countSamplesToReview } from '../exchange/index.ts';
import {
  countExchangeWork,
  countActionsOwned as countHandoverActionsOwned,
} from '../exchange/work-items.repository.ts';
import { countCorrectionsOwned } from '../reporting/index.ts';
import { countAlertWork } from '../signals/index.ts';
import { countActionsOwned } from '../signals/safeguarding.index.ts';
import { endOfDay, isOverdue } from './work-overdue.ts';

/** Counts of every kind of work for the caller. */
export async function countWork(ctx: ServiceContext): Promise<Worklist['counts']> {
  const db = ctx.database.db;
  const me = ctx.principal.staffId;
  const ig = ctx.principal.igTrainingExpiresOn;
  const igLead = hasAnyRole(ctx.principal, ['ig_lead']) && ig !== null && ig >= todayOf(ctx);
  const scope = { reviewerStaffId: me, organisationId: null };
  const [caseloadList, consentList, exceptionList] = await Promise.all([
    openList(ctx, 'caseload', 'worklist.list', { quiet: true }),
    openList(ctx, 'consent_review', 'worklist.list', { quiet: true }),
    openList(ctx, 'exception_review', 'worklist.list', { quiet: true }),
  ]);
  const reviewAccess = consentList ?? exceptionList;
  const [
    exchange,
    tasks,
    reviews,
    open,
    escalated,
    alerts,
    protective,
    agreementReviews,
    dpiaReviews,
    notifications,
    samples,
    correctiveActions,
    guideAcknowledgements,
    interfaceReviews,
    incidentActions,
    corrections,
  ] = await Promise.all([
    caseloadList
      ? countExchangeWork(caseloadList, ctx.now.toISOString())
      : Promise.resolve({
          acknowledge: [0, 0] as [number, number],
          followUps: [0, 0] as [number, number],
          missed: 0,
          escalations: 0,
        }),
    caseloadList
      ? countHandoverActionsOwned(caseloadList, ctx.now.toISOString())
      : Promise.resolve([0, 0] as [number, number]),
    reviewAccess
      ? countReviewWork(
          reviewAccess,
          consentList ? me : '',
          igLead && exceptionList ? ctx.principal.organisationId : null,
        )
      : Promise.resolve({ consent: 0, exceptions: 0, breakGlass: 0 }),
    findReviews(db, scope, { status: 'open' }, { limit: 200, offset: 0 }),
    findReviews(db, scope, { status: 'escalated' }, { limit: 200, offset: 0 }),
    caseloadList
      ? countAlertWork(caseloadList, ctx.now.toISOString())
      : Promise.resolve({ mine: 0, mineOverdue: 0, escalated: 0 }),
    caseloadList
      ? countActionsOwned(caseloadList, me, ctx.now.toISOString())
      : Promise.resolve<[number, number]>([0, 0]),
    dueReviewsFor(ctx),
    dueDpiaReviewsFor(ctx),
    dueNotificationsFor(ctx),
    countSamplesToReview(db, me, ctx.now.toISOString()),
    dueCorrectiveActionsFor(ctx),
    dueGuideAcknowledgementsFor(ctx),
    dueInterfaceReviewsFor(ctx),
    myIncidentActions(ctx),
    caseloadList
      ? countCorrectionsOwned(caseloadList, ctx.now.toISOString())
      : Promise.resolve<[number, number]>([0, 0]),
  ]);
  const accessReviews = [...open.items, ...escalated.items];
  // Items filtered in memory are overdue by the rule the list shows them with (work-overdue.ts).
  const late = (kind: WorkKind, due: string) => isOverdue(kind, due, ctx.now);
  const byKind: Record<WorkKind, number> = {
    HANDOVER_ACKNOWLEDGE: exchange.acknowledge[0],
    FOLLOW_UP: exchange.followUps[0],
    HANDOVER_ESCALATION: exchange.escalations,
    FOLLOW_UP_MISSED: exchange.missed,
    CONSENT_REVIEW: reviews.consent,
    EXCEPTION_REVIEW: reviews.exceptions,
    BREAK_GLASS_REVIEW: reviews.breakGlass,
    ACCESS_REVIEW: accessReviews.length,
    SIGNAL_ALERT: alerts.mine,
    SIGNAL_ALERT_ESCALATED: alerts.escalated,
    SAFEGUARDING_ACTION: protective[0],
    HANDOVER_ACTION: tasks[0],
    AGREEMENT_REVIEW: agreementReviews.length,
    DPIA_REVIEW: dpiaReviews.length,
    ICO_NOTIFICATION: notifications.length,
    HANDOVER_SAMPLE: samples[0],
    CORRECTIVE_ACTION: correctiveActions.length,
    GUIDE_ACKNOWLEDGEMENT: guideAcknowledgements.length,
    INTERFACE_REVIEW: interfaceReviews.length,
    INCIDENT_ACTION: incidentActions.length,
    DQ_CORRECTION: corrections[0],
  };
  // Escalations, missed follow-ups and raised reviews are overdue by nature: they wait past their time.
  const overdue =
    exchange.acknowledge[1] +
    exchange.followUps[1] +
    exchange.escalations +
    exchange.missed +
    reviews.consent +
    reviews.exceptions +
    reviews.breakGlass +
    accessReviews.filter((r) => late('ACCESS_REVIEW', endOfDay(r.dueOn))).length +
    alerts.mineOverdue +
    alerts.escalated +
    protective[1] +
    tasks[1] +
    agreementReviews.filter((r) => late('AGREEMENT_REVIEW', endOfDay(r.reviewDate))).length +
    dpiaReviews.filter((r) => late('DPIA_REVIEW', endOfDay(r.reviewDate))).length +
    notifications.filter((r) => late('ICO_NOTIFICATION', r.notifyIcoBy)).length +
    samples[1] +
    correctiveActions.filter((r) => late('CORRECTIVE_ACTION', endOfDay(r.dueOn))).length +
    guideAcknowledgements.filter((r) =>
      late('GUIDE_ACKNOWLEDGEMENT', r.overdue ? `${r.dueOn}T00:00:00.000Z` : endOfDay(r.dueOn)),
    ).length +
    interfaceReviews.filter((r) => late('INTERFACE_REVIEW', endOfDay(r.reviewOn))).length +
    incidentActions.filter((r) => late('INCIDENT_ACTION', endOfDay(r.dueOn))).length +
    corrections[1];
  const total = Object.values(byKind).reduce((a, b) => a + b, 0);
  return { total, overdue, byKind };
}
