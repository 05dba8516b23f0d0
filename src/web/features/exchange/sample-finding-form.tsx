import { type FormEvent, useState } from 'react';
import type { SampleItem } from '../../../contracts/sampling.ts';
import { Radios } from '../../components/choice-group.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { useRecordFinding } from './sampling-api.ts';

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const;

const LABELS = {
  complete: 'Complete',
  sharedAppropriately: 'Shared appropriately',
  reflectedInRecord: 'Reflected in the record',
  note: 'Note',
} as const;

/** The manager's finding on one sampled summary: three yes/no questions and a note. */
export function SampleFindingForm({ sampleId, item, n }: { sampleId: string; item: SampleItem; n: number }) {
  const record = useRecordFinding(sampleId);
  const [values, setValues] = useState({
    complete: '',
    sharedAppropriately: '',
    reflectedInRecord: '',
    note: '',
  });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const prefix = `finding-${n}`;
  const set = (key: keyof typeof values) => (v: string) => setValues((old) => ({ ...old, [key]: v }));
  const answer = (v: string) => (v === '' ? undefined : v === 'yes');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const answers = (['complete', 'sharedAppropriately', 'reflectedInRecord'] as const).flatMap((key) => {
      const v = answer(values[key]);
      return v === undefined ? [] : [[key, v] as const];
    });
    record.mutate(
      { handoverId: item.handoverId, ...Object.fromEntries(answers), note: values.note },
      { onSuccess: () => setErrors(NO_ERRORS), onError: (e) => setErrors(formErrorsFrom(e, LABELS, prefix)) },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Finding on summary ${n}`}>
      {errors.summary.length > 0 ? <ErrorSummary errors={errors.summary} /> : null}
      {(['complete', 'sharedAppropriately', 'reflectedInRecord'] as const).map((key) => (
        <Radios
          key={key}
          id={`${prefix}-${key}`}
          label={`${LABELS[key]}?`}
          options={YES_NO}
          value={values[key]}
          onChange={set(key)}
          inline
          small
          {...(errors.fields[key] ? { error: errors.fields[key] } : {})}
        />
      ))}
      <Textarea
        id={`${prefix}-note`}
        label={LABELS.note}
        hint="Becomes a supervision note for the sender, seen by them and their manager."
        rows={3}
        value={values.note}
        onChange={set('note')}
        {...(errors.fields.note ? { error: errors.fields.note } : {})}
      />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={record.isPending}>
        Record finding on summary {n}
      </button>
    </form>
  );
}
