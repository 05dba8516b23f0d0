import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  ABUSE_TYPE_LABELS,
  ABUSE_TYPES,
  type ConcernInput,
  ENQUIRY_TYPES,
  RISK_SOURCE_LABELS,
  RISK_SOURCES,
  SAFEGUARDING_CAPACITY,
} from '../../../contracts/safeguarding.ts';
import { BackLink } from '../../components/back-link.tsx';
import { Checkboxes, Radios } from '../../components/choice-group.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useOrganisations } from '../directory/directory-api.ts';
import { usePerson } from '../people/people-api.ts';
import { PersonBanner } from '../people/person-banner.tsx';
import { type ActionDraft, ActionRows, actionsOf, EMPTY_ACTION } from './action-rows.tsx';
import { booleanOf, fieldId, NO_PATH_ERRORS, optional, pathErrorsFrom, YES_NO } from './form-support.ts';
import { useRecordConcern } from './safeguarding-api.ts';
import { CAPACITY_LABELS, ENQUIRY_TYPE_LABELS } from './safeguarding-words.ts';

const ID = 'concern';

/** Labels by body path, in form order (the order of the error summary). */
const LABELS: Readonly<Record<string, string>> = {
  enquiryType: 'Type of record',
  abuseTypes: 'Type of abuse',
  's42.careAndSupportNeeds': 'Has care and support needs',
  's42.atRiskOfAbuseOrNeglect': 'Experiencing or at risk of abuse or neglect',
  's42.unableToProtectSelf': 'Unable to protect themselves',
  sourceOfRisk: 'Source of risk',
  locationOfRisk: 'Location of risk',
  immediateActions: 'Immediate actions',
  'protectiveActions.description': 'What is to be done',
  'protectiveActions.ownerStaffId': 'Owner',
  'protectiveActions.dueDate': 'Due by',
  adultViews: 'The person’s views',
  desiredOutcomes: 'Outcomes they want',
  'capacity.assessment': 'Capacity',
  'advocacy.needed': 'Advocacy needed',
  'police.involved': 'Police involved',
  'sharing.organisationId': 'Shared with',
  'sharing.what': 'What was shared',
  'sharing.why': 'Why it was shared',
};

interface SharingDraft {
  organisationId: string;
  what: string;
  why: string;
}

