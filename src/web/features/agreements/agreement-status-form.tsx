import { type FormEvent, useState } from 'react';
import type { Agreement } from '../../../contracts/agreements.ts';
import { AGREEMENT_STATUSES } from '../../../contracts/enums.ts';
import { Radios } from '../../components/choice-group.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { ApiError } from '../../lib/api-error.ts';
import { type FormErrors, NO_ERRORS } from '../../lib/form-errors.ts';
import { AGREEMENT_STATUS_LABELS } from '../../lib/legal-labels.ts';
import { fieldWords, STATUS_ACTION } from './agreement-words.ts';
import { useAgreementMutations } from './agreements-api.ts';

/**
 * The server's refusal as an error summary: its detail first, then every field it names (for an
 * activation, every gap in the terms), in words.
 */
function refusal(error: unknown): FormErrors {
  if (!(error instanceof ApiError))
    return { summary: [{ message: 'The status could not be changed. Try again.' }], fields: {} };
  const fields: Record<string, string> = {};
  const summary = error.fieldErrors
    .filter((f) => f.field !== 'body.note' && f.field !== 'body.status')
    // Sign-off and awareness gaps come as whole sentences; field gaps as the field and what is wrong.
    .map((f) => ({
      message: /^body\.(signOffs|staffAwareness)\./.test(f.field)
        ? f.message
        : f.field === 'body.legalBasis'
          ? `Legal basis ${f.message}`
          : `${fieldWords(f.field)} ${f.message}`,
    }));
  for (const f of error.fieldErrors) if (f.field === 'body.note') fields.note = `Reason ${f.message}`;
  const noteLine = fields.note ? [{ message: fields.note, fieldId: 'status-note' }] : [];
  return { summary: [{ message: error.detail }, ...summary, ...noteLine], fields };
}

/** Moves an agreement through its lifecycle; the server says which moves the caller may make. */
export function AgreementStatusForm({ agreement }: { agreement: Agreement }) {
  const { changeStatus } = useAgreementMutations(agreement.id);
  const [status, setStatus] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const options = agreement.can.changeStatusTo;
  if (options.length === 0) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const to = AGREEMENT_STATUSES.find((s) => s === status);
    const fields: Record<string, string> = {};
    if (!to) fields.status = 'Select what to do';
    if (!note.trim()) fields.note = 'Give a reason for the change';
    if (!to || fields.note)
      return setErrors({
        summary: Object.entries(fields).map(([k, message]) => ({ message, fieldId: `status-${k}` })),
        fields,
      });
    setErrors(NO_ERRORS);
    changeStatus.mutate(
      { status: to, note: note.trim() },
      {
        onSuccess: () => {
          setStatus('');
          setNote('');
        },
        onError: (error) => setErrors(refusal(error)),
      },
    );
  };

  return (
    <section aria-labelledby="status-heading" className="accord-section-gap nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h2 id="status-heading">Change the status</h2>
        <ErrorSummary errors={errors.summary} />
        {changeStatus.isSuccess ? (
          <p className="accord-confirmation" role="status">
            The agreement is now {AGREEMENT_STATUS_LABELS[changeStatus.data.status].toLowerCase()}.
          </p>
        ) : null}
        <form onSubmit={submit} noValidate>
          <Radios
            id="status-status"
            label="What do you want to do?"
            value={status}
            onChange={setStatus}
            error={errors.fields.status}
            options={options.map((s) => ({ value: s, label: STATUS_ACTION[s] }))}
          />
          <Textarea
            id="status-note"
            label="Reason"
            hint="Recorded in the agreement’s history."
            rows={3}
            value={note}
            onChange={setNote}
            error={errors.fields.note}
          />
          <button className="nhsuk-button" type="submit">
            {changeStatus.isPending ? 'Saving…' : 'Change the status'}
          </button>
        </form>
      </div>
    </section>
  );
}
