import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { HuddleReviewInput } from '../../../contracts/safeguarding.ts';
import { BackLink } from '../../components/back-link.tsx';
import { DateInput, type DateParts, isoOf, partsOf } from '../../components/date-input.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { todayIso } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { usePerson } from '../people/people-api.ts';
import { PersonBanner } from '../people/person-banner.tsx';
import { type ActionDraft, ActionRows, actionsOf, EMPTY_ACTION } from './action-rows.tsx';
import { fieldId, NO_PATH_ERRORS, optional, pathErrorsFrom } from './form-support.ts';
import { useRecordHuddleReview } from './safeguarding-api.ts';

const ID = 'huddle';
const LABELS: Readonly<Record<string, string>> = {
  heldOn: 'Huddle date',
  'partnerContacts.organisation': 'Partner organisation',
  'partnerContacts.contact': 'Who was contacted',
  'partnerContacts.outcome': 'Outcome',
  'actions.description': 'What is to be done',
  'actions.ownerStaffId': 'Owner',
  'actions.dueDate': 'Due by',
  nextHuddleOn: 'Next huddle',
};

interface ContactDraft {
  organisation: string;
  contact: string;
  outcome: string;
}

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

/** Records a huddle's review of one concern: partner contacts, actions, the next huddle date. */
export function HuddleReviewPage() {
  const { personId = '', concernId = '' } = useParams();
  const navigate = useNavigate();
  const person = usePerson(personId);
  const record = useRecordHuddleReview(personId, concernId);
  const [heldOn, setHeldOn] = useState<DateParts>(partsOf(todayIso()));
  const [contacts, setContacts] = useState<ContactDraft[]>([{ organisation: '', contact: '', outcome: '' }]);
  const [notes, setNotes] = useState('');
  const [actions, setActions] = useState<ActionDraft[]>([EMPTY_ACTION]);
  const [next, setNext] = useState<DateParts>(partsOf(inAWeek()));
  const [errors, setErrors] = useState(NO_PATH_ERRORS);
  usePageTitle('Record a huddle review', errors.summary.length > 0);
  if (person.isPending) return <Loading what="Loading the record" />;
  if (person.isError) return <QueryError error={person.error} />;
  const e = errors.fields;
  const setContact = (i: number, change: Partial<ContactDraft>) =>
    setContacts((old) => old.map((c, j) => (j === i ? { ...c, ...change } : c)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      heldOn: isoOf(heldOn) ?? '',
      partnerContacts: contacts.filter((c) => c.organisation || c.contact || c.outcome),
      notes: optional(notes),
      actions: actionsOf(actions),
      nextHuddleOn: isoOf(next) ?? '',
    } as HuddleReviewInput;
    record.mutate(input, {
      onSuccess: () => navigate('/safeguarding/huddle'),
      onError: (error) => setErrors(pathErrorsFrom(error, LABELS, ID)),
    });
  };

  return (
    <>
      <BackLink to="/safeguarding/huddle">Back to the huddle</BackLink>
      <PersonBanner person={person.data} compact />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors.summary} />
          <h1>Record a huddle review</h1>
          <form onSubmit={submit} noValidate>
            <DateInput
              id={fieldId(ID, 'heldOn')}
              label="Huddle date"
              value={heldOn}
              error={e.heldOn}
              onChange={setHeldOn}
            />
            <h2 className="nhsuk-heading-m">Partner contacts</h2>
            {contacts.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until sent
              <fieldset className="nhsuk-fieldset" key={i}>
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Contact {i + 1}</legend>
                <TextInput
                  id={fieldId(ID, `partnerContacts.${i}.organisation`)}
                  label="Partner organisation"
                  value={c.organisation}
                  error={e[`partnerContacts.${i}.organisation`]}
                  onChange={(v) => setContact(i, { organisation: v })}
                />
                <TextInput
                  id={fieldId(ID, `partnerContacts.${i}.contact`)}
                  label="Who was contacted"
                  value={c.contact}
                  error={e[`partnerContacts.${i}.contact`]}
                  onChange={(v) => setContact(i, { contact: v })}
                />
                <Textarea
                  id={fieldId(ID, `partnerContacts.${i}.outcome`)}
                  label="Outcome"
                  rows={2}
                  value={c.outcome}
                  error={e[`partnerContacts.${i}.outcome`]}
                  onChange={(v) => setContact(i, { outcome: v })}
                />
              </fieldset>
            ))}
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              onClick={() => setContacts((old) => [...old, { organisation: '', contact: '', outcome: '' }])}
            >
              Add another contact
            </button>
            <Textarea
              id={fieldId(ID, 'notes')}
              label="Notes (optional)"
              rows={3}
              value={notes}
              onChange={setNotes}
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
            <DateInput
              id={fieldId(ID, 'nextHuddleOn')}
              label="Next huddle"
              value={next}
              error={e.nextHuddleOn}
              onChange={setNext}
            />
            <button className="nhsuk-button" type="submit" disabled={record.isPending}>
              Record review
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
