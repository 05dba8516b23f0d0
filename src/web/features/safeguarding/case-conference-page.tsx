import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { DATA_CATEGORIES, DATA_CATEGORY_LABELS } from '../../../contracts/enums.ts';
import { type CaseConferenceInput, SHARING_BASES } from '../../../contracts/safeguarding.ts';
import { BackLink } from '../../components/back-link.tsx';
import { Checkboxes } from '../../components/choice-group.tsx';
import { DateInput, type DateParts, isoOf, partsOf } from '../../components/date-input.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { todayIso } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useOrganisations } from '../directory/directory-api.ts';
import { usePerson } from '../people/people-api.ts';
import { PersonBanner } from '../people/person-banner.tsx';
import { type ActionDraft, ActionRows, actionsOf, EMPTY_ACTION } from './action-rows.tsx';
import { fieldId, NO_PATH_ERRORS, pathErrorsFrom } from './form-support.ts';
import { useRecordConference } from './safeguarding-api.ts';
import { SHARING_BASIS_LABELS } from './safeguarding-words.ts';

const ID = 'conference';
const LABELS: Readonly<Record<string, string>> = {
  heldOn: 'Date held',
  attendees: 'Attendees',
  'attendees.name': 'Attendee name',
  'attendees.organisationId': 'Attendee organisation',
  'attendees.role': 'Attendee role',
  personViews: 'The person’s views',
  'shared.organisationId': 'Shared by',
  'shared.categories': 'Information shared',
  'shared.basis': 'Basis for sharing',
  'shared.rationale': 'Why it was shared',
  decisions: 'Decisions',
  'actions.description': 'What is to be done',
  'actions.ownerStaffId': 'Owner',
  'actions.dueDate': 'Due by',
};

interface AttendeeDraft {
  name: string;
  organisationId: string;
  role: string;
}
interface SharedDraft {
  organisationId: string;
  categories: string[];
  basis: string;
  rationale: string;
}
const NO_ATTENDEE: AttendeeDraft = { name: '', organisationId: '', role: '' };
const NO_SHARED: SharedDraft = { organisationId: '', categories: [], basis: '', rationale: '' };

