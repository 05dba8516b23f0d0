/**
 * The commissioner dataset's metrics: each with its written definition (shown beside the figure
 * and in docs/reporting.md) and the fixed categories it is counted in, so every month's table
 * has the same columns, zeros included.
 */
import { EPISODE_STAGES } from '../../../contracts/exchange.ts';
import { INCIDENT_KINDS } from '../../../contracts/incidents.ts';
import { type MetricDefinition, type MetricId, OUTCOME_MEASURE_KEYS } from '../../../contracts/reporting.ts';

/** Refusal reasons "unable to share" is broken down by; any other first reason counts as OTHER. */
export const SHARING_REASONS = [
  'NO_ACTIVE_AGREEMENT',
  'AGREEMENT_NOT_COVERING_PURPOSE',
  'AGREEMENT_NOT_COVERING_CATEGORY',
  'AGREEMENT_SUSPENDED',
  'AGREEMENT_LAPSED',
  'NO_CONSENT_RECORDED',
  'CONSENT_REFUSED',
  'CONSENT_WITHDRAWN',
  'CONSENT_RESTRICTS_CATEGORY',
  'CONSENT_NOT_COVERING_PARTNER',
  'CONSENT_NOT_COVERING_CATEGORY',
  'ROLE_TIER_EXCLUDES_CATEGORY',
  'OTHER',
] as const;

const OUTCOME_CATEGORIES = OUTCOME_MEASURE_KEYS.flatMap((m) => [
  `${m}_IMPROVED`,
  `${m}_NO_CHANGE`,
  `${m}_WORSE`,
]);

