import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { DATA_CATEGORY_LABELS } from '../../../contracts/enums.ts';
import type { PersonDetail } from '../../../contracts/people.ts';
import {
  SIGNAL_PROMPT_CATEGORIES,
  SIGNAL_PROMPT_LABELS,
  SIGNAL_PROMPTS,
  type SignalPrompt,
} from '../../../contracts/signals.ts';
import { flash } from '../../components/flash-banner.tsx';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { usePerson } from '../people/people-api.ts';
import { PersonFormFrame } from '../people/person-form-frame.tsx';
import { instantOf, localInputOf, useRecordSignal } from './signals-api.ts';

const LABELS = {
  prompt: 'What you noticed',
  observation: 'Observation',
  observedAt: 'When it was seen',
  category: 'Shared as',
};

function RecordSignalForm({
  person,
  errors,
  setErrors,
}: {
  person: PersonDetail;
  errors: FormErrors;
  setErrors: (e: FormErrors) => void;
}) {
  const navigate = useNavigate();
  const record = useRecordSignal(person.id);
  const [prompt, setPrompt] = useState('');
  const [observation, setObservation] = useState('');
  const [observedAt, setObservedAt] = useState(localInputOf(new Date()));
  const [category, setCategory] = useState('');
  const categories = person.can.addEntry;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!prompt) {
      setErrors({
        summary: [{ message: 'Select what you noticed', fieldId: 'signal-prompt' }],
        fields: { prompt: 'Select what you noticed' },
      });
      return;
    }
    record.mutate(
      {
        prompt: prompt as SignalPrompt,
        observation,
        observedAt: instantOf(observedAt),
        ...(category ? { category: category as PersonDetail['can']['addEntry'][number] } : {}),
      },
      {
        onSuccess: () =>
          navigate(
            `/people/${person.id}/coordination`,
            flash(`Signal recorded: ${SIGNAL_PROMPT_LABELS[prompt as SignalPrompt]}.`),
          ),
        onError: (error) => setErrors(formErrorsFrom(error, LABELS, 'signal')),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Select
        id="signal-prompt"
        label="What you noticed"
        hint="Choose from the prompts every agency in the partnership uses."
        value={prompt}
        onChange={setPrompt}
        placeholder="Choose a prompt"
        options={SIGNAL_PROMPTS.map((p) => ({ value: p, label: SIGNAL_PROMPT_LABELS[p] }))}
        error={errors.fields.prompt}
      />
      <Textarea
        id="signal-observation"
        label="Observation"
        hint="What you saw or heard, in plain words. Everyone who may see this kind of information will read it."
        value={observation}
        onChange={setObservation}
        error={errors.fields.observation}
        rows={5}
      />
      <TextInput
        id="signal-observedAt"
        label="When it was seen"
        hint="The time it happened, not now, if you are recording it later."
        type="datetime-local"
        value={observedAt}
        onChange={setObservedAt}
        error={errors.fields.observedAt}
      />
      <Select
        id="signal-category"
        label="Shared as"
        hint={
          prompt
            ? `Left blank, it is shared as ${DATA_CATEGORY_LABELS[SIGNAL_PROMPT_CATEGORIES[prompt as SignalPrompt]]}.`
            : 'Left blank, it is shared under the usual rule for the prompt.'
        }
        value={category}
        onChange={setCategory}
        placeholder="The usual for this prompt"
        options={categories.map((c) => ({ value: c, label: DATA_CATEGORY_LABELS[c] }))}
        error={errors.fields.category}
      />
      <button className="nhsuk-button" type="submit" disabled={record.isPending}>
        Record signal
      </button>
    </form>
  );
}

/** Records a risk signal from the agreed prompts. */
export function RecordSignalPage() {
  const { personId = '' } = useParams();
  const person = usePerson(personId);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle(
    titleOf(person, (p) => `Record a signal for ${p.givenName} ${p.familyName}`),
    errors.summary.length > 0,
  );
  return (
    <PersonFormFrame personId={personId} person={person} errors={errors} heading="Record a signal">
      {(p) => <RecordSignalForm person={p} errors={errors} setErrors={setErrors} />}
    </PersonFormFrame>
  );
}