/** Records a structured case conference (MDT): who came, the person's views, what was shared, decisions, actions. */
export function CaseConferencePage() {
  const { personId = '' } = useParams();
  const navigate = useNavigate();
  const person = usePerson(personId);
  const organisations = useOrganisations();
  const record = useRecordConference(personId);
  const [heldOn, setHeldOn] = useState<DateParts>(partsOf(todayIso()));
  const [attendees, setAttendees] = useState<AttendeeDraft[]>([NO_ATTENDEE, NO_ATTENDEE]);
  const [personViews, setPersonViews] = useState('');
  const [shared, setShared] = useState<SharedDraft[]>([NO_SHARED]);
  const [decisions, setDecisions] = useState('');
  const [actions, setActions] = useState<ActionDraft[]>([EMPTY_ACTION]);
  const [errors, setErrors] = useState(NO_PATH_ERRORS);
  usePageTitle('Record a case conference', errors.summary.length > 0);
  if (person.isPending || organisations.isPending) return <Loading what="Loading the record" />;
  if (person.isError) return <QueryError error={person.error} />;
  const e = errors.fields;
  const orgOptions = (organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  const setAttendee = (i: number, c: Partial<AttendeeDraft>) =>
    setAttendees((old) => old.map((a, j) => (j === i ? { ...a, ...c } : a)));
  const setShare = (i: number, c: Partial<SharedDraft>) =>
    setShared((old) => old.map((s, j) => (j === i ? { ...s, ...c } : s)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      heldOn: isoOf(heldOn) ?? '',
      attendees: attendees.filter((a) => a.name || a.organisationId || a.role),
      personViews,
      shared: shared
        .filter((s) => s.organisationId || s.categories.length > 0 || s.basis || s.rationale)
        .map((s) => ({ ...s, basis: s.basis || undefined })),
      decisions: decisions
        .split('\n')
        .map((d) => d.trim())
        .filter(Boolean),
      actions: actionsOf(actions),
    } as unknown as CaseConferenceInput;
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
          <h1>Record a case conference</h1>
          <form onSubmit={submit} noValidate>
            <DateInput
              id={fieldId(ID, 'heldOn')}
              label="Date held"
              value={heldOn}
              error={e.heldOn}
              onChange={setHeldOn}
            />
            <h2 className="nhsuk-heading-m" id={fieldId(ID, 'attendees')} tabIndex={-1}>
              Attendees
            </h2>
            {e.attendees ? <p className="nhsuk-error-message">{e.attendees}</p> : null}
            {attendees.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until sent
              <fieldset className="nhsuk-fieldset" key={i}>
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Attendee {i + 1}</legend>
                <TextInput
                  id={fieldId(ID, `attendees.${i}.name`)}
                  label="Name"
                  value={a.name}
                  error={e[`attendees.${i}.name`]}
                  onChange={(v) => setAttendee(i, { name: v })}
                />
                <Select
                  id={fieldId(ID, `attendees.${i}.organisationId`)}
                  label="Organisation"
                  value={a.organisationId}
                  error={e[`attendees.${i}.organisationId`]}
                  onChange={(v) => setAttendee(i, { organisationId: v })}
                  placeholder="Choose an organisation"
                  options={orgOptions}
                />
                <TextInput
                  id={fieldId(ID, `attendees.${i}.role`)}
                  label="Role"
                  value={a.role}
                  error={e[`attendees.${i}.role`]}
                  onChange={(v) => setAttendee(i, { role: v })}
                />
              </fieldset>
            ))}
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              onClick={() => setAttendees((old) => [...old, NO_ATTENDEE])}
            >
              Add another attendee
            </button>
            <Textarea
              id={fieldId(ID, 'personViews')}
              label="The person’s views"
              rows={3}
              value={personViews}
              error={e.personViews}
              onChange={setPersonViews}
            />
            <h2 className="nhsuk-heading-m">Information shared at the meeting</h2>
            {shared.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until sent
              <fieldset className="nhsuk-fieldset" key={i}>
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                  Shared item {i + 1}
                </legend>
                <Select
                  id={fieldId(ID, `shared.${i}.organisationId`)}
                  label="Shared by"
                  value={s.organisationId}
                  error={e[`shared.${i}.organisationId`]}
                  onChange={(v) => setShare(i, { organisationId: v })}
                  placeholder="Choose an organisation"
                  options={orgOptions}
                />
                <Checkboxes
                  id={fieldId(ID, `shared.${i}.categories`)}
                  label="Information shared"
                  small
                  values={s.categories}
                  error={e[`shared.${i}.categories`]}
                  onChange={(v) => setShare(i, { categories: v })}
                  options={DATA_CATEGORIES.map((c) => ({ value: c, label: DATA_CATEGORY_LABELS[c] }))}
                />
                <Select
                  id={fieldId(ID, `shared.${i}.basis`)}
                  label="Basis for sharing"
                  value={s.basis}
                  error={e[`shared.${i}.basis`]}
                  onChange={(v) => setShare(i, { basis: v })}
                  placeholder="Choose the basis"
                  options={SHARING_BASES.map((b) => ({ value: b, label: SHARING_BASIS_LABELS[b] ?? b }))}
                />
                <Textarea
                  id={fieldId(ID, `shared.${i}.rationale`)}
                  label="Why it was shared"
                  rows={2}
                  value={s.rationale}
                  error={e[`shared.${i}.rationale`]}
                  onChange={(v) => setShare(i, { rationale: v })}
                />
              </fieldset>
            ))}
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              onClick={() => setShared((old) => [...old, NO_SHARED])}
            >
              Add another shared item
            </button>
            <Textarea
              id={fieldId(ID, 'decisions')}
              label="Decisions"
              hint="One decision a line."
              rows={4}
              value={decisions}
              error={e.decisions}
              onChange={setDecisions}
            />
            <h2 className="nhsuk-heading-m">Actions</h2>
            <ActionRows
              prefix={ID}
              path="actions"
              rows={actions}
              onChange={setActions}
              careTeam={person.data.careTeam}
              errors={e}
            />
            <button className="nhsuk-button" type="submit" disabled={record.isPending}>
              Record case conference
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
