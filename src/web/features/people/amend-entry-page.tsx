import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { PersonDetail, RecordEntry } from '../../../contracts/people.ts';
import { flash } from '../../components/flash-banner.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { findEntry } from './find-entry.ts';
import { usePerson, usePersonMutations } from './people-api.ts';
import { PersonFormFrame } from './person-form-frame.tsx';

const LABELS = { title: 'Title', body: 'Entry', reason: 'Reason for the amendment' };

function AmendForm({
  person,
  entry,
  errors,
  setErrors,
}: {
  person: PersonDetail;
  entry: RecordEntry;
  errors: FormErrors;
  setErrors: (e: FormErrors) => void;
}) {
  const navigate = useNavigate();
  const { amendEntry } = usePersonMutations(person.id);
  const [title, setTitle] = useState(entry.title);
  const [body, setBody] = useState(entry.body);
  const [reason, setReason] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    amendEntry.mutate(
      { entryId: entry.id, title, body, reason },
      {
        onSuccess: (result) =>
          navigate(
            `/people/${person.id}`,
            flash(`Entry “${title.trim()}” amended (version ${result.version}).`),
          ),
        onError: (error) => setErrors(formErrorsFrom(error, LABELS, 'amend')),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <TextInput
        id="amend-title"
        label="Title"
        value={title}
        onChange={setTitle}
        error={errors.fields.title}
        maxLength={200}
      />
      <Textarea
        id="amend-body"
        label="Entry"
        value={body}
        onChange={setBody}
        error={errors.fields.body}
        rows={8}
      />
      <Textarea
        id="amend-reason"
        label="Reason for the amendment"
        hint="For example, ‘corrected the date of the review’. Earlier versions are kept and can be seen by the same people."
        value={reason}
        onChange={setReason}
        error={errors.fields.reason}
        rows={3}
      />
      <button className="nhsuk-button" type="submit">
        Save amendment
      </button>
    </form>
  );
}

/** Amends an entry the caller's organisation recorded, with a reason; earlier versions are kept. */
export function AmendEntryPage() {
  const { personId = '', entryId = '' } = useParams();
  const person = usePerson(personId);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const entry = person.data ? findEntry(person.data, entryId) : undefined;
  usePageTitle(
    titleOf(person, () => (entry ? `Amend “${entry.title}”` : 'Page not found')),
    errors.summary.length > 0,
  );
  return (
    <PersonFormFrame
      personId={personId}
      person={person}
      errors={errors}
      heading="Amend an entry"
      found={entry !== undefined}
    >
      {(p) => (entry ? <AmendForm person={p} entry={entry} errors={errors} setErrors={setErrors} /> : null)}
    </PersonFormFrame>
  );
}
