/**
 * Data sharing agreements: their terms, what an agreement needs before partners may rely on it
 * (ICO data sharing code; UK GDPR Articles 6 and 9 with DPA 2018 Schedule 1; the common-law duty
 * of confidentiality), their lifecycle, and the fact the access decision reads. Pure: no I/O.
 */
import type { AgreementPartyRole } from '../../../contracts/agreements.ts';
import type {
  AgreementStatus,
  Article6Basis,
  Article9Condition,
  CommonLawBasis,
  Purpose,
  StaffRole,
} from '../../../contracts/enums.ts';
import { type AgreementGrant, calendarDateOf, type SharingAgreementFact } from '../access/index.ts';

/** Roles that own agreements: IG leads, DPOs and Caldicott guardians hold `ig_lead`. */
export const AGREEMENT_OWNERS: readonly StaffRole[] = ['ig_lead'];

/** An organisation bound by the agreement and its role as controller or processor. */
export interface AgreementParty {
  readonly organisationId: string;
  readonly role: AgreementPartyRole;
  /** The party's own Article 6 basis where it differs from the agreement's; null when the same. */
  readonly article6Basis: Article6Basis | null;
}

/** Senior sign-off by one party (ICO accountability framework). */
export interface AgreementSignatory {
  readonly name: string;
  readonly role: string;
  readonly organisationId: string;
  readonly signedOn: string;
}

/** Agreed common retention and disposal. */
export interface AgreementRetention {
  readonly period: string | null;
  readonly trigger: string | null;
  readonly method: string | null;
}

/** How partners tell each other about a breach (controllers report to the ICO within 72h, Art 33). */
export interface IncidentEscalation {
  readonly route: string | null;
  readonly contacts: readonly string[];
  readonly timescaleHours: number | null;
}

/** The terms stored as the version's JSON document. */
export interface AgreementDocument {
  readonly parties: readonly AgreementParty[];
  readonly grants: readonly AgreementGrant[];
  readonly article6Basis: Article6Basis | null;
  readonly article9Condition: Article9Condition | null;
  readonly dpaSchedule1Condition: string | null;
  readonly commonLawBasis: CommonLawBasis | null;
  readonly retention: AgreementRetention;
  readonly securityControls: string | null;
  readonly incidentEscalation: IncidentEscalation;
  readonly signatories: readonly AgreementSignatory[];
  readonly dataSubjects: string | null;
  readonly dpiaReference: string | null;
  readonly nationalDataOptOutApplies: boolean | null;
  readonly nationalDataOptOutRationale: string | null;
}

/** Everything one version says: title and dates (stored as columns) plus the document. */
export interface AgreementTerms extends AgreementDocument {
  readonly title: string;
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly reviewDate: string | null;
}

