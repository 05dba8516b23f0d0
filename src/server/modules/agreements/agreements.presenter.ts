/** Agreements as the API shows them: names resolved, status as of today, what the caller may do. */
import type { Agreement, AgreementSummary } from '../../../contracts/agreements.ts';
import type { AgreementStatus } from '../../../contracts/enums.ts';
import { decideChange } from '../access/index.ts';
import type { Principal } from '../auth/auth.ts';
import type { AgreementRecord, VersionHistoryEntry } from './agreements.repository.ts';
import {
  type AgreementVersion,
  effectiveStatus,
  isAmendable,
  isInForce,
  isReviewDue,
  missingForActivation,
  purposesOf,
  STATUS_TRANSITIONS,
} from './agreements.ts';

/** Every organisation a version names (parties, grants, signatories), for one name lookup. */
export function organisationIdsOf(v: AgreementVersion): string[] {
  return [
    ...v.parties.map((p) => p.organisationId),
    ...v.grants.flatMap((g) => [g.fromOrganisationId, g.toOrganisationId]),
    ...v.signatories.map((s) => s.organisationId),
  ];
}

/** An agreement in a list. */
export function presentSummary(
  record: AgreementRecord,
  names: ReadonlyMap<string, string>,
  today: string,
): AgreementSummary {
  const v = record.current;
  return {
    id: record.id,
    reference: record.reference,
    title: v.title,
    version: v.version,
    status: effectiveStatus(v, today),
    inForce: isInForce(v, today),
    reviewDue: isReviewDue(v, today),
    startDate: v.startDate,
    endDate: v.endDate,
    reviewDate: v.reviewDate,
    parties: v.parties.map((p) => ({
      organisationId: p.organisationId,
      organisationName: names.get(p.organisationId) ?? '',
      role: p.role,
      article6Basis: p.article6Basis,
    })),
    purposes: purposesOf(v.grants),
    updatedAt: record.updatedAt,
  };
}

/** An agreement in full with its history. */
export function presentAgreement(
  record: AgreementRecord,
  history: readonly VersionHistoryEntry[],
  names: ReadonlyMap<string, string>,
  today: string,
  principal: Principal,
): Agreement {
  const v = record.current;
  // The same authority the change itself passes: an IG lead of an organisation party to it.
  const owner =
    decideChange({
      kind: 'agreement.update',
      actor: { ...principal, partnershipGovernance: false },
      parties: v.parties.map((p) => p.organisationId),
    }).effect === 'permit';
  const name = (id: string): string => names.get(id) ?? '';
  const changeStatusTo: AgreementStatus[] = owner ? [...STATUS_TRANSITIONS[v.status]] : [];
  return {
    ...presentSummary(record, names, today),
    recordedStatus: v.status,
    grants: v.grants.map((g) => ({
      fromOrganisationId: g.fromOrganisationId,
      fromOrganisationName: name(g.fromOrganisationId),
      toOrganisationId: g.toOrganisationId,
      toOrganisationName: name(g.toOrganisationId),
      purpose: g.purpose,
      categories: [...g.categories],
    })),
    article6Basis: v.article6Basis,
    article9Condition: v.article9Condition,
    dpaSchedule1Condition: v.dpaSchedule1Condition,
    commonLawBasis: v.commonLawBasis,
    retention: { ...v.retention },
    securityControls: v.securityControls,
    incidentEscalation: { ...v.incidentEscalation, contacts: [...v.incidentEscalation.contacts] },
    signatories: v.signatories.map((s) => ({ ...s, organisationName: name(s.organisationId) })),
    dataSubjects: v.dataSubjects,
    dpiaReference: v.dpiaReference,
    nationalDataOptOutApplies: v.nationalDataOptOutApplies,
    nationalDataOptOutRationale: v.nationalDataOptOutRationale,
    missingForActivation: missingForActivation(v),
    changeNote: v.changeNote,
    createdAt: record.createdAt,
    versions: [...history],
    can: { amend: owner && isAmendable(v.status), changeStatusTo },
  };
}
