import { type FormEvent, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { DATA_CATEGORY_LABELS } from '../../../contracts/enums.ts';
import type { PersonDetail } from '../../../contracts/people.ts';
import { flash } from '../../components/flash-banner.tsx';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { grantedCategory, usePerson, usePersonMutations } from './people-api.ts';
import { PersonFormFrame } from './person-form-frame.tsx';

const LABELS = { category: 'Section', title: 'Title', body: 'Entry' };

function AddEntryForm({
  person,
  errors,
  setErrors,
}: {
  person: PersonDetail;
  errors: FormErrors;
  setErrors: (e: FormErrors) => void;
}) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { addEntry } = usePersonMutations(person.id);
  const [category, setCategory] = useState<string>(grantedCategory(person, params.get('category')));
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');

  if (person.can.addEntry.length === 0) {
    return <p>You cannot add entries to this person’s record.</p>;
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = grantedCategory(person, category);
    if (!chosen) {
      setErrors({
        summary: [{ message: 'Select a section', fieldId: 'entry-category' }],
        fields: { category: 'Select a section' },
      });
      return;
    }
    addEntry.mutate(
      { category: chosen, title, body },
      {
        onSuccess: () =>
          navigate(
            `/people/${person.id}`,
            flash(`Entry “${title.trim()}” added to ${DATA_CATEGORY_LABELS[chosen]}.`),
          ),
        onError: (error) => setErrors(formErrorsFrom(error, LABELS, 'entry')),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Select
        id="entry-category"
        label="Section"
        hint="Only the sections you may write to are listed."
        value={category}
        onChange={setCategory}
        placeholder="Choose a section"
        options={person.can.addEntry.map((c) => ({ value: c, label: DATA_CATEGORY_LABELS[c] }))}
        error={errors.fields.category}
      />
      <TextInput
        id="entry-title"
        label="Title"
        value={title}
        onChange={setTitle}
        error={errors.fields.title}
        maxLength={200}
      />
      <Textarea
        id="entry-body"
        label="Entry"
        hint="Record what partners need to act safely. Everyone who may see this section will read it."
        value={body}
        onChange={setBody}
        error={errors.fields.body}
        rows={8}
      />
      <button className="nhsuk-button" type="submit">
        Save entry
      </button>
    </form>
  );
}

/** Adds an entry to one of the sections the caller may write to. */
export function AddEntryPage() {
  const { personId = '' } = useParams();
  const person = usePerson(personId);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle(
    titleOf(person, (p) => `Add an entry for ${p.givenName} ${p.familyName}`),
    errors.summary.length > 0,
  );
  return (
    <PersonFormFrame personId={personId} person={person} errors={errors} heading="Add an entry">
      {(p) => <AddEntryForm person={p} errors={errors} setErrors={setErrors} />}
    </PersonFormFrame>
  );
}