/** Every metric's definition, in the order the report shows them. */
export const METRICS: Readonly<Record<MetricId, MetricDefinition>> = {
  referrals: {
    id: 'referrals',
    title: 'Referrals received and accepted',
    numerator:
      'Referral handovers received by the service whose referral was accepted (a pathway episode was opened from it), and those not (yet) accepted.',
    denominator: 'All referral handovers received by the service (the row total).',
    period: 'Month the referral was sent.',
    exclusions: 'Handovers of other kinds (warm handoffs, crisis escalations, discharges).',
    source: 'handovers (REFERRAL template) with pathway_episodes.referral_handover_id',
    categories: ['ACCEPTED', 'NOT_ACCEPTED'],
  },
  people_by_stage: {
    id: 'people_by_stage',
    title: 'People by pathway stage',
    numerator:
      'Open pathway episodes at the service in each stage at the end of the month, from the episode’s recorded stage moves.',
    denominator:
      'All episodes open at the end of the month (the row total). A person open at two services counts at each.',
    period: 'Snapshot at the end of each month.',
    exclusions: 'Episodes discharged before the month ended.',
    source: 'pathway_episodes, pathway_episode_moves',
    categories: EPISODE_STAGES.filter((s) => s !== 'DISCHARGED'),
  },
  reviews_due: {
    id: 'reviews_due',
    title: 'Care-plan reviews held on time and overdue',
    numerator:
      'Reviews held on or before their due date (ON_TIME), held after it (LATE), not held and past due (OVERDUE), not yet due (NOT_YET_DUE).',
    denominator: 'Care-plan reviews due in the month (the row total).',
    period: 'Month the review was due.',
    exclusions: 'None.',
    source: 'care_plan_reviews (due_on, held_on)',
    categories: ['ON_TIME', 'LATE', 'OVERDUE', 'NOT_YET_DUE'],
  },
  outcome_change: {
    id: 'outcome_change',
    title: 'Outcome change, paired first and latest scores',
    numerator:
      'People whose total score on a measure at a review in the month is better, the same or worse than at their first scored review at the service (HoNOS: lower is better; DIALOG, ReQoL-10, GBO: higher is better).',
    denominator:
      'People with a paired score on the measure in the month: a scored review in the month and an earlier one (the total of the measure’s three categories).',
    period:
      'Month of the latest scored review; a person counts once a month per measure, at their last review that month.',
    exclusions: 'People with only one scored review on the measure.',
    source: 'outcome_scores (SNOMED CT coded item scores), summed per review',
    categories: OUTCOME_CATEGORIES,
  },
  follow_up_72h: {
    id: 'follow_up_72h',
    title: '72-hour follow-up after discharge',
    numerator: 'Discharges followed up with a contact within 72 hours (IN_72H; MHS79).',
    denominator:
      'Discharges whose 72-hour follow-up fell due in the month (MHS78): IN_72H + NOT_IN_72H + PENDING. The rate is IN_72H over IN_72H + NOT_IN_72H.',
    period: 'Month the follow-up fell due.',
    exclusions: 'Follow-ups under other rules (7 days, 48 hours).',
    source: 'follow_ups (rule FU_72_HOURS, due_at, contact_at)',
    categories: ['IN_72H', 'NOT_IN_72H', 'PENDING'],
  },
  consent_completion: {
    id: 'consent_completion',
    title: 'Consent completion',
    numerator:
      'People on the service’s care teams at the end of the month with a consent decision recorded (given, refused or withdrawn) by then.',
    denominator: 'People on the service’s care teams at the end of the month (the row total).',
    period: 'Snapshot at the end of each month.',
    exclusions: 'Memberships ended before the month ended.',
    source: 'care_team_memberships, consents (CAPTURE, REFUSE, WITHDRAW)',
    categories: ['RECORDED', 'NOT_RECORDED'],
  },
  unable_to_share: {
    id: 'unable_to_share',
    title: '“Unable to share” by reason',
    numerator:
      'Refused attempts to see another organisation’s data about a person, by the first reason the decision gave.',
    denominator: 'All such refusals concerning the service’s data (the row total).',
    period: 'Month of the refusal.',
    exclusions: 'Refusals within one organisation; refusals with no person.',
    source: 'audit log: refusal actions declared unable-to-share, owner ≠ recipient',
    categories: [...SHARING_REASONS],
  },
  escalation_timeliness: {
    id: 'escalation_timeliness',
    title: 'Crisis escalation timeliness',
    numerator:
      'Crisis escalation handovers received by the service acknowledged within their time limit, acknowledged late, not acknowledged past the limit, or still within it.',
    denominator: 'Crisis escalation handovers received in the month (the row total).',
    period: 'Month the escalation was sent.',
    exclusions: 'Other handover kinds.',
    source: 'handovers (CRISIS_ESCALATION template: sent_at, due_at, acknowledged_at)',
    categories: ['IN_TIME', 'LATE', 'NOT_ACKNOWLEDGED', 'WAITING'],
  },
  contacts: {
    id: 'contacts',
    title: 'Contacts attended and missed',
    numerator:
      'Care contacts with the service that the person attended (ATTENDED), did not attend without notice (DID_NOT_ATTEND, MHSDS AttendOrDNACode 7) or that were cancelled by the person or by the service. Missed contacts are DID_NOT_ATTEND.',
    denominator:
      'All care contacts of the service dated in the month with a recorded outcome (the row total). The attendance rate is ATTENDED over ATTENDED + DID_NOT_ATTEND.',
    period: 'Month the contact took place (or was due to).',
    exclusions: 'Contacts still SCHEDULED (no outcome recorded yet).',
    source: 'care_contacts (organisation_id, occurred_at, outcome)',
    categories: ['ATTENDED', 'DID_NOT_ATTEND', 'CANCELLED_BY_PERSON', 'CANCELLED_BY_SERVICE'],
  },
  reassessment: {
    id: 'reassessment',
    title: 'Re-assessment rate',
    numerator:
      'Moves of a pathway episode into ASSESSMENT that are re-assessments (RE_ASSESSMENT): the episode came back from ACTIVE, REVIEW or STEP_DOWN, or the person had an earlier episode at the same service that was closed before this one opened.',
    denominator:
      'All moves into ASSESSMENT at the service in the month (RE_ASSESSMENT + FIRST_ASSESSMENT). The rate is RE_ASSESSMENT over the row total.',
    period: 'Month the episode moved into ASSESSMENT.',
    exclusions: 'Episodes that never entered ASSESSMENT.',
    source: 'pathway_episode_moves (to_stage ASSESSMENT) with pathway_episodes',
    categories: ['FIRST_ASSESSMENT', 'RE_ASSESSMENT'],
  },
  privacy_incidents: {
    id: 'privacy_incidents',
    title: 'Privacy incidents',
    numerator:
      'Information-governance incidents the organisation recorded, by kind: breaches, mis-sharing, lost or misdirected transfers and near misses.',
    denominator: 'All IG incidents detected in the month (the row total).',
    period: 'Month the incident was detected.',
    exclusions: 'None; an incident counts once, in the month it was detected, whatever its later status.',
    source: 'ig_incidents (organisation_id, kind, detected_at)',
    categories: [...INCIDENT_KINDS],
  },
};

/** The months from one YYYY-MM to another, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 600; guard++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) break;
    out.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The first instant after a month: `YYYY-MM` to the next month's `YYYY-MM-01`. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The last calendar day of a month. */
export function lastDayOf(month: string): string {
  const end = new Date(`${monthEnd(month)}T00:00:00Z`);
  return new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10);
}