/** Records a safeguarding concern with the minimum dataset; the server names anything missing. */
export function RecordConcernPage() {
  const { personId = '' } = useParams();
  const navigate = useNavigate();
  const person = usePerson(personId);
  const record = useRecordConcern(personId);
  const [enquiryType, setEnquiryType] = useState('');
  const [abuseTypes, setAbuseTypes] = useState<string[]>([]);
  const [s42, setS42] = useState({ needs: '', risk: '', unable: '' });
  const [sourceOfRisk, setSourceOfRisk] = useState('');
  const [locationOfRisk, setLocationOfRisk] = useState('');
  const [immediateActions, setImmediateActions] = useState('');
  const [actions, setActions] = useState<ActionDraft[]>([EMPTY_ACTION]);
  const [adultViews, setAdultViews] = useState('');
  const [desiredOutcomes, setDesiredOutcomes] = useState('');
  const [capacity, setCapacity] = useState('');
  const [capacityNotes, setCapacityNotes] = useState('');
  const [advocacy, setAdvocacy] = useState('');
  const [police, setPolice] = useState('');
  const [policeReference, setPoliceReference] = useState('');
  const [sharing, setSharing] = useState<SharingDraft>({ organisationId: '', what: '', why: '' });
  const organisations = useOrganisations();
  const [errors, setErrors] = useState(NO_PATH_ERRORS);
  usePageTitle('Record a safeguarding concern', errors.summary.length > 0);
  if (person.isPending) return <Loading what="Loading the record" />;
  if (person.isError) return <QueryError error={person.error} />;
  const e = errors.fields;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Unanswered questions are left out so the server names each one.
    const input = {
      enquiryType: enquiryType || undefined,
      abuseTypes,
      s42: {
        careAndSupportNeeds: booleanOf(s42.needs),
        atRiskOfAbuseOrNeglect: booleanOf(s42.risk),
        unableToProtectSelf: booleanOf(s42.unable),
      },
      sourceOfRisk: sourceOfRisk || undefined,
      locationOfRisk,
      immediateActions,
      protectiveActions: actionsOf(actions),
      adultViews,
      desiredOutcomes,
      capacity: { assessment: capacity || undefined, notes: optional(capacityNotes) },
      advocacy: { needed: booleanOf(advocacy) },
      police: { involved: booleanOf(police), reference: optional(policeReference) },
      sharing: sharing.organisationId || sharing.what || sharing.why ? [sharing] : [],
    } as unknown as ConcernInput;
    record.mutate(input, {
      onSuccess: () => navigate(`/people/${personId}/safeguarding`),
      onError: (error) => setErrors(pathErrorsFrom(error, LABELS, ID)),
    });
  };

  return (
    <>
      <BackLink to={`/people/${personId}/safeguarding`}>Back to safeguarding</BackLink>
      <PersonBanner person={person.data} compact />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors.summary} />
          <h1>Record a safeguarding concern</h1>
          <p>Every question is required (Care Act 2014 section 42 minimum dataset).</p>
          <form onSubmit={submit} noValidate>
            <Radios
              id={fieldId(ID, 'enquiryType')}
              label="Type of record"
              value={enquiryType}
              error={e.enquiryType}
              onChange={setEnquiryType}
              options={ENQUIRY_TYPES.map((t) => ({ value: t, label: ENQUIRY_TYPE_LABELS[t] }))}
            />
            <Checkboxes
              id={fieldId(ID, 'abuseTypes')}
              label="Type of abuse"
              hint="Select all that apply."
              small
              values={abuseTypes}
              error={e.abuseTypes}
              onChange={setAbuseTypes}
              options={ABUSE_TYPES.map((t) => ({ value: t, label: ABUSE_TYPE_LABELS[t] }))}
            />
            <Radios
              id={fieldId(ID, 's42.careAndSupportNeeds')}
              label="Has care and support needs"
              inline
              value={s42.needs}
              error={e['s42.careAndSupportNeeds']}
              onChange={(v) => setS42((o) => ({ ...o, needs: v }))}
              options={YES_NO}
            />
            <Radios
              id={fieldId(ID, 's42.atRiskOfAbuseOrNeglect')}
              label="Experiencing or at risk of abuse or neglect"
              inline
              value={s42.risk}
              error={e['s42.atRiskOfAbuseOrNeglect']}
              onChange={(v) => setS42((o) => ({ ...o, risk: v }))}
              options={YES_NO}
            />
            <Radios
              id={fieldId(ID, 's42.unableToProtectSelf')}
              label="Unable to protect themselves because of those needs"
              inline
              value={s42.unable}
              error={e['s42.unableToProtectSelf']}
              onChange={(v) => setS42((o) => ({ ...o, unable: v }))}
              options={YES_NO}
            />
            <Radios
              id={fieldId(ID, 'sourceOfRisk')}
              label="Source of risk"
              value={sourceOfRisk}
              error={e.sourceOfRisk}
              onChange={setSourceOfRisk}
              options={RISK_SOURCES.map((s) => ({ value: s, label: RISK_SOURCE_LABELS[s] }))}
            />
            <TextInput
              id={fieldId(ID, 'locationOfRisk')}
              label="Location of risk"
              value={locationOfRisk}
              error={e.locationOfRisk}
              onChange={setLocationOfRisk}
            />
            <Textarea
              id={fieldId(ID, 'immediateActions')}
              label="Immediate actions"
              rows={3}
              value={immediateActions}
              error={e.immediateActions}
              onChange={setImmediateActions}
            />
            <h2 className="nhsuk-heading-m">Protective actions</h2>
            <ActionRows
              prefix={ID}
              path="protectiveActions"
              rows={actions}
              onChange={setActions}
              careTeam={person.data.careTeam}
              errors={e}
            />
            <h2 className="nhsuk-heading-m">Making Safeguarding Personal</h2>
            <Textarea
              id={fieldId(ID, 'adultViews')}
              label="The person’s views"
              rows={3}
              value={adultViews}
              error={e.adultViews}
              onChange={setAdultViews}
            />
            <Textarea
              id={fieldId(ID, 'desiredOutcomes')}
              label="Outcomes they want"
              rows={3}
              value={desiredOutcomes}
              error={e.desiredOutcomes}
              onChange={setDesiredOutcomes}
            />
            <Radios
              id={fieldId(ID, 'capacity.assessment')}
              label="Capacity"
              value={capacity}
              error={e['capacity.assessment']}
              onChange={setCapacity}
              options={SAFEGUARDING_CAPACITY.map((c) => ({ value: c, label: CAPACITY_LABELS[c] ?? c }))}
            />
            <Textarea
              id={fieldId(ID, 'capacity.notes')}
              label="Capacity notes (optional)"
              rows={2}
              value={capacityNotes}
              onChange={setCapacityNotes}
            />
            <Radios
              id={fieldId(ID, 'advocacy.needed')}
              label="Advocacy needed"
              inline
              value={advocacy}
              error={e['advocacy.needed']}
              onChange={setAdvocacy}
              options={YES_NO}
            />
            <Radios
              id={fieldId(ID, 'police.involved')}
              label="Police involved"
              inline
              value={police}
              error={e['police.involved']}
              onChange={setPolice}
              options={YES_NO}
            />
            <TextInput
              id={fieldId(ID, 'police.reference')}
              label="Police reference (optional)"
              width={20}
              value={policeReference}
              onChange={setPoliceReference}
            />
            <h2 className="nhsuk-heading-m">What was shared, with whom and why</h2>
            <p className="nhsuk-body-s">Leave blank if nothing has been shared yet.</p>
            <Select
              id={fieldId(ID, 'sharing.0.organisationId')}
              label="Shared with"
              value={sharing.organisationId}
              error={e['sharing.0.organisationId']}
              onChange={(v) => setSharing((o) => ({ ...o, organisationId: v }))}
              placeholder="Choose an organisation"
              options={(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
            />
            <Textarea
              id={fieldId(ID, 'sharing.0.what')}
              label="What was shared"
              rows={2}
              value={sharing.what}
              error={e['sharing.0.what']}
              onChange={(v) => setSharing((o) => ({ ...o, what: v }))}
            />
            <Textarea
              id={fieldId(ID, 'sharing.0.why')}
              label="Why it was shared"
              rows={2}
              value={sharing.why}
              error={e['sharing.0.why']}
              onChange={(v) => setSharing((o) => ({ ...o, why: v }))}
            />
            <button className="nhsuk-button" type="submit" disabled={record.isPending}>
              Record concern
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