/** One stored version of an agreement. */
export interface AgreementVersion extends AgreementTerms {
  readonly agreementId: string;
  readonly version: number;
  /** The status as recorded; see `effectiveStatus` for expiry by date. */
  readonly status: AgreementStatus;
  readonly changeNote: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** A field that stops an agreement being made active, by its path in the input. */
export interface ActivationProblem {
  readonly path: string;
  readonly message: string;
}

/** A document with nothing filled in. */
export const EMPTY_DOCUMENT: AgreementDocument = {
  parties: [],
  grants: [],
  article6Basis: null,
  article9Condition: null,
  dpaSchedule1Condition: null,
  commonLawBasis: null,
  retention: { period: null, trigger: null, method: null },
  securityControls: null,
  incidentEscalation: { route: null, contacts: [], timescaleHours: null },
  signatories: [],
  dataSubjects: null,
  dpiaReference: null,
  nationalDataOptOutApplies: null,
  nationalDataOptOutRationale: null,
};

// DPA 2018 s10: these Article 9 conditions need a basis in UK law, i.e. a Schedule 1 condition.
const NEEDS_SCHEDULE_1: readonly Article9Condition[] = [
  'A9_B_EMPLOYMENT_SOCIAL_PROTECTION',
  'A9_G_SUBSTANTIAL_PUBLIC_INTEREST',
  'A9_H_HEALTH_SOCIAL_CARE',
  'A9_I_PUBLIC_HEALTH',
  'A9_J_ARCHIVING_RESEARCH_STATS',
];

function partyProblems(terms: AgreementTerms, out: ActivationProblem[]): void {
  const seen = new Set<string>();
  terms.parties.forEach((p, i) => {
    if (seen.has(p.organisationId))
      out.push({ path: `parties.${i}.organisationId`, message: 'is already a party' });
    seen.add(p.organisationId);
  });
  if (seen.size < 2) out.push({ path: 'parties', message: 'must name at least two organisations' });
}

function grantProblems(terms: AgreementTerms, parties: ReadonlySet<string>, out: ActivationProblem[]): void {
  if (terms.grants.length === 0) {
    out.push({ path: 'grants', message: 'must say what each party may share, with whom and why' });
    return;
  }
  terms.grants.forEach((g, i) => {
    if (!parties.has(g.fromOrganisationId))
      out.push({ path: `grants.${i}.fromOrganisationId`, message: 'is not a party to the agreement' });
    if (!parties.has(g.toOrganisationId))
      out.push({ path: `grants.${i}.toOrganisationId`, message: 'is not a party to the agreement' });
    else if (g.toOrganisationId === g.fromOrganisationId)
      out.push({ path: `grants.${i}.toOrganisationId`, message: 'must differ from fromOrganisationId' });
    if (g.categories.length === 0)
      out.push({ path: `grants.${i}.categories`, message: 'must name at least one data category' });
  });
}

function signatoryProblems(
  terms: AgreementTerms,
  parties: ReadonlySet<string>,
  out: ActivationProblem[],
): void {
  if (terms.signatories.length === 0) {
    out.push({ path: 'signatories', message: 'must record who signed for each party' });
    return;
  }
  terms.signatories.forEach((s, i) => {
    if (!parties.has(s.organisationId))
      out.push({ path: `signatories.${i}.organisationId`, message: 'is not a party to the agreement' });
  });
  const signed = new Set(terms.signatories.map((s) => s.organisationId));
  const unsigned = [...parties].filter((id) => !signed.has(id)).length;
  if (unsigned > 0)
    out.push({ path: 'signatories', message: `has no signatory for ${unsigned} of the parties` });
}

/**
 * Every reason the terms cannot be relied on, in the order of the agreement form. An agreement
 * with any of these cannot be made (or stay) active.
 */
export function activationProblems(terms: AgreementTerms): ActivationProblem[] {
  const out: ActivationProblem[] = [];
  const required = (path: string, value: unknown, message = 'is required'): void => {
    if (value === null || value === undefined) out.push({ path, message });
  };
  const parties = new Set(terms.parties.map((p) => p.organisationId));
  required('startDate', terms.startDate);
  required('reviewDate', terms.reviewDate);
  partyProblems(terms, out);
  grantProblems(terms, parties, out);
  required('dataSubjects', terms.dataSubjects);
  required('article6Basis', terms.article6Basis);
  required('article9Condition', terms.article9Condition);
  if (terms.article9Condition !== null && NEEDS_SCHEDULE_1.includes(terms.article9Condition))
    required(
      'dpaSchedule1Condition',
      terms.dpaSchedule1Condition,
      'is required for this Article 9 condition',
    );
  required('commonLawBasis', terms.commonLawBasis);
  required('retention.period', terms.retention.period);
  required('retention.trigger', terms.retention.trigger);
  required('retention.method', terms.retention.method);
  required('securityControls', terms.securityControls);
  required('incidentEscalation.route', terms.incidentEscalation.route);
  if (terms.incidentEscalation.contacts.length === 0)
    out.push({ path: 'incidentEscalation.contacts', message: 'must name at least one contact' });
  required('incidentEscalation.timescaleHours', terms.incidentEscalation.timescaleHours);
  signatoryProblems(terms, parties, out);
  required('nationalDataOptOutApplies', terms.nationalDataOptOutApplies);
  required('nationalDataOptOutRationale', terms.nationalDataOptOutRationale);
  return out;
}

/** The paths of every field that stops the agreement being made active; empty when complete. */
export function missingForActivation(terms: AgreementTerms): string[] {
  return [...new Set(activationProblems(terms).map((p) => p.path))];
}

/** Lifecycle moves; terminated and expired are final (a renewal is a new agreement). */
export const STATUS_TRANSITIONS: Readonly<Record<AgreementStatus, readonly AgreementStatus[]>> = {
  draft: ['active'],
  active: ['suspended', 'terminated', 'expired'],
  suspended: ['active', 'terminated'],
  expired: [],
  terminated: [],
};

/** True when an agreement with the recorded status may move to the other. */
export function canTransition(from: AgreementStatus, to: AgreementStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** True when the recorded status allows a new version of the terms. */
export function isAmendable(status: AgreementStatus): boolean {
  return status === 'draft' || status === 'active';
}

/** The status as it stands on a day: an active agreement whose end date has passed has expired. */
export function effectiveStatus(
  v: Pick<AgreementVersion, 'status' | 'endDate'>,
  today: string,
): AgreementStatus {
  return v.status === 'active' && v.endDate !== null && v.endDate < today ? 'expired' : v.status;
}

/** True when partners may rely on the agreement on the day: active, complete and within its dates. */
export function isInForce(v: AgreementVersion, today: string): boolean {
  return (
    effectiveStatus(v, today) === 'active' &&
    v.startDate !== null &&
    v.startDate <= today &&
    missingForActivation(v).length === 0
  );
}

/** True when a live agreement has reached its review date. */
export function isReviewDue(v: AgreementVersion, today: string): boolean {
  const live = v.status === 'active' || v.status === 'suspended';
  return live && v.reviewDate !== null && v.reviewDate <= today;
}

/** The purposes an agreement's grants cover, in the order first granted. */
export function purposesOf(grants: readonly AgreementGrant[]): Purpose[] {
  return [...new Set(grants.map((g) => g.purpose))];
}

// An undated draft is in force on no day; this start keeps the decision's date test false.
const NEVER = '9999-12-31';

/** The agreement as the access decision sees it (status as of `today`, so expiry by date shows). */
export function toFact(v: AgreementVersion, today: string): SharingAgreementFact {
  return {
    id: v.agreementId,
    version: v.version,
    status: effectiveStatus(v, today),
    startDate: v.startDate ?? NEVER,
    endDate: v.endDate,
    complete: missingForActivation(v).length === 0,
    grants: v.grants,
  };
}

/** Today's date in the UK, the calendar agreements are dated in (as the access decision uses). */
export function ukToday(now: Date): string {
  return calendarDateOf(now.toISOString()) ?? now.toISOString().slice(0, 10);
}
