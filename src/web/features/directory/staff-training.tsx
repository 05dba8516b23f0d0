import { type FormEvent, useState } from 'react';
import type { Staff } from '../../../contracts/directory.ts';
import { TRAINING_KINDS } from '../../../contracts/enums.ts';
import { DateInput, type DateParts, isoOf, partsOf } from '../../components/date-input.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Select } from '../../components/select.tsx';
import { Tag } from '../../components/tag.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { formatDate, todayIso } from '../../lib/format.ts';
import { TRAINING_KIND_LABELS } from '../../lib/labels.ts';
import { useDirectoryMutations } from './directory-api.ts';

const LABELS = { kind: 'Training', completedOn: 'Date completed', expiresOn: 'Expiry date' };
const FIELD_IDS: Record<string, string> = {
  kind: 'training-kind',
  completedOn: 'training-completedOn',
  expiresOn: 'training-expiresOn',
};

function nextYear(iso: string): string {
  const [y = '', rest = ''] = [iso.slice(0, 4), iso.slice(4)];
  return `${Number(y) + 1}${rest}`;
}

/** A staff member's training records, and a form to record completed training. */
export function StaffTraining({ staff }: { staff: Staff }) {
  const { addTraining } = useDirectoryMutations();
  const today = todayIso();
  const [kind, setKind] = useState('');
  const [completed, setCompleted] = useState<DateParts>(partsOf(today));
  const [expires, setExpires] = useState<DateParts>(partsOf(nextYear(today)));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [done, setDone] = useState('');
  const records = [...staff.training].sort((a, b) => b.expiresOn.localeCompare(a.expiresOn));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone('');
    const chosen = TRAINING_KINDS.find((k) => k === kind);
    const completedOn = isoOf(completed);
    const expiresOn = isoOf(expires);
    const fields: Record<string, string> = {};
    if (!chosen) fields.kind = 'Choose the training';
    if (!completedOn) fields.completedOn = 'Date completed must be a real date';
    if (!expiresOn) fields.expiresOn = 'Expiry date must be a real date';
    if (!chosen || !completedOn || !expiresOn) {
      return setErrors({
        fields,
        summary: Object.entries(fields).map(([k, message]) => ({ message, fieldId: FIELD_IDS[k] ?? '' })),
      });
    }
    addTraining.mutate(
      { id: staff.id, kind: chosen, completedOn, expiresOn },
      {
        onSuccess: () => {
          setErrors(NO_ERRORS);
          setDone(`${TRAINING_KIND_LABELS[chosen]} training recorded.`);
        },
        onError: (error) => setErrors(formErrorsFrom(error, LABELS, 'training')),
      },
    );
  };

  return (
    <section aria-labelledby="training-heading">
      <h2 id="training-heading">Training</h2>
      {records.length === 0 ? (
        <p>
          No training has been recorded. Without current information governance training, this person cannot
          see anyone’s information.
        </p>
      ) : (
        <table className="nhsuk-table accord-table-responsive">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Training records</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              {['Training', 'Completed', 'Expires', 'Status'].map((h) => (
                <th className="nhsuk-table__header" scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {records.map((t) => (
              <tr className="nhsuk-table__row" key={t.id}>
                <td className="nhsuk-table__cell" data-label="Training">
                  {TRAINING_KIND_LABELS[t.kind]}
                </td>
                <td className="nhsuk-table__cell" data-label="Completed">
                  {formatDate(t.completedOn)}
                </td>
                <td className="nhsuk-table__cell" data-label="Expires">
                  {formatDate(t.expiresOn)}
                </td>
                <td className="nhsuk-table__cell" data-label="Status">
                  {t.expiresOn >= today ? <Tag colour="green">Current</Tag> : <Tag colour="red">Expired</Tag>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Record completed training</h3>
      {done ? (
        <p className="accord-confirmation" role="status">
          {done}
        </p>
      ) : null}
      <ErrorSummary errors={errors.summary} />
      <form onSubmit={submit} noValidate>
        <Select
          id="training-kind"
          label="Training"
          value={kind}
          onChange={setKind}
          placeholder="Choose the training"
          options={TRAINING_KINDS.map((k) => ({ value: k, label: TRAINING_KIND_LABELS[k] }))}
          error={errors.fields.kind}
        />
        <DateInput
          id="training-completedOn"
          label="Date completed"
          value={completed}
          onChange={setCompleted}
          error={errors.fields.completedOn}
        />
        <DateInput
          id="training-expiresOn"
          label="Expiry date"
          value={expires}
          onChange={setExpires}
          error={errors.fields.expiresOn}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Record training
        </button>
      </form>
    </section>
  );
}
