/**
 * The monthly information-sharing audit as pure rules: a seeded sample that any engine reproduces
 * (each disclosure ranked by SHA-256 of seed and entry id, ties by id), and the automatic tests on
 * each sampled disclosure against the facts in force at the moment it happened.
 */
import { createHash } from 'node:crypto';
import type { AuditEntryRow } from '../audit/audit.tables.ts';

/** The outcome of one automatic test. */
export type CheckResult = 'pass' | 'fail' | 'not_applicable';

/** Why a test failed, as stable codes. */
export const FINDING_CODES = [
  'CONSENT_NONE_IN_FORCE',
  'CONSENT_NOT_GIVEN',
  'CONSENT_NOT_CITED',
  'CONSENT_PROVISION_MISSING',
  'CONSENT_PARTNER_MISMATCH',
  'CONSENT_RESTRICTED',
  'TEMPLATE_NOT_USED',
  'EMERGENCY_NO_RATIONALE',
  'EMERGENCY_NOT_REVIEWED',
  'EXCEPTION_NO_RATIONALE',
  'EXCEPTION_NOT_REVIEWED',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** How many disclosures a month's sample holds at most. */
export const DEFAULT_SAMPLE_SIZE = 20;

/** A rationale shorter than this says nothing (the break-glass form asks for at least 10 characters). */
export const MIN_RATIONALE = 10;

/**
 * The ids a seed picks: the `size` lowest SHA-256(seed ':' id), ties by id, each id once. The same
 * seed over the same ids draws the same sample on any engine, whatever order they were read in.
 */
export function drawSample(seed: string, ids: readonly string[], size: number): string[] {
  return [...new Set(ids)]
    .map((id) => ({ id, rank: createHash('sha256').update(`${seed}:${id}`).digest('hex') }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, size)
    .map((r) => r.id);
}

/** The consent that was in force for the person when the disclosure happened. */
export interface ConsentAtTime {
  readonly id: string;
  readonly status: string;
  readonly provisions: readonly ConsentProvisionAtTime[];
}

/** One provision of that consent, as recorded. */
export interface ConsentProvisionAtTime {
  readonly id: string;
  readonly kind: string;
  readonly organisationId: string | null;
  readonly categories: readonly string[];
}

const list = (text: string): string[] => (text === '' ? [] : text.split(','));

/**
 * Why the disclosure did not match the consent in force, or null when it did: the consent must be
 * given and cited, the cited provision must cover this recipient (routine coordination, or a named
 * partner that is the recipient), and no restriction may exclude a category that was shared.
 */
export function consentMismatch(row: AuditEntryRow, c: ConsentAtTime | null): FindingCode | null {
  if (!c) return 'CONSENT_NONE_IN_FORCE';
  if (c.status !== 'given') return 'CONSENT_NOT_GIVEN';
  if (row.consent_id !== c.id) return 'CONSENT_NOT_CITED';
  const cited = c.provisions.find((p) => p.id === row.consent_provision_id);
  if (!cited || cited.kind === 'RESTRICTION') return 'CONSENT_PROVISION_MISSING';
  if (cited.kind === 'NAMED_PARTNER' && cited.organisationId !== row.recipient_org_id)
    return 'CONSENT_PARTNER_MISMATCH';
  const shared = list(row.categories);
  const restricted = c.provisions.some(
    (p) =>
      p.kind === 'RESTRICTION' &&
      (p.organisationId === null || p.organisationId === row.recipient_org_id) &&
      p.categories.some((category) => shared.includes(category)),
  );
  return restricted ? 'CONSENT_RESTRICTED' : null;
}

/** What the tests need to know about one sampled disclosure, looked up as of its time. */
export interface ItemFacts {
  readonly consent: ConsentAtTime | null;
  /** For a disclosure sent as a handover: the template it used, or null when none. */
  readonly handoverTemplate: string | null | undefined;
  readonly breakGlassRationale: string | null;
  readonly exceptionRationale: string | null;
  /** The exception or break-glass review of this use has been completed. */
  readonly reviewed: boolean;
}

/** The results of the automatic tests on one item. */
export interface ItemChecks {
  readonly consent: CheckResult;
  readonly template: CheckResult;
  readonly exception: CheckResult;
  readonly findings: FindingCode[];
  readonly result: 'pass' | 'fail';
}

const hasRationale = (text: string | null) => (text ?? '').trim().length >= MIN_RATIONALE;

/** Sent information is a handover: the minimum-dataset template applies to it. */
export function templateApplies(row: AuditEntryRow): boolean {
  return row.target_type === 'handover' || row.action.startsWith('handover.');
}

/** Runs the automatic tests on one sampled disclosure. */
export function checkItem(row: AuditEntryRow, facts: ItemFacts): ItemChecks {
  const findings: FindingCode[] = [];
  const emergency = Number(row.break_glass) === 1;
  const excepted = row.exception_id !== null;
  let consent: CheckResult = 'not_applicable';
  // Shared under a lawful exception or in an emergency: consent is not the basis; the third test applies.
  if (!emergency && !excepted) {
    const mismatch = consentMismatch(row, facts.consent);
    if (mismatch) findings.push(mismatch);
    consent = mismatch ? 'fail' : 'pass';
  }
  let template: CheckResult = 'not_applicable';
  if (templateApplies(row)) {
    template = facts.handoverTemplate ? 'pass' : 'fail';
    if (template === 'fail') findings.push('TEMPLATE_NOT_USED');
  }
  let exception: CheckResult = 'not_applicable';
  if (emergency || excepted) {
    const before = findings.length;
    if (emergency && !hasRationale(facts.breakGlassRationale)) findings.push('EMERGENCY_NO_RATIONALE');
    if (emergency && !facts.reviewed) findings.push('EMERGENCY_NOT_REVIEWED');
    if (!emergency && excepted && !hasRationale(facts.exceptionRationale))
      findings.push('EXCEPTION_NO_RATIONALE');
    if (!emergency && excepted && !facts.reviewed) findings.push('EXCEPTION_NOT_REVIEWED');
    exception = findings.length === before ? 'pass' : 'fail';
  }
  return { consent, template, exception, findings, result: findings.length === 0 ? 'pass' : 'fail' };
}

/** The month before a YYYY-MM month. */
export function previousMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}
