import { formatDateTime } from '../../lib/format.ts';

/** What a decision relied on, as the API presents it: codes and identifiers. */
export type DecisionBasis = Readonly<Record<string, string | number>>;
/** Something that must happen with a permit, as the API presents it. */
export type DecisionObligation = Readonly<Record<string, string>>;

const INVOLVEMENT: Readonly<Record<string, string>> = {
  CARE_TEAM: 'Part of the person’s care team now',
  BREAK_GLASS: 'Emergency (break-glass) access',
};
const SHARING: Readonly<Record<string, string>> = {
  OWN_ORGANISATION: 'The information belongs to their own organisation',
  AGREEMENT: 'A data sharing agreement between the organisations',
};
const CONSENT_BASIS: Readonly<Record<string, string>> = {
  IMPLIED_DIRECT_CARE: 'Implied consent for the person’s direct care',
  CONSENT_ROUTINE_COORDINATION: 'The person agreed to routine sharing within their care team',
  CONSENT_NAMED_PARTNER: 'The person agreed to share with this named partner',
  LAWFUL_EXCEPTION: 'A recorded lawful exception (sharing without consent)',
  BREAK_GLASS: 'Emergency access, reviewed afterwards by the IG lead',
};

/** One line of a decision's basis, in words; `link` says where the relied-on record can be read. */
export interface BasisLine {
  key: string;
  value: string;
  link?: { kind: 'agreement' | 'consent'; id: string };
}

/** The decision's basis as lines a reader understands; identifiers become "recorded" with a link where one exists. */
export function basisLines(basis: DecisionBasis): BasisLine[] {
  const lines: BasisLine[] = [];
  const text = (key: string): string | null => (basis[key] === undefined ? null : String(basis[key]));
  const involvement = text('involvement');
  if (involvement) lines.push({ key: 'Involvement', value: INVOLVEMENT[involvement] ?? involvement });
  const sharing = text('sharing');
  if (sharing) lines.push({ key: 'Sharing between organisations', value: SHARING[sharing] ?? sharing });
  const agreementId = text('agreementId');
  if (agreementId) {
    const version = text('agreementVersion');
    lines.push({
      key: 'Agreement relied on',
      value: version ? `Version ${version}` : 'Recorded',
      link: { kind: 'agreement', id: agreementId },
    });
  }
  const consent = text('consentBasis');
  if (consent) lines.push({ key: 'Consent', value: CONSENT_BASIS[consent] ?? consent });
  if (text('consentId') || text('consentProvisionId'))
    lines.push({ key: 'Consent record', value: 'Recorded', link: { kind: 'consent', id: '' } });
  if (text('exceptionId')) lines.push({ key: 'Lawful exception', value: 'Recorded' });
  if (text('breakGlassGrantId')) lines.push({ key: 'Emergency access grant', value: 'Recorded' });
  return lines;
}

/** An obligation in plain words; organisation ids are named through `orgName`. */
export function obligationSentence(obligation: DecisionObligation, orgName: (id: string) => string): string {
  switch (obligation.type) {
    case 'RECORD_DISCLOSURE':
      return `The disclosure from ${orgName(obligation.ownerOrganisationId ?? '')} to ${orgName(
        obligation.recipientOrganisationId ?? '',
      )} is written to the disclosure log.`;
    case 'DEMAND_RATIONALE':
      return 'They must say why they need it before it is shown.';
    case 'QUEUE_EXCEPTION_REVIEW':
      return 'The access goes to the IG lead’s exception review queue.';
    case 'EXPIRE_AT':
      return `The permission ends at ${formatDateTime(obligation.at)}.`;
    default:
      return `Also required: ${obligation.type ?? 'an obligation Accord does not describe yet'}.`;
  }
}
