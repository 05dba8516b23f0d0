/**
 * What an agreement needs, beyond complete terms, before partners may rely on it: legal and
 * operational sign-off by every party of the very terms in force, a legal basis those sign-offs
 * approved, and staff awareness (every party's sharing staff acknowledged its guidance). Pure.
 */
import { createHash } from 'node:crypto';
import type { SignOffKind } from '../../../contracts/agreements.ts';
import {
  DATA_CATEGORY_LABELS,
  type DataCategory,
  type Purpose,
  type StaffRole,
} from '../../../contracts/enums.ts';
import { documentOf } from './agreements.repository.ts';
import { type ActivationProblem, type AgreementTerms, activationProblems } from './agreements.ts';

/** Roles whose holders share person data under agreements, so must know what the agreement allows. */
export const SHARING_ROLES: readonly StaffRole[] = [
  'frontline',
  'care_manager',
  'clinical',
  'duty',
  'safeguarding_lead',
];

/** An acknowledgement lapses a year after it is given, like annual IG training. */
export const ACKNOWLEDGEMENT_DAYS = 365;

/** A recorded sign-off. */
export interface SignOffRecord {
  readonly organisationId: string;
  readonly kind: SignOffKind;
  readonly staffId: string;
  readonly signerName: string;
  readonly signerRole: string;
  readonly signedOn: string;
  readonly termsHash: string;
  readonly version: number;
  readonly recordedAt: string;
}

/** How many of a party's sharing staff acknowledged the current guidance (and it has not lapsed). */
export interface PartyAwareness {
  readonly organisationId: string;
  readonly sharingStaff: number;
  readonly acknowledged: number;
}

/**
 * A fingerprint of the terms: a sign-off or acknowledgement holds only while the terms it was
 * given for stand (a status change keeps them; an amendment makes new terms).
 */
export function termsHash(terms: AgreementTerms): string {
  const canonical = JSON.stringify({
    title: terms.title,
    startDate: terms.startDate,
    endDate: terms.endDate,
    reviewDate: terms.reviewDate,
    document: documentOf(terms),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

/** True when the sign-off was given for these terms. */
export function isCurrentSignOff(s: Pick<SignOffRecord, 'termsHash'>, hash: string): boolean {
  return s.termsHash === hash;
}

const KIND_WORDS: Record<SignOffKind, string> = { LEGAL: 'Legal', OPERATIONAL: 'Operational' };

/**
 * Everything that stops activation, listed together: incomplete fields, each party's missing
 * sign-offs, a legal basis not approved by every party, and each party's staff not yet aware.
 */
export function activationMissing(
  terms: AgreementTerms,
  signOffs: readonly SignOffRecord[],
  awareness: readonly PartyAwareness[],
  names: ReadonlyMap<string, string>,
): ActivationProblem[] {
  const out = activationProblems(terms);
  const hash = termsHash(terms);
  const current = signOffs.filter((s) => isCurrentSignOff(s, hash));
  const signed = (org: string, kind: SignOffKind): boolean =>
    current.some((s) => s.organisationId === org && s.kind === kind);
  const parties = [...new Set(terms.parties.map((p) => p.organisationId))];
  const name = (org: string): string => names.get(org) ?? 'a party';
  for (const org of parties)
    for (const kind of ['LEGAL', 'OPERATIONAL'] as const)
      if (!signed(org, kind))
        out.push({
          path: `signOffs.${org}.${kind}`,
          message: `${KIND_WORDS[kind]} sign-off by ${name(org)} of the current terms is missing`,
        });
  const basisStated =
    terms.article6Basis !== null && terms.article9Condition !== null && terms.commonLawBasis !== null;
  if (!basisStated || parties.length === 0 || parties.some((org) => !signed(org, 'LEGAL')))
    out.push({
      path: 'legalBasis',
      message: basisStated
        ? 'has not been approved by every party’s legal sign-off'
        : 'must state the Article 6 basis, Article 9 condition and common-law basis',
    });
  for (const org of parties) {
    const a = awareness.find((x) => x.organisationId === org);
    const missing = a ? a.sharingStaff - a.acknowledged : 0;
    if (missing > 0)
      out.push({
        path: `staffAwareness.${org}`,
        message: `${missing} of ${a?.sharingStaff ?? 0} staff of ${name(org)} who share under it have not acknowledged its guidance`,
      });
  }
  return out;
}

/** The day an acknowledgement given today lapses. */
export function acknowledgementLapsesOn(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + ACKNOWLEDGEMENT_DAYS);
  return d.toISOString().slice(0, 10);
}

const PURPOSE_WORDS: Readonly<Record<Purpose, string>> = {
  DIRECT_CARE: 'direct care',
  CARE_COORDINATION: 'care coordination',
  SAFEGUARDING: 'safeguarding',
  CRISIS_RESPONSE: 'crisis response',
  COMMISSIONING: 'commissioning',
  AUDIT: 'audit',
};

/**
 * The agreement's guidance for one party's staff, in plain words: what they may send to whom and
 * why, and what they may receive. This is what a staff member acknowledges.
 */
export function guidanceFor(
  terms: Pick<AgreementTerms, 'grants'>,
  organisationId: string,
  names: ReadonlyMap<string, string>,
): string[] {
  const name = (id: string): string => names.get(id) ?? 'a partner';
  const what = (categories: readonly DataCategory[]): string =>
    categories.map((c) => DATA_CATEGORY_LABELS[c].toLowerCase()).join(', ');
  return terms.grants.flatMap((g) => {
    if (g.fromOrganisationId === organisationId)
      return [
        `You may share ${what(g.categories)} with ${name(g.toOrganisationId)} for ${PURPOSE_WORDS[g.purpose]}.`,
      ];
    if (g.toOrganisationId === organisationId)
      return [
        `${name(g.fromOrganisationId)} may share ${what(g.categories)} with you for ${PURPOSE_WORDS[g.purpose]}.`,
      ];
    return [];
  });
}
