/** Safeguarding rows as the API presents them, with what the caller may do. */

import type { DataCategory } from '../../../contracts/enums.ts';
import type {
  AbuseType,
  CaseConference,
  Concern,
  EnquiryType,
  HuddleReview,
  ProtectiveAction,
  RiskSource,
  SafeguardingContact,
  SharingBasis,
} from '../../../contracts/safeguarding.ts';
import type { StaffContactRow } from './safeguarding.repository.ts';
import type {
  CaseConferenceRow,
  HuddleReviewRow,
  SafeguardingActionRow,
  SafeguardingConcernRow,
} from './safeguarding.tables.ts';
import { isOverdue, parseJson } from './safeguarding.ts';

/** Names and organisations the presenters look up. */
export interface Names {
  readonly staff: ReadonlyMap<string, StaffContactRow>;
  readonly organisations: ReadonlyMap<string, string>;
}

/** A member of staff as a contact; an unknown id is shown as such rather than failing the page. */
export function presentContact(staffId: string, names: Names): SafeguardingContact {
  const s = names.staff.get(staffId);
  return {
    staffId,
    name: s?.display_name ?? 'Unknown member of staff',
    jobTitle: s?.job_title ?? '',
    organisationName: s?.organisation_name ?? '',
    email: s?.email ?? null,
  };
}

/** A protective action; only its owner may complete it. */
export function presentAction(
  a: SafeguardingActionRow,
  names: Names,
  callerStaffId: string,
  today: string,
): ProtectiveAction {
  return {
    id: a.id,
    personId: a.person_id,
    concernId: a.concern_id,
    conferenceId: a.conference_id,
    description: a.description,
    ownerStaffId: a.owner_staff_id,
    ownerName: names.staff.get(a.owner_staff_id)?.display_name ?? 'Unknown member of staff',
    dueDate: a.due_date,
    status: a.status === 'done' ? 'done' : 'open',
    overdue: isOverdue(a.due_date, a.status, today),
    completedAt: a.completed_at,
    outcome: a.outcome,
    can: { complete: a.status === 'open' && a.owner_staff_id === callerStaffId },
  };
}

/** A huddle review. */
export function presentHuddleReview(h: HuddleReviewRow, names: Names): HuddleReview {
  return {
    id: h.id,
    heldOn: h.held_on,
    partnerContacts: parseJson(h.partner_contacts),
    notes: h.notes,
    nextHuddleOn: h.next_huddle_on,
    recordedBy: names.staff.get(h.recorded_by)?.display_name ?? 'Unknown member of staff',
  };
}

/** A concern with its actions and huddle reviews. */
export function presentConcern(
  c: SafeguardingConcernRow,
  actions: readonly ProtectiveAction[],
  reviews: readonly HuddleReview[],
  names: Names,
  canEdit: boolean,
): Concern {
  return {
    id: c.id,
    personId: c.person_id,
    organisationId: c.organisation_id,
    organisationName: names.organisations.get(c.organisation_id) ?? '',
    status: c.status === 'closed' ? 'closed' : 'open',
    enquiryType: c.enquiry_type as EnquiryType,
    abuseTypes: c.abuse_types.split(',') as AbuseType[],
    s42: {
      careAndSupportNeeds: c.s42_care_needs === 1,
      atRiskOfAbuseOrNeglect: c.s42_at_risk === 1,
      unableToProtectSelf: c.s42_unable_to_protect === 1,
    },
    sourceOfRisk: c.source_of_risk as RiskSource,
    locationOfRisk: c.location_of_risk,
    immediateActions: c.immediate_actions,
    adultViews: c.adult_views,
    desiredOutcomes: c.desired_outcomes,
    capacity: { assessment: c.capacity as Concern['capacity']['assessment'], notes: c.capacity_notes },
    advocacy: { needed: c.advocacy_needed === 1, notes: c.advocacy_notes },
    police: { involved: c.police_involved === 1, reference: c.police_reference },
    sharing: parseJson(c.sharing),
    lead: presentContact(c.lead_staff_id, names),
    nextHuddleOn: c.next_huddle_on,
    recordedAt: c.recorded_at,
    recordedBy: names.staff.get(c.recorded_by)?.display_name ?? 'Unknown member of staff',
    version: c.version,
    protectiveActions: [...actions],
    huddleReviews: [...reviews],
    can: { edit: canEdit && c.status === 'open' },
  };
}

/** A case conference with its actions. */
export function presentConference(
  c: CaseConferenceRow,
  actions: readonly ProtectiveAction[],
  names: Names,
): CaseConference {
  const org = (id: string) => names.organisations.get(id) ?? '';
  const attendees = parseJson<{ name: string; organisationId: string; role: string }[]>(c.attendees);
  const shared = parseJson<
    { categories: DataCategory[]; organisationId: string; basis: SharingBasis; rationale: string }[]
  >(c.shared);
  return {
    id: c.id,
    personId: c.person_id,
    concernId: c.concern_id,
    organisationName: org(c.organisation_id),
    heldOn: c.held_on,
    attendees: attendees.map((a) => ({ ...a, organisationName: org(a.organisationId) })),
    personViews: c.person_views,
    shared: shared.map((s) => ({ ...s, organisationName: org(s.organisationId) })),
    decisions: parseJson(c.decisions),
    actions: [...actions],
    recordedBy: names.staff.get(c.recorded_by)?.display_name ?? 'Unknown member of staff',
  };
}
