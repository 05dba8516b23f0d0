/**
 * The evidence pack's content, as plain typed data: every section the ICB asks for, built from
 * the records when the pack is produced and rendered to PDF by `evidence-pack-pdf.ts`. Holds
 * counts, governance records and anonymised examples only: no person, id of one, or date that
 * could single someone out.
 */
import type { DqAuditSummary, MetricTable } from '../../../contracts/reporting.ts';
import type { SharingAuditSummaryRow } from '../assurance/sharing-audit-summary.repository.ts';

/** The section headings, in order: the test checks each is in the rendered PDF. */
export const EVIDENCE_PACK_SECTIONS = [
  'Agreements register',
  'Data protection impact assessments',
  'Training and guidance acknowledgement',
  'Access reviews',
  'Audit log verification',
  'Information-sharing audits',
  'Data-quality audits',
  'Incidents and learning',
  'Commissioner metrics',
  'Anonymised example: escalation summary',
  'Anonymised example: handover',
] as const;

/** Shown when no monthly information-sharing audit is recorded in the period. */
export const NO_SHARING_AUDITS = 'No information-sharing audits recorded in the period';

/** One month's information-sharing audit result, as the assurance module records it. */
export type SharingAuditResult = SharingAuditSummaryRow;

export interface AgreementEntry {
  readonly reference: string;
  readonly title: string;
  readonly status: string;
  readonly reviewDate: string | null;
  readonly signOffs: readonly { organisation: string; role: string; signedOn: string }[];
}

export interface DpiaEntry {
  readonly title: string;
  readonly organisation: string;
  readonly reviewDate: string;
  readonly signedOff: boolean;
  readonly mitigations: readonly { measure: string; control: string; inPlace: boolean; detail: string }[];
}

export interface TrainingEntry {
  readonly organisation: string;
  readonly activeStaff: number;
  readonly trainingCurrent: number;
  readonly guidanceDue: number;
  readonly guidanceAcknowledged: number;
}

export interface AccessReviewEntry {
  readonly period: string;
  readonly organisation: string;
  readonly reviews: number;
  readonly completed: number;
  readonly completedOnTime: number;
}

/**
 * The audit log's standing: the latest signed tree head and the most recent full verification
 * Accord recorded (`accord audit verify`). The pack never walks the log itself: at millions of
 * entries that takes minutes and would hold the database for every other request.
 */
export interface VerificationEntry {
  readonly lastRun: {
    at: string;
    treeSize: number;
    rootHash: string | null;
    ok: boolean;
    problems: number;
    entriesChecked: number;
  } | null;
  readonly latestHead: {
    treeSize: number;
    rootHash: string;
    signedAt: string;
    keyId: string;
    signature: string;
  } | null;
  readonly publicKeys: readonly { keyId: string; publicKeyPem: string }[];
}

/** Shown when Accord holds no record of a full verification of the log. */
export const NO_VERIFICATION_RUN = 'No full verification of the audit log is recorded';

/**
 * Incidents as a commissioner sees them: counted by kind and month with the small-number
 * suppression of every published figure; no organisation's free text.
 */
export interface IncidentCounts {
  readonly kinds: readonly string[];
  readonly months: readonly string[];
  readonly cells: readonly (number | null)[][];
  readonly monthTotals: readonly (number | null)[];
  readonly kindTotals: readonly (number | null)[];
  readonly total: number | null;
}

export interface IncidentEntry {
  readonly organisation: string;
  readonly kind: string;
  readonly month: string;
  readonly grade: number;
  readonly status: string;
  readonly icoNotifiable: boolean;
  readonly icoNotifiedInTime: boolean | null;
  readonly rootCause: string;
  readonly learning: string;
}

/** An anonymised example: a handover's shape and timing, with no value, name, id or date. */
export interface AnonymisedExample {
  readonly template: string;
  readonly route: string;
  readonly fieldsSent: number;
  readonly fieldsWithheld: number;
  readonly sections: readonly string[];
  readonly missingFields: number;
  readonly acknowledgement: string;
  readonly escalations: readonly string[];
}

/** The whole pack. */
export interface EvidencePack {
  readonly scope: string;
  readonly from: string;
  readonly to: string;
  readonly producedAt: string;
  readonly agreements: readonly AgreementEntry[];
  readonly dpias: readonly DpiaEntry[];
  readonly training: readonly TrainingEntry[];
  readonly accessReviews: readonly AccessReviewEntry[];
  readonly verification: VerificationEntry;
  readonly sharingAudits: readonly SharingAuditResult[];
  readonly dataQuality: readonly DqAuditSummary[];
  /** Each incident with its root cause and learning: only in an IG lead's or DPO's own-organisation pack. */
  readonly incidents: readonly IncidentEntry[];
  /** For a commissioner: incidents counted by kind and month, suppressed; null in an organisation's own pack. */
  readonly incidentCounts: IncidentCounts | null;
  readonly metrics: readonly MetricTable[];
  readonly suppression: string;
  readonly escalationExample: AnonymisedExample | null;
  readonly handoverExample: AnonymisedExample | null;
}

/** How long an acknowledgement took, in words that name no time of day. */
export function acknowledgementWords(sentAt: string, dueAt: string, acknowledgedAt: string | null): string {
  if (acknowledgedAt === null) return 'Not acknowledged';
  const hours = Math.max(0, (Date.parse(acknowledgedAt) - Date.parse(sentAt)) / 3_600_000);
  const within = acknowledgedAt <= dueAt ? 'within its time limit' : 'after its time limit';
  const rounded =
    hours < 1 ? 'under an hour' : `about ${Math.round(hours)} hour${Math.round(hours) === 1 ? '' : 's'}`;
  return `Acknowledged in ${rounded}, ${within}`;
}
