import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { PersonDetail } from '../../../contracts/people.ts';
import {
  ATTENDANCE_LABELS,
  ATTENDANCE_OUTCOMES,
  type AttendanceOutcome,
  CONTACT_TYPE_LABELS,
  CONTACT_TYPES,
  type ContactType,
} from '../../../contracts/signals.ts';
import { Radios } from '../../components/choice-group.tsx';
import { flash } from '../../components/flash-banner.tsx';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { usePerson } from '../people/people-api.ts';
import { PersonFormFrame } from '../people/person-form-frame.tsx';
import { instantOf, localInputOf, useRecordContact } from './signals-api.ts';

const LABELS = { type: 'Kind of contact', outcome: 'Attendance', occurredAt: 'When', note: 'Note' };

function RecordContactForm({
  person,
  errors,
  setErrors,
}: {
  person: PersonDetail;
  errors: FormErrors;
  setErrors: (e: FormErrors) => void;
}) {
  const navigate = useNavigate();
  const record = useRecordContact(person.id);
  const [type, setType] = useState('');
  const [outcome, setOutcome] = useState('');
  const [occurredAt, setOccurredAt] = useState(localInputOf(new Date()));
  const [note, setNote] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: FormErrors = { summary: [], fields: {} };
    if (!type) {
      missing.summary.push({ message: 'Select the kind of contact', fieldId: 'contact-type' });
      missing.fields.type = 'Select the kind of contact';
    }
    if (!outcome) {
      missing.summary.push({ message: 'Select the attendance', fieldId: 'contact-outcome' });
      missing.fields.outcome = 'Select the attendance';
    }
    if (missing.summary.length > 0) {
      setErrors(missing);
      return;
    }
    record.mutate(
      {
        type: type as ContactType,
        outcome: outcome as AttendanceOutcome,
        occurredAt: instantOf(occurredAt),
        ...(note.trim() ? { note } : {}),
      },
      {
        onSuccess: (r) =>
          navigate(
            `/people/${person.id}/coordination`,
            flash(
              r.derivedSignalId
                ? 'Contact recorded. The missed contact was also recorded as a signal.'
                : 'Contact recorded.',
            ),
          ),
        onError: (error) => setErrors(formErrorsFrom(error, LABELS, 'contact')),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Select
        id="contact-type"
        label="Kind of contact"
        value={type}
        onChange={setType}
        placeholder="Choose a kind"
        options={CONTACT_TYPES.map((t) => ({ value: t, label: CONTACT_TYPE_LABELS[t] }))}
        error={errors.fields.type}
      />
      <Radios
        id="contact-outcome"
        label="Attendance"
        hint="A missed appointment or medication-support visit is also recorded as a signal."
        value={outcome}
        onChange={setOutcome}
        options={ATTENDANCE_OUTCOMES.map((o) => ({ value: o, label: ATTENDANCE_LABELS[o] }))}
        error={errors.fields.outcome}
        small
      />
      <TextInput
        id="contact-occurredAt"
        label="When"
        hint="When it happened, or is due if you are scheduling it."
        type="datetime-local"
        value={occurredAt}
        onChange={setOccurredAt}
        error={errors.fields.occurredAt}
      />
      <Textarea
        id="contact-note"
        label="Note (optional)"
        value={note}
        onChange={setNote}
        error={errors.fields.note}
        rows={3}
      />
      <button className="nhsuk-button" type="submit" disabled={record.isPending}>
        Save contact
      </button>
    </form>
  );
}

/** Schedules or records a contact or visit. */
export function RecordContactPage() {
  const { personId = '' } = useParams();
  const person = usePerson(personId);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle(
    titleOf(person, (p) => `Record a contact for ${p.givenName} ${p.familyName}`),
    errors.summary.length > 0,
  );
  return (
    <PersonFormFrame personId={personId} person={person} errors={errors} heading="Record a contact or visit">
      {(p) => <RecordContactForm person={p} errors={errors} setErrors={setErrors} />}
    </PersonFormFrame>
  );
}
