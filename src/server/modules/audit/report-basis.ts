/**
 * The basis of every access in a person's access report, in words for the person: what made it
 * allowed (being on the care team, the organisation's own record, an agreement, consent, a lawful
 * exception, emergency access), from the reasons and ids the audit entry recorded.
 */
import type { ReportBasis } from '../../../contracts/audit-export.ts';
import type { LawfulExceptionGround, Purpose } from '../../../contracts/enums.ts';
import type { AuditEntryRow } from './audit.tables.ts';
import { GROUND_WORDS } from './report-wording.ts';

/** Agreement and exception details by id, as the report's BasisLookup returned them. */
export interface BasisDetails {
  agreements: ReadonlyMap<string, { reference: string; title: string }>;
  exceptions: ReadonlyMap<string, { ground: LawfulExceptionGround }>;
}

/** A basis with its parts kept apart, so the bases of one visit's entries can be joined. */
export interface BasisParts {
  parts: string[];
  basis: Omit<ReportBasis, 'summary'>;
}

const list = (text: string): string[] => (text === '' ? [] : text.split(','));

// When an entry records no permit reason (a change, a report), its purpose says why it happened.
const PURPOSE_BASIS: Readonly<Record<Purpose, string>> = {
  DIRECT_CARE: 'part of your care',
  CARE_COORDINATION: 'part of coordinating your care',
  SAFEGUARDING: 'safeguarding duties',
  CRISIS_RESPONSE: 'responding to a crisis',
  COMMISSIONING: 'planning services, without details that identify you',
  AUDIT: 'checking how your information is used (information governance)',
};

/** The basis parts of one permitted entry; `holder` is the organisation whose information it was. */
export function basisParts(
  row: AuditEntryRow,
  names: { holder: string | null; recipient: string | null },
  details: BasisDetails,
): BasisParts {
  const reasons = new Set(list(row.reasons));
  const parts: string[] = [];
  if (reasons.has('PERMIT_CARE_TEAM')) parts.push('they are on your care team');
  if (reasons.has('PERMIT_OWN_ORGANISATION'))
    parts.push(`the information is held by their own organisation${names.holder ? `, ${names.holder}` : ''}`);
  const agreement = row.agreement_id ? (details.agreements.get(row.agreement_id) ?? null) : null;
  if (row.agreement_id) {
    parts.push(
      agreement
        ? `Data sharing agreement ${agreement.reference}: ${agreement.title}`
        : `A data sharing agreement between the organisations (ref. ${row.agreement_id.slice(0, 8)})`,
    );
  }
  if (reasons.has('PERMIT_CONSENT_ROUTINE'))
    parts.push('your consent to sharing with the organisations caring for you');
  if (reasons.has('PERMIT_CONSENT_NAMED_PARTNER'))
    parts.push(`your consent to sharing with ${names.recipient ?? 'this organisation'}`);
  const ground = row.exception_id ? (details.exceptions.get(row.exception_id)?.ground ?? null) : null;
  if (row.exception_id)
    parts.push(
      `shared without consent under a recorded lawful exception${ground ? `, ${GROUND_WORDS[ground]}` : ''}`,
    );
  const breakGlass = Number(row.break_glass) === 1;
  if (breakGlass) parts.push('emergency ("break-glass") access in a crisis, which is always reviewed');
  if (parts.length === 0)
    parts.push(
      row.purpose ? (PURPOSE_BASIS[row.purpose as Purpose] ?? 'part of your care') : 'part of your care',
    );
  return {
    parts,
    basis: {
      agreement: row.agreement_id
        ? { id: row.agreement_id, reference: agreement?.reference ?? null, title: agreement?.title ?? null }
        : null,
      consent:
        row.consent_id || row.consent_provision_id
          ? { consentId: row.consent_id, provisionId: row.consent_provision_id }
          : null,
      lawfulException: row.exception_id ? { id: row.exception_id, ground } : null,
      breakGlass,
    },
  };
}

/** Joins the bases of entries that belong together (one visit), each part once, in order. */
export function joinBases(all: readonly BasisParts[]): ReportBasis {
  const parts = [...new Set(all.flatMap((b) => b.parts))];
  const summary = parts.join('; ');
  const first = <K extends keyof BasisParts['basis']>(key: K) =>
    all.map((b) => b.basis[key]).find((v) => v !== null && v !== false) ?? null;
  return {
    summary: summary.charAt(0).toUpperCase() + summary.slice(1),
    agreement: first('agreement') as ReportBasis['agreement'],
    consent: first('consent') as ReportBasis['consent'],
    lawfulException: first('lawfulException') as ReportBasis['lawfulException'],
    breakGlass: all.some((b) => b.basis.breakGlass),
  };
}
