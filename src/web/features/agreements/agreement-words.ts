import type { AgreementStatus } from '../../../contracts/enums.ts';
import type { TagColour } from '../../components/tag.tsx';

/** Tag colours for agreement statuses; the status word is always shown. */
export const STATUS_COLOUR: Readonly<Record<AgreementStatus, TagColour>> = {
  draft: 'grey',
  active: 'green',
  suspended: 'orange',
  expired: 'yellow',
  terminated: 'red',
};

/** The action that moves an agreement to a status, as a button says it. */
export const STATUS_ACTION: Readonly<Record<AgreementStatus, string>> = {
  draft: 'Return to draft',
  active: 'Activate',
  suspended: 'Suspend',
  expired: 'Record as expired',
  terminated: 'Terminate',
};

const FIELDS: Readonly<Record<string, string>> = {
  title: 'Title',
  startDate: 'Start date',
  endDate: 'End date',
  reviewDate: 'Review date',
  parties: 'Parties',
  grants: 'What is shared',
  article6Basis: 'Article 6 basis',
  article9Condition: 'Article 9 condition',
  dpaSchedule1Condition: 'DPA 2018 Schedule 1 condition',
  commonLawBasis: 'Common-law basis',
  retention: 'Retention',
  period: 'period',
  trigger: 'trigger',
  method: 'disposal method',
  securityControls: 'Security controls',
  incidentEscalation: 'Incident escalation',
  route: 'route',
  contacts: 'contacts',
  timescaleHours: 'timescale',
  signatories: 'Signatories',
  dataSubjects: 'Who the data is about',
  dpiaReference: 'DPIA reference',
  nationalDataOptOutApplies: 'National data opt-out',
  nationalDataOptOutRationale: 'National data opt-out rationale',
  organisationId: 'organisation',
  fromOrganisationId: 'from',
  toOrganisationId: 'to',
  categories: 'information',
  purpose: 'purpose',
  role: 'role',
  name: 'name',
  signedOn: 'date signed',
  changeNote: 'Change note',
};

/** A server field path in words: `grants.1.categories` -> "What is shared 2: information". */
export function fieldWords(path: string): string {
  const parts = path.replace(/^body\./, '').split('.');
  const words: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (/^\d+$/.test(part)) words[words.length - 1] = `${words.at(-1) ?? ''} ${Number(part) + 1}:`;
    else words.push(FIELDS[part] ?? part);
  }
  return words.join(' ').replace(/:$/, '');
}

/** The form element id of a server field path (the editor gives each field this id). */
export function fieldIdOf(path: string): string {
  return `agreement-${path.replace(/^body\./, '').replaceAll('.', '-')}`;
}
