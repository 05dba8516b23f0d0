import { type FormEvent, useState } from 'react';
import type { CorrectiveAction } from '../../../contracts/sharing-audit.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { SummaryList } from '../../components/summary-list.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { ApiError } from '../../lib/api-error.ts';
import type { SummaryError } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useMyCorrectiveActions, useSharingAuditMutations } from './sharing-audit-api.ts';
import { findingWords } from './sharing-audit-words.ts';

function CloseForm({ action, n }: { action: CorrectiveAction; n: number }) {
  const { close } = useSharingAuditMutations();
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors([]);
    close.mutate(
      { id: action.id, note },
      {
        onError: (e) =>
          setErrors(
            e instanceof ApiError && e.fieldErrors.length > 0
              ? e.fieldErrors.map((f) => ({
                  message: `What was done ${f.message}`,
                  fieldId: `close-${n}-note`,
                }))
              : [{ message: e instanceof ApiError ? e.detail : 'The action could not be closed.' }],
          ),
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Close action ${n}`}>
      <ErrorSummary errors={errors} />
      <Textarea id={`close-${n}-note`} label="What was done" value={note} onChange={setNote} rows={2} />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">
        Close the action<span className="nhsuk-u-visually-hidden">{` ${n}`}</span>
      </button>
    </form>
  );
}

/** The caller's open corrective actions from information-sharing audits, each closed with what was done. */
export function CorrectiveActionsPage() {
  usePageTitle('Your corrective actions');
  const actions = useMyCorrectiveActions();
  return (
    <>
      <h1>Your corrective actions</h1>
      {actions.isPending ? <Loading /> : null}
      {actions.isError ? <QueryError error={actions.error} /> : null}
      {actions.data?.items.length === 0 ? <p>You have no open corrective actions.</p> : null}
      {actions.data?.items.map((a, i) => (
        <section key={a.id} aria-labelledby={`action-${i + 1}`}>
          <h2 id={`action-${i + 1}`}>{`Action ${i + 1}: ${findingWords(a.finding)}`}</h2>
          <SummaryList
            rows={[
              { key: 'What must be done', value: a.description },
              { key: 'From the audit of', value: a.month },
              { key: 'Due', value: formatDate(a.dueOn) },
            ]}
          />
          <CloseForm action={a} n={i + 1} />
        </section>
      ))}
    </>
  );
}
